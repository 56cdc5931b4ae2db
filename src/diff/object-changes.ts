import { type ObjectKind, objectName } from '../model/object-kinds.js'
import type { EventSchedule } from '../model/types.js'
import type { ChangeWithoutPath, ObjectChange, SchemaChange } from './types.js'

/**
 * Whether a change is to an object beside tables and enums (view, function, trigger, ...).
 *
 * @example
 * ```ts
 * diff.changes.filter(isObjectChange).map((c) => `${c.object} ${c.name}`)
 * ```
 */
export function isObjectChange(change: SchemaChange | ChangeWithoutPath): change is ObjectChange {
  return 'object' in change
}

/**
 * What an object change does: `create`, `drop` or `alter`.
 *
 * @example
 * ```ts
 * objectVerb({ kind: 'alter_view', path: 'view:totals', object: 'view', name: 'totals', before, after, changes: ['definition'] }) // 'alter'
 * ```
 */
export function objectVerb(change: ObjectChange): 'create' | 'drop' | 'alter' {
  return change.kind.slice(0, change.kind.indexOf('_')) as 'create' | 'drop' | 'alter'
}

/** The change that undoes an object change. @internal */
export function reverseObjectChange(c: ObjectChange): ObjectChange {
  const head = { path: c.path, object: c.object, name: c.name }
  const verb = objectVerb(c)
  if (verb === 'create' && 'after' in c) return { ...head, kind: `drop_${c.object}`, before: c.after } as ObjectChange
  if (verb === 'drop' && 'before' in c) return { ...head, kind: `create_${c.object}`, after: c.before } as ObjectChange
  const a = c as Extract<ObjectChange, { changes: unknown }>
  // Named by its new version: the trigger of a renamed table goes back to the old table's name.
  const name = objectName(a.object, a.before as never)
  return { ...a, path: `${a.object}:${name}`, name, before: a.after, after: a.before } as ObjectChange
}

/** How reports name each kind. */
export const OBJECT_LABELS: Readonly<Record<ObjectKind, string>> = {
  namespace: 'namespace',
  extension: 'extension',
  type: 'type',
  domain: 'domain',
  sequence: 'sequence',
  function: 'function',
  view: 'view',
  trigger: 'trigger',
  event: 'event',
}

/** The kind's label for one object (`materialized view`, `procedure`). */
export function objectLabel(c: ObjectChange): string {
  const o = 'after' in c ? c.after : c.before
  if (c.object === 'view' && 'materialized' in o && o.materialized) return 'materialized view'
  if (c.object === 'function' && 'kind' in o && o.kind === 'procedure') return 'procedure'
  return OBJECT_LABELS[c.object]
}

/** An event's schedule as a report line says it: `every '1 4' day_hour from 2030-01-01 00:00:00`, `at 2035-01-01 00:00:00`. */
function scheduleText(s: EventSchedule): string {
  if (s.at !== undefined) return `at ${s.at}`
  return [
    `every ${/^\d+$/.test(s.every ?? '') ? s.every : `'${s.every}'`} ${s.unit}`,
    ...(s.starts === undefined ? [] : [`from ${s.starts}`]),
    ...(s.ends === undefined ? [] : [`until ${s.ends}`]),
  ].join(' ')
}

const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? oneLine(v) : JSON.stringify(v))
const oneLine = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}

/** A change to an object as a headline and `field: before -> after` lines. @internal */
export function describeObjectChange(c: ObjectChange): { title: string; details: string[] } {
  const label = objectLabel(c)
  const verb = objectVerb(c)
  if (verb === 'create') return { title: `+ ${label} ${c.name}`, details: [] }
  if (verb === 'drop') return { title: `- ${label} ${c.name}`, details: [] }
  const a = c as Extract<ObjectChange, { changes: unknown }>
  const field = (o: object, f: string) => {
    const v = (o as Record<string, unknown>)[f]
    return c.object === 'event' && f === 'schedule' ? scheduleText(v as EventSchedule) : v
  }
  return {
    title: `~ ${label} ${c.name}`,
    details: (a.changes as readonly string[]).map(
      (f) => `${f}: ${show(field(a.before, f))} -> ${show(field(a.after, f))}`,
    ),
  }
}

/**
 * The deploy phase of an object change: new objects are `expand`, drops `contract`; a changed view,
 * routine, type or domain is `breaking` (the running application reads it as it was), other changes
 * and comments `expand`. @internal
 */
export function classifyObjectChange(c: ObjectChange): 'expand' | 'contract' | 'breaking' {
  const verb = objectVerb(c)
  if (verb === 'create') return 'expand'
  if (verb === 'drop') return 'contract'
  const fields = (c as Extract<ObjectChange, { changes: unknown }>).changes as readonly string[]
  if (fields.every((f) => f === 'comment')) return 'expand'
  return c.object === 'view' || c.object === 'function' || c.object === 'type' || c.object === 'domain'
    ? 'breaking'
    : 'expand'
}
