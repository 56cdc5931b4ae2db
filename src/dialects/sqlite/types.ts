import type { ColumnType } from '../../model/column-type.js'
import { formatColumnType } from '../../model/format-column-type.js'
import type { Column } from '../../model/types.js'
import { normalizeDefault } from '../../sql-text/normalize-default.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import type { Dialect } from '../dialect.js'
import { expression } from '../render.js'
import { unsupported } from './subset.js'

/*
 * SQLite keeps the declared type of a column as written (it only derives an affinity from it), so
 * every kind is declared under the spelling that `parseColumnType` reads back to the same kind: the
 * canonical spelling of `formatColumnType`, except where SQLite's type-name grammar (words, then at
 * most `(n)` or `(n, m)`) cannot hold it; those are declared as one quoted name, which SQLite stores
 * without the quotes.
 *
 * | Kind                          | Declared as                                   | Affinity |
 * |-------------------------------|-----------------------------------------------|----------|
 * | tinyint ... bigint (unsigned) | `integer`, `bigint`, `integer unsigned`       | INTEGER  |
 * | decimal                       | `decimal(10,2)`, `decimal`; `"decimal(*,2)"`  | NUMERIC  |
 * | real / double / float         | `real`, `double`, `float`                     | REAL     |
 * | boolean                       | `boolean`                                     | NUMERIC  |
 * | char / varchar                | `varchar(50)`, `char(2)`                      | TEXT     |
 * | text (sizes)                  | `text`, `mediumtext`                          | TEXT     |
 * | binary / varbinary            | `binary(16)`, `varbinary(8)`                  | NUMERIC  |
 * | blob (sizes)                  | `blob`, `longblob`                            | BLOB     |
 * | date                          | `date`                                        | NUMERIC  |
 * | time / timestamp              | `timestamp(3)`, `timestamp with time zone`, `timestamptz(6)`, `timetz(3)` | NUMERIC |
 * | interval                      | `interval(3)`; with fields `"interval day to second"` | NUMERIC |
 * | uuid, json, jsonb             | `uuid`, `json`, `jsonb`                       | NUMERIC  |
 * | custom                        | verbatim (`ANY`, `citext`), quoted when not a type name | by its text |
 * | untyped (no declared type)    | nothing: `"data"` alone                       | BLOB     |
 * | enum, array                   | refused (`unsupported_feature`)               | -        |
 *
 * Affinity is SQLite's business: NUMERIC columns keep text that does not look like a number as text.
 */

// Words that end a type name in a column definition (found by declaring `c <word>` and `c x <word> y`
// on SQLite 3.54): a type containing one is quoted.
const STOP_WORDS = new Set(
  `add all alter and as autoincrement between case check collate commit constraint create cross default deferrable
  delete distinct drop else escape except exists foreign from full generated group having in index indexed inner insert
  intersect into is isnull join left limit natural not nothing notnull null on or order outer primary references
  returning right select set table then to transaction union unique update using values when where`.split(/\s+/),
)
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*(?:\([+-]?\d+(?:,[+-]?\d+)?\))?$/

/** Whether SQLite reads `text` as a bare type name (no quoting needed). */
function isPlainTypeName(text: string): boolean {
  if (!TYPE_NAME.test(text)) return false
  const words = text.replace(/\(.*$/, '').toLowerCase().split(' ')
  return words.every((w) => !STOP_WORDS.has(w))
}

/**
 * The declared type of a column, as SQLite stores it and introspection reads it back; empty for a
 * column without one (`untyped`).
 * @internal
 *
 * @example
 * ```ts
 * renderSqliteType(sqlite, { kind: 'timestamp', precision: 6, timezone: true }) // 'timestamptz(6)'
 * renderSqliteType(sqlite, { kind: 'custom', raw: 'geometry(Point,4326)' }) // '"geometry(Point,4326)"'
 * ```
 */
export function renderSqliteType(d: Dialect, type: ColumnType, where = 'column type'): string {
  let text: string
  switch (type.kind) {
    case 'enum':
    case 'array':
      throw unsupported([`${where}: ${type.kind === 'enum' ? 'an enum' : 'an array'} type: not in SQLite`])
    case 'untyped':
      return ''
    case 'custom':
      text = expression(d, type.raw, where).trim()
      break
    case 'time':
    case 'timestamp':
      // `timestamp(6) with time zone` does not fit the grammar; `timestamptz(6)` reads back the same.
      text =
        type.timezone && type.precision !== undefined
          ? `${type.kind === 'time' ? 'timetz' : 'timestamptz'}(${type.precision})`
          : formatColumnType(type)
      break
    default:
      text = formatColumnType(type)
  }
  return isPlainTypeName(text) ? text : d.quoteIdentifier(text)
}

const KEYWORD_LITERALS = new Set(['null', 'true', 'false', 'current_time', 'current_date', 'current_timestamp'])

/** Whether `sql` is one literal SQLite's DEFAULT takes without parentheses, and whether it is constant. */
function literalKind(sql: string): 'constant' | 'time' | undefined {
  const tokens = tokenizeSql(sql)
  const [first, second] = tokens
  if (!first) return undefined
  if (tokens.length === 2 && (first.text === '-' || first.text === '+') && second?.kind === 'number') return 'constant'
  if (tokens.length !== 1) return undefined
  if (first.kind === 'number') return 'constant'
  if (first.kind === 'string' && (first.prefix === '' || first.prefix === 'x')) return 'constant'
  if (first.kind === 'word' && KEYWORD_LITERALS.has(first.text.toLowerCase())) {
    return first.text.toLowerCase().startsWith('current_') ? 'time' : 'constant'
  }
  return undefined
}

const upperKeyword = (sql: string) => (/^[a-z_]+$/.test(sql) && KEYWORD_LITERALS.has(sql) ? sql.toUpperCase() : sql)

/**
 * A column default as a SQLite expression (checked by the expression guard, then in the canonical
 * spelling of `normalizeDefault`: `now()` becomes `CURRENT_TIMESTAMP`, PostgreSQL casts of literals
 * drop); undefined for no default (NULL included).
 * @internal
 *
 * @example
 * ```ts
 * sqliteDefaultExpression(sqlite, 'now()', column) // 'CURRENT_TIMESTAMP'
 * ```
 */
export function sqliteDefaultExpression(d: Dialect, text: string, column: Column, where?: string): string | undefined {
  const at = where ?? `${column.name} default`
  // Written in the canonical spelling (PostgreSQL casts dropped, literals re-quoted): that text is
  // what SQLite reads, so it is the one checked; a problem is shown in the document's own text when
  // that text has it too.
  const canonical = normalizeDefault(text, column.type)
  if (canonical === undefined) return undefined
  const written = upperKeyword(canonical)
  try {
    return expression(d, written, `${at} (as written for SQLite)`)
  } catch (error) {
    expression(d, text, at)
    throw error
  }
}

/**
 * The `DEFAULT` value as SQLite's grammar takes it: a literal as is, anything else in parentheses.
 * @internal
 *
 * @example
 * ```ts
 * renderSqliteDefault(sqlite, "lower('X')", column) // "(lower('X'))"
 * ```
 */
export function renderSqliteDefault(d: Dialect, text: string, column: Column, where?: string): string {
  const value = sqliteDefaultExpression(d, text, column, where) ?? 'NULL'
  return literalKind(value) ? value : `(${value})`
}

/**
 * Whether `ALTER TABLE ... ADD COLUMN` accepts the column's default on a table with rows: none, or a
 * constant (not CURRENT_TIMESTAMP, not an expression), and not NULL when the column is NOT NULL.
 * @internal
 *
 * @example
 * ```ts
 * isAddableDefault(sqlite, { name: 'active', type: { kind: 'boolean' }, nullable: false, default: 'true' }) // true
 * isAddableDefault(sqlite, { name: 'at', type: { kind: 'timestamp', timezone: false }, nullable: true, default: 'now()' }) // false
 * ```
 */
export function isAddableDefault(d: Dialect, column: Column): boolean {
  const value = column.default === undefined ? undefined : sqliteDefaultExpression(d, column.default, column)
  if (value === undefined) return column.nullable
  return literalKind(value) === 'constant' && !(value === 'NULL' && !column.nullable)
}
