import { tokenizeSql } from '../../diff/sql-tokenizer.js'
import { SchemaLedgerError } from '../../errors.js'
import type { PlanOptions } from '../dialect.js'
import { assertSafeExpression } from '../expression-guard.js'

// Quoting and expression text for MySQL/MariaDB. Documents write SQL expressions in standard SQL
// (strings in '...' with '' doubling and literal backslashes, identifiers in "..."); MySQL reads
// backslashes in strings as escapes and "..." as a string, so every expression is re-spelled token
// by token on its way into a statement.

/**
 * Quotes a MySQL/MariaDB identifier: always in backticks, embedded backticks doubled.
 *
 * @example
 * ```ts
 * quoteMysqlIdentifier('order') // '`order`'
 * quoteMysqlIdentifier('a`b') // '`a``b`'
 * ```
 */
export function quoteMysqlIdentifier(name: string): string {
  if (name.includes('\u0000'))
    throw new SchemaLedgerError('invalid_identifier', `MySQL names cannot contain NUL: ${JSON.stringify(name)}`)
  if (name === '') throw new SchemaLedgerError('invalid_identifier', 'MySQL names cannot be empty')
  return `\`${name.replaceAll('`', '``')}\``
}

/**
 * Quotes a MySQL/MariaDB string literal: `'` doubled, backslashes and NUL escaped (the server reads
 * backslash escapes unless `NO_BACKSLASH_ESCAPES` is set, and this spelling is right either way only
 * for the quote; keep the default SQL mode).
 *
 * @example
 * ```ts
 * quoteMysqlLiteral("it's a\\b") // "'it''s a\\\\b'"
 * ```
 */
export function quoteMysqlLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\u0000', '\\0')}'`
}

/**
 * Throws the `unsupported_feature` error: the model asks for something MySQL/MariaDB cannot store,
 * and silently dropping it would make the database differ from the document.
 *
 * @example
 * ```ts
 * unsupported('users.ix_active', 'partial indexes (WHERE) do not exist in MySQL/MariaDB')
 * ```
 */
export function unsupported(where: string, problem: string): never {
  throw new SchemaLedgerError('unsupported_feature', `${where}: ${problem}`)
}

/**
 * A document expression (default, check, generated column, index expression) checked by the
 * expression guard and re-spelled for MySQL: string literals re-quoted with backslashes escaped,
 * `"identifiers"` put in backticks. Everything else is kept as written.
 *
 * @example
 * ```ts
 * mysqlExpression(`"total" >= 0 AND note <> 'a\\b'`, 'orders.ck') // "`total` >= 0 AND note <> 'a\\\\b'"
 * ```
 */
export function mysqlExpression(text: string, where: string): string {
  assertSafeExpression(text, where, { hashComments: true })
  let out = ''
  let at = 0
  for (const token of tokenizeSql(text)) {
    out += text.slice(at, token.offset)
    at = token.offset + token.text.length
    if (
      token.kind === 'string' &&
      (token.prefix === '' || token.prefix === 'e' || token.prefix === 'n' || token.prefix.startsWith('_'))
    ) {
      const charset = token.prefix.startsWith('_') ? token.prefix : ''
      out += charset + quoteMysqlLiteral(token.value)
    } else if (token.kind === 'identifier') out += quoteMysqlIdentifier(token.value)
    else out += token.text
  }
  return out + text.slice(at)
}

/**
 * What the target server can do, from `dialectVersion` (MySQL 5.x/8.x/9.x or MariaDB 10.x/11.x).
 *
 * @example
 * ```ts
 * mysqlFlavor({ dialectVersion: 10.6 }).uuidType // false
 * ```
 */
export interface MysqlFlavor {
  /** MariaDB (version >= 10, or no version given: the engine this dialect is tested on). */
  readonly mariadb: boolean
  /** A native `UUID` type (MariaDB 10.7+). */
  readonly uuidType: boolean
  /** Indexes on expressions (MySQL 8.0.13+; MariaDB has none). */
  readonly expressionIndexes: boolean
  /** Literal defaults of TEXT/BLOB/JSON columns must be written in parentheses (MySQL 8.0.13+). */
  readonly parenthesizedBlobDefaults: boolean
}

/**
 * The server flavor a plan targets. No version means MariaDB 10.7 or later (what the tests run on);
 * a version below 10 means MySQL (8 is read as 8.0.13 or later); 10.0-10.6 is MariaDB without `UUID`.
 *
 * @example
 * ```ts
 * mysqlFlavor({ dialectVersion: 8 }).expressionIndexes // true
 * mysqlFlavor({}).uuidType // true
 * ```
 */
export function mysqlFlavor(options: PlanOptions | undefined): MysqlFlavor {
  const v = options?.dialectVersion
  const mariadb = v === undefined || v >= 10
  return {
    mariadb,
    uuidType: mariadb && (v === undefined || v >= 10.7),
    expressionIndexes: !mariadb && v !== undefined && v >= 8,
    parenthesizedBlobDefaults: !mariadb && v !== undefined && v >= 8,
  }
}
