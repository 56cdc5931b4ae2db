import type { Migration, Statement } from '../dialects/types.js'
import { changeKey } from '../diff/change-path.js'

/** Characters that end a line in some reader (CR, LF, NEL, LS, PS) and the other control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
const UNSAFE_IN_COMMENT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * Text as it may stand in a `--` comment: every line break (CR, LF, U+0085, U+2028, U+2029) and other
 * control character written as `\u{XXXX}`, so a name can never end the comment and put the rest of
 * itself on a line of its own (where psql and mysql run `\! cmd` and sqlite3 runs `.shell cmd`).
 *
 * @example
 * ```ts
 * commentText('users\n\\! rm -rf /') // 'users\\u{000a}\\! rm -rf /'
 * ```
 */
export function commentText(text: string): string {
  return text.replace(UNSAFE_IN_COMMENT, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`)
}

/** MySQL statements with a body: the mysql client would end them at the body's first `;`. */
const MYSQL_BODY = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:TRIGGER|PROCEDURE|FUNCTION|EVENT)\b/i

/**
 * A MySQL statement as a client script holds it: one whose body holds `;` between `DELIMITER` lines,
 * with a delimiter the statement does not contain (the plan's statements are sent one by one by a
 * driver and need none).
 */
function mysqlScriptLines(sql: string): string[] {
  if (!MYSQL_BODY.test(sql) || !sql.includes(';')) return [`${sql};`]
  let delimiter = '$$'
  while (sql.includes(delimiter)) delimiter += '$'
  return [`DELIMITER ${delimiter}`, `${sql}${delimiter}`, 'DELIMITER ;']
}

/** Options of {@link toSQL}. */
export interface ToSQLOptions {
  /** Which half of the migration to render. Default `up`. */
  readonly direction?: 'up' | 'down'
  /** Wrap transactional statements in `BEGIN` / `COMMIT` (when the dialect has transactional DDL). Default true. */
  readonly transaction?: boolean
  /**
   * The dialect of a list of statements (a migration knows its own): `mysql` or `mariadb` puts
   * `DELIMITER` lines around a trigger, routine or event whose text holds `;`.
   */
  readonly dialect?: string
}

/**
 * Renders a migration (or a list of statements) as a script: one statement per line ending in `;`
 * (a MySQL trigger, routine or event whose body holds `;` between `DELIMITER` lines).
 * Consecutive statements that may run in a transaction are wrapped in `BEGIN;` / `COMMIT;`; the others
 * stand outside it, in their place, under a comment that says why.
 *
 * @example
 * ```ts
 * writeFileSync('up.sql', toSQL(migration))
 * writeFileSync('down.sql', toSQL(migration, { direction: 'down' }))
 * ```
 */
export function toSQL(input: Migration | readonly Statement[], options: ToSQLOptions = {}): string {
  const direction = options.direction ?? 'up'
  const statements = Array.isArray(input) ? (input as readonly Statement[]) : (input as Migration)[direction]
  const header = Array.isArray(input)
    ? []
    : [`-- schemaledger migration: ${commentText((input as Migration).dialect)}, ${direction}`]
  if (statements.length === 0) return `${[...header, '-- no changes'].join('\n')}\n`
  const dialect = Array.isArray(input) ? options.dialect : (input as Migration).dialect
  const mysql = dialect === 'mysql' || dialect === 'mariadb'
  const wrap = (options.transaction ?? true) && statements.some((s) => s.transactional)
  const lines = [...header]
  if (!wrap && statements.some((s) => !s.transactional) && statements[0]?.reason) {
    lines.push(`-- Not run in a transaction: ${commentText(statements[0].reason)}.`)
  }
  let inTransaction = false
  for (const s of statements) {
    if (wrap && s.transactional && !inTransaction) {
      lines.push('BEGIN;')
      inTransaction = true
    }
    if (wrap && !s.transactional) {
      if (inTransaction) lines.push('COMMIT;')
      inTransaction = false
      lines.push(`-- outside the transaction: ${commentText(s.reason ?? 'cannot run in a transaction')}`)
    }
    const what = s.change ? commentText(changeKey(s.change)) : undefined
    if ((s as { breaking?: true }).breaking) lines.push(`-- breaking: ${what ?? 'no deploy order makes this safe'}`)
    if (s.destructive) lines.push(`-- destructive: ${what ?? 'drops data'}`)
    if (mysql) lines.push(...mysqlScriptLines(s.sql))
    else lines.push(`${s.sql};`)
  }
  if (inTransaction) lines.push('COMMIT;')
  return `${lines.join('\n')}\n`
}
