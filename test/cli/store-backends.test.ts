import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serializeSchema } from '../../src/index.js'
import { redisAdapter } from '../../src/storage/index.js'
import {
  MYSQL_URL,
  mysqlSkip,
  openMysql,
  openPostgres,
  openRedis,
  PG_URL,
  pgSkip,
  quoteTable,
  REDIS_URL,
  redisSkip,
  uniqueName,
} from '../storage/store-backends.js'
import { BIN, cli, load, repo, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

// `--store` with database URLs, and `store copy` between every kind of store: a directory, SQLite
// (always, through better-sqlite3), and PostgreSQL, MariaDB and Redis when their URLs are set. A
// store copied through every available backend and back into a directory is byte for byte the
// directory it started as.

const cwd = tempDir()
const run = (...args: string[]) => cli(args, { cwd })
const tables = [uniqueName('sl_cli'), uniqueName('sl_cli')]
const namespaces = [`${uniqueName('sl_cli')}:`, `${uniqueName('sl_cli')}:`]

const withTable = (url: string, table: string) => `${url}${url.includes('?') ? '&' : '?'}table=${table}`
/** The stores of one test: the same databases, table or namespace `i`. */
const stores = (i: 0 | 1) => [
  { name: 'SQLite', url: `sqlite:shared.db?table=${tables[i]}`, skip: undefined },
  { name: 'PostgreSQL', url: withTable(PG_URL ?? '', tables[i] as string), skip: pgSkip },
  { name: 'MariaDB', url: withTable(MYSQL_URL ?? '', tables[i] as string), skip: mysqlSkip },
  { name: 'Redis', url: `${REDIS_URL}?namespace=${encodeURIComponent(namespaces[i] as string)}`, skip: redisSkip },
]

afterAll(async () => {
  for (const [skip, open] of [
    [pgSkip, openPostgres],
    [mysqlSkip, openMysql],
  ] as const) {
    if (skip) continue
    const c = await open()
    for (const table of tables) await c.query(`DROP TABLE IF EXISTS ${quoteTable(c.dialect, table)}`, [])
    await c.close()
  }
  if (!redisSkip) {
    const c = await openRedis()
    for (const namespace of namespaces) {
      const adapter = redisAdapter({ client: c.client, namespace })
      for (const key of await adapter.getKeys()) await adapter.removeItem(key)
    }
    await c.close()
  }
})

/** Every file under `dir`, relative path -> bytes as text. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string) => {
    for (const entry of readdirSync(at).sort()) {
      const path = join(at, entry)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(dir, path)] = readFileSync(path, 'utf8')
    }
  }
  walk(dir)
  return out
}

describe('store commands on database URLs', () => {
  for (const store of stores(0)) {
    const title = store.skip ? `${store.name} (skipped: ${store.skip})` : store.name
    it.skipIf(store.skip)(
      `${title}: save, list, show, tag, verify`,
      async () => {
        const first = await run('store', 'save', SEED_V1, '--name', 'app', '-m', 'first', '--store', store.url)
        expect([first.code, first.stderr]).toEqual([0, ''])
        expect(first.stdout).toMatch(/^saved app v1 \([0-9a-f]{12}\)\n$/)
        const second = await run('store', 'save', SEED_V2, '--name', 'app', '--tag', 'prod', '--store', store.url)
        expect(second.stdout).toMatch(/^saved app v2 \([0-9a-f]{12}\) \[prod\]\n$/)
        expect((await run('store', 'save', SEED_V2, '--name', 'app', '--store', store.url)).stdout).toMatch(
          /^unchanged/,
        )
        const list = JSON.parse((await run('store', 'list', 'app', '--format', 'json', '--store', store.url)).stdout)
        expect(list.map((v: { version: number; tags: string[] }) => [v.version, v.tags])).toEqual([
          [1, []],
          [2, ['prod']],
        ])
        expect((await run('store', 'show', 'app@prod', '--store', store.url)).stdout).toBe(
          serializeSchema(load(SEED_V2)),
        )
        expect((await run('store', 'tag', 'app', '1', 'first', '--store', store.url)).code).toBe(0)
        expect(await run('store', 'verify', '--store', store.url)).toEqual({
          code: 0,
          stdout: 'no problems found\n',
          stderr: '',
        })
        // Other commands read store:name@ref from the same URL.
        const diff = await run('diff', 'store:app@first', 'store:app@prod', '--exit-code', '--store', store.url)
        expect(diff.code).toBe(2) // changes
      },
      60_000,
    )
  }
})

describe('store copy', () => {
  const source = join(cwd, 'source')

  it('moves a store through every available backend and back, byte for byte', async () => {
    for (const [doc, tag] of [
      [SEED_V1, 'v1'],
      [SEED_V2, 'prod'],
      [repo('examples/blog-v1.json'), 'blog'],
    ] as const) {
      const name = tag === 'blog' ? 'blog' : 'app'
      expect((await run('store', 'save', doc, '--name', name, '--tag', tag, '--store', source)).code).toBe(0)
    }
    const hops = [
      source,
      'sqlite:copy.db',
      ...stores(1)
        .slice(1)
        .filter((s) => !s.skip)
        .map((s) => s.url),
      join(cwd, 'back'),
    ]
    for (let i = 1; i < hops.length; i++) {
      const copied = await run('store', 'copy', hops[i - 1] as string, hops[i] as string)
      expect([copied.code, copied.stderr]).toEqual([0, ''])
      expect(copied.stdout).toMatch(/^copied 3 versions and 3 tags of 2 names from .* to .*\n$/)
    }
    expect(files(join(cwd, 'back'))).toEqual(files(source))
    expect(Object.keys(files(source)).length).toBe(6)
  }, 90_000)

  it('copies again as a no-op, and refuses a target that holds another history', async () => {
    const again = await run('store', 'copy', source, 'sqlite:copy.db')
    expect(again.stdout).toMatch(/^copied 0 versions \(3 already there\) and 3 tags of 2 names/)
    const other = join(cwd, 'other')
    expect((await run('store', 'save', SEED_V2, '--name', 'app', '--store', other)).code).toBe(0)
    expect(await run('store', 'copy', source, other)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger store copy: the target already holds a different version 1 of "app"; nothing was copied\n',
    })
    expect(Object.keys(files(other))).toEqual(['app/v0001.json'])
  })

  it('refuses a damaged source, naming the file, and copies nothing', async () => {
    const damaged = join(cwd, 'damaged')
    expect((await run('store', 'save', SEED_V1, '--name', 'app', '--store', damaged)).code).toBe(0)
    const file = join(damaged, 'app/v0001.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"message": ""', '"message": "edited"'))
    const copied = await run('store', 'copy', damaged, 'sqlite:refused.db')
    expect(copied.code).toBe(1)
    expect(copied.stderr).toBe(
      'schemaledger store copy: the source store has damaged files; nothing was copied:\n' +
        `  Version 1 of "app" is damaged (${file}): the file was changed after it was written (checksum mismatch). ` +
        'Restore the file from version control or a backup; schemaledger store verify lists every damaged file. [checksum_mismatch]\n',
    )
    expect((await run('store', 'list', '--store', 'sqlite:refused.db')).stdout).toBe(
      'no schemas in sqlite:refused.db\n',
    )
  })

  it('names the driver to install when it is missing, and the server when it does not answer', async () => {
    // A copy of the bin next to a node_modules with the package's own dependencies only.
    const dir = tempDir()
    mkdirSync(join(dir, 'dist/cli'), { recursive: true })
    mkdirSync(join(dir, 'node_modules'))
    copyFileSync(BIN, join(dir, 'dist/cli/index.js'))
    symlinkSync(repo('node_modules/fast-deep-equal'), join(dir, 'node_modules/fast-deep-equal'))
    const bin = join(dir, 'dist/cli/index.js')
    const missing = async (url: string) => (await cli(['store', 'list', '--store', url], { bin, cwd: dir })).stderr
    expect(await missing('postgres://ci:secret@db/app')).toBe(
      'schemaledger store list: a postgres:// store needs the "pg" package, which is not installed: npm i pg\n',
    )
    expect(await missing('mysql://db/app')).toBe(
      'schemaledger store list: a mysql:// store needs the "mysql2" package, which is not installed: npm i mysql2\n',
    )
    expect(await missing('redis://cache:6379')).toBe(
      'schemaledger store list: a redis:// store needs the "redis" package, which is not installed: npm i redis\n',
    )
    expect(await missing('sqlite:app.db')).toBe(
      'schemaledger store list: a sqlite: store needs the "better-sqlite3" package, which is not installed: npm i better-sqlite3\n',
    )
    const refused = await run('store', 'list', '--store', 'postgres://ci:secret@127.0.0.1:1/app')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^schemaledger store list: Cannot list postgres:\/\/ci:\*\*\*@127\.0\.0\.1:1\/app: connect ECONNREFUSED/,
    )
    expect(refused.stderr).not.toContain('secret')
  })
})
