import type { QueryFunction, Row } from '../dialects/introspect-types.js'
import { SchemaLedgerError } from '../errors.js'

/** An in-process database: run a statement, run a query, close. */
export interface EmbeddedEngine {
  exec(sql: string): Promise<void>
  query: QueryFunction
  close(): Promise<void>
}

function missing(pkg: string, dialect: string, cause: unknown): SchemaLedgerError {
  return new SchemaLedgerError(
    'missing_dependency',
    `verifyMigration for ${dialect} runs on ${pkg}, which is not installed: npm install --save-dev ${pkg}`,
    { cause },
  )
}

/** PostgreSQL compiled to WASM (the optional peer `@electric-sql/pglite`). */
export async function openPglite(): Promise<EmbeddedEngine> {
  let mod: typeof import('@electric-sql/pglite')
  try {
    mod = await import('@electric-sql/pglite')
  } catch (error) {
    throw missing('@electric-sql/pglite', 'postgres', error)
  }
  const db = new mod.PGlite()
  return {
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async (sql, params) => (await db.query<Row>(sql, params ? [...params] : undefined)).rows,
    close: () => db.close(),
  }
}

/** SQLite compiled to WASM (the optional peer `sql.js`), with foreign keys enforced. */
export async function openSqlJs(): Promise<EmbeddedEngine> {
  let init: typeof import('sql.js').default
  try {
    const mod = (await import('sql.js')) as unknown as { default: typeof import('sql.js').default }
    init = mod.default
  } catch (error) {
    throw missing('sql.js', 'sqlite', error)
  }
  const SQL = await init()
  const db = new SQL.Database()
  db.exec('PRAGMA foreign_keys = ON')
  return {
    exec: async (sql) => {
      db.exec(sql)
    },
    query: sqlJsQuery(db),
    close: async () => db.close(),
  }
}

/** A query function over a sql.js database: binds positional parameters, returns rows as objects. @internal */
export function sqlJsQuery(db: import('sql.js').Database): QueryFunction {
  return async (sql, params) => {
    const stmt = db.prepare(sql)
    try {
      if (params) stmt.bind(params as import('sql.js').BindParams)
      const rows: Row[] = []
      while (stmt.step()) rows.push(stmt.getAsObject() as Row)
      return rows
    } finally {
      stmt.free()
    }
  }
}
