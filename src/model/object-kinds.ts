import type {
  CompositeType,
  Domain,
  Extension,
  Namespace,
  Routine,
  ScheduledEvent,
  Schema,
  Sequence,
  Trigger,
  View,
} from './types.js'

/**
 * The kinds of database objects beside tables and enums, in the order a database needs them created:
 * namespaces, then extensions (their types and functions), types and domains, sequences, functions,
 * views, triggers, events (MySQL's scheduled events, which call them). Drops go in the reverse order. Dependencies between objects refine this order
 * (src/sql/object-dependencies.ts).
 *
 * @example
 * ```ts
 * for (const kind of OBJECT_KINDS) console.log(kind, objectsOf(schema, kind).length)
 * ```
 */
export const OBJECT_KINDS = [
  'namespace',
  'extension',
  'type',
  'domain',
  'sequence',
  'function',
  'view',
  'trigger',
  'event',
] as const

/** One of {@link OBJECT_KINDS}. */
export type ObjectKind = (typeof OBJECT_KINDS)[number]

/** The model type of each object kind. */
export interface ObjectOfKind {
  namespace: Namespace
  extension: Extension
  type: CompositeType
  domain: Domain
  sequence: Sequence
  function: Routine
  view: View
  trigger: Trigger
  event: ScheduledEvent
}

/** Any database object beside tables and enums. */
export type DatabaseObject = ObjectOfKind[ObjectKind]

/**
 * The schema's list of each object kind.
 *
 * @example
 * ```ts
 * OBJECT_LISTS.view // 'views': schema.views holds the views
 * ```
 */
export const OBJECT_LISTS = {
  namespace: 'namespaces',
  extension: 'extensions',
  type: 'types',
  domain: 'domains',
  sequence: 'sequences',
  function: 'functions',
  view: 'views',
  trigger: 'triggers',
  event: 'events',
} as const satisfies Readonly<Record<ObjectKind, keyof Schema>>

/**
 * The objects of one kind in a schema (an absent list is empty).
 *
 * @example
 * ```ts
 * for (const view of objectsOf(schema, 'view')) console.log(view.name, view.definition)
 * ```
 */
export function objectsOf<K extends ObjectKind>(schema: Schema, kind: K): readonly ObjectOfKind[K][] {
  return (schema[OBJECT_LISTS[kind]] ?? []) as readonly ObjectOfKind[K][]
}

/**
 * The argument types that identify a routine among its overloads: `arguments` without names'
 * defaults and `OUT` arguments, spaced as written (`integer, text`).
 */
export function routineIdentity(args: string): string {
  return splitArgumentList(args)
    .map((a) => a.replace(/\s+(DEFAULT\s|=\s*)[\s\S]*$/i, '').trim())
    .filter((a) => a !== '' && !/^OUT\s/i.test(a))
    .map((a) => a.replace(/^IN\s+/i, ''))
    .join(', ')
}

/**
 * An argument list split at the commas outside parentheses, brackets and quotes, each part trimmed;
 * none for a blank list. @internal
 */
export function splitArgumentList(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '(' || ch === '[') depth++
    else if (ch === ')' || ch === ']') depth--
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  const last = text.slice(start).trim()
  if (last !== '' || out.length > 0) out.push(last)
  return out
}

/**
 * The multirange type name PostgreSQL gives a range type when none is stated: `range` in the name
 * replaced by `multirange`, else `_multirange` added.
 * @internal
 */
export const defaultMultirangeName = (range: string) =>
  range.includes('range') ? range.replace('range', 'multirange') : `${range}_multirange`

const qualified = (o: { readonly schema?: string; readonly name: string }) =>
  o.schema === undefined ? o.name : `${o.schema}.${o.name}`

/**
 * How an object is named in paths and reports: `reporting.totals`, `slugify(text)`, `users.audit_row`
 * (a trigger by its table). Unique among the objects of its kind in one schema, so it is also the key
 * the diff pairs objects by.
 *
 * @example
 * ```ts
 * objectName('function', { name: 'slugify', arguments: 'input text', body: '...' }) // 'slugify(input text)'
 * ```
 */
export function objectName<K extends ObjectKind>(kind: K, object: ObjectOfKind[K]): string {
  switch (kind) {
    case 'namespace':
      return object.name
    case 'function':
      return `${qualified(object)}(${routineIdentity((object as Routine).arguments)})`
    case 'trigger': {
      const t = object as Trigger
      return `${qualified({ name: t.table, ...(t.schema === undefined ? {} : { schema: t.schema }) })}.${t.name}`
    }
    default:
      return qualified(object as { schema?: string; name: string })
  }
}

/**
 * A routine's `COST` as PostgreSQL holds it: the stated one, else its default (1 for C and internal
 * functions, 100 for the rest), so that a stated default and an absent one compare equal. @internal
 */
export function routineCost(r: Routine): number {
  return r.cost ?? (['c', 'internal'].includes((r.language ?? 'sql').toLowerCase()) ? 1 : 100)
}

/** Whether a routine returns a set (`SETOF type`, `TABLE (...)`). @internal */
export function returnsSet(r: Routine): boolean {
  return /^\s*(setof\s|table\s*\()/i.test(r.returns ?? '')
}

/**
 * A routine's `ROWS` as PostgreSQL holds it: the stated one, else 1000 for a set-returning function
 * and 0 (no estimate) for the rest. @internal
 */
export function routineRows(r: Routine): number {
  return r.rows ?? (r.kind !== 'procedure' && returnsSet(r) ? 1000 : 0)
}
