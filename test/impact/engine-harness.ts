import type { Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import type { Statement } from '../../src/sql/index.js'
import { createSchemaSQL, planMigration, resolveDialect } from '../../src/sql/index.js'
import { type Engine, run } from '../engines/engines.js'

// Applying schemas, rows and migrations on a real engine for the impact proofs.

export type Rows = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>

/** The dialect name analyzeImpact gets for an engine, and the version it runs. */
export const analysisTarget = (engine: Engine) =>
  engine.name === 'mariadb'
    ? ({ dialect: 'mariadb', dialectVersion: '10.11' } as const)
    : engine.name === 'pglite'
      ? ({ dialect: 'postgres', dialectVersion: 18 } as const)
      : engine.name === 'postgres-server'
        ? ({ dialect: 'postgres', dialectVersion: 15 } as const)
        : ({ dialect: 'sqlite', dialectVersion: '3.45' } as const)

function literal(engine: Engine, value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  return resolveDialect(engine.dialect).quoteLiteral(String(value))
}

/** Creates `schema` and inserts `rows` (table -> rows). */
export async function populate(engine: Engine, schema: Schema, rows: Rows): Promise<void> {
  await run(engine, createSchemaSQL(schema, engine.dialect))
  const q = (name: string) => resolveDialect(engine.dialect).quoteIdentifier(name)
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const columns = Object.keys(row)
      await engine.exec(
        `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map((c) => literal(engine, row[c])).join(', ')})`,
      )
    }
  }
}

/** The planned `up` statements between two schemas on the engine's dialect. */
export const plannedUp = (engine: Engine, from: Schema, to: Schema): readonly Statement[] =>
  planMigration(diffSchemas(from, to), { dialect: engine.dialect, from, to }).up

/**
 * Runs statements as `toSQL` lays them out: consecutive transactional ones inside BEGIN/COMMIT, the
 * others outside any transaction. `oneTransaction` wraps everything in a single transaction instead,
 * the way many migration runners do.
 */
export async function applyMigration(
  engine: Engine,
  statements: readonly Statement[],
  oneTransaction = false,
): Promise<void> {
  const transactional = (s: Statement) => oneTransaction || (s.transactional && engine.dialect !== 'mysql')
  let open = false
  try {
    for (const s of statements) {
      if (transactional(s) && !open) await engine.exec('BEGIN')
      if (!transactional(s) && open) await engine.exec('COMMIT')
      open = transactional(s)
      await run(engine, [s])
    }
    if (open) await engine.exec('COMMIT')
  } catch (error) {
    if (open) await engine.exec('ROLLBACK').catch(() => undefined)
    throw error
  }
}
