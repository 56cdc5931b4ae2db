import deepEqual from 'fast-deep-equal'
import { tableKey, translateConstraint, translateIndex } from '../../diff/semantic-keys.js'
import type { CreateTableChange, DropTableChange, RenameColumnChange, RenameTableChange } from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Constraint, ForeignKeyConstraint, Table } from '../../model/types.js'
import { creationOrder } from '../dependency-order.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'
import { postgresOnlyProblems } from '../table-security-support.js'
import { Stage, type StatementDraft } from '../types.js'
import { inlineColumnCheckClauses, inlineColumnChecks } from './column-checks.js'
import { mysqlColumnDefinition } from './columns.js'
import { dropForeignKeyDraft } from './key-drops.js'
import {
  addForeignKeyDraft,
  foreignKeyIndexClause,
  inlineIndex,
  keyContext,
  mysqlConstraintClause,
  renameIndexDraft,
  tableName,
} from './keys.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'
import { mysqlPartitionClause } from './partitions.js'
import { findTable, foreignKeyKey, isTouched, planState, renameMaps, sourceTable } from './plan-state.js'
import { systemVersioningClause } from './system-versioning.js'
import { mysqlTableOptions, refusePostgresTableFeatures } from './table-options.js'
import { quoteMysqlIdentifier as q } from './text.js'

// Whole-table changes and renames. CREATE TABLE carries its keys, checks and indexes inline (one
// statement; MySQL builds the foreign keys' indexes only where no declared index serves them). A
// rename of a table or column also renames the objects created under a default name made from it
// (users_email_key, users_email_idx, users_org_id_fkey, users_<hash>_check), so the database keeps
// matching the model: indexes with RENAME INDEX, foreign keys and checks by drop and add (MySQL
// cannot rename them).

/**
 * `CREATE TABLE` with columns, primary key, unique, check and foreign keys (except `omit`), indexes
 * and the table comment, in one statement.
 *
 * @example
 * ```ts
 * mysqlCreateTable(table, ctx, new Set())[0].sql // 'CREATE TABLE `users` (\n  `id` INT NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`id`)\n)'
 * ```
 */
export function mysqlCreateTable(table: Table, ctx: GeneratorContext, omit: ReadonlySet<Constraint>): StatementDraft[] {
  refusePostgresTableFeatures(table)
  const [problem] = postgresOnlyProblems(table, 'MySQL/MariaDB')
  if (problem) throw new SchemaLedgerError('unsupported_feature', problem)
  const kctx = keyContext(ctx)
  const inline = new Set<Constraint>(
    table.columns.flatMap((c) => inlineColumnChecks(table, c.name, kctx.flavor.mariadb)),
  )
  const lines = [
    ...table.columns.map(
      (c) => mysqlColumnDefinition(c, kctx) + inlineColumnCheckClauses(table, c.name, kctx.flavor.mariadb),
    ),
    ...table.constraints
      .filter((c) => !omit.has(c) && !inline.has(c))
      .flatMap((c) => {
        const index = foreignKeyIndexClause(kctx, table.name, c)
        const clause = mysqlConstraintClause(kctx, table.name, c, table)
        return index === undefined ? [clause] : [index, clause]
      }),
    ...table.indexes.map((x) => inlineIndex(kctx, table.name, x, table)),
  ]
  const partitions = mysqlPartitionClause(table)
  const tail = `${mysqlTableOptions(table)}${systemVersioningClause(table, ctx)}${partitions ? `\n${partitions}` : ''}`
  return [
    {
      sql: `CREATE TABLE ${tableName(table.name, table.schema)} (\n  ${lines.join(',\n  ')}\n)${tail}`,
      stage: Stage.createTable,
    },
  ]
}

/**
 * `create_table`.
 *
 * @example
 * ```ts
 * createTableChange(change, ctx)[0].stage // Stage.createTable
 * ```
 */
export function createTableChange(change: CreateTableChange, ctx: GeneratorContext): StatementDraft[] {
  return mysqlCreateTable(change.after, ctx, ctx.deferredForeignKeys)
}

/**
 * `drop_table`: `DROP TABLE` (destructive), last. Its foreign keys to tables this migration changes
 * are dropped first: the key they point at may be dropped or altered before the table goes.
 *
 * @example
 * ```ts
 * dropTableChange(change, ctx).at(-1)?.sql // 'DROP TABLE `tags`'
 * ```
 */
export function dropTableChange(change: DropTableChange, ctx: GeneratorContext): StatementDraft[] {
  const kctx = keyContext(ctx)
  const state = planState(ctx)
  const maps = renameMaps(ctx)
  const table = change.before
  const cycle = droppedCycle(ctx, maps)
  const drafts: StatementDraft[] = []
  for (const fk of table.constraints) {
    if (fk.type !== 'foreign_key') continue
    const ns = fk.referencedSchema ?? table.schema
    const referenced = maps.tables.get(tableKey(ns, fk.referencedTable)) ?? fk.referencedTable
    const name = fk.name ?? mysqlConstraintName(table.name, fk)
    const changing = state.byTable.has(tableKey(ns, referenced)) || cycle.some((c) => deepEqual(c, fk))
    if (!changing || referenced === table.name || state.scheduled.has(foreignKeyKey(table, name))) continue
    drafts.push(dropForeignKeyDraft(kctx, table, change.table, change.schema, fk, name, false))
  }
  return [
    ...drafts,
    { sql: `DROP TABLE ${tableName(change.table, change.schema)}`, stage: Stage.dropTable, destructive: true },
  ]
}

/**
 * Foreign keys closing a cycle among the tables this plan drops: they go first. The same for every
 * dropped table of the plan, so computed once (renames are all recorded before generators run).
 */
function droppedCycle(ctx: GeneratorContext, maps: ReturnType<typeof renameMaps>): Constraint[] {
  return ctx.state.get(DROPPED_CYCLE).get(maps)
}

// Computed once per plan, with the rename maps of the first dropped table that asks (renames are all
// recorded before generators run, so every table passes the same maps).
const DROPPED_CYCLE = planStateSlot('mysql: foreign keys closing a cycle among dropped tables', (ctx) => {
  let cycle: Constraint[] | undefined
  return {
    get(maps: ReturnType<typeof renameMaps>): Constraint[] {
      if (cycle === undefined) {
        const dropped = (ctx.from?.tables ?? []).filter(
          (t) => !findTable(ctx.to, maps.tables.get(tableKey(t.schema, t.name)) ?? t.name, t.schema),
        )
        cycle = [...creationOrder(dropped).deferred]
      }
      return cycle
    },
  }
})

/**
 * `rename_table`: `RENAME TABLE`, then the default-named objects follow the new name.
 *
 * @example
 * ```ts
 * renameTableChange(change, ctx)[0].sql // 'RENAME TABLE `users` TO `accounts`'
 * ```
 */
export function renameTableChange(change: RenameTableChange, ctx: GeneratorContext): StatementDraft[] {
  const rename = {
    sql: `RENAME TABLE ${tableName(change.from, change.schema)} TO ${tableName(change.table, change.schema)}`,
    stage: Stage.renameTable,
  }
  return [rename, ...renameDefaultNamed(ctx, change.table, change.schema)]
}

/**
 * `rename_column`: `RENAME COLUMN` (MySQL 8, MariaDB 10.5+), then the default-named objects follow.
 *
 * @example
 * ```ts
 * renameColumnChange(change, ctx)[0].sql // 'ALTER TABLE `users` RENAME COLUMN `email` TO `mail`'
 * ```
 */
export function renameColumnChange(change: RenameColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const sql = `ALTER TABLE ${tableName(change.table, change.schema)} RENAME COLUMN ${q(change.from)} TO ${q(change.column)}`
  return [{ sql, stage: Stage.renameColumn }, ...renameDefaultNamed(ctx, change.table, change.schema)]
}

/**
 * Renames (once per table) every unnamed constraint and index of `from` that no other change drops
 * or alters and whose default name changes with this migration's table and column renames.
 */
function renameDefaultNamed(ctx: GeneratorContext, table: string, schema: string | undefined): StatementDraft[] {
  const state = planState(ctx)
  const key = tableKey(schema, table)
  const source = sourceTable(ctx, table, schema)
  if (state.renamedObjects.has(key) || !source) return []
  state.renamedObjects.add(key)
  const kctx = keyContext(ctx)
  const maps = renameMaps(ctx)
  const sourceKey = tableKey(source.schema, source.name)
  const drafts: StatementDraft[] = []
  for (const c of source.constraints) {
    if (c.name !== undefined || c.type === 'primary_key' || isTouched(ctx, table, schema, c)) continue
    const moved = translateConstraint(c, sourceKey, source.schema, maps)
    const [oldName, newName] = [mysqlConstraintName(source.name, c), mysqlConstraintName(table, moved)]
    if (oldName === newName) continue
    if (c.type === 'unique') drafts.push(renameIndexDraft(table, schema, oldName, newName, Stage.renameColumn))
    else if (c.type === 'check') {
      drafts.push({
        sql: `ALTER TABLE ${tableName(table, schema)} DROP CONSTRAINT ${q(oldName)}`,
        stage: Stage.dropConstraint,
      })
      drafts.push({
        sql: `ALTER TABLE ${tableName(table, schema)} ADD ${mysqlConstraintClause(kctx, table, moved)}`,
        stage: Stage.addConstraint,
      })
    } else if (c.type === 'foreign_key' && !state.scheduled.has(foreignKeyKey(source, oldName))) {
      drafts.push(dropForeignKeyDraft(kctx, source, table, schema, c, oldName, true))
      drafts.push(addForeignKeyDraft(kctx, table, schema, moved as ForeignKeyConstraint))
    }
  }
  for (const x of source.indexes) {
    if (x.name !== undefined || isTouched(ctx, table, schema, x)) continue
    const [oldName, newName] = [
      mysqlIndexName(source.name, x),
      mysqlIndexName(table, translateIndex(x, sourceKey, maps)),
    ]
    if (oldName !== newName) drafts.push(renameIndexDraft(table, schema, oldName, newName, Stage.renameColumn))
  }
  return drafts
}
