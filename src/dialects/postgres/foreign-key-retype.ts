import deepEqual from 'fast-deep-equal'
import { tableKey, translateConstraint } from '../../diff/semantic-keys.js'
import type { AlterColumnChange } from '../../diff/types.js'
import type { ForeignKeyConstraint, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { foreignKeysOnColumn } from '../foreign-key-index.js'
import { migrationRenames } from '../migration-renames.js'
import { planStateSlot } from '../plan-state.js'
import { findTableIn } from '../table-index.js'
import type { StatementDraft } from '../types.js'
import { addConstraintDrafts, dropConstraintDraft } from './constraints.js'
import { constraintNameAfterRenames } from './renames.js'
import { keyTypesJoin } from './types.js'

// A foreign key whose columns change type: PostgreSQL re-checks the key after each ALTER COLUMN
// ... TYPE, so when its two sides go from integer to text one statement at a time, the first one
// leaves integer joined to text and fails ("foreign key constraint ... cannot be implemented"). Such
// a key is dropped before the columns change and added back after, as the MySQL planner does for
// every type change under a key. Keys whose column types join at every step (integer to bigint)
// are left to PostgreSQL.

// One plan direction may change both columns of a key: the key is dropped and added once.
const HANDLED = planStateSlot('postgres: foreign keys dropped for a retype', () => new Set<string>())

const handledIn = (ctx: GeneratorContext): Set<string> => ctx.state.get(HANDLED)

/**
 * Records that this plan direction drops and adds back the foreign key `name` of table `table` (its
 * name once renames are done); false when something already did (a retype, a rebuilt key it references).
 * @internal
 */
export function claimForeignKey(ctx: GeneratorContext, table: string, schema: string | undefined, name: string) {
  const key = `${tableKey(schema, table)}\u0000${name}`
  if (handledIn(ctx).has(key)) return false
  handledIn(ctx).add(key)
  return true
}

/**
 * Whether another change of the plan drops or alters the key (it then drops it first itself).
 * @internal
 */
export const isTouched = (ctx: GeneratorContext, fk: ForeignKeyConstraint) =>
  ctx.changes.some(
    (c) =>
      (c.kind === 'drop_constraint' || c.kind === 'alter_constraint') && (c.before === fk || deepEqual(c.before, fk)),
  )

/**
 * Whether some step of the migration joins two column types of the key that PostgreSQL cannot
 * compare: one side already changed, the other not yet (either side may change first).
 */
function breaksOnTheWay(
  ctx: GeneratorContext,
  owner: Table,
  fk: ForeignKeyConstraint,
  kept: ForeignKeyConstraint,
  target: Table,
): boolean {
  const referencedBefore = findTableIn(ctx.from, fk.referencedTable, fk.referencedSchema ?? owner.schema)
  const referencedAfter = findTableIn(ctx.to, kept.referencedTable, kept.referencedSchema ?? target.schema)
  return fk.columns.some((name, i) => {
    const own = [owner.columns.find((c) => c.name === name), target.columns.find((c) => c.name === kept.columns[i])]
    const ref = [
      referencedBefore?.columns.find((c) => c.name === fk.referencedColumns[i]),
      referencedAfter?.columns.find((c) => c.name === kept.referencedColumns[i]),
    ]
    const [ownBefore, ownAfter] = own
    const [refBefore, refAfter] = ref
    if (!ownBefore || !ownAfter || !refBefore || !refAfter) return false
    return !keyTypesJoin(ownBefore.type, refAfter.type) || !keyTypesJoin(ownAfter.type, refBefore.type)
  })
}

/**
 * The foreign keys to drop before a column's type changes and add back after: those of `from` on the
 * column (or referencing it) that the migration keeps as they are, and that some step of it would
 * leave joining types PostgreSQL cannot compare. Each key once per plan, under the name it has once
 * the migration's renames are done.
 *
 * @example
 * ```ts
 * foreignKeysAroundRetype(ctx, change) // { drops: [DROP CONSTRAINT "posts_user_id_fkey"], adds: [ADD CONSTRAINT ...] }
 * ```
 * @internal
 */
export function foreignKeysAroundRetype(
  ctx: GeneratorContext,
  change: AlterColumnChange,
): { drops: StatementDraft[]; adds: StatementDraft[] } {
  const drops: StatementDraft[] = []
  const adds: StatementDraft[] = []
  if (!ctx.from || !ctx.to) return { drops, adds }
  const renames = migrationRenames(ctx)
  const previous = ctx.previousTableName(change.table, change.schema)
  for (const { table: owner, fk } of foreignKeysOnColumn(ctx.from, previous, change.schema, change.before.name)) {
    if (isTouched(ctx, fk)) continue
    const ownerKey = tableKey(owner.schema, owner.name)
    const now = renames.tables.get(ownerKey) ?? owner.name
    const target = ctx.findTargetTable(now, owner.schema)
    const kept = translateConstraint(fk, ownerKey, owner.schema, renames) as ForeignKeyConstraint
    if (!target || !breaksOnTheWay(ctx, owner, fk, kept, target)) continue
    const name = constraintNameAfterRenames(owner, now, renames.columns.get(ownerKey) ?? new Map(), fk)
    if (!claimForeignKey(ctx, now, owner.schema, name)) continue
    drops.push(dropConstraintDraft(ctx, now, owner.schema, kept, name))
    adds.push(...addConstraintDrafts(ctx, now, owner.schema, kept, name))
  }
  return { drops, adds }
}
