import { diffSchemas } from '../dialects/diff-schemas.js'
import type { IntrospectOptions } from '../dialects/introspect-types.js'
import type { SchemaDiff } from '../diff/types.js'
import { analyzeImpact } from '../impact/analyze-impact.js'
import type { Finding } from '../impact/types.js'
import { introspect } from '../introspect/index.js'
import { parseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'
import { sha256Hex } from '../storage/content-hash.js'
import { type Migration, type MigrationFile, type MigrationLayout, orderMigrations } from './migration-layouts.js'
import { openFor, scriptDialect } from './read-sql.js'
import { createScriptRunner, type SqlNote } from './run-script.js'
import { SqlScriptError } from './sql-script-error.js'

/**
 * One migration of a timeline: the schema after it, what it changed and what that risks.
 *
 * @example
 * ```ts
 * for (const step of timeline.steps) console.log(step.name, step.diff.changes.length, step.findings.length)
 * ```
 */
export interface TimelineStep {
  /** 1-based position in the replay. */
  readonly index: number
  readonly name: string
  readonly file: string
  /** The time the migration's name carries (ISO 8601), when it carries one. */
  readonly time?: string
  /** SHA-256 of the migration file's text. */
  readonly hash: string
  /** The schema after the migration. */
  readonly schema: Schema
  /** From the schema before it (empty before the first) to the schema after it. */
  readonly diff: SchemaDiff
  /** The impact findings of that diff. */
  readonly findings: readonly Finding[]
  /** Statements of the migration that were not run. */
  readonly notes: readonly SqlNote[]
}

/**
 * A replayed migration folder: every migration that applied, in order, and the one that did not.
 *
 * @example
 * ```ts
 * const timeline = await replayMigrations(files, { dialect: 'postgres' })
 * if (timeline.failure) console.error(timeline.failure.message)
 * ```
 */
export interface Timeline {
  readonly layout: MigrationLayout
  readonly dialect: 'postgres' | 'mysql' | 'sqlite'
  readonly steps: readonly TimelineStep[]
  /** How many migrations the folder holds (more than `steps` when one failed or `until` stopped early). */
  readonly total: number
  /** The migration that did not apply: the versions before it are kept in `steps`. */
  readonly failure?: { readonly migration: string; readonly error: SqlScriptError }
}

/**
 * Options of {@link replayMigrations}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { dialect: 'postgres', layout: 'prisma', onStep: (s) => console.log(s.name) }
 * ```
 */
export interface ReplayOptions {
  readonly dialect: IntrospectOptions['dialect']
  /** The folder's layout; detected from the file names when absent. */
  readonly layout?: MigrationLayout | undefined
  /** A server on which a scratch database replays them (required for MySQL/MariaDB). */
  readonly devUrl?: string | undefined
  /** Statements that are not run (roles, grants, `CREATE DATABASE`) stop the replay. */
  readonly strict?: boolean | undefined
  /** Stop after this many migrations (the rest are not run). */
  readonly until?: number | undefined
  /** Called after each migration, in order (for progress and streamed output). */
  readonly onStep?: ((step: TimelineStep, total: number) => void) | undefined
}

/** The empty schema every folder starts from. */
const EMPTY: Schema = parseSchema({ metadata: { tables: [] } })

/**
 * Replays a migration folder in its tool's order on one scratch database (PGlite, sql.js, or a dev
 * server's), introspecting after each migration: each migration becomes a version with its diff from
 * the one before and that diff's findings. Data statements run too. A migration the engine rejects
 * stops the replay; the versions before it are returned with the failure (file, line, statement and
 * the engine's message).
 *
 * @example
 * ```ts
 * import { replayMigrations } from 'schemaledger/sources'
 * const timeline = await replayMigrations(files, { dialect: 'postgres' })
 * for (const step of timeline.steps) console.log(step.index, step.name, step.diff.changes.length)
 * ```
 */
export async function replayMigrations(files: readonly MigrationFile[], options: ReplayOptions): Promise<Timeline> {
  const dialect = scriptDialect(options.dialect)
  const { layout, migrations } = orderMigrations(files, options.layout)
  return replayOrdered(migrations, layout, dialect, options)
}

/** {@link replayMigrations} over migrations already ordered. @internal */
export async function replayOrdered(
  migrations: readonly Migration[],
  layout: MigrationLayout,
  dialect: 'postgres' | 'mysql' | 'sqlite',
  options: ReplayOptions,
): Promise<Timeline> {
  const total = migrations.length
  const until = Math.min(options.until ?? total, total)
  const run = migrations.slice(0, until)
  const db = await openFor(
    dialect,
    run.map((m) => m.sql),
    options.devUrl,
  )
  const steps: TimelineStep[] = []
  try {
    const introspectOptions: IntrospectOptions = {
      ...db.introspect,
      ...(options.dialect === 'mariadb' ? { dialect: 'mariadb' as const } : {}),
    }
    let before = EMPTY
    for (const migration of run) {
      const runner = createScriptRunner(db, { dialect, strict: options.strict, onServer: options.devUrl !== undefined })
      try {
        await runner.run(migration.sql, migration.file)
        await runner.settle()
      } catch (error) {
        if (!(error instanceof SqlScriptError)) throw error
        return { layout, dialect, steps, total, failure: { migration: migration.name, error } }
      }
      const schema = await introspect(db.query, introspectOptions)
      const diff = diffSchemas(before, schema)
      const findings = analyzeImpact(diff, { dialect, from: before, to: schema }).findings
      const step: TimelineStep = {
        index: steps.length + 1,
        name: migration.name,
        file: migration.file,
        ...(migration.time ? { time: migration.time } : {}),
        hash: await sha256Hex(migration.text),
        schema,
        diff,
        findings,
        notes: runner.notes(),
      }
      steps.push(step)
      options.onStep?.(step, until)
      before = schema
    }
    return { layout, dialect, steps, total }
  } finally {
    await db.close()
  }
}
