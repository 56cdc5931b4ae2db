import { SchemaLedgerError } from '../errors.js'
import { OBJECT_KINDS, type ObjectKind, type ObjectOfKind, objectName, objectsOf } from '../model/object-kinds.js'
import type { Schema } from '../model/types.js'
import { tokenizeSql } from '../sql-text/sql-tokenizer.js'

// The dependency graph of a schema's objects: which tables, views, routines, types and sequences
// each view, routine, trigger, domain and type needs. It comes from `dependsOn` where a reader filled
// it (introspection reads the database's own records), else from the names the object's SQL text
// mentions that name an object of the schema (for a routine, from both). A name the text mentions that is no object (a column,
// an alias) adds nothing; a column named like a table adds an edge, which only constrains the order.

/** A node of the graph: `table:billing.invoices`, `view:totals`, `function:slugify(text)`. */
export type NodeKey = string

/** Node key of an object of the schema. */
export const nodeKey = (kind: ObjectKind | 'table' | 'enum', name: string): NodeKey => `${kind}:${name}`

const qualified = (o: { readonly schema?: string; readonly name: string }) =>
  o.schema === undefined ? o.name : `${o.schema}.${o.name}`

/** What a name found in SQL text may stand for. */
class NameIndex {
  private readonly byName = new Map<string, NodeKey[]>()
  add(name: string, key: NodeKey): void {
    const list = this.byName.get(name)
    if (list) list.push(key)
    else this.byName.set(name, [key])
  }
  get(name: string): readonly NodeKey[] {
    return this.byName.get(name) ?? []
  }
}

/** The objects of a schema and the edges between them. */
export interface DependencyGraph {
  /** Every node's dependencies (nodes of the same schema only). */
  readonly dependencies: ReadonlyMap<NodeKey, ReadonlySet<NodeKey>>
  /** The nodes that depend on each node. */
  readonly dependents: ReadonlyMap<NodeKey, ReadonlySet<NodeKey>>
}

/**
 * The dependency graph of a schema's tables, enums and objects.
 * @internal
 */
export function dependencyGraph(schema: Schema): DependencyGraph {
  const index = new NameIndex()
  const addNames = (key: NodeKey, o: { readonly schema?: string; readonly name: string }) => {
    index.add(o.name.toLowerCase(), key)
    if (o.schema !== undefined) index.add(`${o.schema}.${o.name}`.toLowerCase(), key)
  }
  for (const t of schema.tables) addNames(nodeKey('table', qualified(t)), t)
  for (const e of schema.enums) addNames(nodeKey('enum', qualified(e)), e)
  for (const kind of OBJECT_KINDS) {
    if (kind === 'trigger' || kind === 'namespace' || kind === 'extension') continue
    for (const o of objectsOf(schema, kind)) addNames(nodeKey(kind, objectName(kind, o)), o as { name: string })
  }
  const dependencies = new Map<NodeKey, Set<NodeKey>>()
  const dependents = new Map<NodeKey, Set<NodeKey>>()
  const link = (from: NodeKey, to: NodeKey) => {
    if (from === to) return
    const a = dependencies.get(from) ?? new Set<NodeKey>()
    dependencies.set(from, a.add(to))
    const b = dependents.get(to) ?? new Set<NodeKey>()
    dependents.set(to, b.add(from))
  }
  for (const kind of OBJECT_KINDS) {
    for (const o of objectsOf(schema, kind)) {
      const key = nodeKey(kind, objectName(kind, o))
      const declared = (o as { dependsOn?: readonly string[] }).dependsOn
      if (declared !== undefined) for (const d of declared) link(key, d)
      // A routine's records name its argument and result types (and what a SQL-standard body reads),
      // not what a body held as text reads: the names its texts mention count too.
      if (declared === undefined || kind === 'function')
        for (const text of sqlTexts(kind, o))
          for (const name of namesIn(text)) for (const d of index.get(name)) link(key, d)
      if (kind === 'trigger') {
        const t = o as ObjectOfKind['trigger']
        for (const d of index.get(
          qualified({ name: t.table, ...(t.schema ? { schema: t.schema } : {}) }).toLowerCase(),
        ))
          link(key, d)
      }
    }
  }
  return { dependencies, dependents }
}

/** The SQL texts of an object that may name other objects. */
function sqlTexts<K extends ObjectKind>(kind: K, o: ObjectOfKind[K]): string[] {
  const fields: Record<ObjectKind, readonly string[]> = {
    namespace: [],
    extension: [],
    type: [],
    domain: ['type', 'default'],
    sequence: [],
    function: ['arguments', 'returns', 'body'],
    view: ['definition'],
    trigger: ['when', 'function', 'body'],
    event: ['body'],
  }
  const record = o as Record<string, unknown>
  const texts = fields[kind].flatMap((f) => (typeof record[f] === 'string' ? [record[f] as string] : []))
  if (kind === 'domain') for (const c of (o as ObjectOfKind['domain']).checks ?? []) texts.push(c.expression)
  if (kind === 'type') {
    const t = o as ObjectOfKind['type']
    for (const a of t.attributes ?? []) texts.push(a.type)
    // A range's subtype (a domain, a type) and its functions come before it.
    if (t.range) for (const x of [t.range.subtype, t.range.canonical, t.range.subtypeDiff]) if (x) texts.push(x)
  }
  if (kind === 'sequence' && (o as ObjectOfKind['sequence']).ownedBy)
    texts.push(((o as ObjectOfKind['sequence']).ownedBy as string).replace(/\.[^.]*$/, ''))
  return texts
}

/** The names (`name` and `schema.name`, in lower case unless quoted) a SQL text mentions. */
export function namesIn(text: string): Set<string> {
  const tokens = tokenizeSql(text)
  const names = new Set<string>()
  const nameOf = (i: number) => {
    const t = tokens[i]
    if (t === undefined) return undefined
    if (t.kind === 'word') return t.text.toLowerCase()
    if (t.kind === 'identifier') return t.value.toLowerCase()
    // A quoted string may name an object (`nextval('seq')`, `'users'::regclass`).
    if (t.kind === 'string') return t.value.toLowerCase()
    return undefined
  }
  for (let i = 0; i < tokens.length; i++) {
    const name = nameOf(i)
    if (name === undefined) continue
    names.add(name)
    if (tokens[i + 1]?.text === '.') {
      const next = nameOf(i + 2)
      if (next !== undefined) names.add(`${name}.${next}`)
    }
    if (tokens[i]?.kind === 'string' && name.includes('.')) for (const part of name.split('.')) names.add(part)
  }
  return names
}

/**
 * `keys` in an order where every node comes after the nodes of `keys` it depends on (ties keep the
 * given order). A cycle among them is an error naming it.
 * @internal
 */
export function dependencyOrder(keys: readonly NodeKey[], graph: DependencyGraph): NodeKey[] {
  const wanted = new Set(keys)
  const state = new Map<NodeKey, 'visiting' | 'done'>()
  const out: NodeKey[] = []
  const visit = (key: NodeKey, path: NodeKey[]) => {
    const s = state.get(key)
    if (s === 'done') return
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(key)), key]
      throw new SchemaLedgerError(
        'dependency_cycle',
        `These objects depend on each other, so no order creates them: ${cycle.join(' -> ')}`,
      )
    }
    state.set(key, 'visiting')
    for (const d of [...(graph.dependencies.get(key) ?? [])].sort()) if (wanted.has(d)) visit(d, [...path, key])
    state.set(key, 'done')
    out.push(key)
  }
  for (const key of keys) visit(key, [])
  return out
}

/** Every node that depends on one of `roots`, directly or through others (the roots not included). @internal */
export function dependentsOf(roots: Iterable<NodeKey>, graph: DependencyGraph): Set<NodeKey> {
  const out = new Set<NodeKey>()
  const queue = [...roots]
  while (queue.length > 0) {
    const key = queue.pop() as NodeKey
    for (const d of graph.dependents.get(key) ?? []) {
      if (out.has(d)) continue
      out.add(d)
      queue.push(d)
    }
  }
  return out
}
