import type { Constraint, ForeignKeyConstraint, Table } from '../model/types.js'

/** Tables ordered so that referenced tables come first, and the foreign keys that had to wait. */
export interface CreationOrder {
  readonly tables: readonly Table[]
  /** Foreign keys that point at a table created later (cycles): add them once every table exists. */
  readonly deferred: ReadonlySet<Constraint>
}

const key = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

/** The tables a table is a partition of or inherits from. */
const parentsOf = (t: Table) => [...(t.partitionOf ? [t.partitionOf] : []), ...(t.inherits ?? [])]

/**
 * Orders tables so every table comes after the tables its foreign keys reference and its parents
 * (partitioned and inherited tables) (Kahn's algorithm,
 * ties by name, so the order is deterministic). A cycle is broken at the first table by name: its
 * foreign keys to tables not yet created are deferred. Self-references and references to tables
 * outside the list never constrain the order. Table names are expected to be unique in the list.
 */
export function creationOrder(list: readonly Table[]): CreationOrder {
  const byKey = new Map(list.map((t) => [key(t.schema, t.name), t]))
  const tables = new Set(list)
  const nameOf = new Map([...tables].map((t) => [t, key(t.schema, t.name)]))
  const targetOf = (t: Table, fk: ForeignKeyConstraint) =>
    byKey.get(key(fk.referencedSchema ?? t.schema, fk.referencedTable))
  // How many foreign keys each table still waits for, and who waits for each table: a table is ready
  // when nothing it references is left to create, and creating a table can only ready its referrers.
  const waiting = new Map<Table, number>()
  const referrers = new Map<Table, Table[]>()
  for (const t of tables) {
    let count = 0
    const waitFor = (target: Table | undefined) => {
      if (target === undefined || target === t) return
      count++
      const list = referrers.get(target)
      if (list) list.push(t)
      else referrers.set(target, [t])
    }
    for (const c of t.constraints) if (c.type === 'foreign_key') waitFor(targetOf(t, c))
    // A partition or an inheriting table comes after its parents (they are never deferred).
    for (const p of parentsOf(t)) waitFor(byKey.get(key(p.schema ?? t.schema, p.table)))
    waiting.set(t, count)
  }
  const before = (a: Table, b: Table) => (nameOf.get(a) as string) < (nameOf.get(b) as string)
  const ready = new MinHeap<Table>(before)
  for (const t of tables) if (waiting.get(t) === 0) ready.push(t)
  const remaining = new Set(tables)
  const created = new Set<Table>()
  const ordered: Table[] = []
  const deferred = new Set<Constraint>()
  while (remaining.size > 0) {
    let next = ready.pop()
    if (next === undefined) {
      // A cycle: the first remaining table by name goes first, its waiting foreign keys deferred.
      for (const t of remaining) if (next === undefined || before(t, next)) next = t
      if (next === undefined) break
      for (const c of next.constraints) {
        if (c.type !== 'foreign_key') continue
        const target = targetOf(next, c)
        if (target !== undefined && target !== next && !created.has(target)) deferred.add(c)
      }
    }
    remaining.delete(next)
    created.add(next)
    ordered.push(next)
    for (const referrer of referrers.get(next) ?? []) {
      if (!remaining.has(referrer)) continue
      const left = (waiting.get(referrer) as number) - 1
      waiting.set(referrer, left)
      if (left === 0) ready.push(referrer)
    }
  }
  return { tables: ordered, deferred }
}

/** A binary min-heap: the ready tables, first by name on top. */
class MinHeap<T> {
  private readonly items: T[] = []
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  push(item: T): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(items[i] as T, items[parent] as T)) break
      ;[items[i], items[parent]] = [items[parent] as T, items[i] as T]
      i = parent
    }
  }

  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let least = i
      if (l < items.length && this.before(items[l] as T, items[least] as T)) least = l
      if (r < items.length && this.before(items[r] as T, items[least] as T)) least = r
      if (least === i) return top
      ;[items[i], items[least]] = [items[least] as T, items[i] as T]
      i = least
    }
  }
}

/**
 * Moves each statement that frees a name (`releases`) to just before the first earlier statement
 * that takes it (`claims`), so that a name passes from its old owner to its new one: a table dropped
 * while another is created under the names of its keys and indexes (a rename the diff could not
 * see) is dropped first. Everything else keeps its order; a statement moves at most once, so
 * conflicting claims cannot loop. Names are opaque keys chosen by the dialect.
 *
 * @example
 * ```ts
 * orderByNameOwnership([create, drop], (s) => s.claims, (s) => s.releases) // [drop, create]
 * ```
 */
export function orderByNameOwnership<T>(
  items: readonly T[],
  claims: (item: T) => readonly string[] | undefined,
  releases: (item: T) => readonly string[] | undefined,
): T[] {
  const out = [...items]
  if (!out.some((item) => (releases(item)?.length ?? 0) > 0)) return out
  const moved = new Set<T>()
  for (let i = 0; i < out.length; i++) {
    const wanted = claims(out[i] as T)
    if (wanted === undefined || wanted.length === 0) continue
    const j = out.findIndex((item, k) => k > i && !moved.has(item) && releases(item)?.some((n) => wanted.includes(n)))
    if (j < 0) continue
    const [releaser] = out.splice(j, 1) as [T]
    out.splice(i, 0, releaser)
    moved.add(releaser)
    // Look at the moved statement's own claims next, then at this one again (it may want more).
    i--
  }
  return out
}
