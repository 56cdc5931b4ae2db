import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { PGLITE_EXTENSIONS, PGVECTOR_PACKAGE, type PgliteExtension } from '../../src/sources/pglite-extensions.js'
import { sqlJsQuery } from '../../src/verify/embedded-engines.js'

// Real database engines for SQL tests. PGlite (PostgreSQL in WASM) and SQLite (sql.js, WASM) always
// run in-process; a PostgreSQL server and MariaDB run when SCHEMALEDGER_PG_URL / SCHEMALEDGER_MYSQL_URL
// are set (.ci/run sets them when the ports answer). Every `open` gives a fresh, empty database.

/** Rows as plain objects keyed by column name. */
export type Row = Record<string, unknown>

/** A connection to a fresh, empty database. */
export interface Engine {
  readonly name: 'pglite' | 'postgres-server' | 'sqlite' | 'mariadb'
  readonly dialect: 'postgres' | 'mysql' | 'sqlite'
  /** Runs one statement (or, for setup scripts, several separated by `;`). */
  exec(sql: string): Promise<void>
  /** Runs a query with positional parameters (`$1` for PostgreSQL, `?` for MySQL and SQLite). */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>
  /** Empties the database again (much faster than opening a new one, for property tests). */
  reset(): Promise<void>
  close(): Promise<void>
}

/** How to open one kind of engine, and why it is unavailable when it is. */
export interface EngineFactory {
  readonly name: Engine['name']
  readonly dialect: Engine['dialect']
  /** Undefined when the engine can run here; otherwise the reason it is skipped. */
  readonly skipReason: string | undefined
  open(): Promise<Engine>
}

const require = createRequire(import.meta.url)

/**
 * The modules of every extension PGlite can load ({@link PGLITE_EXTENSIONS}, the library's list: its
 * contrib modules, and pgvector's package when installed), as PGlite's `extensions` option takes them.
 */
export const PGLITE_CONTRIB: readonly PgliteExtension[] = [
  ...new Map(Object.values(PGLITE_EXTENSIONS).map((e) => [e.module, e])).values(),
]

/** The extensions of `list` whose module imports here (pgvector's package is optional), by export name. */
async function contribExtensions(list: readonly PgliteExtension[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const { module, exported } of list) {
    const loaded = (await import(/* @vite-ignore */ module).catch((error: unknown) => {
      if (module === PGVECTOR_PACKAGE) return undefined
      throw error
    })) as Record<string, unknown> | undefined
    if (loaded) out[exported] = loaded[exported]
  }
  return out
}

/**
 * PGlite with contrib modules. By default btree_gist only (exclusion constraints with `=` on
 * scalars): each module loaded makes opening slower, so only the corpus and whole-database tests
 * load them all ({@link pgliteWithContrib}).
 */
async function openPglite(
  contrib: readonly PgliteExtension[] = [PGLITE_EXTENSIONS.btree_gist as PgliteExtension],
): Promise<Engine> {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite({ extensions: (await contribExtensions(contrib)) as never })
  return {
    name: 'pglite',
    dialect: 'postgres',
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async (sql, params) => (await db.query<Row>(sql, params ? [...params] : undefined)).rows,
    reset: async () => {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
    },
    close: () => db.close(),
  }
}

let sqlJs: Promise<import('sql.js').SqlJsStatic> | undefined

async function openSqlite(): Promise<Engine> {
  sqlJs ??= (require('sql.js') as typeof import('sql.js').default)()
  const SQL = await sqlJs
  const fresh = () => {
    const created = new SQL.Database()
    created.exec('PRAGMA foreign_keys = ON')
    return created
  }
  let db = fresh()
  return {
    name: 'sqlite',
    dialect: 'sqlite',
    exec: async (sql) => {
      db.exec(sql)
    },
    query: (sql, params) => sqlJsQuery(db)(sql, params) as Promise<Row[]>,
    reset: async () => {
      db.close()
      db = fresh()
    },
    close: async () => db.close(),
  }
}

const uniqueName = () => `sl_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

async function openPostgresServer(url: string): Promise<Engine> {
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const database = uniqueName()
  await admin.query(`CREATE DATABASE ${database}`)
  const target = new URL(url)
  target.pathname = `/${database}`
  const db = new pg.Client({ connectionString: target.toString() })
  await db.connect()
  return {
    name: 'postgres-server',
    dialect: 'postgres',
    exec: async (sql) => {
      await db.query(sql)
    },
    query: async (sql, params) => (await db.query(sql, params ? [...params] : undefined)).rows as Row[],
    reset: async () => {
      await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
    },
    close: async () => {
      await db.end()
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.end()
    },
  }
}

async function openMariadb(url: string): Promise<Engine> {
  const mysql = await import('mysql2/promise')
  const database = uniqueName()
  const admin = await mysql.createConnection({ uri: url })
  await admin.query(`CREATE DATABASE ${database}`)
  const db = await mysql.createConnection({ uri: url, database, multipleStatements: true })
  return {
    name: 'mariadb',
    dialect: 'mysql',
    exec: async (sql) => {
      await db.query(sql)
    },
    query: async (sql, params) => {
      const [rows] = await db.query(sql, params ? [...params] : undefined)
      return rows as Row[]
    },
    reset: async () => {
      await db.query(`DROP DATABASE ${database}; CREATE DATABASE ${database}; USE ${database}`)
    },
    close: async () => {
      await db.end()
      await admin.query(`DROP DATABASE IF EXISTS ${database}`)
      await admin.end()
    },
  }
}

const PG_URL = process.env.SCHEMALEDGER_PG_URL
const MYSQL_URL = process.env.SCHEMALEDGER_MYSQL_URL

/** Every engine SQL tests run on, in-process ones first. */
export const ENGINES: readonly EngineFactory[] = [
  { name: 'pglite', dialect: 'postgres', skipReason: undefined, open: () => openPglite() },
  { name: 'sqlite', dialect: 'sqlite', skipReason: undefined, open: openSqlite },
  {
    name: 'postgres-server',
    dialect: 'postgres',
    skipReason: PG_URL ? undefined : 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server to test against',
    open: () => openPostgresServer(PG_URL as string),
  },
  {
    name: 'mariadb',
    dialect: 'mysql',
    skipReason: MYSQL_URL ? undefined : 'SCHEMALEDGER_MYSQL_URL is not set: no MariaDB/MySQL server to test against',
    open: () => openMariadb(MYSQL_URL as string),
  },
]

/** PGlite with every contrib module it ships ({@link PGLITE_CONTRIB}), for the corpus and whole-database tests. */
export const pgliteWithContrib: EngineFactory = {
  name: 'pglite',
  dialect: 'postgres',
  skipReason: undefined,
  open: () => openPglite(PGLITE_CONTRIB),
}

/** Engines of one dialect. */
export const enginesFor = (dialect: Engine['dialect']) => ENGINES.filter((e) => e.dialect === dialect)

/**
 * PGlite with the named extensions of {@link PGLITE_EXTENSIONS} loaded (`['vector']`), skipped with
 * the reason when one's module is not installed (pgvector's package is optional).
 */
export async function pgliteWith(names: readonly string[]): Promise<EngineFactory> {
  const list = names.map((n) => PGLITE_EXTENSIONS[n] as PgliteExtension)
  const missing = []
  for (const { module } of list)
    if (
      !(await import(/* @vite-ignore */ module).then(
        () => true,
        () => false,
      ))
    )
      missing.push(module)
  return {
    name: 'pglite',
    dialect: 'postgres',
    skipReason:
      missing.length > 0 ? `${missing.join(', ')} is not installed: PGlite cannot load ${names.join(', ')}` : undefined,
    open: () => openPglite(list),
  }
}

/** Runs `body` on a fresh database of `factory`, closing it afterwards. */
export async function withEngine<T>(factory: EngineFactory, body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await factory.open()
  try {
    return await body(engine)
  } finally {
    await engine.close()
  }
}

/** Executes statements one by one, naming the failing one in the error. */
export async function run(engine: Engine, statements: readonly { readonly sql: string }[]): Promise<void> {
  for (const s of statements) {
    try {
      await engine.exec(s.sql)
    } catch (error) {
      throw new Error(`${engine.name} rejected:\n  ${s.sql}\n  ${(error as Error).message}`, { cause: error })
    }
  }
}

/** A test title that carries the skip reason, so a skipped engine test says why in the report. */
export const engineTitle = (factory: EngineFactory, title: string) =>
  factory.skipReason ? `${factory.name}: ${title} (skipped: ${factory.skipReason})` : `${factory.name}: ${title}`
