import type { Schema } from '../model/types.js'

/** A row as a driver returns it: column name -> value. */
export type Row = Record<string, unknown>

/**
 * Runs one query and resolves to its rows; any driver fits in a few lines. Parameters are positional:
 * `$1, $2` for PostgreSQL, `?` for MySQL/MariaDB and SQLite.
 *
 * @example
 * ```ts
 * const query: QueryFunction = async (sql, params) => (await pool.query(sql, params)).rows // pg
 * ```
 */
export type QueryFunction = (sql: string, params?: readonly unknown[]) => Promise<readonly Row[]>

/** Options of {@link introspect}. */
export interface IntrospectOptions {
  /** Which database the query function talks to. */
  readonly dialect: 'postgres' | 'postgresql' | 'mysql' | 'mariadb' | 'sqlite'
  /** PostgreSQL namespace (default `public`); MySQL database (default the connection's current one). */
  readonly schema?: string
}

/** One dialect's reader of a live database. @internal */
export type Introspector = (query: QueryFunction, options: IntrospectOptions) => Promise<Schema>
