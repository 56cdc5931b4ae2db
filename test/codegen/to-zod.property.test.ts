import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { toZod } from '../../src/codegen/index.js'
import { defineSchema, formatColumnType } from '../../src/index.js'
import { type Engine, enginesFor } from '../engines/engines.js'
import { type Scratch, scratch } from './codegen-support.js'

type Validators = Record<string, z.ZodType & { shape: Record<string, z.ZodType> }>

let dir: Scratch
beforeAll(() => {
  dir = scratch()
})
afterAll(() => dir.remove())

// For the kinds PostgreSQL stores exactly as the model says, accepting is the same on both sides:
// random values in and around each domain, inserted one by one.
describe('toZod validators agree with PGlite on random values', () => {
  const probe = defineSchema({
    enums: [{ name: 'tone', values: ['a', 'b', 'c d'] }],
    tables: [
      {
        name: 'probe',
        columns: [
          { name: 'v_varchar', type: 'varchar(5)', nullable: false },
          { name: 'v_char', type: 'char(3)', nullable: false },
          { name: 'v_small', type: 'smallint', nullable: false },
          { name: 'v_int', type: 'integer', nullable: false },
          { name: 'v_big', type: 'bigint', nullable: false },
          { name: 'v_numeric', type: 'numeric(5,2)', nullable: false },
          { name: 'v_tone', type: 'tone', nullable: false },
          { name: 'v_uuid', type: 'uuid', nullable: false },
        ],
      },
    ],
  })
  const pglite = enginesFor('postgres').find((e) => e.name === 'pglite')!
  let engine: Engine
  let v: Validators
  beforeAll(async () => {
    engine = await pglite.open()
    await engine.exec(`CREATE TYPE "tone" AS ENUM ('a', 'b', 'c d')`)
    // One table per column, so each insert tests one value.
    for (const c of probe.tables[0]!.columns) {
      const type = c.type.kind === 'enum' ? 'tone' : formatColumnType(c.type)
      await engine.exec(`CREATE TABLE "${c.name}" (v ${type} NOT NULL)`)
    }
  }, 120_000)
  afterAll(async () => {
    await engine?.close()
  })

  const noNul = (s: string) => !s.includes('\u0000')
  // PostgreSQL cuts spaces beyond the length instead of failing; the validator does not (documented).
  const notSpacePadded = (n: number) => (s: string) => {
    const chars = Array.from(s)
    return !(chars.length > n && chars.slice(n).every((c) => c === ' '))
  }
  const text = (n: number) =>
    fc
      .oneof(fc.string({ unit: 'binary', maxLength: n + 3 }), fc.string({ unit: 'grapheme', maxLength: n + 2 }))
      .filter((s) => noNul(s) && notSpacePadded(n)(s))
  const decimal = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.integer({ min: 0, max: 2 }))
    .map(([negative, n, scale]) => {
      const digits = n.toString().padStart(scale + 1, '0')
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
      return `${negative && n !== 0n ? '-' : ''}${text}`
    })
  const cases: Record<string, fc.Arbitrary<unknown>> = {
    v_varchar: text(5),
    v_char: text(3),
    v_small: fc.oneof(fc.integer({ min: -40000, max: 40000 }), fc.double({ min: -10, max: 10 })),
    v_int: fc.oneof(
      fc.integer(),
      fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 3 }),
      fc.constantFrom(-(2 ** 31) - 1, 0.5),
    ),
    v_big: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
    v_numeric: decimal,
    v_tone: fc.constantFrom('a', 'b', 'c d', 'c', 'A', '', 'a '),
    // PostgreSQL also reads braces, missing hyphens or hyphens after any 4 digits; drivers return the
    // canonical form, which is all the validator accepts, so only that form and invalid text are drawn.
    v_uuid: fc.oneof(
      fc.uuid().map((u) => u.toUpperCase()),
      fc.uuid(),
      fc
        .tuple(fc.uuid(), fc.nat(35), fc.constantFrom('g', 'z', ' '))
        .map(([u, i, c]) => u.slice(0, i) + c + u.slice(i + 1)),
      fc.string({ maxLength: 5 }),
    ),
  }

  it.each(Object.keys(cases))('%s', async (column) => {
    v ??= await dir.importTs<Validators>('probe.ts', toZod(probe))
    const field = v.Probe!.shape[column]!
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 9, arbitrary: cases[column]! }, { weight: 1, arbitrary: fc.constant(null) }),
        async (value) => {
          const accepted = await engine.query(`INSERT INTO "${column}" (v) VALUES ($1)`, [value]).then(
            () => true,
            () => false,
          )
          expect([value, field.safeParse(value).success]).toEqual([value, accepted])
        },
      ),
      { numRuns: 150 },
    )
  })
})
