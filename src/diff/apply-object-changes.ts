import { DiffApplicationError } from '../errors.js'
import {
  type DatabaseObject,
  OBJECT_KINDS,
  OBJECT_LISTS,
  type ObjectKind,
  objectName,
  objectsOf,
} from '../model/object-kinds.js'
import type { Schema } from '../model/types.js'
import { isObjectChange, objectVerb } from './object-changes.js'
import { followTableRename, tableRenames } from './trigger-renames.js'
import type { SchemaChange } from './types.js'

/**
 * The schema's object lists with the diff's object changes applied: created objects added, dropped
 * ones removed, altered ones replaced by their `after` version. A change that does not fit (a dropped
 * view that is not there) throws {@link DiffApplicationError}. @internal
 */
export function applyObjectChanges(schema: Schema, changes: readonly SchemaChange[]): Partial<Schema> {
  const objectChanges = changes.filter(isObjectChange)
  const renames = tableRenames(changes)
  // Triggers and owned sequences follow their table's rename, whether or not they change otherwise.
  const follows = (k: ObjectKind) =>
    (k === 'trigger' || k === 'sequence') && renames.size > 0 && objectsOf(schema, k).length > 0
  const moved = follows('trigger') || follows('sequence')
  if (objectChanges.length === 0 && !moved) return {}
  const out: Record<string, DatabaseObject[]> = {}
  for (const kind of OBJECT_KINDS) {
    const own = objectChanges.filter((c) => c.object === kind)
    if (own.length === 0 && !follows(kind)) continue
    const current = objectsOf(schema, kind).map((o) => followTableRename(kind, o as DatabaseObject, renames))
    const byName = new Map<string, DatabaseObject>(
      current.map((o) => [objectName(kind, o as never), o as DatabaseObject]),
    )
    for (const c of own) {
      const verb = objectVerb(c)
      const exists = byName.has(c.name)
      if (verb === 'create') {
        if (exists) throw new DiffApplicationError(c.path, `${label(kind)} "${c.name}" already exists`)
        if ('after' in c) byName.set(c.name, c.after)
      } else {
        if (!exists) throw new DiffApplicationError(c.path, `${label(kind)} "${c.name}" does not exist`)
        if (verb === 'drop') byName.delete(c.name)
        else if ('after' in c) byName.set(c.name, c.after)
      }
    }
    out[OBJECT_LISTS[kind]] = [...byName.values()]
  }
  return out as Partial<Schema>
}

const label = (kind: ObjectKind) => (kind === 'type' ? 'composite type' : kind)
