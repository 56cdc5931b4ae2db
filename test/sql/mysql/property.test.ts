import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializeSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { arbitraryMysqlSchema } from './arbitrary.js'
import { mariadb, plan, remaining } from './harness.js'

// The round trip on MariaDB for generated pairs (a, b) in MySQL's expressible subset: create a,
// apply up, the database introspects as b; apply down, it introspects as a again.

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'generated schema pairs round-trip'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('create a, up: b; down: a', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMysqlSchema, arbitraryMysqlSchema, async (a, b) => {
        await engine.reset()
        await run(engine, createSchemaSQL(a, 'mysql'))
        expect(await remaining(engine, a), 'created').toEqual([])
        const migration = plan(a, b)
        await run(engine, migration.up)
        expect(await remaining(engine, b), 'after up').toEqual([])
        await run(engine, migration.down)
        expect(await remaining(engine, a), 'after down').toEqual([])
      }),
      {
        // MariaDB spends ~70 ms on each DDL statement (InnoDB files): 25 pairs keep the file near a minute.
        numRuns: Number(process.env.SCHEMALEDGER_MYSQL_RUNS ?? 25),
        seed: Number(process.env.SCHEMALEDGER_SEED ?? 20240601),
        reporter: (details) => {
          if (!details.failed) return
          const [a, b] = (details.counterexample ?? []) as [never, never]
          throw new Error(
            `${String((details as { errorInstance?: unknown }).errorInstance)}\n\na:\n${a ? serializeSchema(a) : ''}\nb:\n${b ? serializeSchema(b) : ''}`,
          )
        },
      },
    )
  }, 300_000)
})
