import { isSchemaLedgerError } from '../errors.js'
import { findMigration, type Migration, type MigrationFile, orderMigrations } from '../sources/migration-layouts.js'
import { replayOrdered, type Timeline, type TimelineStep } from '../sources/replay-migrations.js'
import { CliInputError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'
import type { SqlInput } from './common-options.js'
import { readMigrationFolder } from './read-migration-folder.js'
import { noteLine, sqlDialectFor } from './read-sql-document.js'

/** Options of {@link loadTimeline}. */
export interface LoadTimelineOptions {
  /** The folder's files, already read (from git); else they are read from `dir`. */
  readonly files?: readonly MigrationFile[] | undefined
  /** Called after each migration (streamed output). */
  readonly onStep?: ((step: TimelineStep, total: number) => void) | undefined
}

/**
 * Reads a migration folder and replays it into a timeline, with progress on a terminal
 * and notes on standard error; input problems become {@link CliInputError}s naming the folder.
 *
 * @example
 * ```ts
 * const { timeline } = await loadTimeline(io, 'prisma/migrations', sqlInput, maxBytes)
 * ```
 */
export async function loadTimeline(
  io: CliIO,
  dir: string,
  input: SqlInput,
  maxBytes: number,
  options: LoadTimelineOptions = {},
): Promise<{ timeline: Timeline; migrations: readonly Migration[] }> {
  const files = options.files ?? (await readMigrationFolder(io.cwd, dir, maxBytes))
  try {
    const { layout, migrations } = orderMigrations(files, input.layout)
    const dialect = sqlDialectFor(dir, migrations.map((m) => m.sql).join('\n'), input) as
      | Parameters<typeof replayOrdered>[2]
      | 'postgresql'
      | 'mariadb'
    const progress = io.stderrIsTTY === true
    const timeline = await replayOrdered(
      migrations,
      layout,
      dialect === 'postgresql' ? 'postgres' : dialect === 'mariadb' ? 'mysql' : dialect,
      {
        dialect,
        layout,
        devUrl: input.devUrl,
        strict: input.strict,
        onStep: (step, total) => {
          for (const note of step.notes) io.error(`schemaledger: note: ${dir}/${noteLine(note)}\n`)
          if (progress) io.error(`\r\u001b[K[${step.index}/${total}] ${step.name}${step.index === total ? '\n' : ''}`)
          options.onStep?.(step, total)
        },
      },
    )
    if (progress && timeline.failure) io.error('\n')
    return { timeline, migrations }
  } catch (error) {
    if (!isSchemaLedgerError(error) || error instanceof CliInputError) throw error
    throw new CliInputError(error.code, `${dir}: ${error.message}`, { cause: error })
  }
}

/**
 * The migration folder and migration a document argument names: `<dir>` (its latest migration) or
 * `<dir>@<migration>`, when `<dir>` is a directory.
 *
 * @example
 * ```ts
 * await folderReference(io.cwd, 'migrations@20240101_add_users', isDirectory) // { dir: 'migrations', ref: '20240101_add_users' }
 * ```
 */
export async function folderReference(
  cwd: string,
  argument: string,
  isDirectory: (cwd: string, path: string) => Promise<boolean>,
): Promise<{ dir: string; ref: string } | undefined> {
  if (await isDirectory(cwd, argument)) return { dir: argument, ref: 'latest' }
  const at = argument.lastIndexOf('@')
  if (at <= 0) return undefined
  const dir = argument.slice(0, at)
  return (await isDirectory(cwd, dir)) ? { dir, ref: argument.slice(at + 1) || 'latest' } : undefined
}

/**
 * The schema after the migration `ref` names, from a replayed folder; the replay's failure when it
 * stopped before that migration.
 *
 * @example
 * ```ts
 * const schema = schemaAt('migrations', await loadTimeline(io, 'migrations', input, maxBytes), 'latest')
 * ```
 */
export function schemaAt(
  dir: string,
  loaded: { timeline: Timeline; migrations: readonly Migration[] },
  ref: string,
): import('../model/types.js').Schema {
  const { timeline, migrations } = loaded
  let index: number
  try {
    index = ref === 'latest' && timeline.failure ? migrations.length - 1 : findMigration(migrations, ref)
  } catch (error) {
    if (!isSchemaLedgerError(error)) throw error
    throw new CliInputError(error.code, `${dir}@${ref}: ${error.message}`, { cause: error })
  }
  const step = timeline.steps[index]
  if (step) return step.schema
  const failure = timeline.failure
  if (failure) throw new CliInputError(failure.error.code, `${dir}/${failure.error.message}`, { cause: failure.error })
  throw new CliInputError('no_migrations', `${dir}: no migration was replayed`)
}
