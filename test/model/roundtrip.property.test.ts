import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSchema, SchemaValidationError, safeParseSchema, serializeSchema } from '../../src/index.js'
import { arbitrarySchema } from '../arbitraries.js'

describe('model properties', () => {
  it('parseSchema(serializeSchema(s)) equals s, and serialization is byte-stable', () => {
    fc.assert(
      fc.property(arbitrarySchema, (s) => {
        const text = serializeSchema(s)
        const back = parseSchema(JSON.parse(text))
        expect(back).toEqual(s)
        expect(serializeSchema(back)).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  // Reports serialize the schema objects as they are, so key order is part of the contract: a schema
  // read back from the store (canonical form) must give the same bytes as the document it came from.
  it.each(['seed-v2.json', 'sqlalchemy-shop.json'])(
    '%s read back from its canonical form has the same key order',
    (file) => {
      const s = parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')))
      expect(JSON.stringify(parseSchema(JSON.parse(serializeSchema(s))))).toBe(JSON.stringify(s))
    },
  )

  it('safeParseSchema never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        safeParseSchema(value)
        safeParseSchema({ metadata: value })
        safeParseSchema({ metadata: { tables: [value] } })
        safeParseSchema({
          metadata: { tables: [{ name: 't', columns: [value], constraints: [value], indexes: [value] }] },
        })
      }),
      { numRuns: 500 },
    )
  })

  it('parseSchema throws only SchemaValidationError', () => {
    const anything = fc.oneof(
      fc.jsonValue(),
      fc.record({
        metadata: fc.record({
          tables: fc.array(
            fc.record({ name: fc.string(), columns: fc.array(fc.dictionary(fc.string(), fc.jsonValue())) }),
          ),
        }),
      }),
    )
    fc.assert(
      fc.property(anything, (value) => {
        try {
          parseSchema(value)
        } catch (error) {
          expect(error).toBeInstanceOf(SchemaValidationError)
        }
      }),
      { numRuns: 500 },
    )
  })
})
