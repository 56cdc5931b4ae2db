import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serializeSchema } from '../../src/index.js'
import { readDocument, safeParseSchema } from '../../src/model/parse-schema.js'
import { ReadContext } from '../../src/model/read-context.js'
import { arbitrarySchema } from '../arbitraries.js'
import { sqlalchemyDocument } from './document-arbitraries.js'

// safeParseSchema reads a document first without recording paths, and again with them only when an
// issue turns up (the one fast path of parsing). These properties check that it gives exactly what a
// single careful reading with paths gives, valid documents and invalid ones alike.

/** Same keys in the same order, same prototypes, and Object.is-equal leaves, all the way down. */
function sameStructure(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b)
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
  return ka.every((k) => sameStructure((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

describe('parsing with and without the first reading without paths', () => {
  const both = (document: unknown) => {
    const slow = readDocument(document as Record<string, unknown>, new ReadContext(true))
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
