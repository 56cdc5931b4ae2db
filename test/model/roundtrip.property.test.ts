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
