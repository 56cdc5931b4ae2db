import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreTableRename } from '../../src/diff/rename-score.js'
import type { Table } from '../../src/model/types.js'
import { arbitrarySchema } from '../arbitraries.js'

const table = (name: string, columns: [string, 'integer' | 'varchar'][]): Table =>
  ({
    name,
    columns: columns.map(([n, kind]) => ({
      name: n,
      type: kind === 'varchar' ? { kind, length: 50 } : { kind },
      nullable: false,
    })),
    constraints: [],
    indexes: [],
  }) as unknown as Table

describe('scoreTableRename', () => {
  it('scores a pair the same both ways (the counterexample CI found)', () => {
    const orders = table('orders', [
      ['id', 'varchar'],
      ['status', 'integer'],
    ])
    const users = table('users', [
      ['name', 'varchar'],
      ['id', 'integer'],
      ['status', 'integer'],
    ])
    const forward = scoreTableRename(orders, users, { onlyPair: true })
    const backward = scoreTableRename(users, orders, { onlyPair: true })
    expect(forward.score).toBe(backward.score)
    expect(forward.reasons).toEqual(backward.reasons)
    expect(forward.reasons).toContain('1 more by position and type')
  })

  it('is symmetric for any two tables', () => {
    fc.assert(
      fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
        for (const x of a.tables)
          for (const y of b.tables)
            expect(scoreTableRename(x, y, { onlyPair: false })).toEqual(scoreTableRename(y, x, { onlyPair: false }))
      }),
      { numRuns: 300 },
    )
  })
})
