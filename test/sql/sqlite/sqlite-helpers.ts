import { expect } from 'vitest'
import type { Migration, Statement } from '../../../src/dialects/types.js'
import type { DiffOptions, Schema, SchemaDefinition } from '../../../src/index.js'
import { defineSchema, diffSchemas } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { type Engine, enginesFor } from '../../engines/engines.js'

// Shared steps of the SQLite tests: build schemas, plan, run statements the way a script runner does
// (transactional ones inside BEGIN/COMMIT, PRAGMA foreign_key_check rows treated as a failure), read
// the database back.

/** The SQLite engine factory (sql.js). */
export const sqliteFactory = enginesFor('sqlite')[0]!

/** A schema from a definition where columns default to nullable. */
export const schema = (definition: SchemaDefinition): Schema => defineSchema(definition)

/** Plans `from` -> `to` on SQLite with both schemas passed. */
export function plan(from: Schema, to: Schema, options: DiffOptions = {}): Migration {
  return planMigration(diffSchemas(from, to, options), { dialect: 'sqlite', from, to })
}

/** The script of one direction, as `toSQL` writes it. */
export const script = (m: Migration, direction: 'up' | 'down' = 'up') => toSQL(m, { direction })

/**
 * Runs statements as a migration runner would: transactional runs inside BEGIN/COMMIT, the others
 * between them; a row from `PRAGMA foreign_key_check` is a violation, so the transaction rolls back.
 */
export async function apply(engine: Engine, statements: readonly Statement[]): Promise<void> {
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
      if (s.sql === 'PRAGMA foreign_key_check') {
        const rows = await engine.query(s.sql)
        if (rows.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(rows)}`)
      } else {
        await engine.exec(s.sql)
      }
    } catch (error) {
      if (open) await engine.exec('ROLLBACK').catch(() => undefined)
      // Enforcement comes back on whatever happened, as the script's last statement would.
      await engine.exec('PRAGMA foreign_keys = ON').catch(() => undefined)
      throw new Error(`sqlite rejected:\n  ${s.sql}\n  ${(error as Error).message}`, { cause: error })
    }
  }
  if (open) await engine.exec('COMMIT')
}

/** Reads the database back. */
export const read = (engine: Engine) => introspect(engine.query, { dialect: 'sqlite' })

/** Creates `schema` on an emptied engine. */
export async function create(engine: Engine, s: Schema): Promise<void> {
  await engine.reset()
  await apply(engine, createSchemaSQL(s, 'sqlite'))
}

/** The changes left between the database and `expected` (empty when they match). */
export async function remaining(engine: Engine, expected: Schema): Promise<string[]> {
  const diff = diffSchemas(await read(engine), expected)
  return diff.changes.map((c) => `${c.kind} ${c.path}${'changes' in c ? ` [${c.changes.join(', ')}]` : ''}`)
}

/**
 * The apply check of every exact-SQL case: create `from`, run up, compare with `to`; run down,
 * compare with `from`. `seed` inserts rows after `from` exists.
 */
export async function roundTrip(engine: Engine, from: Schema, to: Schema, m: Migration, seed: string[] = []) {
  await create(engine, from)
  for (const sql of seed) await engine.exec(sql)
  await apply(engine, m.up)
  expect(await remaining(engine, to)).toEqual([])
  await apply(engine, m.down)
  expect(await remaining(engine, from)).toEqual([])
}
