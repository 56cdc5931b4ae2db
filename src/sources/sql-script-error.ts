import { SchemaLedgerError } from '../errors.js'

/**
 * A statement of SQL text that the engine rejected: which file, which line, which statement and the
 * engine's own message. Thrown by `readSQL`; a migration replay returns it as its failure.
 *
 * @example
 * ```ts
 * try { await readSQL(text, { dialect: 'postgres', file: 'schema.sql' }) }
 * catch (e) { if (e instanceof SqlScriptError) console.error(`${e.file}:${e.line}: ${e.engineMessage}`) }
 * ```
 */
export class SqlScriptError extends SchemaLedgerError {
  /** The file the text came from, as the caller named it (`<sql>` when none was given). */
  readonly file: string
  /** 1-based line of the statement (of the error's position within it, when the engine gave one). */
  readonly line: number
  /** The statement that failed, whole. */
  readonly statement: string
  /** The engine's message, unchanged. */
  readonly engineMessage: string

  constructor(
    code: string,
    details: { file: string; line: number; statement: string; engineMessage: string },
    options?: { cause?: unknown },
  ) {
    super(
      code,
      `${details.file}:${details.line}: ${details.engineMessage}\n  in: ${shorten(details.statement)}`,
      options,
    )
    this.name = 'SqlScriptError'
    this.file = details.file
    this.line = details.line
    this.statement = details.statement
    this.engineMessage = details.engineMessage
  }
}

/** The statement on one line, cut at 200 characters, for messages. @internal */
export function shorten(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat
}
