import type { DatabaseObject, ObjectKind } from '../model/object-kinds.js'
import type { Sequence, Trigger } from '../model/types.js'
import type { SchemaChange } from './types.js'

// A trigger belongs to its table and a sequence to its owning column, not to the table's name:
// PostgreSQL keeps both through `ALTER TABLE ... RENAME`, so the diff pairs a trigger of a renamed
// table with the same trigger on the new name (and a sequence's owner with the renamed table)
// instead of dropping and creating it.

/** New table names by old `schema\0name`, from a diff's `rename_table` changes. @internal */
export function tableRenames(changes: readonly SchemaChange[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>()
  for (const c of changes) if (c.kind === 'rename_table') out.set(`${c.schema ?? ''}\u0000${c.from}`, c.table)
  return out
}

/**
 * The object as it reads after the tables' renames: a trigger on its table's new name, a sequence
 * owned by the renamed table's column; any other object, or one whose table keeps its name, itself.
 * @internal
 */
export function followTableRename(kind: ObjectKind, o: DatabaseObject, renames: ReadonlyMap<string, string>) {
  if (renames.size === 0) return o
  if (kind === 'trigger') {
    const t = o as Trigger
    const table = renames.get(`${t.schema ?? ''}\u0000${t.table}`)
    return table === undefined ? t : { ...t, table }
  }
  if (kind === 'sequence' && (o as Sequence).ownedBy !== undefined) {
    const s = o as Sequence
    const parts = (s.ownedBy as string).split('.')
    const at = parts.length - 2
    const table = renames.get(`${parts.length === 3 ? parts[0] : ''}\u0000${parts[at]}`)
    if (at < 0 || table === undefined) return s
    parts[at] = table
    return { ...s, ownedBy: parts.join('.') }
  }
  return o
}
