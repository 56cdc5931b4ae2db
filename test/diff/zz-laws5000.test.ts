import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDiff, diffSchemas, reverseDiff } from '../../src/index.js'
import { arbitrarySchema } from '../arbitraries.js'

describe('diff laws', () => {
  it('diffSchemas(s, s) is empty', () => {
    fc.assert(
      fc.property(arbitrarySchema, (s) => {
        expect(diffSchemas(s, s).changes).toEqual([])
        expect(diffSchemas(s, structuredClone(s)).changes).toEqual([])
      }),
      { numRuns: 3000 },
    )
  })

  for (const inferRenames of ['suggest', 'apply'] as const) {
    it(`applyDiff(a, diffSchemas(a, b)) equals b (inferRenames: ${inferRenames})`, () => {
      fc.assert(
        fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
          // Exact when column moves are part of the diff...
          expect(applyDiff(a, diffSchemas(a, b, { inferRenames, comparePositions: true }))).toEqual(b)
          // ...and the same database (only the order of kept columns may differ) when they are not.
          expect(diffSchemas(applyDiff(a, diffSchemas(a, b, { inferRenames })), b).changes).toEqual([])
        }),
        { numRuns: 5000 },
      )
    })

    it(`reverseDiff(diffSchemas(a, b)) equals diffSchemas(b, a) (inferRenames: ${inferRenames})`, () => {
      fc.assert(
        fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
          expect(reverseDiff(diffSchemas(a, b, { inferRenames }))).toEqual(diffSchemas(b, a, { inferRenames }))
        }),
        { numRuns: 5000 },
      )
    })
  }

  it('the laws hold with positions compared', () => {
    fc.assert(
      fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
        const d = diffSchemas(a, b, { comparePositions: true })
        expect(applyDiff(a, d)).toEqual(b)
        expect(reverseDiff(d)).toEqual(diffSchemas(b, a, { comparePositions: true }))
      }),
      { numRuns: 3000 },
    )
  })
})
