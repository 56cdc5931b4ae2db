import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineSchema, serializeSchema } from '../../../src/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { arbitrarySqliteDefinition, arbitrarySqliteSchema, renameInDefinition } from './sqlite-arbitrary.js'
import { apply, create, plan, remaining, sqliteFactory } from './sqlite-helpers.js'

// For generated pairs (a, b) inside SQLite's expressible subset: create a, run up, and the database
// reads back as b; run down, and it reads back as a. The second property renames a table and one of
// its columns on the way (with hints), so renames meet rebuilds and database-named indexes.

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'round trip (property)'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('up reaches b and down comes back to a', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySqliteSchema, arbitrarySqliteSchema, async (a, b) => {
        const migration = plan(a, b)
        await create(engine, a)
        expect(await remaining(engine, a)).toEqual([])
        await apply(engine, migration.up)
        expect(await remaining(engine, b)).toEqual([])
        await apply(engine, migration.down)
        expect(await remaining(engine, a)).toEqual([])
      }),
      {
        numRuns: 100,
        reporter: (details) => {
          if (!details.failed) return
          const [a, b] = details.counterexample ?? []
          throw new Error(
            `${String(details.errorInstance)}\na = ${a && serializeSchema(a)}\nb = ${b && serializeSchema(b)}`,
          )
        },
      },
    )
  }, 120_000)

  it('the same with a table and a column renamed', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySqliteDefinition, arbitrarySqliteDefinition, async (defA, defB) => {
        const shared = defA.tables.find((t) => defB.tables.some((u) => u.name === t.name))
        const other = defB.tables.find((u) => u.name === shared?.name)
        const column = shared?.columns.find((c) => other?.columns.some((d) => d.name === c.name))?.name
        fc.pre(shared !== undefined && column !== undefined)
        const [table, col] = [shared?.name as string, column as string]
        const a = defineSchema(defA)
        const b = defineSchema(renameInDefinition(defB, table, `${table}_v2`, col, `${col}_x`))
        const migration = plan(a, b, {
          renames: { tables: { [table]: `${table}_v2` }, columns: { [`${table}.${col}`]: `${col}_x` } },
        })
        expect(migration.up.some((s) => s.change?.kind === 'rename_table')).toBe(true)
        await create(engine, a)
        await apply(engine, migration.up)
        expect(await remaining(engine, b)).toEqual([])
        await apply(engine, migration.down)
        expect(await remaining(engine, a)).toEqual([])
      }),
      {
        numRuns: 100,
        reporter: (details) => {
          if (!details.failed) return
          const [a, b] = details.counterexample ?? []
          throw new Error(`${String(details.errorInstance)}\na = ${JSON.stringify(a)}\nb = ${JSON.stringify(b)}`)
        },
      },
    )
  }, 120_000)
})
