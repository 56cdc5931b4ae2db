import { constraintContentKey, stableStringify } from './assemble-table.js'
import { OBJECT_KINDS, OBJECT_LISTS, type ObjectKind, type ObjectOfKind, objectName } from './object-kinds.js'
import type { Constraint, EnumDefinition, Grant, Index, Policy, Privilege, Schema, Table } from './types.js'

const CONSTRAINT_ORDER: Readonly<Record<Constraint['type'], number>> = {
  primary_key: 0,
  unique: 1,
  foreign_key: 2,
  check: 3,
  exclude: 4,
}

/** `items` sorted by a string key in code-unit order (the same in every locale, unlike `localeCompare`), each key computed once. */
function sortByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }))
  keyed.sort((a, b) => compareText(a.key, b.key))
  return keyed.map((k) => k.item)
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `items` sorted by the key `head(item) + tail(item)`, where the tail (content as JSON) is costly and
 * needed only to break ties: when neither head is a prefix of the other, the heads alone decide.
 */
function sortByHeadThenTail<T>(items: readonly T[], head: (item: T) => string, tail: (item: T) => string): T[] {
  const n = items.length
  if (n < 2) return [...items]
  const heads = items.map(head)
  const tails: (string | undefined)[] = []
  const tailOf = (i: number) => {
    tails[i] ??= tail(items[i] as T)
    return tails[i] as string
  }
  const compare = (i: number, j: number) => {
    const a = heads[i] as string
    const b = heads[j] as string
    if (a === b) return compareText(tailOf(i), tailOf(j))
    if (!a.startsWith(b) && !b.startsWith(a)) return compareText(a, b)
    return compareText(a + tailOf(i), b + tailOf(j))
  }
  // Readers mostly emit constraints in order already; a stable sort would leave them as they are.
  let sorted = true
  for (let i = 1; i < n && sorted; i++) sorted = compare(i - 1, i) <= 0
  if (sorted) return [...items]
  return [...items.keys()].sort(compare).map((i) => items[i] as T)
}

/** Sort key of a table or enum: namespace, then name. @internal */
export function qualifiedKey(item: { readonly schema?: string; readonly name: string }): string {
  return `${item.schema ?? ''}\u0000${item.name}`
}

/** Sort key of a constraint: kind, then name, then content. @internal */
export function constraintSortKey(c: Constraint): string {
  return constraintSortHead(c) + constraintContentKey(c)
}

const constraintSortHead = (c: Constraint) => `${CONSTRAINT_ORDER[c.type]}\u0000${c.name ?? ''}\u0000`

/** Sort key of an index: name, then content. @internal */
export function indexSortKey(x: Index): string {
  return indexSortHead(x) + indexContentKey(x)
}

const indexSortHead = (x: Index) => `${x.name ?? ''}\u0000`

function indexContentKey(x: Index): string {
  const { name: _n, extra: _e, ...content } = x
  return stableStringify(content)
}

/** Puts a table's constraints and indexes in canonical order; columns keep their declared order. @internal */
export function normalizeTable(t: Table): Table {
  return {
    ...t,
    ...(t.columns.some((c) => c.sequenceGrants)
      ? {
          columns: t.columns.map((c) =>
            c.sequenceGrants ? { ...c, sequenceGrants: normalizeGrants(c.sequenceGrants) } : c,
          ),
        }
      : {}),
    constraints: sortByHeadThenTail(t.constraints, constraintSortHead, constraintContentKey),
    indexes: sortByHeadThenTail(t.indexes, indexSortHead, indexContentKey),
    ...(t.policies ? { policies: sortByKey(t.policies.map(normalizePolicy), (p) => p.name) } : {}),
    ...(t.grants ? { grants: normalizeGrants(t.grants) } : {}),
  }
}

/** A policy's roles sorted, without repeats (their order means nothing). */
function normalizePolicy(p: Policy): Policy {
  if (p.roles === undefined) return p
  const roles = [...new Set(p.roles)].sort()
  return roles.every((r, i) => r === p.roles?.[i]) && roles.length === p.roles.length ? p : { ...p, roles }
}

/**
 * Grants in one form: privileges sorted and merged per grantee and grant option, sorted by grantee
 * (those without the grant option first). @internal
 */
export function normalizeGrants(grants: readonly Grant[]): Grant[] {
  const merged = new Map<string, Set<Privilege>>()
  for (const g of grants) {
    const columns = g.columns ? [...new Set(g.columns)].sort() : []
    const key = `${g.grantee}\u0000${g.withGrantOption ? 1 : 0}\u0000${JSON.stringify(columns)}`
    const set = merged.get(key) ?? new Set()
    for (const p of g.privileges) set.add(p)
    merged.set(key, set)
  }
  const out = [...merged].map(([key, set]): Grant => {
    const [grantee, option, columnList] = key.split('\u0000') as [string, string, string]
    const columns = JSON.parse(columnList) as string[]
    return {
      grantee,
      privileges: [...set].sort(),
      ...(columns.length > 0 ? { columns } : {}),
      ...(option === '1' ? { withGrantOption: true as const } : {}),
    }
  })
  return sortByKey(out, (g) => `${g.grantee}\u0000${g.withGrantOption ? 1 : 0}\u0000${JSON.stringify(g.columns ?? [])}`)
}

/**
 * Puts a schema in normal form: tables and enums sorted by qualified name, constraints and indexes
 * sorted within each table. Idempotent.
 * @internal
 */
export function normalizeSchema(schema: Schema): Schema {
  const out: Record<string, unknown> = {
    ...schema,
    tables: sortByKey(schema.tables.map(normalizeTable), qualifiedKey),
    enums: sortByKey<EnumDefinition>(schema.enums, qualifiedKey),
  }
  for (const kind of OBJECT_KINDS) {
    const list = OBJECT_LISTS[kind]
    const items = schema[list] as readonly ObjectOfKind[typeof kind][] | undefined
    if (items === undefined) continue
    // An empty list says nothing, but for namespaces: `[]` states there are none besides the default.
    if (items.length === 0 && kind !== 'namespace') delete out[list]
    else
      out[list] = sortByKey(
        items.map((o) => normalizeObject(kind, o)),
        (o) => objectName(kind, o),
      )
  }
  return out as unknown as Schema
}

const TRIGGER_EVENTS = ['insert', 'update', 'delete', 'truncate']

/**
 * The parts of an object whose order means nothing, in one order: grants, domain checks, settings,
 * trigger events, a materialized view's indexes.
 */
function normalizeObject<K extends ObjectKind>(kind: K, object: ObjectOfKind[K]): ObjectOfKind[K] {
  const o =
    'grants' in object && object.grants !== undefined
      ? ({ ...object, grants: normalizeGrants(object.grants) } as ObjectOfKind[K])
      : object
  if (kind === 'domain' && 'checks' in o && o.checks !== undefined)
    return { ...o, checks: sortByKey(o.checks, (c) => `${c.name ?? ''}\u0000${c.expression}`) }
  if (kind === 'function' && 'config' in o && o.config !== undefined) return { ...o, config: [...o.config].sort() }
  if (kind === 'view' && 'indexes' in o && o.indexes !== undefined)
    return { ...o, indexes: sortByHeadThenTail(o.indexes, indexSortHead, indexContentKey) }
  if (kind === 'trigger' && 'events' in o)
    return {
      ...o,
      events: TRIGGER_EVENTS.filter((e) => (o.events as readonly string[]).includes(e)),
    } as ObjectOfKind[K]
  return o
}
