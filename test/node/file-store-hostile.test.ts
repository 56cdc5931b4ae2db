import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore, defineSchema, isSchemaLedgerError, StoreAccessError } from '../../src/index.js'
import { fileAdapter } from '../../src/node/index.js'

// A store directory is data that may come from anyone (a git checkout): symbolic links in it must not
// lead reads or writes elsewhere, names must map to one file each, and a full disk or a directory in
// the wrong place must give an error naming the file, at once.

const root = mkdtempSync(join(tmpdir(), 'schemaledger-hostile-store-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let count = 0
const fresh = (): string => {
  const dir = join(root, `case-${++count}`)
  mkdirSync(join(dir, 'store'), { recursive: true })
  mkdirSync(join(dir, 'outside'))
  return dir
}
const schema = (n: number) =>
  defineSchema({ tables: [{ name: `t${n}`, columns: [{ name: 'id', type: 'integer', nullable: false }] }] })

async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string; reason?: unknown }> {
  try {
    await run()
  } catch (error) {
    if (!isSchemaLedgerError(error)) throw error
    return { code: error.code, message: error.message, reason: (error as { reason?: unknown }).reason }
  }
  throw new Error('expected an error')
}

describe('file store: symbolic links inside the store never lead outside it', () => {
  it('a linked schema directory is neither read, written nor listed', async () => {
    const dir = fresh()
    const outside = join(dir, 'outside')
    // A valid store elsewhere, then a link to it from inside this one.
    await createSchemaStore({ adapter: fileAdapter({ dir: outside }) }).save('billing', schema(1))
    symlinkSync(join(outside, 'billing'), join(dir, 'store', 'billing'))
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'store') }) })
    const link = join(dir, 'store', 'billing')
    for (const operation of [
      () => store.load('billing', 1),
      () => store.history('billing'),
      () => store.save('billing', schema(2)),
      () => store.tag('billing', 1, 'prod'),
    ]) {
      expect(await failure(operation)).toMatchObject({ code: 'store_access', reason: 'outside_store' })
    }
    expect((await failure(() => store.load('billing', 1))).message).toBe(
      `Cannot list ${link}: it is a symbolic link that leads outside the store directory (to ${join(outside, 'billing')})`,
    )
    expect(readdirSync(join(outside, 'billing')).sort()).toEqual(['v0001.json'])
    expect(await store.names()).toEqual([])
  })

  it('a linked version file is not read', async () => {
    const dir = fresh()
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'store') }) })
    await store.save('billing', schema(1))
    writeFileSync(join(dir, 'outside', 'secret.json'), '{"secret": true}')
    symlinkSync(join(dir, 'outside', 'secret.json'), join(dir, 'store', 'billing', 'v0002.json'))
    expect(await failure(() => store.load('billing', 2))).toMatchObject({
      code: 'store_access',
      reason: 'outside_store',
    })
  })

  it('a dangling link to a directory outside creates nothing there', async () => {
    const dir = fresh()
    const target = join(dir, 'outside', 'not-yet')
    symlinkSync(target, join(dir, 'store', 'billing'))
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'store') }) })
    expect((await failure(() => store.save('billing', schema(1)))).code).toBe('store_access')
    expect(existsSync(target)).toBe(false)
  })

  it('links that stay inside the store, and a store directory that is itself a link, work', async () => {
    const dir = fresh()
    const real = join(dir, 'outside', 'real-store')
    mkdirSync(real)
    symlinkSync(real, join(dir, 'linked-store'))
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'linked-store') }) })
    await store.save('billing', schema(1))
    mkdirSync(join(real, 'archive'))
    symlinkSync(join(real, 'billing'), join(real, 'archive', 'billing'))
    expect((await store.load('billing')).version).toBe(1)
    const adapter = fileAdapter({ dir: join(dir, 'linked-store', 'archive') })
    await expect(adapter.getItem('billing/v0001.json')).rejects.toThrow(StoreAccessError)
  })
})

describe('file store: names must be well-formed Unicode', () => {
  it('a lone surrogate in a name, a tag or a key is refused (two such names would share one file)', async () => {
    const dir = fresh()
    const adapter = fileAdapter({ dir: join(dir, 'store') })
    const store = createSchemaStore({ adapter })
    expect(await failure(() => store.save('billing\ud800', schema(1)))).toMatchObject({
      code: 'invalid_name',
      message: 'Invalid name "billing\\ud800": it must be well-formed Unicode (it holds a lone surrogate)',
    })
    expect((await failure(() => store.save('billing', schema(1), { tags: ['\udfffprod'] }))).code).toBe('invalid_name')
    expect((await failure(() => adapter.setItem('a\udc00/v0001.json', '{}'))).code).toBe('invalid_storage_key')
    expect(readdirSync(join(dir, 'store'))).toEqual([])
    await store.save('billing 🐘', schema(1)) // a surrogate pair is fine
    expect(await store.names()).toEqual(['billing 🐘'])
  })
})

describe('file store: a directory where a version file belongs', () => {
  it('save stops at once with the path, and verify reports it', async () => {
    const dir = fresh()
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'store') }) })
    await store.save('billing', schema(1))
    const blocked = join(dir, 'store', 'billing', 'v0002.json')
    mkdirSync(blocked)
    const started = performance.now()
    expect(await failure(() => store.save('billing', schema(2)))).toEqual({
      code: 'store_access',
      reason: 'not_a_file',
      message: `Cannot write ${blocked}: it is a directory, not a file`,
    })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await store.verify()).toEqual([
      {
        name: 'billing',
        version: 2,
        key: 'billing/v0002.json',
        location: blocked,
        reason: 'not_a_file',
        message: `Version 2 of "billing" is damaged (${blocked}): a directory stands where the version file belongs; move it away so the version can be read or saved. Restore the file from version control or a backup; store.verify() lists every damaged file.`,
      },
    ])
    rmSync(blocked, { recursive: true })
    expect((await store.save('billing', schema(2))).version).toBe(2)
    expect(await store.verify()).toEqual([])
  })

  it('between versions it is reported as such, not as a missing file', async () => {
    const dir = fresh()
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(dir, 'store') }) })
    for (const n of [1, 2, 3]) await store.save('billing', schema(n))
    const blocked = join(dir, 'store', 'billing', 'v0002.json')
    rmSync(blocked)
    mkdirSync(blocked)
    expect(await failure(() => store.load('billing', 2))).toMatchObject({
      code: 'store_corruption',
      reason: 'not_a_file',
    })
    expect((await store.verify()).map((p) => [p.version, p.reason])).toEqual([[2, 'not_a_file']])
  })
})

// A real full disk: a 64 KiB tmpfs, where the machine lets this process mount one (root in a
// privileged container); elsewhere the test is skipped with this reason.
const tiny = join(root, 'tiny')
mkdirSync(tiny)
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]).status === 0
afterAll(() => {
  if (mounted) spawnSync('umount', [tiny])
})

describe('file store: a full disk', () => {
  it.skipIf(!mounted)('ENOSPC is a StoreAccessError naming the file (needs to mount a 64 KiB tmpfs)', async () => {
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(tiny, 'store') }) })
    const wide = defineSchema({
      tables: [
        {
          name: 'wide',
          columns: Array.from({ length: 2000 }, (_, i) => ({ name: `column_${i}`, type: 'varchar(100)' })),
        },
      ],
    })
    const error = await failure(() => store.save('billing', wide))
    const file = join(tiny, 'store', 'billing', 'v0001.json')
    expect(error).toEqual({
      code: 'store_access',
      reason: 'ENOSPC',
      message: `Cannot write ${file}: no space left on device (ENOSPC)`,
    })
    expect(readdirSync(join(tiny, 'store', 'billing'))).toEqual([]) // no temporary file left behind
  })
})
