import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore, defineSchema, isSchemaLedgerError } from '../../src/index.js'
import { fileAdapter } from '../../src/node/index.js'
import { runStorageAdapterSuite } from '../../src/testing/index.js'

const root = mkdtempSync(join(tmpdir(), 'schemaledger-file-adapter-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let count = 0
const freshDir = () => join(root, `store-${++count}`)

runStorageAdapterSuite({ name: 'fileAdapter', create: () => fileAdapter({ dir: freshDir() }), describe, it, expect })

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run()
  } catch (error) {
    return isSchemaLedgerError(error) ? error.code : String(error)
  }
  return 'no error'
}

describe('fileAdapter options', () => {
  it('rejects missing or malformed options with the option named', async () => {
    for (const options of [undefined, null, {}, { dir: '' }, { dir: '  ' }, { dir: 'a\u0000b' }, { dir: 3 }]) {
      expect(await codeOf(() => fileAdapter(options as never))).toBe('invalid_option')
    }
    expect(await codeOf(() => fileAdapter({ dir: 'x', staleTempAfterMs: -1 }))).toBe('invalid_option')
    expect(await codeOf(() => fileAdapter({ dir: 'x', staleTempAfterMs: Number.NaN }))).toBe('invalid_option')
  })

  it('creates the directory on the first write only', async () => {
    const dir = freshDir()
    const adapter = fileAdapter({ dir })
    expect(await adapter.getKeys()).toEqual([])
    expect(await adapter.getItem('a/b.json')).toBe(null)
    await adapter.setItem('a/b.json', '{}')
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.json'])
    expect(adapter.locate('a/b.json')).toBe(join(dir, 'a', 'b.json'))
  })
})

describe('fileAdapter keys cannot escape the directory', () => {
  const escapes = [
    '../outside.json',
    'a/../../outside.json',
    'a/..',
    './a',
    '/etc/passwd',
    'C:\\Windows\\x',
    'C:/x',
    'a\\..\\b',
    'a\u0000b',
    'a/\u0007bell',
    '',
    'a//b',
    'a/',
    '.hidden',
    'a/.tmp-1-ab',
    'CON',
    'a/nul.json',
    'com1',
    'Lpt9.txt',
    'aux/x',
    'trailing.',
    'trailing ',
    'what?',
    'x'.repeat(2000),
  ]

  it.each(escapes)('rejects %j for every operation', async (key) => {
    const dir = freshDir()
    const adapter = fileAdapter({ dir })
    const operations = [
      () => adapter.getItem(key),
      () => adapter.setItem(key, 'x'),
      () => adapter.setItemIfAbsent(key, 'x'),
      () => adapter.hasItem(key),
      () => adapter.removeItem(key),
      () => adapter.locate(key),
    ]
    for (const operation of operations) expect(await codeOf(operation)).toBe('invalid_storage_key')
  })

  it('rejects listing prefixes that climb out, and wrote nothing anywhere', async () => {
    const adapter = fileAdapter({ dir: join(root, 'listing') })
    expect(await codeOf(() => adapter.getKeys('../'))).toBe('invalid_storage_key')
    expect(await codeOf(() => adapter.getKeys('a/../../'))).toBe('invalid_storage_key')
    expect(readdirSync(root).filter((name) => !name.startsWith('store-'))).toEqual([])
  })

  it('rejects schema names a file system would refuse, through the store', async () => {
    const store = createSchemaStore({ adapter: fileAdapter({ dir: freshDir() }) })
    const schema = defineSchema({ tables: [{ name: 't', columns: [{ name: 'id', type: 'integer' }] }] })
    expect(await codeOf(() => store.save('CON', schema))).toBe('invalid_storage_key')
    expect(await codeOf(() => store.save('what?', schema))).toBe('invalid_storage_key')
    expect(await codeOf(() => store.save('../up', schema))).toBe('invalid_name')
  })
})

describe('fileAdapter temporary files', () => {
  it('never lists temporary or hidden files as keys', async () => {
    const dir = freshDir()
    const adapter = fileAdapter({ dir })
    await adapter.setItem('billing/v0001.json', '{}')
    writeFileSync(join(dir, 'billing', `.tmp-${process.pid}-abcdef`), 'partial')
    mkdirSync(join(dir, '.git'))
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref')
    expect(await adapter.getKeys()).toEqual(['billing/v0001.json'])
    expect(await adapter.getKeys('billing/')).toEqual(['billing/v0001.json'])
  })

  it('removes stale temporary files of dead processes on open, and nothing else', async () => {
    const dir = freshDir()
    mkdirSync(join(dir, 'billing'), { recursive: true })
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid ?? 999_999
    const files = {
      oldDead: join(dir, 'billing', `.tmp-${deadPid}-0a`),
      freshDead: join(dir, 'billing', `.tmp-${deadPid}-0b`),
      oldAlive: join(dir, `.tmp-${process.pid}-0c`),
    }
    for (const path of Object.values(files)) writeFileSync(path, 'partial')
    const anHourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(files.oldDead, anHourAgo, anHourAgo)
    utimesSync(files.oldAlive, anHourAgo, anHourAgo)
    await fileAdapter({ dir, staleTempAfterMs: 60_000 }).getKeys()
    expect(readdirSync(join(dir, 'billing')).sort()).toEqual([`.tmp-${deadPid}-0b`])
    expect(readdirSync(dir).filter((name) => name.startsWith('.tmp-'))).toEqual([`.tmp-${process.pid}-0c`])
  })
})
