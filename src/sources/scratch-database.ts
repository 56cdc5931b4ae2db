import type { IntrospectOptions, QueryFunction, Row } from '../dialects/introspect-types.js'
import { SchemaLedgerError } from '../errors.js'
import { sqlJsQuery } from '../verify/embedded-engines.js'
import { importPeer } from './import-peer.js'
import { PGLITE_EXTENSIONS, PGVECTOR_PACKAGE } from './pglite-extensions.js'
import { redactUrl } from './redact-url.js'

/**
 * A throw-away database that SQL text is run on and then read back: PGlite or sql.js in process, or a
 * scratch database created on a dev server and dropped on close. @internal
 */
export interface ScratchDatabase {
  /** Runs one statement. Errors are the engine's own. */
  exec(sql: string): Promise<void>
  query: QueryFunction
  /** How introspection reads it (the scratch database's name on a MySQL server). */
  readonly introspect: IntrospectOptions
  /** What runs the text, for messages: `PGlite`, `sql.js`, `mysql://root@host/…`. */
  readonly engine: string
  close(): Promise<void>
}

/** Options of {@link openScratchDatabase}. @internal */
export interface ScratchOptions {
  readonly dialect: 'postgres' | 'mysql' | 'sqlite'
  /** A server on which a scratch database is created and dropped (required for MySQL/MariaDB). */
  readonly devUrl?: string | undefined
  /** PostgreSQL extensions the text creates (loaded into PGlite before it starts). */
  readonly extensions?: readonly string[]
}

/** Built into PostgreSQL itself: nothing to load. */
const BUILTIN_EXTENSIONS = new Set(['plpgsql'])

/**
 * Opens the database the text runs on.
 *
 * @example
 * ```ts
 * const db = await openScratchDatabase({ dialect: 'postgres', extensions: ['pg_trgm'] })
 * try { await db.exec('CREATE EXTENSION pg_trgm') } finally { await db.close() }
 * ```
 * @internal
 */
export async function openScratchDatabase(options: ScratchOptions): Promise<ScratchDatabase> {
  if (options.devUrl !== undefined) return openOnServer(options.dialect, options.devUrl)
  if (options.dialect === 'mysql') {
    throw new SchemaLedgerError(
      'dev_url_required',
      'MySQL and MariaDB have no embedded engine: give a dev server (devUrl / --dev-url mysql://user@host:3306) on which a scratch database is created and dropped',
    )
  }
  return options.dialect === 'postgres' ? openPglite(options.extensions ?? []) : openSqlJs()
}

async function openPglite(extensionNames: readonly string[]): Promise<ScratchDatabase> {
  const mod = await importPeer<typeof import('@electric-sql/pglite')>(
    '@electric-sql/pglite',
    'Reading PostgreSQL text without a server',
  )
  const extensions: Record<string, import('@electric-sql/pglite').Extension> = {}
  for (const name of new Set(extensionNames)) {
    if (BUILTIN_EXTENSIONS.has(name)) continue
    const known = Object.hasOwn(PGLITE_EXTENSIONS, name) ? PGLITE_EXTENSIONS[name] : undefined
    if (!known) {
      throw new SchemaLedgerError(
        'unsupported_extension',
        `extension "${name}" is not available in PGlite (it has ${Object.keys(PGLITE_EXTENSIONS).join(', ')}); read this text on a server with devUrl / --dev-url postgres://...`,
      )
    }
    const module = await importExtension(name, known.module)
    extensions[known.exported] = module[known.exported] as import('@electric-sql/pglite').Extension
  }
  const db = await mod.PGlite.create({ extensions })
  return {
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async (sql, params) => (await db.query<Row>(sql, params ? [...params] : undefined)).rows,
    introspect: { dialect: 'postgres' },
    engine: 'PGlite',
    close: () => db.close(),
  }
}

/** Imports the module of one extension; pgvector's own package missing is named with how to install it. */
async function importExtension(
  name: string,
  module: string,
): Promise<Record<string, import('@electric-sql/pglite').Extension>> {
  try {
    return await importPeer(module, `Extension "${name}"`)
  } catch (error) {
    if (module !== PGVECTOR_PACKAGE) throw error
    throw new SchemaLedgerError(
      'unsupported_extension',
      `extension "vector" (pgvector) needs the optional package "${PGVECTOR_PACKAGE}", which is not installed: npm install --save-dev ${PGVECTOR_PACKAGE} (each of its versions names the PGlite release it was built with; an npm "overrides" entry lets it use yours), or read this text on a server with devUrl / --dev-url postgres://...`,
      { cause: error },
    )
  }
}

async function openSqlJs(): Promise<ScratchDatabase> {
  const mod = await importPeer<{ default: typeof import('sql.js').default }>('sql.js', 'Reading SQLite text')
  const SQL = await mod.default()
  const db = new SQL.Database()
  return {
    exec: async (sql) => {
      db.exec(sql)
    },
    query: sqlJsQuery(db),
    introspect: { dialect: 'sqlite' },
    engine: 'sql.js',
    close: async () => db.close(),
  }
}

/** A unique scratch database name: the tool's prefix, the time and random digits. */
function scratchName(): string {
  return `schemaledger_scratch_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
}

async function openOnServer(dialect: ScratchOptions['dialect'], url: string): Promise<ScratchDatabase> {
  const scheme = /^([a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase()
  const wanted = dialect === 'postgres' ? ['postgres', 'postgresql'] : dialect === 'mysql' ? ['mysql', 'mariadb'] : []
  if (!scheme || !wanted.includes(scheme)) {
    throw new SchemaLedgerError(
      'invalid_dev_url',
      dialect === 'sqlite'
        ? 'SQLite text runs in process (sql.js); a dev URL is for PostgreSQL or MySQL/MariaDB'
        : `a ${dialect} dev URL starts with ${wanted.map((w) => `${w}://`).join(' or ')}, not ${redactUrl(url)}`,
    )
  }
  const name = scratchName()
  try {
    return dialect === 'postgres' ? await openPostgresScratch(url, name) : await openMysqlScratch(url, name)
  } catch (error) {
    if (error instanceof SchemaLedgerError) throw error
    throw new SchemaLedgerError(
      'connection_failed',
      `cannot create a scratch database on ${redactUrl(url)}: ${(error as Error).message}`,
      { cause: error },
    )
  }
}

async function openPostgresScratch(url: string, name: string): Promise<ScratchDatabase> {
  const pg = (await importPeer<{ default: typeof import('pg') }>('pg', 'A PostgreSQL dev URL')).default
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const target = new URL(url)
  target.pathname = `/${name}`
  // One session runs the script and reads it back (it sees its own open transaction, as PGlite does);
  // the introspector's concurrent queries wait their turn on it.
  const db = new pg.Client({ connectionString: target.toString() })
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }
  try {
    await db.connect()
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
    throw error
  }
  return {
    exec: async (sql) => {
      await serial(() => db.query(sql))
    },
    query: async (sql, params) => (await serial(() => db.query(sql, params ? [...params] : undefined))).rows as Row[],
    introspect: { dialect: 'postgres' },
    engine: redactUrl(url),
    close: async () => {
      await db.end().catch(() => undefined)
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

async function openMysqlScratch(url: string, name: string): Promise<ScratchDatabase> {
  const imported = await importPeer<typeof import('mysql2/promise')>('mysql2/promise', 'A MySQL/MariaDB dev URL')
  const mysql = (imported as { default?: typeof import('mysql2/promise') }).default ?? imported
  const mariadb = url.startsWith('mariadb:')
  const uri = mariadb ? `mysql:${url.slice('mariadb:'.length)}` : url
  const db = await mysql.createConnection({ uri })
  await db.query(`CREATE DATABASE \`${name}\``)
  await db.query(`USE \`${name}\``)
  return {
    exec: async (sql) => {
      await db.query(sql)
    },
    query: async (sql, params) => {
      const [rows] = await db.query(sql, params ? [...params] : undefined)
      return rows as Row[]
    },
    introspect: { dialect: mariadb ? 'mariadb' : 'mysql', schema: name },
    engine: redactUrl(url),
    close: async () => {
      try {
        await db.query(`DROP DATABASE IF EXISTS \`${name}\``)
      } finally {
        await db.end()
      }
    },
  }
}
