import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import type { SqlStoreDialect } from '../../src/storage/index.js'
import { sqlJsQuery } from '../../src/verify/embedded-engines.js'

// The databases the shared-store tests run on. sql.js, PGlite and better-sqlite3 always run in-process;
// the PostgreSQL server, MariaDB and Redis run when SCHEMALEDGER_PG_URL / SCHEMALEDGER_MYSQL_URL /
// SCHEMALEDGER_REDIS_URL are set (.ci/run sets them when the ports answer) and skip with the reason
// otherwise. Every test gets its own tables or key namespace, dropped at the end.

export const PG_URL = process.env.SCHEMALEDGER_PG_URL
export const MYSQL_URL = process.env.SCHEMALEDGER_MYSQL_URL
export const REDIS_URL = process.env.SCHEMALEDGER_REDIS_URL

const require = createRequire(import.meta.url)

/** A name no parallel run uses. */
export const uniqueName = (prefix = 'sl_store') =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

/** A SQL connection for the store tests: the query function the adapter takes, and cleanup. */
export interface SqlConnection {
  readonly dialect: SqlStoreDialect
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

/** A Redis connection: the node-redis client and cleanup. */
export interface RedisConnection {
  readonly client: { sendCommand(args: string[]): Promise<unknown> }
  close(): Promise<void>
}

/** Why a server cannot be used here, or undefined when it answers. */
async function unreachable(
  kind: string,
  variable: string,
  url: string | undefined,
  probe: (url: string) => Promise<void>,
): Promise<string | undefined> {
  if (!url) return `${variable} is not set: no ${kind} server to test against`
  try {
    await probe(url)
    return undefined
  } catch (error) {
    return `the ${kind} server at ${variable} does not answer (${(error as Error).message})`
  }
}

export const pgSkip = await unreachable('PostgreSQL', 'SCHEMALEDGER_PG_URL', PG_URL, async (url) => {
  const connection = await openPostgres(url)
  await connection.close()
})
export const mysqlSkip = await unreachable('MariaDB/MySQL', 'SCHEMALEDGER_MYSQL_URL', MYSQL_URL, async (url) => {
  const connection = await openMysql(url)
  await connection.close()
})
export const redisSkip = await unreachable('Redis', 'SCHEMALEDGER_REDIS_URL', REDIS_URL, async (url) => {
  const connection = await openRedis(url)
  await connection.close()
})

export async function openPostgres(url = PG_URL ?? ''): Promise<SqlConnection> {
  const pg = (await import('pg')).default
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 })
  pool.on('error', () => {}) // a restarted server drops idle connections; the pool opens new ones
  await (await pool.connect()).release()
  return {
    dialect: 'postgres',
    query: async (sql, params) => (await pool.query(sql, [...params])).rows,
    close: () => pool.end(),
  }
}

export async function openMysql(url = MYSQL_URL ?? ''): Promise<SqlConnection> {
  const mysql = await import('mysql2/promise')
  const pool = mysql.createPool({ uri: url, connectionLimit: 4, connectTimeout: 5000 })
  await (await pool.getConnection()).release()
  return {
    dialect: 'mysql',
    query: async (sql, params) => (await pool.query(sql, [...params]))[0] as Record<string, unknown>[],
    close: () => pool.end(),
  }
}

export async function openRedis(url = REDIS_URL ?? ''): Promise<RedisConnection> {
  const { createClient } = await import('redis')
  const client = createClient({
    url,
    socket: { connectTimeout: 5000, reconnectStrategy: (n) => Math.min(n * 50, 500) },
  })
  client.on('error', () => {}) // reconnects by itself; commands wait in its queue meanwhile
  await client.connect()
  return { client: client as unknown as RedisConnection['client'], close: async () => void (await client.close()) }
}

export async function openPglite(): Promise<SqlConnection> {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite()
  return {
    dialect: 'postgres',
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, [...params])).rows,
    close: () => db.close(),
  }
}

let sqlJs: Promise<import('sql.js').SqlJsStatic> | undefined

export async function openSqlJs(): Promise<SqlConnection> {
  sqlJs ??= (require('sql.js') as typeof import('sql.js').default)()
  const db = new (await sqlJs).Database()
  const query = sqlJsQuery(db)
  return {
    dialect: 'sqlite',
    query: async (sql, params) => [...(await query(sql, params))] as Record<string, unknown>[],
    close: async () => db.close(),
  }
}

interface BetterSqlite3 {
  prepare(sql: string): { reader: boolean; all(p: unknown[]): unknown[]; run(p: unknown[]): unknown }
  pragma(text: string): unknown
  close(): void
}

/** better-sqlite3 on a file (shared by processes when they open the same path). */
export function openBetterSqlite3(file: string): SqlConnection {
  const Database = require('better-sqlite3') as new (file: string) => BetterSqlite3
  const db = new Database(file)
  db.pragma('busy_timeout = 10000')
  db.pragma('journal_mode = WAL')
  return {
    dialect: 'sqlite',
    query: async (sql, params) => {
      const statement = db.prepare(sql)
      if (statement.reader) return statement.all([...params]) as Record<string, unknown>[]
      statement.run([...params])
      return []
    },
    close: async () => db.close(),
  }
}

/** Quotes a table name of the tests' own making for a dialect. */
export const quoteTable = (dialect: SqlStoreDialect, table: string) =>
  dialect === 'mysql' ? `\`${table}\`` : `"${table}"`
