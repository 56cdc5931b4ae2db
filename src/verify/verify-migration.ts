import type { PlanOptions } from '../dialects/dialect.js'
import { diffSchemas } from '../dialects/diff-schemas.js'
import type { Migration, Statement } from '../dialects/types.js'
import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import { InvalidOptionError } from '../errors.js'
import { introspect } from '../introspect/index.js'
import type { Schema } from '../model/types.js'
import { createSchemaSQL } from '../sql/create-schema-sql.js'
import { planMigration } from '../sql/plan-migration.js'
import { type EmbeddedEngine, openPglite, openSqlJs } from './embedded-engines.js'

/** Options of {@link verifyMigration}. */
export interface VerifyOptions extends PlanOptions {
  /** The embedded engine: PostgreSQL (PGlite) or SQLite (sql.js). */
  readonly dialect: 'postgres' | 'sqlite'
  /** How the migration is planned: rename hints and inference, as for `diffSchemas`. */
  readonly diff?: DiffOptions
  /** Also run `down` and check that it restores `from`. Default true. */
  readonly checkDown?: boolean
}

/** What {@link verifyMigration} found. */
export interface VerifyResult {
  /** `up` reached `to` exactly (and, when checked, `down` restored `from`). */
  readonly ok: boolean
  /** The migration that was run. */
  readonly migration: Migration
  /** What still differs from `to` after `up`; empty when `up` is right. */
  readonly remaining?: SchemaDiff
  /** What still differs from `from` after `down`, when it was checked. */
  readonly remainingAfterDown?: SchemaDiff
  /** The statement the database rejected, if one was. */
  readonly failure?: { readonly direction: 'setup' | 'up' | 'down'; readonly sql: string; readonly message: string }
}

/**
 * Proves a migration on an embedded engine before it ships: creates `from`, runs the planned `up`
 * (transactional statements inside `BEGIN`/`COMMIT`, as `toSQL` writes them), reads the database back
 * and compares it with `to`; then runs `down` and compares with `from`.
 *
 * @example
 * ```ts
 * import { verifyMigration } from 'schemaledger/verify'
 * const result = await verifyMigration(v1, v2, { dialect: 'postgres' })
 * if (!result.ok) console.error(result.failure ?? result.remaining)
 * ```
 */
export async function verifyMigration(from: Schema, to: Schema, options: VerifyOptions): Promise<VerifyResult> {
  if (options.dialect !== 'postgres' && options.dialect !== 'sqlite') {
    throw new InvalidOptionError(
      'dialect',
      `verifyMigration runs on embedded engines: "postgres" (PGlite) or "sqlite" (sql.js), not "${options.dialect}"`,
    )
  }
  const migration = planMigration(diffSchemas(from, to, options.diff), { ...options, from, to })
  const engine = options.dialect === 'postgres' ? await openPglite() : await openSqlJs()
  try {
    const setup = await runStatements(engine, createSchemaSQL(from, options.dialect), 'setup')
    if (setup) return { ok: false, migration, failure: setup }
    const up = await runStatements(engine, migration.up, 'up')
    if (up) return { ok: false, migration, failure: up }
    const remaining = diffSchemas(await introspect(engine.query, { dialect: options.dialect }), to)
    if (options.checkDown === false) return { ok: remaining.changes.length === 0, migration, remaining }
    const down = await runStatements(engine, migration.down, 'down')
    if (down) return { ok: false, migration, remaining, failure: down }
    const remainingAfterDown = diffSchemas(await introspect(engine.query, { dialect: options.dialect }), from)
    return {
      ok: remaining.changes.length === 0 && remainingAfterDown.changes.length === 0,
      migration,
      remaining,
      remainingAfterDown,
    }
  } finally {
    await engine.close()
  }
}

/** Runs statements as a script would; returns the failure, if any. */
async function runStatements(
  engine: EmbeddedEngine,
  statements: readonly Statement[],
  direction: 'setup' | 'up' | 'down',
) {
  let open = false
  for (const s of statements) {
    try {
      if (s.transactional && !open) {
        await engine.exec('BEGIN')
        open = true
      }
      if (!s.transactional && open) {
        await engine.exec('COMMIT')
        open = false
      }
      // SQLite reports foreign key violations as rows instead of failing: any row fails the migration.
      if (/^\s*PRAGMA\s+foreign_key_check\b/i.test(s.sql)) {
        const violations = await engine.query(s.sql)
        if (violations.length > 0)
          throw new Error(`foreign key violations after the rebuild: ${JSON.stringify(violations)}`)
      } else await engine.exec(s.sql)
    } catch (error) {
      if (open) await engine.exec('ROLLBACK').catch(() => undefined)
      return { direction, sql: s.sql, message: (error as Error).message }
    }
  }
  if (open) await engine.exec('COMMIT')
  return undefined
}
