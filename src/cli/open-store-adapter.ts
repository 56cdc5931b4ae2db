import { resolve } from 'node:path'
import { fileAdapter } from '../node/file-adapter.js'
import { redactUrl } from '../sources/redact-url.js'
import { redisAdapter } from '../storage/redis-adapter.js'
import { sqlAdapter } from '../storage/sql-adapter.js'
import type { SqlStoreDialect } from '../storage/sql-store-statements.js'
import type { StorageAdapter } from '../storage/storage-adapter.js'
import { CliInputError } from './cli-errors.js'

// `--store` is a directory, or a URL of a shared store: postgres://, mysql:// (mariadb://),
// redis:// (rediss://) or sqlite:<file>. `?table=` (SQL) and `?namespace=` (Redis) choose where in
// the database the store lives; they are taken off the URL before the driver sees it. Drivers are the user's optional peers, imported when asked
// for; the connection opens on the store's first operation, so `--help` and argument errors never
// wait for a server.

/** The kind of store a `--store` value names. @internal */
export type StoreKind = 'directory' | 'postgres' | 'mysql' | 'redis' | 'sqlite'

/**
 * Which kind of store `--store` names: a URL scheme we know, otherwise a directory.
 *
 * @example
 * ```ts
 * storeKind('postgres://db/app') // 'postgres'
 * storeKind('.schemaledger')     // 'directory'
 * ```
 */
export function storeKind(location: string): StoreKind {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1]?.toLowerCase()
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres'
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql'
  if (scheme === 'redis' || scheme === 'rediss') return 'redis'
  if (scheme === 'sqlite') return 'sqlite'
  return 'directory'
}

/**
 * The adapter of a `--store` value (relative directories and SQLite files from `cwd`). Opens the
 * connection lazily and closes it on `dispose()`.
 *
 * @example
 * ```ts
 * const adapter = openStoreAdapter('redis://127.0.0.1:6379', process.cwd())
 * ```
 */
export function openStoreAdapter(location: string, cwd: string): StorageAdapter {
  const kind = storeKind(location)
  if (kind === 'directory') return fileAdapter({ dir: resolve(cwd, location) })
  const where = kind === 'sqlite' ? location : redactUrl(location)
  let opened: Promise<StorageAdapter> | undefined
  const adapter = () => {
    opened ??= OPENERS[kind](location, cwd).catch((error: unknown) => {
      if (error instanceof CliInputError) throw error
      throw new CliInputError('cannot_open_store', `cannot open the store ${where}: ${messageOf(error)}`, {
        cause: error,
      })
    })
    return opened
  }
  return {
    getItem: async (key) => (await adapter()).getItem(key),
    setItem: async (key, value) => (await adapter()).setItem(key, value),
    removeItem: async (key) => (await adapter()).removeItem(key),
    hasItem: async (key) => (await adapter()).hasItem(key),
    getKeys: async (prefix) => (await adapter()).getKeys(prefix),
    setItemIfAbsent: async (key, value) => {
      const a = await adapter()
      if (!a.setItemIfAbsent) throw new Error('every shared store adapter has setItemIfAbsent')
      return a.setItemIfAbsent(key, value)
    },
    locate: (key) => `${where} ${key}`,
    dispose: async () => {
      const a = await opened?.catch(() => undefined)
      await a?.dispose?.()
    },
  }
}

type Opener = (location: string, cwd: string) => Promise<StorageAdapter>

const OPENERS: Record<Exclude<StoreKind, 'directory'>, Opener> = {
  postgres: openPostgres,
  mysql: openMysql,
  redis: openRedis,
  sqlite: openSqlite,
}

/**
 * Imports an optional peer dependency; undefined when it is not installed (or cannot load).
 * The name is a variable so bundlers and type checkers leave the import to run time.
 */
async function importOptional(name: string): Promise<unknown> {
  try {
    return await import(name)
  } catch {
    return undefined
  }
}

const missingDriver = (scheme: string, pkg: string) =>
  new CliInputError(
    'missing_driver',
    `a ${scheme} store needs the "${pkg}" package, which is not installed: npm i ${pkg}`,
  )

/**
 * Takes our own parameter (`table`, `namespace`) off a store URL.
 *
 * @example
 * ```ts
 * takeParameter('postgres://db/app?table=ops.store', 'table') // { url: 'postgres://db/app', value: 'ops.store' }
 * ```
 */
export function takeParameter(location: string, name: string): { url: string; value: string | undefined } {
  const query = location.indexOf('?')
  if (query < 0) return { url: location, value: undefined }
  const params = new URLSearchParams(location.slice(query + 1))
  const value = params.get(name) ?? undefined
  params.delete(name)
  const rest = params.toString()
  return { url: location.slice(0, query) + (rest ? `?${rest}` : ''), value }
}

const sql = (
  dialect: SqlStoreDialect,
  where: { url: string; table: string | undefined },
  query: (text: string, params: readonly string[]) => Promise<unknown>,
  close: () => unknown,
) =>
  sqlAdapter({
    dialect,
    query,
    ...(where.table !== undefined && { table: where.table }),
    label: redactUrl(where.url),
    dispose: async () => void (await close()),
  })

async function openPostgres(location: string): Promise<StorageAdapter> {
  const { url, value: table } = takeParameter(location, 'table')
  const mod = (await importOptional('pg')) as { default: typeof import('pg') } | undefined
  if (!mod) throw missingDriver('postgres://', 'pg')
  // A pool reconnects by itself: a connection the server dropped (a restart) is discarded and the
  // next query opens a new one. Idle clients report such drops as pool errors, which must be handled.
  const pool = new mod.default.Pool({ connectionString: url, max: 2 })
  pool.on('error', () => {})
  const run = async (text: string, params: readonly string[]) => (await pool.query(text, [...params])).rows
  return sql(
    'postgres',
    { url, table },
    // A pooled connection the server dropped can still be handed out once before the pool hears of
    // it. Reads are retried once on a fresh one; writes are not, since a claim may have committed.
    async (text, params) => {
      try {
        return await run(text, params)
      } catch (error) {
        if (!/^\s*select\b/i.test(text) || !isLostConnection(error)) throw error
        return await run(text, params)
      }
    },
    () => pool.end(),
  )
}

/** Whether a driver error says the connection went away (server restart or shutdown), not the query failed. */
function isLostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (
    ['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(String(code)) ||
    /connection terminated/i.test(String(message))
  )
}

async function openMysql(location: string): Promise<StorageAdapter> {
  const { url, value: table } = takeParameter(location, 'table')
  const mod = (await importOptional('mysql2/promise')) as typeof import('mysql2/promise') | undefined
  if (!mod) throw missingDriver('mysql://', 'mysql2')
  const mysql = (mod as { default?: typeof import('mysql2/promise') }).default ?? mod
  const uri = url.startsWith('mariadb:') ? `mysql:${url.slice('mariadb:'.length)}` : url
  const pool = mysql.createPool({ uri, connectionLimit: 2, charset: 'utf8mb4_bin' })
  return sql(
    'mysql',
    { url, table },
    async (text, params) => (await pool.query(text, [...params]))[0],
    () => pool.end(),
  )
}

interface RedisClient {
  connect(): Promise<unknown>
  on(event: 'error', listener: (error: unknown) => void): unknown
  sendCommand(args: string[]): Promise<unknown>
  close?(): Promise<unknown>
  quit?(): Promise<unknown>
}

async function openRedis(location: string): Promise<StorageAdapter> {
  const { url, value: namespace } = takeParameter(location, 'namespace')
  const mod = (await importOptional('redis')) as { createClient(options: object): RedisClient } | undefined
  if (!mod) throw missingDriver('redis://', 'redis')
  // node-redis reconnects by itself and queues commands until it is back: for up to about 20 s once
  // connected (a restart), but a server that does not answer the first time fails the command.
  let connected = false
  const reconnectStrategy = (retries: number, cause: unknown) =>
    (connected ? retries > 40 : retries > 2)
      ? cause instanceof Error
        ? cause
        : new Error(String(cause))
      : Math.min(50 * (retries + 1), 500)
  const client = mod.createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy } })
  client.on('error', () => {})
  await client.connect()
  connected = true
  return redisAdapter({
    client,
    ...(namespace !== undefined && { namespace }),
    label: redactUrl(url),
    dispose: async () => void (await (client.close ?? client.quit)?.call(client)),
  })
}

interface BetterSqlite3Statement {
  readonly reader: boolean
  all(params: readonly unknown[]): unknown[]
  run(params: readonly unknown[]): unknown
}

interface BetterSqlite3Database {
  prepare(sql: string): BetterSqlite3Statement
  pragma(text: string): unknown
  close(): void
}

async function openSqlite(location: string, cwd: string): Promise<StorageAdapter> {
  const { url, value: table } = takeParameter(location, 'table')
  // sqlite:app.db, sqlite:/abs/app.db and sqlite:///abs/app.db
  const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
  if (file === '') throw new CliInputError('invalid_store', 'a SQLite store is sqlite:<file>, e.g. sqlite:schemas.db')
  const mod = (await importOptional('better-sqlite3')) as
    | { default: new (file: string) => BetterSqlite3Database }
    | undefined
  if (!mod) throw missingDriver('sqlite:', 'better-sqlite3')
  const db = new mod.default(resolve(cwd, file))
  // Writers from other processes wait for the lock instead of failing at once; WAL lets readers
  // read while one writes.
  db.pragma('busy_timeout = 10000')
  db.pragma('journal_mode = WAL')
  return sql(
    'sqlite',
    { url, table },
    async (text, params) => {
      const statement = db.prepare(text)
      if (statement.reader) return statement.all(params)
      statement.run(params)
      return []
    },
    () => db.close(),
  )
}

function messageOf(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown } | null
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error)
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${message} (${e.code})` : message
}
