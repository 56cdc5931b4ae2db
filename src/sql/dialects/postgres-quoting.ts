import { SchemaLedgerError } from '../../errors.js'

// PostgreSQL quoting. Identifiers are always double-quoted, so reserved words, upper case, spaces and
// quotes survive exactly; PostgreSQL stores no NUL in names or text, so a NUL is refused up front.

function rejectNul(value: string, what: string): void {
  if (value.includes('\u0000')) {
    throw new SchemaLedgerError(
      'invalid_identifier',
      `PostgreSQL cannot store a NUL character in ${what}: ${JSON.stringify(value)}`,
    )
  }
}

/**
 * Quotes a PostgreSQL identifier: always double-quoted, embedded `"` doubled, NUL refused.
 *
 * @example
 * ```ts
 * quotePostgresIdentifier('say "hi"') // '"say ""hi"""'
 * ```
 */
export function quotePostgresIdentifier(name: string): string {
  rejectNul(name, 'an identifier')
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Quotes a PostgreSQL string literal. `'` is doubled; a value containing a backslash is written as an
 * escape string (`E'a\\b'`) with the backslash doubled, so it reads the same whatever
 * `standard_conforming_strings` says.
 *
 * @example
 * ```ts
 * quotePostgresLiteral("it's") // "'it''s'"
 * quotePostgresLiteral('C:\\dir') // "E'C:\\\\dir'"
 * ```
 */
export function quotePostgresLiteral(value: string): string {
  rejectNul(value, 'a string literal')
  const quoted = value.replaceAll("'", "''")
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`
}
