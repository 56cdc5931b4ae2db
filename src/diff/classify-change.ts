import { compareColumnTypes } from '../model/type-relation.js'
import type { Constraint, Schema } from '../model/types.js'
import {
  alreadyUnique,
  constraintColumns,
  findTable,
  indexColumns,
  needsValueOnInsert,
  onlyFreshNullColumns,
} from './change-scope.js'
import { classifyObjectChange, isObjectChange } from './object-changes.js'
import type { AlterColumnChange, SchemaChange } from './types.js'

/**
 * When a change can be deployed relative to the application: `expand` is safe before the new
 * application version is deployed, `contract` only after the old version is gone, `breaking` has no
 * safe order and needs an expand/contract sequence instead.
 *
 * @example
 * ```ts
 * const phase: DeployPhase = classifyChange(change)
 * ```
 */
export type DeployPhase = 'expand' | 'contract' | 'breaking'

/**
 * What `classifyChange` may look at besides the change: the other changes of its diff (to know
 * which columns are new and which keys were unique), and the schemas on both sides.
 *
 * @example
 * ```ts
 * const ctx: ClassifyContext = { changes: diff.changes, from: v1 }
 * ```
 */
export interface ClassifyContext {
  readonly changes?: readonly SchemaChange[]
  readonly from?: Schema
  readonly to?: Schema
}

const RANK: Readonly<Record<DeployPhase, number>> = { expand: 0, contract: 1, breaking: 2 }
const worst = (phases: readonly DeployPhase[]): DeployPhase =>
  phases.reduce<DeployPhase>((a, b) => (RANK[b] > RANK[a] ? b : a), 'expand')

function classifyColumn(change: AlterColumnChange): DeployPhase {
  const { before: b, after: a } = change
  return worst(
    change.changes.map((field): DeployPhase => {
      switch (field) {
        case 'type': {
          const relation = compareColumnTypes(b.type, a.type)
          if (relation === 'same' || relation === 'widen') return 'expand'
          return relation === 'narrow' ? 'contract' : 'breaking'
        }
        case 'nullable':
          return a.nullable ? 'expand' : 'contract'
        case 'autoincrement':
        case 'identity':
          // The running version may leave the key out of its inserts.
          return a.autoincrement || a.identity ? 'expand' : 'contract'
        case 'generated':
          // The running version writes the column; a generated column refuses that.
          return a.generated && !b.generated ? 'breaking' : 'expand'
        default:
          return 'expand'
      }
    }),
  )
}

/** Constraints that only relax, or that hold no data the running version writes, are expansions. */
function classifyConstraint(
  c: Constraint,
  change: SchemaChange & { table: string; schema?: string },
  ctx: ClassifyContext,
): DeployPhase {
  const changes = ctx.changes ?? []
  const table = findTable(ctx.to, change.table, change.schema)
  if (onlyFreshNullColumns(changes, change.table, change.schema, constraintColumns(c, table))) return 'expand'
  if (
    (c.type === 'unique' || c.type === 'primary_key') &&
    alreadyUnique(changes, ctx.from, change.table, change.schema, c.columns)
  )
    return 'expand'
  return 'contract'
}

const ACTION_FIELDS = new Set(['name', 'onDelete', 'onUpdate', 'deferrable', 'initiallyDeferred', 'match'])

/**
 * Classifies a change for a phased deploy: `expand` (safe while the old application version still
 * runs: new tables and columns, relaxed constraints, widened types), `contract` (only once the old
 * version is gone: drops, tighter constraints, narrower types) or `breaking` (no safe order: renames,
 * type changes that convert values, a new column every insert must fill).
 *
 * @example
 * ```ts
 * classifyChange({ kind: 'drop_column', path: 'posts.content', table: 'posts', column: 'content', position: 2, before }) // 'contract'
 * ```
 */
export function classifyChange(change: SchemaChange, ctx: ClassifyContext = {}): DeployPhase {
  const changes = ctx.changes ?? []
  if (isObjectChange(change)) return classifyObjectChange(change)
  switch (change.kind) {
    case 'create_table':
    case 'create_enum':
    case 'alter_table':
      return 'expand'
    case 'drop_table':
    case 'drop_column':
    case 'drop_index':
    case 'drop_enum':
      return 'contract'
    case 'rename_table':
    case 'rename_column':
      return 'breaking'
    case 'add_column':
      return needsValueOnInsert(change.after) ? 'breaking' : 'expand'
    case 'alter_column':
      return classifyColumn(change)
    case 'add_constraint':
      return classifyConstraint(change.after, change, ctx)
    case 'drop_constraint':
      // Dropping a unique key breaks ON CONFLICT targets and plans of the running version.
      return change.before.type === 'unique' || change.before.type === 'primary_key' ? 'contract' : 'expand'
    case 'alter_constraint':
      return change.changes.every((f) => ACTION_FIELDS.has(f))
        ? 'expand'
        : classifyConstraint(change.after, change, ctx)
    case 'add_index':
    case 'alter_index': {
      const becomesUnique = change.after.unique && (change.kind === 'add_index' || !change.before.unique)
      if (!becomesUnique) return 'expand'
      const table = findTable(ctx.to, change.table, change.schema)
      const columns = indexColumns(change.after, table)
      if (onlyFreshNullColumns(changes, change.table, change.schema, columns)) return 'expand'
      return alreadyUnique(changes, ctx.from, change.table, change.schema, columns) ? 'expand' : 'contract'
    }
    case 'alter_enum':
      if (change.reordered) return 'breaking'
      return change.removed.length > 0 ? 'contract' : 'expand'
  }
}
