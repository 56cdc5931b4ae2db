import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { serializeSchema } from '../../src/index.js'
import { UNSURE } from '../../src/model/fast-object.js'
import { FAST_SHAPES, fastParse, setFastParsing } from '../../src/model/fast-validate.js'
import { safeParseSchema } from '../../src/model/parse-schema.js'
import { arbitrarySchema } from '../arbitraries.js'
import { objectFor, sqlalchemyDocument } from './document-arbitraries.js'

/** Same keys in the same order, same prototypes, and Object.is-equal leaves, all the way down. */
function sameStructure(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b)
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
  return ka.every((k) => sameStructure((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

afterEach(() => setFastParsing(true))

describe('fast validation path', () => {
  it('lists every zod shape key, in zod order', () => {
    expect(FAST_SHAPES).toHaveLength(18)
    for (const [schema, shape] of FAST_SHAPES) expect(Object.keys(shape)).toEqual(Object.keys(schema.shape))
  })

  for (const [schema, shape] of FAST_SHAPES) {
    const name = Object.keys(shape).slice(0, 3).join(', ')
    it(`vouches only for what zod accepts, with zod's exact output (${name}, ...)`, () => {
      const values = fc.oneof(objectFor(schema), objectFor(schema, { noise: true }))
      fc.assert(
        fc.property(values, (value) => {
          const fast = fastParse(schema, value)
          if (fast === UNSURE) return
          const zod = schema.safeParse(value)
          expect(zod.success).toBe(true)
          expect(sameStructure(fast, zod.data)).toBe(true)
        }),
        { numRuns: 400 },
      )
      // The fast path is not vacuous: it takes many of the generated values. Counted on a fixed-seed
      // sample, since how many of 400 random values it takes varies from run to run.
      const vouched = fc.sample(values, { numRuns: 400, seed: 1 }).filter((v) => fastParse(schema, v) !== UNSURE)
      expect(vouched.length).toBeGreaterThan(50)
    })
  }

  it('leaves unusual objects to zod or reads them as zod does', () => {
    const [columnSchema] = FAST_SHAPES[0] ?? []
    if (!columnSchema) throw new Error('no column shape')
    class Column {
      name = 'id'
      type = 'Integer'
      get nullable() {
        return 'no'
      }
    }
    const hidden = { name: 'id', type: 'Integer' }
    Object.defineProperty(hidden, 'nullable', { value: 5, enumerable: false })
    const inherited = Object.assign(Object.create({ unique: true }), { name: 'id', type: 'Integer' })
    const bare = Object.assign(Object.create(null), { name: 'id', type: 'Integer', zz: 1 })
    const values = [
      new Column(),
      hidden,
      inherited,
      bare,
      JSON.parse('{"__proto__": {"a": 1}, "name": "id", "type": "Integer"}'),
      { zz: 1, type: 'Integer', name: 'id' },
      { name: ' id ', type: 'Integer' },
      { name: 'id', type: 'Integer', nullable: undefined },
      { name: 'id', type: undefined },
      [],
      null,
      'id',
    ]
    const verdicts = values.map((value) => {
      const fast = fastParse(columnSchema, value)
      const zod = columnSchema.safeParse(value)
      if (fast === UNSURE) return zod.success ? 'zod' : 'invalid'
      expect(zod.success).toBe(true)
      expect(sameStructure(fast, zod.data)).toBe(true)
      return 'fast'
    })
    expect(verdicts).toEqual([
      'invalid',
      'invalid',
      'fast',
      'fast',
      'fast',
      'fast',
      'fast',
      'fast',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ])
    // Plain JSON objects in zod's key order are vouched for as they are.
    const plain = { name: 'id', type: 'Integer', nullable: false, info: 'x' }
    expect(fastParse(columnSchema, plain)).toBe(plain)
    // An enumerable key on Object.prototype is copied by zod as the object's own: built, not shared.
    const polluted = Object.prototype as Record<string, unknown>
    try {
      polluted.leaked = 1
      const fast = fastParse(columnSchema, plain)
      expect(fast).not.toBe(plain)
      expect(sameStructure(fast, columnSchema.safeParse(plain).data)).toBe(true)
    } finally {
      delete polluted.leaked
    }
  })
})

describe('parsing with and without the fast paths', () => {
  const both = (document: unknown) => {
    setFastParsing(false)
    const slow = safeParseSchema(document)
    setFastParsing(true)
    const fast = safeParseSchema(document)
    expect(fast).toStrictEqual(slow)
    expect(sameStructure(fast, slow)).toBe(true)
    return fast
  }

  it('gives the same schema or the same issues, byte for byte, on SQLAlchemy documents', () => {
    let valid = 0
    fc.assert(
      fc.property(fc.oneof(sqlalchemyDocument(false), sqlalchemyDocument(true)), (document) => {
        if (both(document).success) valid++
      }),
      { numRuns: 600 },
    )
    expect(valid).toBeGreaterThan(30)
  })

  it('gives the same schema or the same issues on canonical documents, intact or damaged', () => {
    const damaged = fc
      .tuple(arbitrarySchema, fc.nat(), fc.constantFrom(undefined, null, '', ' x ', 5, [], {}))
      .map(([schema, at, value]) => {
        const document = JSON.parse(serializeSchema(schema))
        const tables = document.tables as Record<string, unknown>[]
        const table = tables[at % Math.max(tables.length, 1)]
        if (!table) return document
        const columns = table.columns as Record<string, unknown>[]
        const target = at % 3 === 0 ? table : (columns[at % columns.length] ?? table)
        const keys = Object.keys(target)
        target[keys[at % keys.length] ?? 'name'] = value
        return document
      })
    fc.assert(
      fc.property(arbitrarySchema, (schema) => {
        expect(both(JSON.parse(serializeSchema(schema))).success).toBe(true)
      }),
      { numRuns: 150 },
    )
    fc.assert(
      fc.property(damaged, (document) => {
        both(document)
      }),
      { numRuns: 300 },
    )
  })
})
