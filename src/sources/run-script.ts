import type { ScratchDatabase } from './scratch-database.js'
import { type ScriptDialect, type ScriptStatement, splitStatements } from './split-statements.js'
import { SqlScriptError, shorten } from './sql-script-error.js'

/** Why a statement of SQL text was not run. */
export type SqlNoteKind =
  /** A client command, not SQL: psql's `\restrict`, `\connect`. */
  | 'client_command'
  /** It acts outside the one database being read: `CREATE DATABASE`, `USE`, users and roles on a server. */
  | 'outside_database'
  /** The engine rejected it, and it does not change the schema: roles, grants, owners, settings. */
  | 'skipped'

/**
 * Statements of the text that were not run, grouped by kind and reason: the first one's place, and
 * how many there were. Never a reason to fail, except under `strict`.
 *
 * @example
 * ```ts
 * const note: SqlNote = {
 *   kind: 'skipped', reason: 'role "app" does not exist', file: 'schema.sql', line: 31,
 *   statement: 'ALTER TABLE public.users OWNER TO app', count: 12,
 * }
 * ```
 */
export interface SqlNote {
  readonly kind: SqlNoteKind
  readonly reason: string
  readonly file: string
  /** Line of the first such statement. */
  readonly line: number
  /** The first such statement, on one line. */
  readonly statement: string
  readonly count: number
}

/** Statements that do not change a database's schema: session settings, privileges, owners. */
const SCHEMA_NEUTRAL = [
  /^(?:SET|RESET)\b/i,
  /^(?:CREATE|ALTER|DROP)\s+(?:ROLE|USER|GROUP)\b/i,
  /^(?:GRANT|REVOKE)\b/i,
  /^ALTER\s+DEFAULT\s+PRIVILEGES\b/i,
  /^ALTER\s[\s\S]*\bOWNER\s+TO\b/i,
  /^SECURITY\s+LABEL\b/i,
  /^COMMENT\s+ON\s+(?:DATABASE|ROLE|EXTENSION|SCHEMA\s+public)\b/i,
  /^(?:CREATE|ALTER|DROP)\s+(?:PUBLICATION|SUBSCRIPTION|SERVER|USER\s+MAPPING)\b/i,
]

/** Statements never run: they act on other databases, or on the whole server (users, roles). */
function outsideDatabase(sql: string, dialect: ScriptDialect, onServer: boolean): boolean {
  if (/^(?:CREATE|ALTER|DROP)\s+DATABASE\b/i.test(sql)) return true
  if (dialect === 'mysql' && /^(?:(?:CREATE|ALTER|DROP)\s+SCHEMA\b|USE\b)/i.test(sql)) return true
  if (dialect === 'sqlite' && /^(?:ATTACH|DETACH)\b/i.test(sql)) return true
  if (!onServer) return false
  return /^(?:(?:CREATE|ALTER|DROP|RENAME)\s+(?:ROLE|USER|GROUP)\b|SET\s+PASSWORD\b|FLUSH\b|(?:GRANT|REVOKE)\b)/i.test(
    sql,
  )
}

/** Options of {@link createScriptRunner}. @internal */
export interface ScriptRunnerOptions {
  readonly dialect: ScriptDialect
  /** Report statements that were skipped as errors instead of notes. */
  readonly strict?: boolean | undefined
  /** Whether the database is a scratch database on a shared server (global statements never run). */
  readonly onServer: boolean
}

/** Runs scripts on one scratch database, statement by statement, and keeps their notes. @internal */
export interface ScriptRunner {
  /** Runs a script; throws {@link SqlScriptError} at the first statement the engine rejects. */
  run(script: string, file: string): Promise<void>
  /** Notes of every script run so far, grouped. */
  notes(): SqlNote[]
  /** Makes the session read the schema as a fresh one would (PostgreSQL: `RESET ALL`). */
  settle(): Promise<void>
}

/**
 * A runner over a scratch database.
 *
 * @example
 * ```ts
 * const runner = createScriptRunner(db, { dialect: 'postgres', onServer: false })
 * await runner.run(text, 'schema.sql')
 * ```
 * @internal
 */
export function createScriptRunner(db: ScratchDatabase, options: ScriptRunnerOptions): ScriptRunner {
  const grouped = new Map<string, { note: SqlNote; count: number }>()
  let inTransaction = false

  const note = (kind: SqlNoteKind, reason: string, file: string, statement: ScriptStatement) => {
    if (options.strict) {
      throw new SqlScriptError('statement_not_run', {
        file,
        line: statement.line,
        statement: statement.sql,
        engineMessage: `not run (${kind.replace('_', ' ')}): ${reason}; without --strict it is skipped with a note`,
      })
    }
    const key = `${kind}\u0000${reason}`
    const seen = grouped.get(key)
    if (seen) seen.count++
    else
      grouped.set(key, {
        note: { kind, reason, file, line: statement.line, statement: shorten(statement.sql), count: 1 },
        count: 1,
      })
  }

  const fail = (error: unknown, file: string, statement: ScriptStatement): SqlScriptError => {
    const message = (error as Error).message ?? String(error)
    const position = Number((error as { position?: unknown }).position)
    const within =
      Number.isInteger(position) && position > 0 ? statement.sql.slice(0, position - 1).split('\n').length - 1 : 0
    return new SqlScriptError(
      'statement_failed',
      { file, line: statement.line + within, statement: statement.sql, engineMessage: message },
      { cause: error },
    )
  }

  const postgres = options.dialect === 'postgres'
  return {
    async run(script, file) {
      for (const statement of splitStatements(script, options.dialect)) {
        if (statement.meta) {
          if (options.dialect === 'postgres') note('client_command', 'a psql command, not SQL', file, statement)
          continue
        }
        if (outsideDatabase(statement.sql, options.dialect, options.onServer)) {
          note('outside_database', 'it acts outside the database being read', file, statement)
          continue
        }
        const neutral = SCHEMA_NEUTRAL.some((pattern) => pattern.test(statement.sql))
        const guard = neutral && postgres && inTransaction
        try {
          if (guard) await db.exec('SAVEPOINT schemaledger_skip')
          await db.exec(statement.sql)
          if (guard) await db.exec('RELEASE SAVEPOINT schemaledger_skip')
        } catch (error) {
          if (!neutral) throw fail(error, file, statement)
          if (guard) await db.exec('ROLLBACK TO SAVEPOINT schemaledger_skip')
          note('skipped', (error as Error).message ?? String(error), file, statement)
          continue
        }
        if (/^(?:BEGIN|START\s+TRANSACTION)\b/i.test(statement.sql)) inTransaction = true
        else if (/^(?:COMMIT|END|ROLLBACK|ABORT)\b(?!\s+TO\b)/i.test(statement.sql)) inTransaction = false
      }
    },
    notes: () => [...grouped.values()].map(({ note, count }) => ({ ...note, count })),
    async settle() {
      if (postgres) await db.exec('RESET ALL')
    },
  }
}
