import { quoteIdentifier, quoteString } from '../../sql-text/sql-tokenizer.js'

// MySQL/MariaDB catalog text back into the model's standard SQL spelling: string literals read with
// MySQL's backslash escapes and written with '' doubling only; `identifiers` unquoted when they are
// plain names (MySQL column names are case-insensitive), else in double quotes.

/** Reads a quoted run (string or identifier) at `start`; doubled quotes and (for strings) backslash escapes. */
function readQuoted(text: string, start: number, quote: string): { value: string; end: number } {
  const escapes: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' }
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === quote && text[i + 1] === quote) {
      value += quote
      i += 2
    } else if (c === quote) return { value, end: i + 1 }
    else if (c === '\\' && quote !== '`' && i + 1 < text.length) {
      const next = text[i + 1] as string
      // MySQL keeps the backslash of \% and \_ (they are LIKE escapes).
      value += next === '%' || next === '_' ? `\\${next}` : (escapes[next] ?? next)
      i += 2
    } else {
      value += c
      i++
    }
  }
  return { value, end: text.length }
}

/**
 * An identifier as the model writes it in expressions: bare when it is a plain, non-reserved name,
 * else in double quotes.
 *
 * @example
 * ```ts
 * modelIdentifier('userId') // 'userId'
 * modelIdentifier('order') // '"order"'
 * ```
 */
export function modelIdentifier(name: string): string {
  const lower = name.toLowerCase()
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && quoteIdentifier(lower) === lower
    ? name
    : `"${name.replaceAll('"', '""')}"`
}

/** Function names MariaDB prints for their synonyms, back to the common spelling (`LENGTH` is printed `octet_length`). */
const MARIADB_FUNCTIONS: Readonly<Record<string, string>> = {
  octet_length: 'length',
  lcase: 'lower',
  ucase: 'upper',
  substr: 'substring',
}

/**
 * A MySQL/MariaDB expression (CHECK_CLAUSE, GENERATION_EXPRESSION, COLUMN_DEFAULT) in standard SQL
 * spelling; the function synonyms MariaDB prints are put back (`octet_length(` is `length(`).
 *
 * @example
 * ```ts
 * standardExpression("octet_length(`note`) <> 'a\\\\b'") // "length(note) <> 'a\\b'"
 * ```
 */
export function standardExpression(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))?.[0]
    if (c === "'" || c === '"' || c === '`') {
      const { value, end } = readQuoted(text, i, c)
      out += c === '`' ? modelIdentifier(value) : quoteString(value)
      i = end
    } else if (word !== undefined && (i === 0 || !/[A-Za-z0-9_$]/.test(text[i - 1] as string))) {
      const call = /^\s*\(/.test(text.slice(i + word.length))
      out += (call && MARIADB_FUNCTIONS[word.toLowerCase()]) || word
      i += word.length
    } else {
      out += c
      i++
    }
  }
  return out
}

/**
 * The value of one MySQL string literal (`'it''s'`, `'a\\b'`), or undefined when `text` is not exactly one.
 *
 * @example
 * ```ts
 * mysqlStringValue("'it''s a\\\\b'") // "it's a\\b"
 * ```
 */
export function mysqlStringValue(text: string): string | undefined {
  if (!text.startsWith("'")) return undefined
  const { value, end } = readQuoted(text, 0, "'")
  return end === text.length && text.endsWith("'") && text.length >= 2 ? value : undefined
}
