/**
 * Reads the schema of a live database into the model, through a query function over any driver
 * (pg, PGlite, mysql2, better-sqlite3, sql.js).
 *
 * @packageDocumentation
 */

import { byDialectAlias } from '../dialects/dialect-names.js'
import type {
  Introspection,
  IntrospectOptions,
  Introspector,
  QueryFunction,
  UnmodelledObject,
} from '../dialects/introspect-types.js'
import { introspectMysql } from '../dialects/mysql/introspect.js'
import { introspectPostgres } from '../dialects/postgres/introspect.js'
import { introspectSqlite } from '../dialects/sqlite/introspect.js'
import { InvalidOptionError } from '../errors.js'
import type { Schema } from '../model/types.js'

export type {
  Introspection,
  IntrospectOptions,
  QueryFunction,
  Row,
  UnmodelledKind,
  UnmodelledObject,
} from '../dialects/introspect-types.js'

const INTROSPECTORS: Readonly<Record<IntrospectOptions['dialect'], Introspector>> = byDialectAlias({
  postgres: introspectPostgres,
  mysql: introspectMysql,
  sqlite: introspectSqlite,
})

/**
 * Reads tables, columns (types, nullability, defaults, identity/auto-increment, comments), primary key,
 * unique, foreign key (with actions) and check constraints, indexes (unique, partial, expressions) and
 * enums from a live database, and returns them as a validated {@link Schema} in normal form, with the
 * objects the model cannot hold listed beside it (partitions, system versioning, keys that point at
 * them), sorted by name. Whatever the database holds, it does not throw for what it finds there.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { introspectDatabase } from 'schemaledger/introspect'
 * const client = new pg.Client(process.env.DATABASE_URL); await client.connect()
 * const { schema, unmodelled } = await introspectDatabase(async (sql, params) => (await client.query(sql, params as unknown[])).rows, { dialect: 'postgres' })
 * ```
 */
export async function introspectDatabase(query: QueryFunction, options: IntrospectOptions): Promise<Introspection> {
  const reader = Object.hasOwn(INTROSPECTORS, options.dialect) ? INTROSPECTORS[options.dialect] : undefined
  if (!reader)
    throw new InvalidOptionError('dialect', `"${options.dialect}" is not a dialect (postgres, mysql, mariadb, sqlite)`)
  const { schema, unmodelled } = await reader(query, options)
  const order = (a: UnmodelledObject, b: UnmodelledObject) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0
  return { schema, unmodelled: [...unmodelled].sort(order) }
}

/**
 * The schema {@link introspectDatabase} reads, alone: for a caller that only compares schemas. What the
 * model cannot hold is left out of it; ask `introspectDatabase` for that list.
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
  return (await introspectDatabase(query, options)).schema
}
export { type ProfileOptions, profileDatabase } from './profile.js'
