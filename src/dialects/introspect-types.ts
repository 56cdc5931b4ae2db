import type { Schema } from '../model/types.js'
import type { DialectAlias } from './dialect-names.js'

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
  readonly dialect: DialectAlias
  /**
   * PostgreSQL: read this one namespace, whose objects then have no `schema` (by default every
   * namespace but PostgreSQL's own is read, `public` the default one). MySQL: the database (default
   * the connection's current one).
   */
  readonly schema?: string
  /**
   * PostgreSQL: read these namespaces (instead of all); the first is the default one, whose objects
   * have no `schema`. Takes precedence over `schema`. Other dialects ignore it.
   */
  readonly schemas?: readonly string[]
  /**
   * PostgreSQL: read the role that owns each table and view into its `owner` (default false: owners
   * usually differ between environments, and an `owner` on both versions is compared). Other dialects
   * ignore it.
   */
  readonly owners?: boolean
}

/** What an {@link UnmodelledObject} is. */
export type UnmodelledKind =
  /** MySQL/MariaDB partitioning (PostgreSQL's declarative partitioning is modelled). */
  | 'partitioning'
  | 'system_versioning'
  | 'foreign_key'
  | 'primary_key'
  | 'unique'
  | 'index'
  | 'function'
  | 'view'
  | 'trigger'
  /** PostgreSQL objects the model has no kind for. */
  | 'event_trigger'
  | 'rule'
  | 'foreign_table'
  | 'foreign_server'
  | 'collation'
  | 'statistics'
  | 'operator'
  | 'text_search'
  | 'publication'
  | 'cast'

/**
 * Something the database holds that the schema returned by introspection does not: the model cannot
 * describe it, or it refers to something that was not read. Returned as data, never dropped silently
 * and never a reason to fail.
 *
 * @example
 * ```ts
 * const note: UnmodelledObject = {
 *   kind: 'foreign_key',
 *   name: 'notes.notes_event_fkey',
 *   why: 'references "events_2024", which is not read: a partition of "events" (the model has no partitions)',
 * }
 * ```
 */
export interface UnmodelledObject {
  readonly kind: UnmodelledKind
  /** Its name; objects of a table are qualified by it (`notes.notes_event_fkey`). */
  readonly name: string
  /** Why the schema does not hold it, and what was read instead. */
  readonly why: string
}

/**
 * What {@link introspectDatabase} reads: the schema, and what the database holds that it cannot.
 *
 * @example
 * ```ts
 * const { schema, unmodelled } = await introspectDatabase(query, { dialect: 'postgres' })
 * for (const u of unmodelled) console.warn(`${u.kind} ${u.name}: ${u.why}`)
 * ```
 */
export interface Introspection {
  readonly schema: Schema
  readonly unmodelled: readonly UnmodelledObject[]
}

/** One dialect's reader of a live database. @internal */
export type Introspector = (query: QueryFunction, options: IntrospectOptions) => Promise<Introspection>
