import { InvalidOptionError } from '../errors.js'

/**
 * The SQL databases {@link sqlAdapter} keeps a store in: PostgreSQL (also PGlite), MySQL or MariaDB,
 * and SQLite (better-sqlite3, sql.js, node:sqlite, ...).
 *
 * @example
 * ```ts
 * const dialect: SqlStoreDialect = 'postgres'
 * ```
 */
export type SqlStoreDialect = 'postgres' | 'mysql' | 'sqlite'

/** The statements of one store table in one dialect. @internal */
export interface SqlStoreStatements {
  readonly createTable: string
  readonly get: string
  readonly has: string
  /** Takes one parameter: a LIKE (GLOB for SQLite) pattern made by `prefixPattern`. */
  readonly keys: string
  readonly upsert: string
  /**
   * PostgreSQL and SQLite: returns one row when it inserted, none on conflict. MySQL (no RETURNING):
   * fails with a duplicate-key error on conflict.
   */
  readonly insertIfAbsent: string
  readonly remove: string
  /** The pattern for `keys` that matches exactly the keys starting with `prefix`. */
  prefixPattern(prefix: string): string
}

/** The table name used when none is given. */
export const DEFAULT_STORE_TABLE = 'schemaledger_store'

const NAME_PART = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/**
 * The statements for `table` (`name` or `schema.name`, letters, digits and `_`) in `dialect`.
 * @internal
 */
export function sqlStoreStatements(dialect: SqlStoreDialect, table: string = DEFAULT_STORE_TABLE): SqlStoreStatements {
  const parts = typeof table === 'string' ? table.split('.') : []
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => NAME_PART.test(p))) {
    throw new InvalidOptionError(
      'table',
      `${JSON.stringify(table)} is not a table name (letters, digits and _, at most 63 each, optionally schema.table)`,
    )
  }
  const quote = dialect === 'mysql' ? (p: string) => `\`${p}\`` : (p: string) => `"${p}"`
  const t = parts.map(quote).join('.')
  const [k, v] = [quote('key'), quote('value')]
  switch (dialect) {
    case 'postgres':
      // COLLATE "C": keys compare byte by byte, and LIKE 'prefix%' can use the primary key's index.
      return {
        createTable: `CREATE TABLE IF NOT EXISTS ${t} (${k} text COLLATE "C" PRIMARY KEY, ${v} text NOT NULL)`,
        get: `SELECT ${v} FROM ${t} WHERE ${k} = $1`,
        has: `SELECT 1 AS found FROM ${t} WHERE ${k} = $1`,
        keys: `SELECT ${k} FROM ${t} WHERE ${k} LIKE $1 ESCAPE '!'`,
        upsert: `INSERT INTO ${t} (${k}, ${v}) VALUES ($1, $2) ON CONFLICT (${k}) DO UPDATE SET ${v} = EXCLUDED.${v}`,
        insertIfAbsent: `INSERT INTO ${t} (${k}, ${v}) VALUES ($1, $2) ON CONFLICT (${k}) DO NOTHING RETURNING 1 AS inserted`,
        remove: `DELETE FROM ${t} WHERE ${k} = $1`,
        prefixPattern: likePattern,
      }
    case 'mysql':
      // VARBINARY: byte comparison with no trailing-space padding ('a' and 'a ' are two keys) and
      // no case folding; LONGTEXT utf8mb4 keeps every character of the value.
      return {
        createTable:
          `CREATE TABLE IF NOT EXISTS ${t} (${k} VARBINARY(1024) NOT NULL PRIMARY KEY, ` +
          `${v} LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL) ENGINE=InnoDB`,
        get: `SELECT ${v} FROM ${t} WHERE ${k} = ?`,
        has: `SELECT 1 AS found FROM ${t} WHERE ${k} = ?`,
        keys: `SELECT ${k} FROM ${t} WHERE ${k} LIKE ? ESCAPE '!'`,
        upsert: `INSERT INTO ${t} (${k}, ${v}) VALUES (?, ?) ON DUPLICATE KEY UPDATE ${v} = VALUES(${v})`,
        insertIfAbsent: `INSERT INTO ${t} (${k}, ${v}) VALUES (?, ?)`,
        remove: `DELETE FROM ${t} WHERE ${k} = ?`,
        prefixPattern: likePattern,
      }
    case 'sqlite':
      // GLOB, not LIKE: SQLite's LIKE ignores ASCII case.
      return {
        createTable: `CREATE TABLE IF NOT EXISTS ${t} (${k} TEXT PRIMARY KEY NOT NULL, ${v} TEXT NOT NULL)`,
        get: `SELECT ${v} FROM ${t} WHERE ${k} = ?`,
        has: `SELECT 1 AS found FROM ${t} WHERE ${k} = ?`,
        keys: `SELECT ${k} FROM ${t} WHERE ${k} GLOB ?`,
        upsert: `INSERT INTO ${t} (${k}, ${v}) VALUES (?, ?) ON CONFLICT (${k}) DO UPDATE SET ${v} = excluded.${v}`,
        insertIfAbsent: `INSERT INTO ${t} (${k}, ${v}) VALUES (?, ?) ON CONFLICT (${k}) DO NOTHING RETURNING 1 AS inserted`,
        remove: `DELETE FROM ${t} WHERE ${k} = ?`,
        prefixPattern: (prefix) => `${prefix.replace(/[*?[]/g, (c) => `[${c}]`)}*`,
      }
    default:
      throw new InvalidOptionError(
        'dialect',
        `${JSON.stringify(dialect)} is not one of "postgres", "mysql", "sqlite" (MariaDB is "mysql", PGlite "postgres")`,
      )
  }
}

/** `prefix%` with LIKE's wildcards (and the escape character `!`) escaped by `!`. */
function likePattern(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`
}

/**
 * The `CREATE TABLE` statement {@link sqlAdapter} runs (unless `createTable: false`), for creating the
 * table yourself, in a migration or with a role that may not create tables.
 *
 * @example
 * ```ts
 * sqlStoreTableDDL('postgres')
 * // 'CREATE TABLE IF NOT EXISTS "schemaledger_store" ("key" text COLLATE "C" PRIMARY KEY, "value" text NOT NULL)'
 * ```
 */
export function sqlStoreTableDDL(dialect: SqlStoreDialect, table: string = DEFAULT_STORE_TABLE): string {
  return sqlStoreStatements(dialect, table).createTable
}
