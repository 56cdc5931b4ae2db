/**
 * Reads the schema of a live database into the model, through a query function over any driver
 * (pg, PGlite, mysql2, better-sqlite3, sql.js).
 *
 * @packageDocumentation
 */
import { InvalidOptionError } from '../errors.js'
import type { Schema } from '../model/types.js'
import { introspectMysql } from './dialects/mysql.js'
import { introspectPostgres } from './dialects/postgres.js'
import { introspectSqlite } from './dialects/sqlite.js'
import type { IntrospectOptions, Introspector, QueryFunction } from './types.js'

export type { IntrospectOptions, QueryFunction, Row } from './types.js'

const INTROSPECTORS: Readonly<Record<IntrospectOptions['dialect'], Introspector>> = {
  postgres: introspectPostgres,
  postgresql: introspectPostgres,
  mysql: introspectMysql,
  mariadb: introspectMysql,
  sqlite: introspectSqlite,
}

/**
 * Reads tables, columns (types, nullability, defaults, identity/auto-increment, comments), primary key,
 * unique, foreign key (with actions) and check constraints, indexes (unique, partial, expressions) and
 * enums from a live database, and returns them as a validated {@link Schema} in normal form.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { introspect } from 'schemaledger/introspect'
 * const client = new pg.Client(process.env.DATABASE_URL); await client.connect()
 * const schema = await introspect(async (sql, params) => (await client.query(sql, params as unknown[])).rows, { dialect: 'postgres' })
 * ```
 */
export async function introspect(query: QueryFunction, options: IntrospectOptions): Promise<Schema> {
  const reader = Object.hasOwn(INTROSPECTORS, options.dialect) ? INTROSPECTORS[options.dialect] : undefined
  if (!reader)
    throw new InvalidOptionError('dialect', `"${options.dialect}" is not a dialect (postgres, mysql, mariadb, sqlite)`)
  return reader(query, options)
}
export { type ProfileOptions, profileDatabase } from './profile.js'
