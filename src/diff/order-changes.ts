import { OBJECT_KINDS } from '../model/object-kinds.js'
import { isObjectChange, objectVerb } from './object-changes.js'
import type { SchemaChange, TableChangeKind } from './types.js'

const KIND_RANK: Readonly<Record<TableChangeKind, number>> = {
  create_enum: 0,
  alter_enum: 1,
  drop_enum: 2,
  drop_table: 0,
  create_table: 1,
  rename_table: 2,
  alter_table: 3,
  drop_column: 0,
  rename_column: 1,
  add_column: 2,
  alter_column: 3,
  drop_constraint: 0,
  add_constraint: 1,
  alter_constraint: 2,
  drop_index: 0,
  add_index: 1,
  alter_index: 2,
}

const SECTION: Readonly<Record<TableChangeKind, number>> = {
  create_enum: 0,
  alter_enum: 0,
  drop_enum: 0,
  create_table: 0,
  drop_table: 0,
  rename_table: 0,
  alter_table: 0,
  add_column: 1,
  drop_column: 1,
  rename_column: 1,
  alter_column: 1,
  add_constraint: 2,
  drop_constraint: 2,
  alter_constraint: 2,
  add_index: 3,
  drop_index: 3,
  alter_index: 3,
}

type SortKey = readonly (string | number)[]

const VERB_RANK = { create: 0, alter: 1, drop: 2 } as const

function sortKey(c: SchemaChange): SortKey {
  // Other objects after every table, by kind in creation order, then name.
  if (isObjectChange(c)) return [2, '', '', OBJECT_KINDS.indexOf(c.object), 0, c.name, VERB_RANK[objectVerb(c)]]
  if (c.kind === 'create_enum' || c.kind === 'alter_enum' || c.kind === 'drop_enum') {
    return [0, c.schema ?? '', c.enum, 0, 0, '', KIND_RANK[c.kind]]
  }
  const position = 'position' in c ? c.position : 0
  const within = SECTION[c.kind] === 1 ? '' : c.path
  return [1, c.schema ?? '', c.table, SECTION[c.kind], position, within, KIND_RANK[c.kind]]
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}

/**
 * Puts changes in the documented deterministic order: enums by name, then tables by name (within a
 * table the table change, columns by position, constraints and indexes by path), then the other
 * objects by kind (namespaces, extensions, types, domains, sequences, routines, views, triggers)
 * and name. The order depends on
 * the changes alone, so `reverseDiff` can restore it.
 * @internal
 */
export function orderChanges(changes: readonly SchemaChange[]): SchemaChange[] {
  const sorted = changes
    .map((change) => ({ change, key: sortKey(change) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((x) => x.change)
  return chainRenamesFirst(sorted)
}

/**
 * Chained column renames (`a -> b`, `b -> c`) must run `b -> c` first, which frees the name `b`:
 * within a table, a rename whose old name another rename takes moves before that one.
 */
function chainRenamesFirst(changes: SchemaChange[]): SchemaChange[] {
  const renames = changes.filter((c) => c.kind === 'rename_column')
  if (renames.length < 2) return changes
  const out = [...changes]
  for (const c of renames) {
    if (c.kind !== 'rename_column') continue
    // The rename that takes c's old name, if any, must come after c.
    const taker = out.find(
      (x) => x.kind === 'rename_column' && x.table === c.table && x.schema === c.schema && x.column === c.from,
    )
    if (taker === undefined) continue
    const [i, j] = [out.indexOf(taker), out.indexOf(c)]
    if (i < j) {
      out.splice(j, 1)
      out.splice(i, 0, c)
    }
  }
  return out
}
