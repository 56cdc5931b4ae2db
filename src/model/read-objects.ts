import { objectDocuments } from './document-schema.js'
import { eventScheduleProblems } from './event-schedule.js'
import { objectShapes } from './object-description.js'
import { OBJECT_KINDS, OBJECT_LISTS, type ObjectKind, type ObjectOfKind, objectName } from './object-kinds.js'
import { extraKeys, type ReadContext } from './read-context.js'
import { readCanonicalIndex } from './read-index.js'
import { type AnyObjectShape, build } from './shape.js'
import type { Index } from './types.js'

const KEYS = Object.fromEntries(
  OBJECT_KINDS.map((k) => [k, new Set<string>(objectDocuments[k].keys)]),
) as unknown as Readonly<Record<ObjectKind, ReadonlySet<string>>>

/** The schema's lists of objects beside tables and enums. @internal */
export type ObjectLists = { -readonly [K in ObjectKind as (typeof OBJECT_LISTS)[K]]?: readonly ObjectOfKind[K][] }

/**
 * Reads the lists of objects beside tables and enums (`views`, `functions`, ...) of a document body,
 * item by item so that each issue has its own path (`views[2].definition`); an object declared twice
 * is an issue. Lists that are absent or empty are left out. @internal
 */
export function readObjectLists(body: Record<string, unknown>, base: string, ctx: ReadContext): ObjectLists {
  const out: Record<string, unknown[]> = {}
  for (const kind of OBJECT_KINDS) {
    const list = OBJECT_LISTS[kind]
    const items = body[list]
    if (!Array.isArray(items)) continue
    if (items.length === 0) {
      if (kind === 'namespace') out[list] = []
      continue
    }
    const seen = new Set<string>()
    const read: unknown[] = []
    for (const [i, raw] of items.entries()) {
      const path = ctx.itemPath(base, list, i)
      const doc = ctx.check(objectDocuments[kind], raw, path)
      if (!doc) continue
      const shape: AnyObjectShape = objectShapes[kind]
      const object = build(shape, doc, {
        extra: extraKeys(doc, KEYS[kind]),
        ...(kind === 'view' ? { indexes: viewIndexes(doc, path, ctx) } : {}),
      }) as ObjectOfKind[typeof kind]
      if (kind === 'type') {
        const t = object as ObjectOfKind['type']
        if ((t.attributes === undefined) === (t.range === undefined))
          ctx.report(
            'invalid_type',
            `${path}.attributes`,
            'A type needs either attributes (a composite type) or range (a range type)',
          )
      }
      if (kind === 'event')
        for (const [field, problem] of eventScheduleProblems((object as ObjectOfKind['event']).schedule))
          ctx.report('invalid_schedule', `${path}.schedule${field === '' ? '' : `.${field}`}`, `Schedule ${problem}`)
      const name = objectName(kind, object)
      if (seen.has(name))
        ctx.report(`duplicate_${kind}`, `${path}.name`, `${label(kind)} "${name}" is declared more than once`)
      seen.add(name)
      read.push(ctx.at(object, path))
    }
    if (read.length > 0) out[list] = read
  }
  // Every list named, absent ones as undefined, so that building the schema drops the raw lists.
  return Object.fromEntries(OBJECT_KINDS.map((k) => [OBJECT_LISTS[k], out[OBJECT_LISTS[k]]])) as ObjectLists
}

/** A materialized view's indexes, read from their canonical shape as a table's are; absent when none. */
function viewIndexes(doc: Record<string, unknown>, path: string, ctx: ReadContext): Index[] | undefined {
  const raw = doc.indexes
  if (!Array.isArray(raw) || raw.length === 0) return undefined
  return raw.flatMap((x, i) => readCanonicalIndex(x, `${path}.indexes[${i}]`, ctx) ?? [])
}

const label = (kind: ObjectKind) =>
  kind === 'type' ? 'Type' : kind === 'function' ? 'Routine' : `${kind[0]?.toUpperCase()}${kind.slice(1)}`
