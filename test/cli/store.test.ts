import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatJson, formatText } from '../../src/format/index.js'
import { diffSchemas, serializeSchema } from '../../src/index.js'
import { BIN, cli, load, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g
const undated = (text: string) => text.replace(DATE, '<date>')

// One store, used by the steps below in order (a round trip: save, list, show, tag, diff).
describe('schemaledger store: a round trip in .schemaledger/ of the working directory', () => {
  const cwd = tempDir()
  const run = (...args: string[]) => cli(args, { cwd })
  let hash1 = ''
  let hash2 = ''

  it('save: v1, then the same schema again (nothing new)', async () => {
    const first = await run('store', 'save', SEED_V1, '--name', 'app', '-m', 'first version')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^saved app v1 \([0-9a-f]{12}\)\n$/)
    hash1 = first.stdout.slice('saved app v1 ('.length, -2)
    expect(await run('store', 'save', SEED_V1, '--name', 'app')).toEqual({
      code: 0,
      stdout: `unchanged: app v1 (${hash1}) is identical\n`,
      stderr: '',
    })
  })

  it('save v2 from standard input, with a tag and an author', async () => {
    const second = await cli(
      ['store', 'save', '-', '--name', 'app', '--message', 'tags, roles', '--tag', 'prod', '--author', 'ana'],
      { cwd, input: readFileSync(SEED_V2, 'utf8') },
    )
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/^saved app v2 \([0-9a-f]{12}\) \[prod\]\n$/)
    hash2 = second.stdout.slice('saved app v2 ('.length, 'saved app v2 ('.length + 12)
  })

  it('list: the names, then the versions of one name (text and JSON)', async () => {
    expect(undated((await run('store', 'list')).stdout)).toBe(
      `app  2 versions, latest v2  ${hash2}  <date>  [prod]  tags, roles  (ana)\n`,
    )
    expect(undated((await run('store', 'list', 'app')).stdout)).toBe(
      `v1  ${hash1}  <date>  first version\nv2  ${hash2}  <date>  [prod]  tags, roles  (ana)\n`,
    )
    const json = JSON.parse((await run('store', 'list', 'app', '--format', 'json')).stdout)
    expect(json.map((v: { createdAt: string }) => ({ ...v, createdAt: undated(v.createdAt) }))).toEqual([
      {
        name: 'app',
        version: 1,
        hash: expect.stringMatching(new RegExp(`^${hash1}[0-9a-f]{52}$`)),
        createdAt: '<date>',
        message: 'first version',
        tags: [],
      },
      {
        name: 'app',
        version: 2,
        hash: expect.stringMatching(new RegExp(`^${hash2}[0-9a-f]{52}$`)),
        createdAt: '<date>',
        message: 'tags, roles',
        tags: ['prod'],
        author: 'ana',
      },
    ])
  })

  it('show: the canonical JSON of a version, by number, tag, latest or hash prefix', async () => {
    expect(await run('store', 'show', 'app@1')).toEqual({ code: 0, stdout: serializeSchema(v1), stderr: '' })
    expect((await run('store', 'show', 'app@prod')).stdout).toBe(serializeSchema(v2))
    expect((await run('store', 'show', 'app')).stdout).toBe(serializeSchema(v2))
    expect((await run('store', 'show', `app@${hash1.slice(0, 8)}`)).stdout).toBe(serializeSchema(v1))
    const out = join(cwd, 'checkout', 'app.json')
    expect((await run('store', 'show', 'app@1', '-o', out)).stdout).toBe('')
    expect(readFileSync(out, 'utf8')).toBe(serializeSchema(v1))
  })

  it('tag: points a tag at a version', async () => {
    expect(await run('store', 'tag', 'app', '1', 'baseline')).toEqual({
      code: 0,
      stdout: `tagged app v1 (${hash1}) as baseline\n`,
      stderr: '',
    })
    expect((await run('store', 'show', 'app@baseline')).stdout).toBe(serializeSchema(v1))
  })

  it('diff: two versions by tag, as diff would report them', async () => {
    const d = diffSchemas(v1, v2)
    expect(await run('store', 'diff', 'app', 'baseline', 'prod')).toEqual({
      code: 0,
      stdout: formatText(d),
      stderr: '',
    })
    // Deep equality: a loaded schema keeps its keys in another order than a parsed one.
    expect(JSON.parse((await run('store', 'diff', 'app', '1', 'latest', '--format', 'json')).stdout)).toEqual(
      JSON.parse(formatJson(d)),
    )
    expect((await run('store', 'diff', 'app', 'prod', 'prod', '--exit-code')).code).toBe(0)
    expect((await run('store', 'diff', 'app', 'baseline', 'prod', '--exit-code')).code).toBe(2)
  })

  it('store:name@ref works as a document in every command', async () => {
    const json = await run('diff', 'store:app@baseline', 'store:app@prod', '--format', 'json')
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(formatJson(diffSchemas(v1, v2))))
    expect((await run('diff', 'store:app@prod', SEED_V2, '--exit-code')).code).toBe(0)
    expect((await run('validate', 'store:app@1')).stdout).toBe(
      'store:app@1: valid (2 tables, 7 columns, 5 constraints, 1 index, 0 enums)\n',
    )
  })

  it('verify: a clean store, then a damaged file is named; exit 1', async () => {
    expect(await run('store', 'verify')).toEqual({ code: 0, stdout: 'no problems found\n', stderr: '' })
    const file = join(cwd, '.schemaledger', 'app', 'v0001.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('first version', 'edited version'))
    const damaged = await run('store', 'verify')
    expect(damaged.code).toBe(1)
    expect(damaged.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+ \\[\\w+\\]\\n$`))
  })
})

describe.concurrent('schemaledger store: errors and --store', () => {
  it('--store DIR chooses the directory', async () => {
    const cwd = tempDir()
    expect((await cli(['store', 'save', SEED_V1, '--name', 'billing', '--store', 'db/history'], { cwd })).code).toBe(0)
    expect(readFileSync(join(cwd, 'db/history/billing/v0001.json'), 'utf8')).toContain('"name": "billing"')
    expect((await cli(['store', 'list'], { cwd })).stdout).toBe('no schemas in .schemaledger\n')
    expect((await cli(['store', 'list', '--store', 'db/history'], { cwd })).stdout).toMatch(/^billing {2}1 version, /)
    expect((await cli(['sql', 'store:billing', '--store', 'db/history', '--dialect', 'sqlite'], { cwd })).code).toBe(0)
  })

  it('unknown names, versions and tags are one-line errors; exit 1', async () => {
    const cwd = tempDir()
    await cli(['store', 'save', SEED_V1, '--name', 'app'], { cwd })
    expect(await cli(['store', 'show', 'app@7'], { cwd })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger store show: store:app@7: No version 7 of "app": the latest version is 1\n',
    })
    expect(await cli(['store', 'list', 'nope'], { cwd })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger store list: no versions of "nope" in .schemaledger\n',
    })
    const badTag = await cli(['store', 'tag', 'app', '1', '12'], { cwd })
    expect(badTag.code).toBe(1)
    expect(badTag.stderr).toMatch(/^schemaledger store tag: Invalid tag "12": .+\n$/)
    const diff = await cli(['diff', 'store:nope@1', SEED_V1], { cwd })
    expect(diff.code).toBe(1)
    expect(diff.stderr).toMatch(/^schemaledger diff: store:nope@1: .+\n$/)
  })
})

describe('schemaledger store: file system trouble is one line naming the file, never a stack trace', () => {
  /** Runs the bin as an unprivileged user (root ignores permissions), or as this user when not root. */
  function cliUnprivileged(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
    const asRoot = process.getuid?.() === 0
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
      })
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    })
  }

  it('a store directory that cannot be written (EACCES)', async () => {
    const cwd = tempDir()
    chmodSync(cwd, 0o755)
    await cli(['store', 'save', SEED_V1, '--name', 'app'], { cwd })
    const names = join(cwd, '.schemaledger', 'app')
    chmodSync(join(cwd, '.schemaledger'), 0o555)
    chmodSync(names, 0o555)
    try {
      expect(await cliUnprivileged(['store', 'save', SEED_V2, '--name', 'app'], cwd)).toEqual({
        code: 1,
        stderr: `schemaledger store save: Cannot write ${join(names, 'v0002.json')}: permission denied (EACCES)\n`,
      })
    } finally {
      chmodSync(names, 0o755)
      chmodSync(join(cwd, '.schemaledger'), 0o755)
    }
  })

  it('a directory where the next version belongs: save stops at once, verify names it', async () => {
    const cwd = tempDir()
    await cli(['store', 'save', SEED_V1, '--name', 'app'], { cwd })
    const blocked = join(cwd, '.schemaledger', 'app', 'v0002.json')
    mkdirSync(blocked)
    const started = performance.now()
    expect(await cli(['store', 'save', SEED_V2, '--name', 'app'], { cwd })).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger store save: Cannot write ${blocked}: it is a directory, not a file\n`,
    })
    expect(performance.now() - started).toBeLessThan(10_000)
    const verify = await cli(['store', 'verify'], { cwd })
    expect(verify.code).toBe(1)
    expect(verify.stderr).toBe(
      `${blocked}: Version 2 of "app" is damaged (${blocked}): a directory stands where the version file belongs; move it away so the version can be read or saved. Restore the file from version control or a backup; schemaledger store verify lists every damaged file. [not_a_file]\n`,
    )
  })

  it('a schema directory linked outside the store', async () => {
    const cwd = tempDir()
    mkdirSync(join(cwd, 'elsewhere'))
    mkdirSync(join(cwd, '.schemaledger'))
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, '.schemaledger', 'app'))
    expect(await cli(['store', 'save', SEED_V1, '--name', 'app'], { cwd })).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger store save: Cannot list ${join(cwd, '.schemaledger', 'app')}: it is a symbolic link that leads outside the store directory (to ${join(cwd, 'elsewhere')})\n`,
    })
    expect(readdirSync(join(cwd, 'elsewhere'))).toEqual([])
  })
})
