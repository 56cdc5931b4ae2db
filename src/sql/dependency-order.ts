import type { Constraint, ForeignKeyConstraint, Table } from '../model/types.js'

/** Tables ordered so that referenced tables come first, and the foreign keys that had to wait. */
export interface CreationOrder {
  readonly tables: readonly Table[]
  /** Foreign keys that point at a table created later (cycles): add them once every table exists. */
  readonly deferred: ReadonlySet<Constraint>
}

const key = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

/**
 * Orders tables so every table comes after the tables its foreign keys reference (Kahn's algorithm,
 * ties by name, so the order is deterministic). A cycle is broken at the first table by name: its
 * foreign keys to tables not yet created are deferred. Self-references and references to tables
 * outside the list never constrain the order.
 */
export function creationOrder(tables: readonly Table[]): CreationOrder {
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
