import { SchemaLedgerError } from '../../errors.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import type { PlanOptions, SqlTextKind } from '../dialect.js'
import { type ExpressionProblem, findExpressionProblem, throwExpressionProblem } from '../expression-guard.js'
import { sharedTextProblem } from '../text-rules.js'
import { mysqlLexer } from './lexer.js'

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
 * Quotes a MySQL/MariaDB string literal: `'` doubled, backslashes, NUL and carriage returns escaped
 * (the mysql client drops the CR of a CR LF even inside quotes; the server reads backslash escapes
 * unless `NO_BACKSLASH_ESCAPES` is set, and this spelling is right either way only for the quote; keep
 * the default SQL mode).
 *
 * @example
 * ```ts
 * quoteMysqlLiteral("it's a\\b") // "'it''s a\\\\b'"
 * ```
 */
export function quoteMysqlLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\u0000', '\\0').replaceAll('\r', '\\r')}'`
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

const SUPPLEMENTARY = /[\u{10000}-\u{10FFFF}]/u

/** The first problem of SQL text as MySQL reads it, a character beyond U+FFFF included. */
function mysqlTextProblemAt(text: string): ExpressionProblem | undefined {
  const found = findExpressionProblem(text, mysqlLexer)
  if (found) return found
  const wide = SUPPLEMENTARY.exec(text)
  return wide
    ? { problem: 'a character beyond U+FFFF, which MariaDB stores in table definitions as "?"', offset: wide.index }
    : undefined
}

/**
 * Checks SQL text written into MySQL as it is (custom types) with the MySQL/MariaDB lexer: one
 * expression, no character beyond U+FFFF. Throws `UnsafeExpressionError` naming `where`.
 *
 * @example
 * ```ts
 * assertMysqlText('decimal(10,2) unsigned', 'tables[0].columns[1].type') // ok
 * assertMysqlText('int; DROP TABLE t', 'tables[0].columns[1].type') // throws
 * ```
 */
export function assertMysqlText(text: string, where: string): string {
  return throwExpressionProblem(text, where, mysqlLexer, mysqlTextProblemAt(text))
}

/**
 * A document expression (default, check, generated column, index expression) re-spelled for MySQL
 * (string literals re-quoted with backslashes escaped, `"identifiers"` put in backticks; everything
 * else kept as written), then checked as MySQL/MariaDB read it: one expression, whatever the SQL mode
 * (see `findExpressionProblem`), no character beyond U+FFFF. A problem is reported at its position in
 * the text as written.
 *
 * @example
 * ```ts
 * mysqlExpression(`"total" >= 0 AND note <> 'a\\b'`, 'orders.ck') // "`total` >= 0 AND note <> 'a\\\\b'"
 * ```
 */
export function mysqlExpression(text: string, where: string): string {
  let out = ''
  // Where each piece of the output came from: [output offset, input offset].
  const pieces: [number, number][] = []
  let at = 0
  const copy = (from: number, to: number) => {
    pieces.push([out.length, from])
    out += text.slice(from, to)
  }
  for (const token of tokenizeSql(text)) {
    if (token.kind === 'identifier' && token.terminated && token.value === '')
      return throwExpressionProblem(text, where, mysqlLexer, { problem: 'an empty quoted name', offset: token.offset })
    copy(at, token.offset)
    at = token.offset + token.text.length
    pieces.push([out.length, token.offset])
    if (
      token.terminated &&
      token.kind === 'string' &&
      (token.prefix === '' || token.prefix === 'e' || token.prefix === 'n' || token.prefix.startsWith('_'))
    ) {
      const charset = token.prefix.startsWith('_') ? token.prefix : ''
      out += charset + quoteMysqlLiteral(token.value)
    } else if (token.terminated && token.kind === 'identifier') out += quoteMysqlIdentifier(token.value)
    else out += token.text
  }
  copy(at, text.length)
  const found = mysqlTextProblemAt(out)
  if (!found) return out
  const [outStart, inStart] = pieces.findLast(([o]) => o <= found.offset) ?? [0, 0]
  return throwExpressionProblem(text, where, mysqlLexer, {
    problem: found.problem,
    offset: Math.min(inStart + (found.offset - outStart), text.length),
  })
}

/**
 * Why MySQL/MariaDB would change or refuse a name, enum label or comment: NUL, lone surrogates,
 * characters beyond U+FFFF (names are utf8mb3: refused; labels and comments: stored as `?`), an empty
 * name, a name over 64 characters or ending in a space (refused), an enum label ending in a space
 * (dropped), a name with CR LF (the mysql client drops the CR).
 *
 * @example
 * ```ts
 * mysqlTextProblem('total ', 'name') // 'a name ending in a space, which MySQL/MariaDB refuse'
 * ```
 */
export function mysqlTextProblem(text: string, kind: SqlTextKind): string | undefined {
  const shared = sharedTextProblem(text)
  if (shared) return shared
  const name = kind !== 'label' && kind !== 'comment'
  if (SUPPLEMENTARY.test(text))
    return name
      ? 'a character beyond U+FFFF, which MySQL/MariaDB names (utf8mb3) cannot hold'
      : 'a character beyond U+FFFF, which MariaDB stores in table definitions as "?"'
  if (kind === 'comment') return undefined
  if (kind === 'label')
    return text.endsWith(' ') ? 'an enum label ending in a space, which MySQL/MariaDB drop' : undefined
  if (text === '') return 'an empty name, which MySQL/MariaDB refuse'
  if (text.includes('\r\n')) return 'a name with a carriage return before a line feed, which the mysql client drops'
  const length = [...text].length
  if (length > 64) return `a name of ${length} characters: MySQL/MariaDB refuse names over 64 characters`
  if (text.endsWith(' ')) return 'a name ending in a space, which MySQL/MariaDB refuse'
  return undefined
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
  /** `INVISIBLE` columns (MariaDB 10.3+, MySQL 8.0.23+). */
  readonly invisibleColumns: boolean
  /**
   * How an index the optimizer ignores is spelled: `IGNORED` (MariaDB 10.6+), `INVISIBLE` (MySQL 8),
   * undefined where there is none.
   */
  readonly ignoredIndex: 'IGNORED' | 'INVISIBLE' | undefined
  /** `WITH SYSTEM VERSIONING` (MariaDB 10.3+; MySQL has none). */
  readonly systemVersioning: boolean
  /**
   * Integer display widths (`INT(4)`) kept and reported without `ZEROFILL`: MariaDB and MySQL 5.x.
   * MySQL 8.0.17 deprecates them and 8.0.19 reports them only with `ZEROFILL`, so MySQL 8 is written none.
   */
  readonly displayWidths: boolean
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
    invisibleColumns: mariadb ? v === undefined || v >= 10.3 : v !== undefined && v >= 8,
    ignoredIndex: mariadb
      ? v === undefined || v >= 10.6
        ? 'IGNORED'
        : undefined
      : v !== undefined && v >= 8
        ? 'INVISIBLE'
        : undefined,
    systemVersioning: mariadb && (v === undefined || v >= 10.3),
    displayWidths: mariadb || (v !== undefined && v < 8),
  }
}
