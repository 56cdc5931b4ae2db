import { InvalidOptionError } from '../errors.js'
import { StoreAccessError } from './errors.js'
import {
  DEFAULT_STORE_TABLE,
  type SqlStoreDialect,
  type SqlStoreStatements,
  sqlStoreStatements,
} from './sql-store-statements.js'
import type { AsyncStorageAdapter, MaybePromise } from './storage-adapter.js'

/**
 * Runs one statement with positional parameters (`$1` for PostgreSQL, `?` for MySQL and SQLite) and
 * returns its rows as objects keyed by column name: for `SELECT` and for `INSERT ... RETURNING`
 * (other statements may return anything). The same shape as `introspectDatabase`'s query function.
 *
 * @example
 * ```ts
 * const query: SqlStoreQuery = async (sql, params) => (await pool.query(sql, [...params])).rows // pg
 * ```
 */
export type SqlStoreQuery = (sql: string, params: readonly string[]) => MaybePromise<unknown>

/**
 * Options of {@link sqlAdapter}.
 *
 * @example
 * ```ts
 * sqlAdapter({ dialect: 'postgres', query, table: 'ops.schema_store', dispose: () => pool.end() })
 * ```
 */
export interface SqlAdapterOptions {
  /** `postgres` (also PGlite), `mysql` (also MariaDB) or `sqlite`. */
  readonly dialect: SqlStoreDialect
  /** Runs a statement on your driver's connection or pool. */
  readonly query: SqlStoreQuery
  /** The table (`name` or `schema.name`); default `schemaledger_store`. One table holds one store. */
  readonly table?: string
  /** Whether to run `CREATE TABLE IF NOT EXISTS` before the first operation (default true). */
  readonly createTable?: boolean
  /** Called by the adapter's `dispose()`: close your pool or connection here. */
  readonly dispose?: () => MaybePromise<void>
  /** How error messages name the store (a URL without its password, say); default `<dialect> table "<table>"`. */
  readonly label?: string
}

/**
 * The {@link AsyncStorageAdapter} returned by {@link sqlAdapter}: asynchronous, with the atomic `setItemIfAbsent`.
 *
 * @example
 * ```ts
 * const adapter: SqlStorageAdapter = sqlAdapter({ dialect: 'sqlite', query })
 * adapter.locate('billing/v0001.json') // 'sqlite table "schemaledger_store", key billing/v0001.json'
 * ```
 */
export interface SqlStorageAdapter extends AsyncStorageAdapter {}

/**
 * A {@link AsyncStorageAdapter} over one SQL table (`key` primary key, `value` text), through a query
 * function, so any driver works: pg, mysql2, better-sqlite3, sql.js, PGlite. Several processes and
 * machines can share the store: a version is claimed by one `INSERT` on the primary key (`ON CONFLICT
 * DO NOTHING RETURNING` on PostgreSQL and SQLite, a duplicate-key error on MySQL), never by reading
 * first. Values are stored as they are, so version files and hashes are byte for byte those of any
 * other adapter. Driver failures become {@link StoreAccessError} naming the table and key.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { createSchemaStore } from 'schemaledger'
 * import { sqlAdapter } from 'schemaledger/storage'
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const store = createSchemaStore({
 *   adapter: sqlAdapter({ dialect: 'postgres', query: async (sql, params) => (await pool.query(sql, [...params])).rows, dispose: () => pool.end() }),
 * })
 * ```
 */
export function sqlAdapter(options: SqlAdapterOptions): SqlStorageAdapter {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', 'expected an object')
  const { dialect, query, table = DEFAULT_STORE_TABLE, createTable = true } = options
  if (typeof query !== 'function') throw new InvalidOptionError('query', 'expected a function (sql, params) => rows')
  const sql = sqlStoreStatements(dialect, table)
  const where = options.label ?? `${dialect} table ${JSON.stringify(table)}`
  const locate = (key: string) => `${where}, key ${key}`

  let created: Promise<void> | undefined
  const ready = (): Promise<void> => {
    if (!createTable) return Promise.resolve()
    created ??= ensureTable(query, sql).catch((error: unknown) => {
      created = undefined // a later call tries again (the server may be back)
      throw error
    })
    return created
  }
  const run = async (operation: Operation, path: string, text: string, params: readonly string[]) => {
    try {
      await ready()
      return rowsOf(await query(text, params))
    } catch (error) {
      throw accessError(operation, path, error)
    }
  }

  return {
    async getItem(key) {
      const row = (await run('read', locate(key), sql.get, [key]))[0]
      return row === undefined ? null : text(row.value)
    },
    async setItem(key, value) {
      await run('write', locate(key), sql.upsert, [key, value])
    },
    async removeItem(key) {
      await run('remove', locate(key), sql.remove, [key])
    },
    async hasItem(key) {
      return (await run('read', locate(key), sql.has, [key])).length > 0
    },
    async getKeys(prefix = '') {
      const rows = await run('list', prefix ? `${where}, keys ${prefix}*` : where, sql.keys, [
        sql.prefixPattern(prefix),
      ])
      return rows.map((row) => text(row.key))
    },
    async setItemIfAbsent(key, value) {
      if (dialect !== 'mysql') return (await run('write', locate(key), sql.insertIfAbsent, [key, value])).length === 1
      try {
        await ready()
        await query(sql.insertIfAbsent, [key, value])
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw accessError('write', locate(key), error)
      }
    },
    locate,
    async dispose() {
      await options.dispose?.()
    },
  }
}

type Operation = 'read' | 'write' | 'list' | 'remove'
type Row = Record<string, unknown>

/** CREATE TABLE IF NOT EXISTS, again after a moment when a concurrent creator raced it (PostgreSQL can then fail on its catalog's unique index). */
async function ensureTable(query: SqlStoreQuery, sql: SqlStoreStatements): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await query(sql.createTable, [])
      return
    } catch (error) {
      if (attempt >= 3) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt))
    }
  }
}

/** The rows of a result: an array of rows as drivers return them, or the `rows` of a result object. */
function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[]
  const rows = (result as { rows?: unknown } | null | undefined)?.rows
  return Array.isArray(rows) ? (rows as Row[]) : []
}

const utf8 = new TextDecoder()

/** A text column's value; MySQL drivers return VARBINARY as bytes. */
function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return utf8.decode(value)
  return String(value)
}

/** MySQL/MariaDB's ER_DUP_ENTRY (1062), as mysql2 and the mariadb connector report it. */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { errno?: unknown; code?: unknown } | null
  return e !== null && typeof e === 'object' && (e.errno === 1062 || e.code === 'ER_DUP_ENTRY')
}

function accessError(operation: Operation, path: string, error: unknown): StoreAccessError {
  const e = error as { code?: unknown; message?: unknown } | null
  const reason = typeof e?.code === 'string' && e.code !== '' ? e.code : 'query_failed'
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error)
  return new StoreAccessError({ operation, path, reason, problem: message }, { cause: error })
}
