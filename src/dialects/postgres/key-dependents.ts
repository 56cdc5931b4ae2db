import { tableKey, translateConstraint } from '../../diff/semantic-keys.js'
import type { AlterConstraintChange } from '../../diff/types.js'
import type { ForeignKeyConstraint } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { foreignKeysInvolving } from '../foreign-key-index.js'
import { migrationRenames } from '../migration-renames.js'
import type { StatementDraft } from '../types.js'
import { addConstraintDrafts, alterConstraintSQL, dropConstraintDraft, isRecreated } from './constraints.js'
import { claimForeignKey, isTouched } from './foreign-key-retype.js'
import { constraintNameAfterRenames } from './renames.js'

// A primary key or unique constraint that is dropped and added again (it became WITHOUT OVERLAPS,
// NULLS NOT DISTINCT, ...) cannot be dropped while a foreign key uses it: PostgreSQL refuses ("cannot
// drop constraint ... because other objects depend on it"). The foreign keys that reference it and
// that the migration keeps as they are go first (at the foreign key drop stage, before the key) and
// come back after it (at the foreign key add stage). Keys the migration changes itself are left to
// their own change, which already drops them first.

/** Whether `fk` references exactly `columns` of its target: PostgreSQL picks the key by its column set. */
const usesKey = (fk: ForeignKeyConstraint, columns: readonly string[]) =>
  fk.referencedColumns.length === columns.length && fk.referencedColumns.every((c) => columns.includes(c))

/**
 * {@link alterConstraintSQL}, with the foreign keys that use a re-created key dropped before it and
 * added back after.
 *
 * @example
 * ```ts
 * alterKeySQL(change, ctx) // DROP "children_fk", DROP "parents_pk", ADD "parents_pk" ..., ADD "children_fk" ...
 * ```
 */
export function alterKeySQL(change: AlterConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  if (!isRecreated(change, ctx)) return alterConstraintSQL(change, ctx)
  const dependents = foreignKeysAroundKeyRebuild(ctx, change)
  return [...dependents.drops, ...alterConstraintSQL(change, ctx), ...dependents.adds]
}

/**
 * The foreign keys of `from` that use the key a change re-creates and that the migration keeps: the
 * statements dropping them before the key goes and adding them back once it is there, each key once per plan.
 *
 * @example
 * ```ts
 * foreignKeysAroundKeyRebuild(ctx, change) // { drops: [DROP CONSTRAINT "children_fk"], adds: [ADD CONSTRAINT "children_fk" ...] }
 * ```
 * @internal
 */
export function foreignKeysAroundKeyRebuild(
  ctx: GeneratorContext,
  change: AlterConstraintChange,
): { drops: StatementDraft[]; adds: StatementDraft[] } {
  const drops: StatementDraft[] = []
  const adds: StatementDraft[] = []
  const key = change.before
  if (!ctx.from || (key.type !== 'primary_key' && key.type !== 'unique')) return { drops, adds }
  const renames = migrationRenames(ctx)
  const previous = ctx.previousTableName(change.table, change.schema)
  for (const { table: owner, fk } of foreignKeysInvolving(ctx.from, previous, change.schema)) {
    const references = fk.referencedTable === previous && (fk.referencedSchema ?? owner.schema) === change.schema
    if (!references || !usesKey(fk, key.columns) || isTouched(ctx, fk)) continue
    const ownerKey = tableKey(owner.schema, owner.name)
    const now = renames.tables.get(ownerKey) ?? owner.name
    // A table the migration drops takes its foreign keys with it.
    if (!ctx.findTargetTable(now, owner.schema)) continue
    const kept = translateConstraint(fk, ownerKey, owner.schema, renames) as ForeignKeyConstraint
    const name = constraintNameAfterRenames(owner, now, renames.columns.get(ownerKey) ?? new Map(), fk)
    if (!claimForeignKey(ctx, now, owner.schema, name)) continue
    drops.push(dropConstraintDraft(ctx, now, owner.schema, kept, name))
    adds.push(...addConstraintDrafts(ctx, now, owner.schema, kept, name))
  }
  return { drops, adds }
}
