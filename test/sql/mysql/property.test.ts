import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema } from '../../../src/index.js'
import { serializeSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { arbitraryMysqlSchema } from './arbitrary.js'
import { catalogIndexes, expectedIndexes, mariadb, mysqlImage, plan, remaining } from './harness.js'

// The round trip on MariaDB for generated pairs (a, b) in MySQL's expressible subset: create a,
// apply up, the database introspects as b; apply down, it introspects as a again. Indexes are also
// judged by information_schema.STATISTICS (introspection folds foreign keys' own indexes away).

/**
 * `a` with the table options that `b` states for the same table and `a` leaves out set to what a
 * fresh table gets (`defaults`: the database's collation, no row format declared): an option one version leaves out is not compared, so a plan only
 * changes options both versions state (as an introspected database does).
 */
function statedAsCreated(a: Schema, b: Schema, defaults: { collation: string; rowFormat: string }): Schema {
  const tables = a.tables.map((t) => {
    const other = b.tables.find((x) => x.name === t.name)
    return {
      ...t,
      ...(other?.collation !== undefined && t.collation === undefined ? { collation: defaults.collation } : {}),
      ...(other?.rowFormat !== undefined && t.rowFormat === undefined ? { rowFormat: defaults.rowFormat } : {}),
    }
  })
  return { ...a, tables }
}

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'generated schema pairs round-trip'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('create a, up: b; down: a', async () => {
    const [defaults] = await engine.query(
      `SELECT DEFAULT_COLLATION_NAME AS collation, 'DEFAULT' AS rowFormat
       FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
    )
    const fresh = defaults as { collation: string; rowFormat: string }
    await fc.assert(
      fc.asyncProperty(arbitraryMysqlSchema, arbitraryMysqlSchema, async (a0, b) => {
        const a = statedAsCreated(a0, b, fresh)
        await engine.reset()
        await run(engine, createSchemaSQL(a, 'mysql'))
        expect(await remaining(engine, a), 'created').toEqual([])
        const migration = plan(a, b)
        await run(engine, migration.up)
        expect(await remaining(engine, b), 'after up').toEqual([])
        expect(await catalogIndexes(engine), 'after up: STATISTICS').toEqual(expectedIndexes(mysqlImage(b)))
        await run(engine, migration.down)
        expect(await remaining(engine, a), 'after down').toEqual([])
        expect(await catalogIndexes(engine), 'after down: STATISTICS').toEqual(expectedIndexes(mysqlImage(a)))
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
