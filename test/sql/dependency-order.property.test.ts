import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { creationOrder } from '../../src/dialects/dependency-order.js'
import type { Constraint, ForeignKeyConstraint, Table } from '../../src/model/types.js'

// creationOrder became linear (it was quadratic in the number of tables); this oracle is the former
// implementation, kept to prove that the order and the deferred keys did not change.
const key = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

function formerCreationOrder(tables: readonly Table[]) {
  const byKey = new Map(tables.map((t) => [key(t.schema, t.name), t]))
  const targetOf = (t: Table, fk: ForeignKeyConstraint) =>
    byKey.get(key(fk.referencedSchema ?? t.schema, fk.referencedTable))
  const foreignKeys = (t: Table) => t.constraints.filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key')
  const remaining = new Set(tables)
  const created = new Set<Table>()
  const ordered: Table[] = []
  const deferred = new Set<Constraint>()
  const waitsFor = (t: Table) =>
    foreignKeys(t).filter((fk) => {
      const target = targetOf(t, fk)
      return target !== undefined && target !== t && !created.has(target) && !deferred.has(fk)
    })
  const byName = (a: Table, b: Table) => (key(a.schema, a.name) < key(b.schema, b.name) ? -1 : 1)
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => waitsFor(t).length === 0).sort(byName)
    const next = ready[0] ?? [...remaining].sort(byName)[0]
    if (!next) break
    if (ready.length === 0) for (const fk of waitsFor(next)) deferred.add(fk)
    remaining.delete(next)
    created.add(next)
    ordered.push(next)
  }
  return { tables: ordered, deferred }
}

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

/** Tables with unique names (some in a second namespace) and foreign keys between them, cycles included. */
const tableGraphs = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(undefined, 'other')), {
    maxLength: 8,
    selector: ([n, s]) => key(s, n),
  })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.array(fc.array(fc.tuple(fc.constantFrom(...NAMES, 'missing'), fc.boolean()), { maxLength: 3 }), {
        minLength: names.length,
        maxLength: names.length,
      }),
    ),
  )
  .map(([names, fks]) =>
    names.map(
      ([name, schema], i): Table => ({
        name,
        ...(schema ? { schema } : {}),
        columns: [{ name: 'id', type: { kind: 'integer' }, nullable: false }],
        constraints: (fks[i] ?? []).map(([target, crossSchema]) => ({
          type: 'foreign_key' as const,
          columns: ['id'],
          referencedTable: target,
          ...(crossSchema ? { referencedSchema: 'other' } : {}),
          referencedColumns: ['id'],
        })),
        indexes: [],
      }),
    ),
  )

describe('creationOrder', () => {
  it('orders tables and defers cycle keys exactly as the former quadratic algorithm', () => {
    fc.assert(
      fc.property(tableGraphs, (tables) => {
        const now = creationOrder(tables)
        const before = formerCreationOrder(tables)
        expect(now.tables).toEqual(before.tables)
        expect(now.tables.every((t, i) => t === before.tables[i])).toBe(true)
        expect([...now.deferred]).toEqual([...before.deferred])
        expect([...now.deferred].every((c, i) => c === [...before.deferred][i])).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
