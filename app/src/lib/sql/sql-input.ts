// SQL input, run in the engine (the Web Worker): a `.sql` file read by running it on PGlite (PostgreSQL)
// or sql.js (SQLite) and introspecting the result, and a migration folder replayed into a timeline, with
// the library's own readSQL and replayMigrations. Loaded on demand, so the engines (and their wasm)
// are fetched only when SQL is dropped. MySQL text needs a server: it is refused with a plain reason.
import { isSchemaLedgerError, type Schema, type ValidationIssue } from 'schemaledger'
import {
  detectSqlDialect,
  type MigrationFile,
  type MigrationLayout,
  orderMigrations,
  readSQL,
  replayMigrations,
  type SqlNote,
  SqlScriptError,
} from 'schemaledger/sources'
import type { DialectName } from 'schemaledger/sql'

/** The engine each dialect's text runs on in the browser. */
const ENGINES = { postgres: 'PGlite', sqlite: 'sql.js' } as const

/**
 * Why MySQL text is not read here, in plain words, for the page to show.
 *
 * @example
 * ```ts
 * needsServer('shop.sql') // 'shop.sql is MySQL/MariaDB SQL: ...'
 * ```
 */
export function needsServer(what: string): string {
  return `${what} is MySQL/MariaDB SQL, which needs a MySQL or MariaDB server to run on: it cannot be read in the browser. Read it with schemaledger's command-line tool and a development server instead, or drop PostgreSQL or SQLite SQL here.`
}

/**
 * The dialect SQL text is written in: what the text shows (a dump header, `::` casts, backquotes...),
 * else the dialect the page compares in, as the command line falls back on `--dialect`.
 *
 * @example
 * ```ts
 * dialectOf('CREATE TABLE t (id serial)', 'sqlite') // { dialect: 'postgres', detected: true }
 * ```
 */
export function dialectOf(text: string, fallback: DialectName): { dialect: DialectName; detected: boolean } {
  const found = detectSqlDialect(text).dialect
  return found ? { dialect: found, detected: true } : { dialect: fallback, detected: false }
}

/**
 * A note of a reading on one line: where, how many statements, why (as the command line prints it).
 *
 * @example
 * ```ts
 * noteText(note) // 'dump.sql:31: 4 statements skipped: role "app" does not exist (ALTER TABLE ...)'
 * ```
 */
export function noteText(note: SqlNote): string {
  const what = note.count === 1 ? '1 statement' : `${note.count} statements`
  const verb = note.kind === 'skipped' ? 'skipped' : note.kind === 'client_command' ? 'ignored' : 'not run'
  return `${note.file}:${note.line}: ${what} ${verb}: ${note.reason} (${note.statement})`
}

/**
 * What went wrong, as an issue the page lists: a rejected statement names the file and line, the
 * engine and its message, then the statement.
 *
 * @example
 * ```ts
 * issueOf(error, 'schema.sql', 'PGlite') // { code: 'statement_failed', path: 'schema.sql:5', message: 'PGlite: column "nope" does not exist — in: ...' }
 * ```
 */
export function issueOf(error: unknown, file: string, engine: string): ValidationIssue {
  if (error instanceof SqlScriptError) {
    const statement = error.message.slice(error.message.indexOf('\n  in: ') + 7)
    return {
      code: error.code,
      path: `${error.file}:${error.line}`,
      message: `${engine}: ${error.engineMessage} — in: ${statement}`,
    }
  }
  if (isSchemaLedgerError(error)) return { code: error.code, path: file, message: error.message }
  return {
    code: 'engine_error',
    path: file,
    message: `${engine}: ${error instanceof Error ? error.message : String(error)}`,
  }
}

/**
 * A `.sql` file read into a schema, or why it was not.
 *
 * @example
 * ```ts
 * const read: SqlFileRead = { ok: true, schema, dialect: 'postgres', engine: 'PGlite', notes: [] }
 * ```
 */
export type SqlFileRead =
  | {
      readonly ok: true
      readonly schema: Schema
      readonly dialect: 'postgres' | 'sqlite'
      readonly engine: string
      readonly notes: readonly string[]
    }
  | { readonly ok: false; readonly dialect: DialectName; readonly issues: readonly ValidationIssue[] }

/**
 * Reads a `.sql` file (a `schema.sql`, `pg_dump -s` output, a SQLite schema) by running it on the
 * dialect's engine in this worker and introspecting the result.
 *
 * @example
 * ```ts
 * const read = await readSqlFile(text, 'schema.sql', 'postgres')
 * ```
 */
export async function readSqlFile(text: string, file: string, fallback: DialectName): Promise<SqlFileRead> {
  const { dialect } = dialectOf(text, fallback)
  if (dialect === 'mysql')
    return { ok: false, dialect, issues: [{ code: 'needs_server', path: file, message: needsServer(file) }] }
  const engine = ENGINES[dialect]
  try {
    const { schema, notes } = await readSQL(text, { dialect, file })
    return { ok: true, schema, dialect, engine, notes: notes.map(noteText) }
  } catch (error) {
    return { ok: false, dialect, issues: [issueOf(error, file, engine)] }
  }
}

/**
 * How far a replay is: migrations done of the total, and the one running now.
 *
 * @example
 * ```ts
 * const p: ReplayProgress = { done: 2, total: 44, name: '20240301_add_orders' }
 * ```
 */
export interface ReplayProgress {
  readonly done: number
  readonly total: number
  /** The migration being replayed (undefined once all are done). */
  readonly name?: string
}

/**
 * One replayed migration: the schema after it and the size of what it changed.
 *
 * @example
 * ```ts
 * const step: ReplayedStep = { index: 1, name: '20240101_init', file: '20240101_init/migration.sql', schema, changes: 3, findings: 0, notes: [] }
 * ```
 */
export interface ReplayedStep {
  readonly index: number
  readonly name: string
  readonly file: string
  readonly time?: string
  readonly schema: Schema
  /** Changes from the version before. */
  readonly changes: number
  /** Impact findings of those changes. */
  readonly findings: number
  readonly notes: readonly string[]
}

/**
 * A replayed folder: its layout, dialect and the migrations that applied, then the one that did not.
 *
 * @example
 * ```ts
 * const r: FolderReplay = { ok: true, layout: 'prisma', dialect: 'postgres', engine: 'PGlite', total: 3, steps: [] }
 * ```
 */
export type FolderReplay =
  | {
      readonly ok: true
      readonly layout: MigrationLayout
      readonly dialect: 'postgres' | 'sqlite'
      readonly engine: string
      readonly total: number
      readonly steps: readonly ReplayedStep[]
      /** The migration the engine rejected: its name and the error (file, line, engine message). */
      readonly failure?: { readonly migration: string; readonly issue: ValidationIssue }
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

/**
 * Replays a migration folder's files (paths relative to the folder) in its tool's order, detected from
 * the file names as the command line does, reading the schema after each migration.
 *
 * @example
 * ```ts
 * const replay = await replayFolder('migrations', files, 'postgres', (p) => console.log(p.done, p.total))
 * ```
 */
export async function replayFolder(
  folder: string,
  files: readonly MigrationFile[],
  fallback: DialectName,
  onProgress: (progress: ReplayProgress) => void = () => {},
): Promise<FolderReplay> {
  let ordered: ReturnType<typeof orderMigrations>
  try {
    ordered = orderMigrations(files)
  } catch (error) {
    return { ok: false, issues: [issueOf(error, folder, 'schemaledger')] }
  }
  const { layout, migrations } = ordered
  const { dialect } = dialectOf(migrations.map((m) => m.sql).join('\n'), fallback)
  if (dialect === 'mysql')
    return { ok: false, issues: [{ code: 'needs_server', path: folder, message: needsServer(folder) }] }
  const engine = ENGINES[dialect]
  const total = migrations.length
  onProgress({ done: 0, total, ...(migrations[0] ? { name: migrations[0].name } : {}) })
  try {
    const timeline = await replayMigrations(files, {
      dialect,
      layout,
      // After the last one the answer itself follows.
      onStep: (step) => {
        const next = migrations[step.index]
        if (next) onProgress({ done: step.index, total, name: next.name })
      },
    })
    const steps = timeline.steps.map((s) => ({
      index: s.index,
      name: s.name,
      file: `${folder}/${s.file}`,
      ...(s.time ? { time: s.time } : {}),
      schema: s.schema,
      changes: s.diff.summary.total,
      findings: s.findings.length,
      notes: s.notes.map((n) => `${folder}/${noteText(n)}`),
    }))
    // The failing file is named from the folder, as the steps are.
    const failed = timeline.failure && issueOf(timeline.failure.error, folder, engine)
    const failure =
      timeline.failure && failed
        ? { migration: timeline.failure.migration, issue: { ...failed, path: `${folder}/${failed.path}` } }
        : undefined
    return { ok: true, layout, dialect, engine, total, steps, ...(failure ? { failure } : {}) }
  } catch (error) {
    return { ok: false, issues: [issueOf(error, folder, engine)] }
  }
}
