import { tableKey } from '../../diff/semantic-keys.js'
import type {
  AddConstraintChange,
  AddIndexChange,
  AlterConstraintChange,
  AlterIndexChange,
  DropConstraintChange,
  DropIndexChange,
} from '../../diff/types.js'
import type { Constraint, Index, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import {
  checkColumn,
  isAddedWithItsColumn,
  isColumnLevelCheck,
  keptColumnChecks,
  targetCheckColumn,
} from './column-checks.js'
import { mysqlColumnDefinition } from './columns.js'
import { dropForeignKeyDraft, dropKeyDraft, replacementIndexes, supersededIndexes } from './key-drops.js'
import {
  addForeignKeyDraft,
  createIndexStatement,
  ignoredIndexKeyword,
  inlineIndex,
  type KeyContext,
  keyContext,
  mysqlConstraintClause,
  renameIndexDraft,
  tableName,
} from './keys.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'
import { beforeName, findTable, foreignKeyKey, planState, sourceTable } from './plan-state.js'
import { mysqlExpression, quoteMysqlIdentifier as q } from './text.js'

// Generators for constraint and index changes. An alteration renames when only the name changed
// and MySQL can rename the object (indexes and unique constraints); otherwise it drops at the drop
// stage and adds at the add stage, except where MySQL needs both in one statement: a primary key
// holding an AUTO_INCREMENT column, and a key that is the last index under a foreign key.

const target = (ctx: GeneratorContext, table: string, schema: string | undefined) => findTable(ctx.to, table, schema)

/** `ALTER TABLE ... ADD <constraint>` at the stage of its kind (nothing for a key already added). */
function addConstraint(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
): StatementDraft[] {
  const kctx = keyContext(ctx)
  if (c.type === 'foreign_key') return [addForeignKeyDraft(kctx, table, schema, c)]
  if (isAddedWithItsColumn(ctx, target(ctx, table, schema), c, kctx.flavor.mariadb)) return []
  if (c.type === 'primary_key' && planState(ctx).primaryKeyAdded.has(tableKey(schema, table))) return []
  const to = target(ctx, table, schema)
  const column = kctx.flavor.mariadb && to && isColumnLevelCheck(c) ? targetCheckColumn(to, c) : undefined
  if (column && c.type === 'check') {
    // Added on its own, MariaDB would keep it at table level: it goes in the column's definition.
    const check = ` CHECK (${mysqlExpression(c.expression, `column "${column.name}" check`)})`
    const sql = `ALTER TABLE ${tableName(table, schema)} MODIFY COLUMN ${mysqlColumnDefinition(column, kctx)}${check}`
    return [{ sql, stage: Stage.addConstraint }]
  }
  const clause = mysqlConstraintClause(kctx, table, c, target(ctx, table, schema))
  const clauses = [`ADD ${clause}`, ...supersededIndexes(kctx, table, schema, c)]
  return [{ sql: `ALTER TABLE ${tableName(table, schema)} ${clauses.join(', ')}`, stage: Stage.addConstraint }]
}

/** Drops a constraint of `from`, by the name it has in the database. */
function dropConstraint(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
): StatementDraft[] {
  const kctx = keyContext(ctx)
  const name = beforeName(ctx, table, schema, c, 'constraint')
  switch (c.type) {
    case 'foreign_key': {
      const from = sourceTable(ctx, table, schema)
      if (from && planState(ctx).scheduled.has(foreignKeyKey(from, name))) return []
      const fallback: Table = {
        name: ctx.previousTableName(table, schema),
        ...(schema === undefined ? {} : { schema }),
        columns: [],
        constraints: [],
        indexes: [],
      }
      return [dropForeignKeyDraft(kctx, from ?? fallback, table, schema, c, name, true)]
    }
    case 'check': {
      const head = `ALTER TABLE ${tableName(table, schema)}`
      if (!isColumnLevelCheck(c)) return [{ sql: `${head} DROP CONSTRAINT ${q(name)}`, stage: Stage.dropConstraint }]
      // MariaDB keeps it in the column: restate the column without it (nothing to do without the column).
      const column = checkColumn(ctx, table, schema, c)
      if (!column) return []
      const definition = mysqlColumnDefinition(column, kctx) + keptColumnChecks(ctx, table, schema, column.name, c)
      return [{ sql: `${head} MODIFY COLUMN ${definition}`, stage: Stage.dropConstraint }]
    }
  }
  return dropKeyDraft(kctx, table, schema, c, Stage.dropConstraint)
}

/** Whether a primary key of `from` holds an AUTO_INCREMENT column (which must stay a key throughout). */
function holdsAutoIncrement(ctx: GeneratorContext, table: string, schema: string | undefined, pk: Constraint): boolean {
  const from = sourceTable(ctx, table, schema)
  return (
    pk.type === 'primary_key' &&
    pk.columns.some((name) => from?.columns.find((c) => c.name === name)?.autoincrement === true)
  )
}

/**
 * Drop + add of a key in one `ALTER TABLE` at the add stage, when MySQL cannot go without it in
 * between; undefined when two statements do.
 */
function replaceInOneStatement(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  before: Constraint | Index,
  after: Constraint | Index,
  addClause: string,
  stage: StageValue,
): StatementDraft | undefined {
  const kctx = keyContext(ctx)
  const pkWithSerial = 'type' in before && holdsAutoIncrement(ctx, table, schema, before)
  if (!pkWithSerial && replacementIndexes(kctx, table, schema, before, { dryRun: true }).length === 0) return undefined
  const drop =
    'type' in before && before.type === 'primary_key'
      ? 'DROP PRIMARY KEY'
      : `DROP INDEX ${q(beforeName(ctx, table, schema, before, 'type' in before ? 'constraint' : 'index'))}`
  const keep = replacementIndexes(kctx, table, schema, before, { added: after })
  return { sql: `ALTER TABLE ${tableName(table, schema)} ${[drop, `ADD ${addClause}`, ...keep].join(', ')}`, stage }
}

/**
 * `add_constraint`.
 *
 * @example
 * ```ts
 * addConstraintChange(change, ctx)[0].sql // 'ALTER TABLE `users` ADD CONSTRAINT `uq_name` UNIQUE (`name`)'
 * ```
 */
export function addConstraintChange(change: AddConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  return addConstraint(ctx, change.table, change.schema, change.after)
}

/**
 * `drop_constraint`.
 *
 * @example
 * ```ts
 * dropConstraintChange(change, ctx)[0].sql // 'ALTER TABLE `users` DROP INDEX `uq_name`'
 * ```
 */
export function dropConstraintChange(change: DropConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  return dropConstraint(ctx, change.table, change.schema, change.before)
}

/**
 * `alter_constraint`: rename an index-backed key, or drop and add.
 *
 * @example
 * ```ts
 * alterConstraintChange(change, ctx)[0].sql // 'ALTER TABLE `users` RENAME INDEX `users_email_key` TO `uq_email`'
 * ```
 */
export function alterConstraintChange(change: AlterConstraintChange, ctx: GeneratorContext): StatementDraft[] {
  const { table, schema, before, after } = change
  const nameOnly = change.changes.length === 1 && change.changes[0] === 'name'
  // A foreign key InnoDB renamed with its table already has the name the target gives it.
  if (nameOnly && after.type === 'foreign_key' && beforeName(ctx, table, schema, before, 'constraint') === after.name)
    return []
  if (after.type === 'primary_key') {
    if (nameOnly) return [] // MySQL names every primary key PRIMARY.
    if (!planState(ctx).primaryKeyAdded.has(tableKey(schema, table))) {
      const clause = mysqlConstraintClause(keyContext(ctx), table, after, target(ctx, table, schema))
      const one = replaceInOneStatement(ctx, table, schema, before, after, clause, Stage.addConstraint)
      if (one) return [one]
    }
  }
  if (after.type === 'unique' && before.type === 'unique') {
    const newName = after.name ?? mysqlConstraintName(table, after)
    if (nameOnly)
      return [
        renameIndexDraft(
          table,
          schema,
          beforeName(ctx, table, schema, before, 'constraint'),
          newName,
          Stage.addConstraint,
        ),
      ]
    const clause = mysqlConstraintClause(keyContext(ctx), table, after, target(ctx, table, schema))
    const one = replaceInOneStatement(ctx, table, schema, before, after, clause, Stage.addConstraint)
    if (one) return [one]
  }
  return [...dropConstraint(ctx, table, schema, before), ...addConstraint(ctx, table, schema, after)]
}

/**
 * `add_index`: `CREATE [UNIQUE] INDEX`.
 *
 * @example
 * ```ts
 * addIndexChange(change, ctx)[0].sql // 'CREATE INDEX `ix_name` ON `users` (`name`)'
 * ```
 */
export function addIndexChange(change: AddIndexChange, ctx: GeneratorContext): StatementDraft[] {
  const { table, schema, after } = change
  return [{ sql: createIndex(keyContext(ctx), table, schema, after), stage: Stage.addIndex }]
}

/** `CREATE INDEX`, or `ALTER TABLE ... ADD INDEX` with the foreign-key index it takes the place of dropped. */
function createIndex(kctx: KeyContext, table: string, schema: string | undefined, x: Index): string {
  const definition = target(kctx.gen, table, schema)
  const superseded = supersededIndexes(kctx, table, schema, x)
  if (superseded.length === 0) return createIndexStatement(kctx, table, schema, x, definition)
  const clauses = [`ADD ${inlineIndex(kctx, table, x, definition)}`, ...superseded]
  return `ALTER TABLE ${tableName(table, schema)} ${clauses.join(', ')}`
}

/**
 * `drop_index`: `DROP INDEX ... ON ...`.
 *
 * @example
 * ```ts
 * dropIndexChange(change, ctx)[0].sql // 'DROP INDEX `ix_name` ON `users`'
 * ```
 */
export function dropIndexChange(change: DropIndexChange, ctx: GeneratorContext): StatementDraft[] {
  return dropKeyDraft(keyContext(ctx), change.table, change.schema, change.before, Stage.dropIndex)
}

/** `ALTER TABLE ... ALTER INDEX name IGNORED | NOT IGNORED` (MariaDB), `INVISIBLE | VISIBLE` (MySQL 8). */
function ignoredIndexDraftSql(kctx: KeyContext, table: string, schema: string | undefined, name: string, x: Index) {
  const keyword = ignoredIndexKeyword(kctx, `${table}.${name}`)
  const state = x.ignored ? keyword : keyword === 'IGNORED' ? 'NOT IGNORED' : 'VISIBLE'
  return `ALTER TABLE ${tableName(table, schema)} ALTER INDEX ${q(name)} ${state}`
}

function ignoreIndexDraft(
  kctx: KeyContext,
  table: string,
  schema: string | undefined,
  name: string,
  x: Index,
): StatementDraft {
  return { sql: ignoredIndexDraftSql(kctx, table, schema, name, x), stage: Stage.addIndex }
}

/**
 * `alter_index`: `RENAME INDEX` when only the name changed, `ALTER INDEX ... IGNORED` when only whether
 * the optimizer uses it changed, else drop and create.
 *
 * @example
 * ```ts
 * alterIndexChange(change, ctx)[0].sql // 'ALTER TABLE `users` RENAME INDEX `ix_a` TO `ix_b`'
 * ```
 */
export function alterIndexChange(change: AlterIndexChange, ctx: GeneratorContext): StatementDraft[] {
  const { table, schema, before, after } = change
  const newName = after.name ?? mysqlIndexName(table, after)
  const rest = change.changes.filter((f) => f !== 'name' && f !== 'ignored')
  if (rest.length === 0) {
    // A rename and a change of whether the optimizer uses it, both in place.
    const drafts: StatementDraft[] = []
    if (change.changes.includes('name'))
      drafts.push(
        renameIndexDraft(table, schema, beforeName(ctx, table, schema, before, 'index'), newName, Stage.addIndex),
      )
    if (change.changes.includes('ignored'))
      drafts.push(ignoreIndexDraft(keyContext(ctx), table, schema, newName, after))
    return drafts
  }
  const definition = target(ctx, table, schema)
  const kctx = keyContext(ctx)
  const one = replaceInOneStatement(
    ctx,
    table,
    schema,
    before,
    after,
    inlineIndex(kctx, table, after, definition),
    Stage.addIndex,
  )
  if (one) return [one]
  return [
    ...dropKeyDraft(kctx, table, schema, before, Stage.dropIndex),
    { sql: createIndex(kctx, table, schema, after), stage: Stage.addIndex },
  ]
}
