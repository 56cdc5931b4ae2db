import { alterableFields } from '../model/model-description.js'
import {
  type DatabaseObject,
  OBJECT_KINDS,
  type ObjectKind,
  type ObjectOfKind,
  objectName,
  objectsOf,
} from '../model/object-kinds.js'
import type { Namespace, Schema, Sequence } from '../model/types.js'
import { objectFieldEqual } from './object-equality.js'
import { followTableRename } from './trigger-renames.js'
import type { DiffOptions, ObjectChange, ObjectField } from './types.js'

/**
 * Changes between the objects beside tables and enums (namespaces, extensions, types, domains,
 * sequences, routines, views, triggers) of two schemas, paired by kind and name (`objectName`).
 * Paths are `kind:name` (`view:reporting.totals`, `function:slugify(text)`).
 * @internal
 */
export function diffObjects(
  from: Schema,
  to: Schema,
  options: DiffOptions,
  listed = bothList(from, to),
  renamedTables: ReadonlyMap<string, string> = new Map(),
): ObjectChange[] {
  const changes: ObjectChange[] = []
  for (const kind of OBJECT_KINDS) {
    if (kind === 'namespace' && !listed) {
      changes.push(...diffKind('namespace', from.namespaces ?? [], namespacesNeeded(from, to), options, (o) => o))
      continue
    }
    // A trigger of a renamed table pairs with the one on its new name (the rename keeps it).
    const follow = (o: DatabaseObject): DatabaseObject => followTableRename(kind, o, renamedTables)
    changes.push(...diffKind(kind, objectsOf(from, kind), objectsOf(to, kind), options, follow as never))
  }
  return changes
}

const bothList = (from: Schema, to: Schema) => from.namespaces !== undefined && to.namespaces !== undefined

/**
 * What `to` says of the namespaces when only one version lists them. Namespaces are managed (created,
 * dropped, commented) only when both versions list them: a namespace a document does not list may
 * hold what it does not describe, and one it uses may exist already. But when `from` lists them (a
 * database read whole), a namespace that an object of `to` lives in and `from` lacks is certainly
 * missing: it is created, before what lives in it. Nothing is dropped or altered. Without a list in
 * `from`, `from`'s namespaces stand: no change.
 */
function namespacesNeeded(from: Schema, to: Schema): readonly Namespace[] {
  const listed = from.namespaces
  if (listed === undefined) return []
  const known = new Set(listed.map((n) => n.name))
  const needed = [...namespacesUsed(to)].filter((n) => !known.has(n)).map((name) => ({ name }))
  return [...listed, ...needed]
}

/** The namespaces a schema's tables, enums and objects live in (the default one has no name). @internal */
export function namespacesUsed(schema: Schema): Set<string> {
  const out = new Set<string>()
  const add = (o: { readonly schema?: string }) => {
    if (o.schema !== undefined) out.add(o.schema)
  }
  for (const t of schema.tables) add(t)
  for (const e of schema.enums) add(e)
  for (const kind of OBJECT_KINDS) if (kind !== 'namespace') for (const o of objectsOf(schema, kind)) add(o as never)
  return out
}

function diffKind<K extends ObjectKind>(
  kind: K,
  from: readonly ObjectOfKind[K][],
  to: readonly ObjectOfKind[K][],
  options: DiffOptions,
  follow: (o: ObjectOfKind[K]) => ObjectOfKind[K],
): ObjectChange[] {
  const toByName = new Map(to.map((o) => [objectName(kind, o), o]))
  const fromNames = new Set(from.map((o) => objectName(kind, follow(o))))
  const out: ObjectChange[] = []
  const change = (verb: 'create' | 'drop' | 'alter', name: string, fields: object) =>
    out.push({
      kind: `${verb}_${kind}`,
      path: `${kind}:${name}`,
      object: kind,
      name,
      ...fields,
    } as unknown as ObjectChange)
  for (const before of from) {
    const name = objectName(kind, follow(before))
    const after = toByName.get(name)
    // Named after the table's rename, as applying the diff sees it; `before` stays as the database has it.
    if (after === undefined) change('drop', name, { before })
    else {
      const fields = changedFields(kind, follow(before), after, options)
      if (fields.length > 0) change('alter', name, { before, after, changes: fields })
    }
  }
  for (const after of to) {
    const name = objectName(kind, after)
    if (!fromNames.has(name)) change('create', name, { after })
  }
  return out
}

/** The fields an `alter_<kind>` change lists, in the model's order. @internal */
export function changedFields<K extends ObjectKind>(
  kind: K,
  before: ObjectOfKind[K],
  after: ObjectOfKind[K],
  options: DiffOptions = {},
): ObjectField<K>[] {
  const fields = alterableFields[kind] as unknown as readonly ObjectField<K>[]
  const [a, b] =
    kind === 'sequence'
      ? [effectiveSequence(before as Sequence), effectiveSequence(after as Sequence)]
      : [before, after]
  return fields.filter((f) => {
    if (kind === 'extension' && f === 'version' && !options.compareExtensionVersions) return false
    if ((f === 'grants' || f === 'publicExecute') && !options.comparePrivileges) return false
    return !objectFieldEqual(kind, f, a as ObjectOfKind[K], b as ObjectOfKind[K])
  })
}

const TYPE_RANGE = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
} as const

/**
 * A sequence with every option the database fills in made explicit (PostgreSQL's defaults), so that
 * a document stating a default and one leaving it out compare equal.
 */
function effectiveSequence(s: Sequence): Sequence {
  const type = s.type ?? 'bigint'
  const increment = s.increment ?? '1'
  const ascending = !increment.startsWith('-')
  const [low, high] = TYPE_RANGE[type]
  const minValue = s.minValue ?? (ascending ? '1' : low)
  const maxValue = s.maxValue ?? (ascending ? high : '-1')
  const start = s.start ?? (ascending ? minValue : maxValue)
  return { ...s, type, increment, minValue, maxValue, start, cache: s.cache ?? '1' }
}
