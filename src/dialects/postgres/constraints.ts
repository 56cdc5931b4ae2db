import { tablePath } from '../../diff/change-path.js'
import type {
  AddConstraintChange,
  AddIndexChange,
  AlterConstraintChange,
  AlterIndexChange,
  DropConstraintChange,
  DropIndexChange,
} from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Constraint, Index } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { constraintClause, createIndexSQL } from '../render.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import { isCreatedTable, sourceTableOrUndefined, tableName, targetTableOrUndefined } from './context.js'
import { droppedEarly } from './early-drops.js'
import { changesBuildParameter } from './index-build-parameters.js'
import { constraintRelationKeys, relationKey } from './name-claims.js'
import { constraintNameIn, indexNameIn, objectKey } from './names.js'
import { currentConstraintName, currentIndexName } from './renames.js'
import { storageParameterChanges } from './table-options.js'

// Constraints and indexes: always created under an explicit name, dropped by the name they have at
// that point of the migration, renamed in place when only the name changed.

const CONCURRENT_REASON = 'CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block'
const VALIDATE_REASON =
  'VALIDATE CONSTRAINT runs after the ADD ... NOT VALID has committed, so writes go on while it scans'

const isForeignKey = (c: Constraint) => c.type === 'foreign_key'

/**
 * A constraint with its name made explicit and a same-namespace foreign key target qualified. A check
 * cannot be DEFERRABLE in PostgreSQL: the flag is left out rather than written into failing SQL.
 */
function explicit(c: Constraint, name: string, schema: string | undefined): Constraint {
  if (c.type === 'foreign_key' && c.referencedSchema === undefined && schema !== undefined) {
    return { ...c, name, referencedSchema: schema }
  }
  if (c.type === 'check' && c.deferrable) {
    const { deferrable: _d, initiallyDeferred: _i, ...rest } = c
    return { ...rest, name }
  }
  return { ...c, name }
}

const commentText = (ctx: GeneratorContext, comment: string | undefined) =>
  comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(comment)

/**
 * `COMMENT ON CONSTRAINT "name" ON "table" IS '...'` (`IS NULL` for none).
 *
 * @example
 * ```ts
 * constraintCommentDraft(ctx, 'test', undefined, 'test_pkey', 'the key', Stage.addConstraint) // COMMENT ON CONSTRAINT "test_pkey" ON "test" IS 'the key'
 * ```
 * @internal
 */
export function constraintCommentDraft(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  name: string,
  comment: string | undefined,
  stage: StageValue,
): StatementDraft {
  const on = tableName(ctx, table, schema)
  return {
    sql: `COMMENT ON CONSTRAINT ${ctx.dialect.quoteIdentifier(name)} ON ${on} IS ${commentText(ctx, comment)}`,
    stage,
  }
}

/**
 * `COMMENT ON INDEX "schema"."name" IS '...'` (`IS NULL` for none).
 *
 * @example
 * ```ts
 * indexCommentDraft(ctx, undefined, 'idx_test', 'by id', Stage.addIndex) // COMMENT ON INDEX "idx_test" IS 'by id'
 * ```
 * @internal
 */
export function indexCommentDraft(
  ctx: GeneratorContext,
  schema: string | undefined,
  name: string,
  comment: string | undefined,
  stage: StageValue,
): StatementDraft {
  return { sql: `COMMENT ON INDEX ${tableName(ctx, name, schema)} IS ${commentText(ctx, comment)}`, stage }
}

/**
 * `CONSTRAINT "name" ...` as it goes inside `CREATE TABLE` or after `ADD`.
 *
 * @example
 * ```ts
 * constraintDefinition(ctx, 'users', undefined, { type: 'unique', columns: ['email'] }, 'users_email_key') // CONSTRAINT "users_email_key" UNIQUE ("email")
 * ```
 * @internal
 */
export function constraintDefinition(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
  name: string,
): string {
  refuseTemporalBefore18(ctx, `${tablePath(table, schema)}.${name}`, c)
  return constraintClause(ctx.dialect, table, explicit(c, name, schema))
}

/**
 * Temporal keys (`WITHOUT OVERLAPS`, `PERIOD`) came with PostgreSQL 18: a plan for an older server
 * (`dialectVersion`) refuses them rather than write SQL the server rejects. No version: the newest.
 */
function refuseTemporalBefore18(ctx: GeneratorContext, where: string, c: Constraint): void {
  const version = ctx.options.dialectVersion
  if (version === undefined || version >= 18) return
  const clause =
    (c.type === 'primary_key' || c.type === 'unique') && c.withoutOverlaps
      ? 'WITHOUT OVERLAPS'
      : c.type === 'foreign_key' && c.period
        ? 'PERIOD'
        : undefined
  if (clause)
    throw new SchemaLedgerError(
      'unsupported_feature',
      `${where}: ${clause} needs PostgreSQL 18 (the plan's dialectVersion is ${version})`,
    )
}

/**
 * `ADD CONSTRAINT` on an existing table. With the `notValid` option a foreign key or check is added
 * `NOT VALID` (existing rows are not scanned under the lock the ADD takes: ACCESS EXCLUSIVE for a
 * check, SHARE ROW EXCLUSIVE for a foreign key) and validated at Stage.validateConstraint, outside the
 * migration's transaction: VALIDATE only takes SHARE UPDATE EXCLUSIVE (ROW SHARE on the referenced
 * table), but inside the ADD's transaction the ADD's lock would still be held during the scan and
 * every write would wait. `stage` places the ADD (a recreated column adds its constraints with it).
 *
 * @example
 * ```ts
 * addConstraintDrafts(ctx, 'posts', undefined, fk, 'posts_user_id_fkey') // ADD ... NOT VALID, then VALIDATE CONSTRAINT after the commit (with notValid)
 * ```
 * @internal
 */
export function addConstraintDrafts(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
  name: string,
  stage: StageValue = isForeignKey(c) ? Stage.addForeignKey : Stage.addConstraint,
): StatementDraft[] {
  const target = tableName(ctx, table, schema)
  const definition = constraintDefinition(ctx, table, schema, c, name)
  const twoStep =
    ctx.options.notValid === true &&
    (c.type === 'foreign_key' || c.type === 'check') &&
    !isCreatedTable(ctx, table, schema)
  const claims = constraintRelationKeys(c, name, schema)
  const comment = c.comment === undefined ? [] : [constraintCommentDraft(ctx, table, schema, name, c.comment, stage)]
  // The target state itself is not validated: added NOT VALID, and left so.
  if ((c.type === 'foreign_key' || c.type === 'check') && c.notValid)
    return [{ sql: `ALTER TABLE ${target} ADD ${definition} NOT VALID`, stage, claims }, ...comment]
  if (!twoStep) return [{ sql: `ALTER TABLE ${target} ADD ${definition}`, stage, claims }, ...comment]
  return [
    { sql: `ALTER TABLE ${target} ADD ${definition} NOT VALID`, stage },
    ...comment,
    {
      sql: `ALTER TABLE ${target} VALIDATE CONSTRAINT ${ctx.dialect.quoteIdentifier(name)}`,
      stage: Stage.validateConstraint,
      transactional: false,
      reason: VALIDATE_REASON,
    },
  ]
}

/**
 * `ALTER TABLE ... DROP CONSTRAINT "name"` (foreign keys first, so keys they use can go after).
 *
 * @example
 * ```ts
 * dropConstraintDraft(ctx, 'users', undefined, check, 'users_check') // ALTER TABLE "users" DROP CONSTRAINT "users_check"
 * ```
 * @internal
 */
export function dropConstraintDraft(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
  name: string,
): StatementDraft {
  return {
    sql: `ALTER TABLE ${tableName(ctx, table, schema)} DROP CONSTRAINT ${ctx.dialect.quoteIdentifier(name)}`,
    stage: isForeignKey(c) ? Stage.dropForeignKey : Stage.dropConstraint,
    releases: constraintRelationKeys(c, name, schema),
  }
}

/**
 * What of an `alter_constraint` PostgreSQL changes in place, or undefined when it must drop and add:
 * a new name (RENAME CONSTRAINT), the comment (COMMENT ON CONSTRAINT), deferrability of a foreign key (ALTER CONSTRAINT, which PostgreSQL
 * has for foreign keys only), and a NOT VALID constraint becoming valid (VALIDATE CONSTRAINT; the
 * other way needs drop and add).
 */
function inPlaceChanges(change: AlterConstraintChange): { deferrability: boolean; validate: boolean } | undefined {
  const { before, after } = change
  let deferrability = false
  let validate = false
  for (const field of change.changes) {
    if (field === 'name' || field === 'comment') continue
    if ((field === 'deferrable' || field === 'initiallyDeferred') && after.type === 'foreign_key') deferrability = true
    else if (
      field === 'notValid' &&
      'notValid' in before &&
      before.notValid &&
      !('notValid' in after && after.notValid)
    )
      validate = true
    else return undefined
  }
  return { deferrability, validate }
}

/**
 * `CREATE INDEX`, concurrently (outside the transaction) on an existing table when asked.
 *
 * @example
 * ```ts
 * createIndexDraft(ctx, 'users', undefined, index, 'ix_email') // CREATE INDEX CONCURRENTLY "ix_email" ON "users" ("email") (with concurrently)
 * ```
 * @internal
 */
export function createIndexDraft(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  x: Index,
  name: string,
  stage: StageValue = Stage.addIndex,
): StatementDraft {
  const concurrently = ctx.options.concurrently === true && !isCreatedTable(ctx, table, schema)
  const sql = createIndexSQL(ctx.dialect, table, schema, { ...x, name }, { concurrently })
  const claims = [relationKey(name, schema)]
  return concurrently ? { sql, stage, claims, transactional: false, reason: CONCURRENT_REASON } : { sql, stage, claims }
}

/**
 * `DROP INDEX "schema"."name"`, concurrently when asked.
 *
 * @example
 * ```ts
 * dropIndexDraft(ctx, 'users', 'billing', 'ix_email') // DROP INDEX "billing"."ix_email"
 * ```
 * @internal
 */
export function dropIndexDraft(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  name: string,
): StatementDraft {
  const concurrently = ctx.options.concurrently === true && !isCreatedTable(ctx, table, schema)
  const sql = `DROP INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${tableName(ctx, name, schema)}`
  const releases = [relationKey(name, schema)]
  return concurrently
    ? { sql, stage: Stage.dropIndex, releases, transactional: false, reason: CONCURRENT_REASON }
    : { sql, stage: Stage.dropIndex, releases }
}

/**
 * Names of the objects an existing table keeps (by key), so that a database-named object added to it
 * is numbered around them (a second unnamed check becomes `users_check1`, not a clash).
 */
function keptNames(ctx: GeneratorContext, table: string, schema: string | undefined): Map<string, string> {
  const keep = new Map<string, string>()
  const source = isCreatedTable(ctx, table, schema) ? undefined : sourceTableOrUndefined(ctx, table, schema)
  for (const c of source?.constraints ?? [])
    keep.set(objectKey('constraint', c), currentConstraintName(ctx, table, schema, c))
  for (const x of source?.indexes ?? []) keep.set(objectKey('index', x), currentIndexName(ctx, table, schema, x))
  return keep
}

const newConstraintName = (ctx: GeneratorContext, table: string, schema: string | undefined, c: Constraint) =>
  c.name ?? constraintNameIn(targetTableOrUndefined(ctx, table, schema), table, c, keptNames(ctx, table, schema))

const newIndexName = (ctx: GeneratorContext, table: string, schema: string | undefined, x: Index) =>
  x.name ?? indexNameIn(targetTableOrUndefined(ctx, table, schema), table, x, keptNames(ctx, table, schema))

/**
 * `ALTER TABLE ... ADD CONSTRAINT` (see {@link addConstraintDrafts} for `notValid`).
 *
 * @example
 * ```ts
 * addConstraintSQL(change, ctx) // ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email")
 * ```
 */
export function addConstraintSQL(change: AddConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  return addConstraintDrafts(
    ctx,
    change.table,
    change.schema,
    change.after,
    newConstraintName(ctx, change.table, change.schema, change.after),
  )
}

/**
 * `ALTER TABLE ... DROP CONSTRAINT` under the name the constraint has now.
 *
 * @example
 * ```ts
 * dropConstraintSQL(change, ctx) // ALTER TABLE "users" DROP CONSTRAINT "users_email_key"
 * ```
 */
export function dropConstraintSQL(change: DropConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  if (droppedEarly(ctx, change.before)) return []
  const name = currentConstraintName(ctx, change.table, change.schema, change.before)
  return [dropConstraintDraft(ctx, change.table, change.schema, change.before, name)]
}

/**
 * `RENAME CONSTRAINT` when only the name changed; otherwise drop (at the drop stage) and add again.
 *
 * @example
 * ```ts
 * alterConstraintSQL(change, ctx) // ALTER TABLE "users" RENAME CONSTRAINT "users_email_key" TO "uq_email"
 * ```
 */
export function alterConstraintSQL(change: AlterConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  const { table, schema } = change
  const current = currentConstraintName(ctx, table, schema, change.before)
  const next = newConstraintName(ctx, table, schema, change.after)
  // Dropped ahead (an enum rebuild, see postgres-enum-dependents.ts): only the new version is added.
  if (droppedEarly(ctx, change.before)) return addConstraintDrafts(ctx, table, schema, change.after, next)
  const inPlace = inPlaceChanges(change)
  if (inPlace) {
    const d = ctx.dialect
    const target = tableName(ctx, table, schema)
    const drafts: StatementDraft[] = []
    if (current !== next)
      drafts.push({
        sql: `ALTER TABLE ${target} RENAME CONSTRAINT ${d.quoteIdentifier(current)} TO ${d.quoteIdentifier(next)}`,
        stage: Stage.dropConstraint,
      })
    if (inPlace.deferrability) {
      const after = change.after
      const mode = after.deferrable
        ? `DEFERRABLE INITIALLY ${after.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`
        : 'NOT DEFERRABLE'
      drafts.push({
        sql: `ALTER TABLE ${target} ALTER CONSTRAINT ${d.quoteIdentifier(next)} ${mode}`,
        stage: Stage.addForeignKey,
      })
    }
    if (inPlace.validate)
      drafts.push({
        sql: `ALTER TABLE ${target} VALIDATE CONSTRAINT ${d.quoteIdentifier(next)}`,
        stage: isForeignKey(change.after) ? Stage.addForeignKey : Stage.addConstraint,
      })
    if (change.changes.includes('comment'))
      drafts.push(constraintCommentDraft(ctx, table, schema, next, change.after.comment, Stage.comment))
    return drafts
  }
  return [
    dropConstraintDraft(ctx, table, schema, change.before, current),
    ...addConstraintDrafts(ctx, table, schema, change.after, next),
  ]
}

/**
 * Whether {@link alterConstraintSQL} drops the constraint and adds it again (it was not dropped ahead,
 * and not all of the change is done in place).
 * @internal
 */
export function isRecreated(change: AlterConstraintChange, ctx: GeneratorContext): boolean {
  return !droppedEarly(ctx, change.before) && inPlaceChanges(change) === undefined
}

/**
 * `CREATE INDEX` (concurrently on an existing table with the `concurrently` option).
 *
 * @example
 * ```ts
 * addIndexSQL(change, ctx) // CREATE INDEX "ix_users_email" ON "users" ("email")
 * ```
 */
export function addIndexSQL(change: AddIndexChange, ctx: GeneratorContext): StatementDraft[] {
  const name = newIndexName(ctx, change.table, change.schema, change.after)
  return createIndexDrafts(ctx, change.table, change.schema, change.after, name)
}

/** {@link createIndexDraft}, then the index's comment. @internal */
export function createIndexDrafts(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  x: Index,
  name: string,
  stage: StageValue = Stage.addIndex,
): StatementDraft[] {
  const create = createIndexDraft(ctx, table, schema, x, name, stage)
  if (x.comment === undefined) return [create]
  // After a concurrent build, which runs outside the transaction, the comment waits for the comment stage.
  const commentStage = create.transactional === false ? Stage.comment : stage
  return [create, indexCommentDraft(ctx, schema, name, x.comment, commentStage)]
}

/**
 * `DROP INDEX` under the name the index has now.
 *
 * @example
 * ```ts
 * dropIndexSQL(change, ctx) // DROP INDEX "ix_users_email"
 * ```
 */
export function dropIndexSQL(change: DropIndexChange, ctx: GeneratorContext): StatementDraft[] {
  if (droppedEarly(ctx, change.before)) return []
  return [
    dropIndexDraft(ctx, change.table, change.schema, currentIndexName(ctx, change.table, change.schema, change.before)),
  ]
}

/**
 * `ALTER INDEX ... RENAME TO` when only the name changed (storage parameters and the comment change in
 * place too, but not those the index is built with: {@link changesBuildParameter}); otherwise drop and
 * create again.
 *
 * @example
 * ```ts
 * alterIndexSQL(change, ctx) // ALTER INDEX "users_email_idx" RENAME TO "ix_users_email"
 * ```
 */
export function alterIndexSQL(change: AlterIndexChange, ctx: GeneratorContext): StatementDraft[] {
  const { table, schema } = change
  const current = currentIndexName(ctx, table, schema, change.before)
  const next = newIndexName(ctx, table, schema, change.after)
  if (droppedEarly(ctx, change.before)) return createIndexDrafts(ctx, table, schema, change.after, next)
  const inPlace =
    change.changes.every((f) => f === 'name' || f === 'with' || f === 'comment') &&
    !changesBuildParameter(change.before, change.after)
  if (inPlace) {
    const drafts: StatementDraft[] =
      current === next
        ? []
        : [
            {
              sql: `ALTER INDEX ${tableName(ctx, current, schema)} RENAME TO ${ctx.dialect.quoteIdentifier(next)}`,
              stage: Stage.dropIndex,
            },
          ]
    // Storage parameters change in place (a new fillfactor applies to pages written from now on).
    if (change.changes.includes('with'))
      drafts.push(
        ...storageParameterChanges(
          ctx,
          `ALTER INDEX ${tableName(ctx, next, schema)}`,
          change.before.with,
          change.after.with,
          `${tablePath(table, schema)}.${next}.with`,
        ),
      )
    if (change.changes.includes('comment'))
      drafts.push(indexCommentDraft(ctx, schema, next, change.after.comment, Stage.comment))
    return drafts
  }
  return [dropIndexDraft(ctx, table, schema, current), ...createIndexDrafts(ctx, table, schema, change.after, next)]
}
