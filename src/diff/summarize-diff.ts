import type { ObjectKind } from '../model/object-kinds.js'
import { isObjectChange, objectVerb } from './object-changes.js'
import type { ChangeCounts, DiffSummary, RenameCandidate, SchemaChange, SchemaDiff, TableChangeKind } from './types.js'

type Counter = { added: number; removed: number; renamed: number; altered: number }

const BUCKET: Readonly<Record<TableChangeKind, [keyof DiffSummary, keyof ChangeCounts]>> = {
  create_table: ['tables', 'added'],
  drop_table: ['tables', 'removed'],
  rename_table: ['tables', 'renamed'],
  alter_table: ['tables', 'altered'],
  add_column: ['columns', 'added'],
  drop_column: ['columns', 'removed'],
  rename_column: ['columns', 'renamed'],
  alter_column: ['columns', 'altered'],
  add_constraint: ['constraints', 'added'],
  drop_constraint: ['constraints', 'removed'],
  alter_constraint: ['constraints', 'altered'],
  add_index: ['indexes', 'added'],
  drop_index: ['indexes', 'removed'],
  alter_index: ['indexes', 'altered'],
  create_enum: ['enums', 'added'],
  drop_enum: ['enums', 'removed'],
  alter_enum: ['enums', 'altered'],
}

/**
 * Counts changes by object kind. Columns, constraints and indexes of created or dropped tables are
 * part of the table change and are not counted again.
 *
 * @example
 * ```ts
 * summarizeChanges(diff.changes).columns.added
 * ```
 */
export function summarizeChanges(changes: readonly SchemaChange[]): DiffSummary {
  const zero = (): Counter => ({ added: 0, removed: 0, renamed: 0, altered: 0 })
  const counts = { tables: zero(), columns: zero(), constraints: zero(), indexes: zero(), enums: zero() }
  const objects: Partial<Record<ObjectKind, Counter>> = {}
  const OBJECT_FIELD = { create: 'added', drop: 'removed', alter: 'altered' } as const
  for (const c of changes) {
    if (isObjectChange(c)) {
      const counter = objects[c.object] ?? zero()
      objects[c.object] = counter
      counter[OBJECT_FIELD[objectVerb(c)]]++
      continue
    }
    const [group, field] = BUCKET[c.kind] as [keyof typeof counts, keyof Counter]
    counts[group][field]++
  }
  return { ...counts, ...(Object.keys(objects).length > 0 ? { objects } : {}), total: changes.length }
}

/** Rename candidates best first; ties by target, table and names. @internal */
export function orderCandidates(candidates: readonly RenameCandidate[]): RenameCandidate[] {
  const key = (c: RenameCandidate) => [c.target, c.table ?? '', c.from, c.to].join('\u0000')
  return [...candidates].sort((a, b) => b.score - a.score || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/**
 * Whether a diff has no changes (rename candidates alone do not count: without a change there is
 * nothing to rename).
 *
 * @example
 * ```ts
 * if (isEmptyDiff(diffSchemas(live, expected))) console.log('up to date')
 * ```
 */
export function isEmptyDiff(diff: SchemaDiff): boolean {
  return diff.changes.length === 0
}
