import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSchemaStore,
  defineSchema,
  isSchemaLedgerError,
  memoryAdapter,
  type StorageAdapter,
  StoreAccessError,
} from '../../src/index.js'
import { sqlAdapter, sqlStoreTableDDL } from '../../src/storage/index.js'
import { runStorageAdapterSuite } from '../../src/testing/index.js'
import {
  mysqlSkip,
  openBetterSqlite3,
  openMysql,
  openPglite,
  openPostgres,
  openSqlJs,
  pgSkip,
  quoteTable,
  type SqlConnection,
  uniqueName,
} from './store-backends.js'

// sqlAdapter on every engine it supports: sql.js, PGlite and better-sqlite3 always; the PostgreSQL
// server and MariaDB when their URLs are set. Each gets the conformance suite (one fresh table per
// test), then the checks the suite cannot make: the table in the engine's own catalog, keys that
// LIKE, padding or case folding would confuse, claims made by one INSERT, byte-equal version files.

const dir = mkdtempSync(join(tmpdir(), 'schemaledger-sql-adapter-'))

interface Backend {
  readonly name: string
  readonly skip: string | undefined
  open(): Promise<SqlConnection>
}

const BACKENDS: readonly Backend[] = [
  { name: 'sql.js', skip: undefined, open: openSqlJs },
  { name: 'PGlite', skip: undefined, open: openPglite },
  { name: 'better-sqlite3', skip: undefined, open: async () => openBetterSqlite3(join(dir, 'store.db')) },
  { name: 'PostgreSQL server', skip: pgSkip, open: () => openPostgres() },
  { name: 'MariaDB server', skip: mysqlSkip, open: () => openMysql() },
]

/** One connection per backend for the whole file, and every table made on it, dropped at the end. */
function shared(backend: Backend) {
  let connection: Promise<SqlConnection> | undefined
  const tables: string[] = []
  const connect = () => {
    connection ??= backend.open()
    return connection
  }
  const adapter = async (options: { table?: string; createTable?: boolean } = {}) => {
    const c = await connect()
    const table = options.table ?? uniqueName()
    tables.push(table)
    return sqlAdapter({ dialect: c.dialect, query: c.query, table, createTable: options.createTable ?? true })
  }
  // PGlite compiles its WASM when it starts: slow on a busy machine, so before the first test.
  beforeAll(async () => {
    await connect()
  }, 120_000)
  afterAll(async () => {
    if (!connection) return
    const c = await connection
    for (const table of tables) await c.query(`DROP TABLE IF EXISTS ${quoteTable(c.dialect, table)}`, [])
    await c.close()
  })
  return { connect, adapter }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const invoices = (...columns: string[]) =>
  defineSchema({
    tables: [
      {
        name: 'invoices',
        columns: [{ name: 'id', type: 'bigint', nullable: false }, ...columns.map((name) => ({ name, type: 'text' }))],
      },
    ],
  })

/** Every key and value of an adapter, sorted by key. */
async function contents(adapter: StorageAdapter): Promise<[string, string | null][]> {
  const keys = [...(await adapter.getKeys())].sort()
  return Promise.all(keys.map(async (key) => [key, await adapter.getItem(key)] as [string, string | null]))
}

/** The same saves, tags and fixed clock on any adapter. */
async function fillStore(adapter: StorageAdapter) {
  const store = createSchemaStore({ adapter, now: () => new Date('2024-05-01T12:00:00.000Z') })
  await store.save('billing', invoices(), { message: 'first cut', author: 'ana' })
  await store.save('billing', invoices('total'), { message: 'totals — ü 🧪', tags: ['prod'] })
  await store.save('auth', invoices('token'))
}

for (const backend of BACKENDS) {
  const title = backend.skip ? `${backend.name} (skipped: ${backend.skip})` : backend.name
  describe.skipIf(backend.skip)(`sqlAdapter on ${title}`, () => {
    const { connect, adapter } = shared(backend)

    runStorageAdapterSuite({ name: `sqlAdapter on ${backend.name}`, create: () => adapter(), describe, it, expect })

    it('writes version files byte for byte as the memory adapter does', async () => {
      const memory = memoryAdapter()
      const sql = await adapter()
      await fillStore(memory)
      await fillStore(sql)
      expect(await contents(sql)).toEqual(await contents(memory))
      expect((await contents(sql)).length).toBe(4)
    })

    it('keeps keys apart that LIKE, trailing-space padding or case folding would merge', async () => {
      const a = await adapter()
      const keys = ['a_b/1', 'axb/1', 'a%b/1', 'a!b/1', 'a[b]/1', 'a*b/1', 'k', 'k ', 'K', 'ü', 'u']
      for (const key of keys) await a.setItem(key, `value of ${JSON.stringify(key)}`)
      for (const key of keys) expect(await a.getItem(key)).toBe(`value of ${JSON.stringify(key)}`)
      const listed = async (prefix: string) => [...(await a.getKeys(prefix))].sort()
      expect(await listed('a_')).toEqual(['a_b/1'])
      expect(await listed('a%')).toEqual(['a%b/1'])
      expect(await listed('a!')).toEqual(['a!b/1'])
      expect(await listed('a[')).toEqual(['a[b]/1'])
      expect(await listed('a*')).toEqual(['a*b/1'])
      expect(await listed('k')).toEqual(['k', 'k '])
      expect(await listed('K')).toEqual(['K'])
      expect(await a.setItemIfAbsent('k ', 'again')).toBe(false)
      expect(await a.setItemIfAbsent('K ', 'new')).toBe(true)
    })

    it('claims a key with one INSERT, never a read first', async () => {
      const c = await connect()
      const table = uniqueName()
      const seen: string[] = []
      const a = sqlAdapter({
        dialect: c.dialect,
        table,
        query: (sql, params) => {
          seen.push(sql.split(' ')[0] ?? '')
          return c.query(sql, params)
        },
      })
      await a.getKeys() // creates the table
      seen.length = 0
      expect([await a.setItemIfAbsent('x', '1'), await a.setItemIfAbsent('x', '2')]).toEqual([true, false])
      expect(seen).toEqual(['INSERT', 'INSERT'])
      await c.query(`DROP TABLE ${quoteTable(c.dialect, table)}`, [])
    })

    it('creates its table once when many adapters start on it at the same moment', async () => {
      const table = uniqueName()
      const adapters = await Promise.all(Array.from({ length: 8 }, () => adapter({ table })))
      const claims = await Promise.all(adapters.map((a, i) => a.setItemIfAbsent(`k/${i}`, String(i))))
      expect(claims).toEqual(adapters.map(() => true))
      expect([...(await adapters[0]!.getKeys('k/'))].sort()).toEqual(adapters.map((_, i) => `k/${i}`))
    })

    it('creates its table as sqlStoreTableDDL says, and can leave that to you', async () => {
      const c = await connect()
      const table = uniqueName()
      const a = await adapter({ table, createTable: false })
      const error = await a.getItem('x').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StoreAccessError)
      expect((error as StoreAccessError).path).toBe(`${c.dialect} table "${table}", key x`)
      await c.query(sqlStoreTableDDL(c.dialect, table), [])
      await a.setItem('x', 'y')
      expect(await a.getItem('x')).toBe('y')
      expect(await catalogColumns(c, table)).toEqual(EXPECTED_COLUMNS[c.dialect])
    })
  })
}

/** The table's columns as the engine's own catalog describes them. */
async function catalogColumns(c: SqlConnection, table: string): Promise<unknown> {
  if (c.dialect === 'sqlite') {
    const info = await c.query(`SELECT name, type, pk, "notnull" FROM pragma_table_info(?)`, [table])
    return info.map((r) => [r.name, r.type, Number(r.pk), Number(r.notnull)])
  }
  if (c.dialect === 'postgres') {
    const rows = await c.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, coll.collname AS collation,
              a.attnotnull AS notnull, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY(i.indkey)) AS pk
         FROM pg_attribute a LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 ORDER BY a.attnum`,
      [`"${table}"`],
    )
    return rows.map((r) => [r.name, r.type, r.collation, r.notnull, r.pk])
  }
  const rows = await c.query(
    `SELECT column_name AS name, column_type AS type, character_set_name AS charset, collation_name AS coll, column_key AS pk
       FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position`,
    [table],
  )
  return rows.map((r) => [r.name, r.type, r.charset, r.coll, r.pk])
}

const EXPECTED_COLUMNS = {
  sqlite: [
    ['key', 'TEXT', 1, 1],
    ['value', 'TEXT', 0, 1],
  ],
  postgres: [
    ['key', 'text', 'C', true, true],
    ['value', 'text', 'default', true, false],
  ],
  mysql: [
    ['key', 'varbinary(1024)', null, null, 'PRI'],
    ['value', 'longtext', 'utf8mb4', 'utf8mb4_bin', ''],
  ],
}

describe('sqlAdapter options', () => {
  it('rejects a missing query, an unknown dialect and a table name that is not one identifier', async () => {
    const query = async () => []
    const bad = [
      undefined,
      { dialect: 'postgres' },
      { dialect: 'oracle', query },
      { dialect: 'postgres', query, table: 'a;drop table x' },
      { dialect: 'mysql', query, table: 'a.b.c' },
      { dialect: 'sqlite', query, table: '' },
    ]
    for (const options of bad) {
      let code = 'no error'
      try {
        sqlAdapter(options as never)
      } catch (error) {
        code = isSchemaLedgerError(error) ? error.code : String(error)
      }
      expect([options, code]).toEqual([options, 'invalid_option'])
    }
  })

  it('docs/storage.md shows the DDL each dialect runs', () => {
    const doc = readFileSync(new URL('../../docs/storage.md', import.meta.url), 'utf8')
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const)
      expect(doc).toContain(`\n${sqlStoreTableDDL(dialect)}\n`)
  })

  it('quotes a schema-qualified table in each dialect', () => {
    expect(sqlStoreTableDDL('postgres', 'ops.schema_store')).toBe(
      'CREATE TABLE IF NOT EXISTS "ops"."schema_store" ("key" text COLLATE "C" PRIMARY KEY, "value" text NOT NULL)',
    )
    expect(sqlStoreTableDDL('mysql')).toBe(
      'CREATE TABLE IF NOT EXISTS `schemaledger_store` (`key` VARBINARY(1024) NOT NULL PRIMARY KEY, `value` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL) ENGINE=InnoDB',
    )
    expect(sqlStoreTableDDL('sqlite')).toBe(
      'CREATE TABLE IF NOT EXISTS "schemaledger_store" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT NOT NULL)',
    )
  })
})
