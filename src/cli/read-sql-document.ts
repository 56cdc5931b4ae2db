import { isSchemaLedgerError } from '../errors.js'
import { detectSqlDialect } from '../sources/detect-sql-dialect.js'
import { readSQL, type SqlReading } from '../sources/read-sql.js'
import type { SqlNote } from '../sources/run-script.js'
import { CliInputError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'
import type { SqlInput } from './common-options.js'

/**
 * Whether a document argument names SQL text rather than a JSON document.
 *
 * @example
 * ```ts
 * isSqlPath('db/schema.SQL') // true
 * ```
 */
export function isSqlPath(argument: string): boolean {
  return /\.sql$/i.test(argument)
}

/**
 * The dialect SQL text is read in: `--input-dialect`, else what the text shows, else `--dialect`;
 * a plain error when none of them tells.
 *
 * @example
 * ```ts
 * sqlDialectFor('schema.sql', text, { dialect: undefined, fallbackDialect: 'postgres', devUrl: undefined, strict: false })
 * ```
 */
export function sqlDialectFor(source: string, text: string, input: SqlInput): string {
  if (input.dialect !== undefined) return input.dialect
  const detected = detectSqlDialect(text)
  if (detected.dialect) return detected.dialect
  if (input.fallbackDialect !== undefined) return input.fallbackDialect
  const seen = (Object.entries(detected.clues) as [string, readonly string[]][])
    .filter(([, clues]) => clues.length > 0)
    .map(([dialect, clues]) => `${dialect} (${clues.join(', ')})`)
  throw new CliInputError(
    'ambiguous_dialect',
    seen.length > 1
      ? `${source}: cannot tell which dialect this SQL is written in: it has clues of ${seen.join(' and ')}; pass --input-dialect postgres|mysql|sqlite`
      : `${source}: cannot tell which dialect this SQL is written in (no clue such as a dump header, ::casts or backquotes); pass --input-dialect postgres|mysql|sqlite`,
  )
}

/**
 * One line per note of a SQL reading, as the CLI prints them on standard error.
 *
 * @example
 * ```ts
 * noteLine({ kind: 'skipped', reason: 'role "app" does not exist', file: 'dump.sql', line: 31, statement: 'ALTER TABLE ...', count: 3 })
 * // 'dump.sql:31: 3 statements skipped: role "app" does not exist (ALTER TABLE ...)'
 * ```
 */
export function noteLine(note: SqlNote): string {
  const what = note.count === 1 ? '1 statement' : `${note.count} statements`
  const verb = note.kind === 'skipped' ? 'skipped' : note.kind === 'client_command' ? 'ignored' : 'not run'
  return `${note.file}:${note.line}: ${what} ${verb}: ${note.reason} (${note.statement})`
}

/**
 * Reads SQL text into a schema for a document argument; engine and input problems become
 * {@link CliInputError}s that name the file, and notes are printed as warnings.
 *
 * @example
 * ```ts
 * const reading = await readSqlDocument(io, 'schema.sql', text, sqlInput)
 * ```
 */
export async function readSqlDocument(io: CliIO, source: string, text: string, input: SqlInput): Promise<SqlReading> {
  const dialect = sqlDialectFor(source, text, input)
  try {
    const reading = await readSQL(text, {
      dialect: dialect as Parameters<typeof readSQL>[1]['dialect'],
      devUrl: input.devUrl,
      file: source,
      strict: input.strict,
    })
    for (const note of reading.notes) io.error(`schemaledger: note: ${noteLine(note)}\n`)
    // What the model cannot hold is said, never dropped silently: a diff cannot see it.
    for (const u of reading.unmodelled) {
      io.error(`schemaledger: note: ${source}: not in the document: ${u.kind} ${u.name}: ${u.why}\n`)
    }
    return reading
  } catch (error) {
    if (!isSchemaLedgerError(error)) throw error
    const message = error.message.startsWith(`${source}:`) ? error.message : `${source}: ${error.message}`
    throw new CliInputError(error.code, message, { cause: error })
  }
}
