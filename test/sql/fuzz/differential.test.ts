import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { ENGINES, engineTitle, withEngine } from '../../engines/engines.js'
import { CLIENTS, withClient } from '../../support/sql-clients.js'
import { count, emptyTally, planCase, runCase, runCaseThroughClient, type Tally } from './differential.js'
import { type FuzzDialect, fuzzCase, prng } from './hostile-grammar.js'

// Differential fuzzing of the generated SQL against the real engines and clients (issue 15): hostile
// names and expressions from a grammar, a fixed seed, a bounded number of cases so CI stays fast.
// `node scripts/fuzz-sql.mjs` runs the same harness longer (FUZZ_CASES, FUZZ_SEED) and writes the
// figures into docs/sql-safety.md (FUZZ_REPORT).

const SEED = Number(process.env.FUZZ_SEED ?? 15)
const CASES = Number(process.env.FUZZ_CASES ?? 30)
/** Every how many cases one also goes through the command-line client. */
const CLIENT_EVERY = Number(process.env.FUZZ_CLIENT_EVERY ?? 10)
const TIMEOUT = Math.max(60_000, CASES * 2_000)

const tallies: Record<string, Tally> = {}
afterAll(() => {
  if (process.env.FUZZ_REPORT)
    writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify({ seed: SEED, cases: CASES, tallies }, null, 2)}\n`)
})

const cases = (n: number, dialect: FuzzDialect) => {
  const r = prng(SEED)
  return Array.from({ length: n }, () => fuzzCase(r, dialect))
}

for (const factory of ENGINES) {
  describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'differential SQL fuzzing'), () => {
    it(
      `${CASES} hostile cases (seed ${SEED}): no escape, and the catalog shows exactly the intended names`,
      async () => {
        const tally = emptyTally()
        tallies[factory.name] = tally
        await withEngine(factory, async (engine) => {
          for (const [i, k] of cases(CASES, factory.dialect).entries()) {
            count(tally, await runCase(engine, factory.dialect, planCase(k, factory.dialect)), `case ${i}`)
          }
        })
        expect(tally.examples).toEqual([])
        expect(tally.escapes).toBe(0)
        // The grammar must reach the engine, not only the refusals.
        expect(tally.ran).toBeGreaterThan(CASES / 5)
      },
      TIMEOUT,
    )
  })
}

for (const client of CLIENTS) {
  const title = `${client.name}: differential SQL fuzzing through the client`
  describe.skipIf(client.skipReason !== undefined)(
    client.skipReason ? `${title} (skipped: ${client.skipReason})` : title,
    () => {
      it(
        `every ${CLIENT_EVERY}th case that is planned: no marker file, canary kept, intended tables`,
        () => {
          const tally = emptyTally()
          tallies[`${client.name} client`] = tally
          let planned = 0
          for (const [i, k] of cases(CASES, client.dialect).entries()) {
            const plan = planCase(k, client.dialect)
            if (plan.kind !== 'planned' || planned++ % CLIENT_EVERY !== 0) continue
            count(
              tally,
              withClient(client, (db) => runCaseThroughClient(db, client.dialect, plan)),
              `case ${i}`,
            )
          }
          expect(tally.examples).toEqual([])
          expect(tally.escapes).toBe(0)
          expect(tally.ran).toBeGreaterThan(0)
        },
        TIMEOUT,
      )
    },
  )
}
