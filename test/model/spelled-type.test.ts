import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSerialSpelling, parseColumnType, splitCollation } from '../../src/model/parse-column-type.js'
import { readSpelledType } from '../../src/model/spelled-type.js'

const SPELLINGS = [
  'Integer',
  'VARCHAR(50)',
  'String',
  'Numeric',
  'numeric(10,2) COLLATE "C"',
  'DateTime',
  'TIME',
  'Float',
  'bigserial',
  'text[]',
  'geometry(Point,4326)',
  'CHAR',
]
const COUNTS = [undefined, 0, -0, 5, 30]

describe('readSpelledType', () => {
  it('answers from its cache exactly what parsing the spelling gives, hint by hint', () => {
    const hints = fc.tuple(
      fc.constantFrom(...SPELLINGS),
      fc.constantFrom(...COUNTS),
      fc.constantFrom(...COUNTS),
      fc.constantFrom(...COUNTS),
      fc.constantFrom(undefined, true, false),
    )
    fc.assert(
      fc.property(hints, ([spelling, length, precision, scale, timezone]) => {
        const { type: text, collation } = splitCollation(spelling)
        const expected = {
          type: parseColumnType(text, { length, precision, scale, timezone }),
          collation,
          serial: isSerialSpelling(text),
        }
        const first = readSpelledType(spelling, length, precision, scale, timezone)
        expect(first).toStrictEqual(expected)
        // -0 is kept as -0, and never confused with 0.
        const precisionOf = (t: unknown) => (t as { precision?: number }).precision
        expect(Object.is(precisionOf(first.type), precisionOf(expected.type))).toBe(true)
        expect(readSpelledType(spelling, length, precision, scale, timezone)).toBe(first)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps spellings with and without hints apart', () => {
    expect(readSpelledType('Numeric').type).toEqual({ kind: 'decimal' })
    expect(readSpelledType('Numeric', undefined, 10, 2).type).toEqual({ kind: 'decimal', precision: 10, scale: 2 })
    expect(readSpelledType('Numeric', undefined, 12, 2).type).toEqual({ kind: 'decimal', precision: 12, scale: 2 })
    expect(readSpelledType('DateTime', undefined, undefined, undefined, true).type).toEqual({
      kind: 'timestamp',
      timezone: true,
    })
    expect(readSpelledType('DateTime').type).toEqual({ kind: 'timestamp', timezone: false })
    expect(readSpelledType('varchar(20) COLLATE "C"')).toEqual({
      type: { kind: 'varchar', length: 20 },
      collation: 'C',
      serial: false,
    })
    expect(readSpelledType('serial').serial).toBe(true)
  })
})
