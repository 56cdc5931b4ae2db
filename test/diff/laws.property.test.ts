import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Schema } from '../../src/index.js'
import { applyDiff, diffSchemas, reverseDiff } from '../../src/index.js'
import { arbitrarySchema } from '../arbitraries.js'

/**
 * The schema without its MySQL table options. An option one version leaves out is not compared (it
 * means whatever the database has), so applying a diff keeps the other version's value there: the
 * laws hold exactly without the options, and the options both versions state agree (the diff of the
 * result against the target is empty).
 */
const withoutOptions = (s: Schema): Schema => ({
  ...s,
  tables: s.tables.map(({ engine: _e, charset: _c, collation: _l, rowFormat: _r, ...t }) => t),
})

describe('diff laws', () => {
  it('diffSchemas(s, s) is empty', () => {
    fc.assert(
      fc.property(arbitrarySchema, (s) => {
        expect(diffSchemas(s, s).changes).toEqual([])
        expect(diffSchemas(s, structuredClone(s)).changes).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  for (const inferRenames of ['suggest', 'apply'] as const) {
    it(`applyDiff(a, diffSchemas(a, b)) equals b (inferRenames: ${inferRenames})`, () => {
      fc.assert(
        fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
          // Exact when column moves are part of the diff...
          const applied = applyDiff(a, diffSchemas(a, b, { inferRenames, comparePositions: true }))
          expect(withoutOptions(applied)).toEqual(withoutOptions(b))
          expect(diffSchemas(applied, b, { inferRenames, comparePositions: true }).changes).toEqual([])
          // ...and the same database (only the order of kept columns may differ) when they are not.
          expect(diffSchemas(applyDiff(a, diffSchemas(a, b, { inferRenames })), b).changes).toEqual([])
        }),
        { numRuns: 400 },
      )
    })

    it(`reverseDiff(diffSchemas(a, b)) equals diffSchemas(b, a) (inferRenames: ${inferRenames})`, () => {
      fc.assert(
        fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
          expect(reverseDiff(diffSchemas(a, b, { inferRenames }))).toEqual(diffSchemas(b, a, { inferRenames }))
        }),
        { numRuns: 400 },
      )
    })
  }

  it('the laws hold with positions compared', () => {
    fc.assert(
      fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
        const d = diffSchemas(a, b, { comparePositions: true })
        expect(withoutOptions(applyDiff(a, d))).toEqual(withoutOptions(b))
        expect(diffSchemas(applyDiff(a, d), b, { comparePositions: true }).changes).toEqual([])
        expect(reverseDiff(d)).toEqual(diffSchemas(b, a, { comparePositions: true }))
      }),
      { numRuns: 300 },
    )
  })

  it('reverses a key that points at another table once its column is renamed (found at 5000 runs)', () => {
    // orders.total -> orders.status is renamed; fk_orders pointed at accounts.total and now at
    // orders.status: both directions list referencedColumns with referencedTable.
    const col = (name: string, type: Schema['tables'][number]['columns'][number]['type'], extra = {}) => ({
      name,
      type,
      nullable: false,
      ...extra,
    })
    const fk = (column: string, table: string) => ({
      type: 'foreign_key' as const,
      name: 'fk_orders',
      columns: [column],
      referencedTable: table,
      referencedColumns: [column === 'status' ? 'status' : 'total'],
    })
    const tz = { kind: 'timestamp', timezone: true } as const
    const a: Schema = {
      enums: [],
      tables: [
        { name: 'accounts', columns: [col('total', { kind: 'integer' })], constraints: [], indexes: [] },
        {
          name: 'orders',
          columns: [col('total', tz, { default: '7' })],
          constraints: [fk('total', 'accounts')],
          indexes: [],
        },
      ],
    }
    const b: Schema = {
      enums: [],
      tables: [
        {
          name: 'orders',
          columns: [col('status', tz, { default: '7' })],
          constraints: [fk('status', 'orders')],
          indexes: [],
        },
      ],
    }
    const d = diffSchemas(a, b, { inferRenames: 'apply' })
    expect(d.changes.find((c) => c.kind === 'alter_constraint')).toMatchObject({
      changes: ['referencedTable', 'referencedColumns'],
    })
    expect(reverseDiff(d)).toEqual(diffSchemas(b, a, { inferRenames: 'apply' }))
  })
})
