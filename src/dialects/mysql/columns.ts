import type { Column } from '../../model/types.js'
import { isLiteralDefault, normalizeDefault } from '../../sql-text/normalize-default.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import { mysqlExpression, quoteMysqlIdentifier, quoteMysqlLiteral, unsupported } from './text.js'
import { renderMysqlType, type TypeContext } from './types.js'

// The full column definition MySQL wants in CREATE TABLE, ADD COLUMN and MODIFY COLUMN:
//   `name` TYPE [COLLATE c] [GENERATED ALWAYS AS (expr) STORED|VIRTUAL] [NOT NULL] [DEFAULT d]
//   [ON UPDATE CURRENT_TIMESTAMP] [AUTO_INCREMENT] [INVISIBLE] [COMMENT 'text']
// MODIFY replaces the whole definition, so every change of a column re-states all of it.

/** Kinds whose literal defaults MySQL 8.0.13+ only takes in parentheses. */
const BLOB_LIKE = new Set(['text', 'blob', 'json', 'jsonb'])

/**
 * A column default as MySQL/MariaDB accepts it: literals bare (strings re-quoted with backslashes
 * escaped, booleans as TRUE/FALSE), `now()`/`CURRENT_TIMESTAMP` as `CURRENT_TIMESTAMP` with the
 * column's fractional-second precision, any other expression in parentheses.
 *
 * @example
 * ```ts
 * renderMysqlDefault('now()', { name: 'at', type: { kind: 'timestamp', timezone: false, precision: 3 }, nullable: true }, ctx) // 'CURRENT_TIMESTAMP(3)'
 * renderMysqlDefault("'a\\b'", column, ctx) // "'a\\\\b'"
 * ```
 */
export function renderMysqlDefault(
  expression: string,
  column: Column,
  ctx: TypeContext,
  where = `column "${column.name}" default`,
): string {
  // The guard runs first on the text as written, whatever shape it has.
  const translated = mysqlExpression(expression, where)
  const canonical = normalizeDefault(expression, column.type)
  if (canonical === undefined) return 'NULL'
  // `_utf8mb4'{}'`: bare, MariaDB drops the introducer; as an expression it keeps it, as read back.
  if (hasCharsetIntroducer(expression)) return `(${translated})`
  if (isLiteralDefault(expression)) {
    const literal = literalDefault(canonical, where)
    return ctx.flavor.parenthesizedBlobDefaults && BLOB_LIKE.has(column.type.kind) ? `(${literal})` : literal
  }
  const now = /^current_timestamp(?:\((\d+)\))?$/.exec(canonical)
  if (now) {
    const precision =
      now[1] ?? ('precision' in column.type && column.type.precision ? String(column.type.precision) : undefined)
    return precision === undefined ? 'CURRENT_TIMESTAMP' : `CURRENT_TIMESTAMP(${precision})`
  }
  return `(${translated})`
}

/** Whether the text is one string literal with a character set introducer (`_utf8mb4'x'`). */
function hasCharsetIntroducer(expression: string): boolean {
  const tokens = tokenizeSql(expression)
  return tokens.length === 1 && tokens[0]?.kind === 'string' && tokens[0].prefix.startsWith('_')
}

/** A literal default in its canonical form, spelled for MySQL. */
function literalDefault(canonical: string, where: string): string {
  if (canonical === 'true' || canonical === 'false') return canonical.toUpperCase()
  const tokens = tokenizeSql(canonical)
  const only = tokens.length === 1 ? tokens[0] : undefined
  if (only?.kind === 'string' && only.prefix === '') return quoteMysqlLiteral(only.value)
  const text = mysqlExpression(canonical, `${where} (as written for MySQL)`)
  // A single (signed) literal stands bare; anything built from literals is an expression to MySQL.
  const single = tokens.length === 1 || (tokens.length === 2 && tokens[0]?.text === '-' && tokens[1]?.kind === 'number')
  return single ? text : `(${text})`
}

/**
 * Options of {@link mysqlColumnDefinition}.
 *
 * @example
 * ```ts
 * mysqlColumnDefinition(column, ctx, { withoutAutoIncrement: true })
 * ```
 */
export interface ColumnDefinitionOptions {
  /** Leave `AUTO_INCREMENT` out (it is added once the column is a key). */
  readonly withoutAutoIncrement?: boolean
}

/**
 * The full definition of a column, as CREATE TABLE, ADD COLUMN and MODIFY COLUMN take it.
 *
 * @example
 * ```ts
 * mysqlColumnDefinition({ name: 'id', type: { kind: 'bigint' }, nullable: false, autoincrement: true }, ctx)
 * // '`id` BIGINT NOT NULL AUTO_INCREMENT'
 * ```
 */
export function mysqlColumnDefinition(column: Column, ctx: TypeContext, options: ColumnDefinitionOptions = {}): string {
  const where = `column "${column.name}"`
  const parts = [quoteMysqlIdentifier(column.name), renderMysqlType(column.type, ctx, column)]
  if (column.collation !== undefined) parts.push(`COLLATE ${quoteMysqlIdentifier(column.collation)}`)
  if (column.generated) {
    if (!column.nullable && ctx.flavor.mariadb)
      unsupported(where, 'MariaDB generated columns cannot be declared NOT NULL')
    const expression = mysqlExpression(column.generated.expression, `${where} generated expression`)
    parts.push(`GENERATED ALWAYS AS (${expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`)
    if (!column.nullable) parts.push('NOT NULL')
  } else {
    if (!column.nullable) parts.push('NOT NULL')
    // TIMESTAMP columns are NOT NULL unless told otherwise when explicit_defaults_for_timestamp is off.
    else if (column.type.kind === 'timestamp' && column.type.timezone) parts.push('NULL')
    if (column.default !== undefined) parts.push(`DEFAULT ${renderMysqlDefault(column.default, column, ctx)}`)
    if (column.onUpdate !== undefined) {
      const now = renderMysqlDefault(column.onUpdate, column, ctx, `${where} ON UPDATE`)
      // The servers take only the current time there.
      if (!/^CURRENT_TIMESTAMP(\(\d*\))?$/i.test(now))
        unsupported(
          where,
          `ON UPDATE ${JSON.stringify(column.onUpdate)}: MySQL/MariaDB take only CURRENT_TIMESTAMP there`,
        )
      parts.push(`ON UPDATE ${now}`)
    }
    if ((column.autoincrement || column.identity) && !options.withoutAutoIncrement) parts.push('AUTO_INCREMENT')
  }
  if (column.invisible) {
    if (!ctx.flavor.invisibleColumns) unsupported(where, 'INVISIBLE columns need MariaDB 10.3 or MySQL 8.0.23')
    parts.push('INVISIBLE')
  }
  if (column.comment !== undefined && column.comment !== '') parts.push(`COMMENT ${quoteMysqlLiteral(column.comment)}`)
  return parts.join(' ')
}
