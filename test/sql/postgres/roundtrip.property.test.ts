import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { arbitraryPostgresSchema } from './arbitrary.js'
import { describeEngines, plan, remainingChanges, resetDatabase, runMigration } from './harness.js'

// For generated pairs (a, b) in PostgreSQL's expressible subset: create a, apply up, the database
// reads back as b; apply down, it reads back as a. Failures report the smallest pair fast-check finds.

const RUNS = Number(process.env.SCHEMALEDGER_PG_RUNS ?? 40)

describeEngines('round trip of generated schema pairs', (engine) => {
  it('up then down leaves exactly b, then exactly a', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPostgresSchema, arbitraryPostgresSchema, async (a, b) => {
        const migration = plan(a, b)
        await resetDatabase(engine())
        await run(engine(), createSchemaSQL(a, 'postgres'))
        await runMigration(engine(), migration.up)
        expect(await remainingChanges(engine(), b)).toEqual([])
        await runMigration(engine(), migration.down)
        expect(await remainingChanges(engine(), a)).toEqual([])
      }),
      { numRuns: RUNS, seed: Number(process.env.SCHEMALEDGER_SEED ?? 20260819), endOnFailure: true },
    )
  }, 180_000)
})
