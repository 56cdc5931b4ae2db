import { SchemaLedgerError } from '../../errors.js'
import type { SqlTextKind } from '../dialect.js'
import { sharedTextProblem, utf8Length } from '../text-rules.js'
import { PG_MAX_IDENTIFIER_BYTES } from './object-names.js'

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

/**
 * Why PostgreSQL would change or refuse a name, enum label or comment: NUL, lone surrogates, an empty
 * name, or a name or label over 63 bytes (names are silently truncated, labels refused).
 *
 * @example
 * ```ts
 * postgresTextProblem('x'.repeat(64), 'name') // 'a name of 64 bytes: PostgreSQL silently truncates names to 63 bytes'
 * ```
 */
export function postgresTextProblem(text: string, kind: SqlTextKind): string | undefined {
  const shared = sharedTextProblem(text)
  if (shared || kind === 'comment') return shared
  if (kind !== 'label' && text === '') return 'an empty name, which PostgreSQL refuses'
  const bytes = utf8Length(text)
  if (bytes <= PG_MAX_IDENTIFIER_BYTES) return undefined
  return kind === 'label'
    ? `an enum label of ${bytes} bytes: PostgreSQL refuses labels over ${PG_MAX_IDENTIFIER_BYTES} bytes`
    : `a name of ${bytes} bytes: PostgreSQL silently truncates names to ${PG_MAX_IDENTIFIER_BYTES} bytes`
}
