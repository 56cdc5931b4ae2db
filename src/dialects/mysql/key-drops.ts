import { tableKey, translateConstraint } from '../../diff/semantic-keys.js'
import type { Constraint, ForeignKeyConstraint, Index, Table } from '../../model/types.js'
import { columnList } from '../render.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import { mysqlColumnDefinition } from './columns.js'
import { FOREIGN_KEY_INDEX_KEY, type KeyContext, tableName } from './keys.js'
import { beforeName, findTable, foreignKeyKey, isCovered, isTouched, planState, renameMaps } from './plan-state.js'
import { quoteMysqlIdentifier as q } from './text.js'
import { needsPrefixLength } from './types.js'

// Dropping keys MySQL depends on. A foreign key needs an index on its columns: its own index goes
// with it, and the last index under a surviving key is replaced by one named after the key. An
// AUTO_INCREMENT column must lead a key: it loses AUTO_INCREMENT with its last key and gets it back
// once the new keys exist. The other way round, a key added under a foreign key that had an index
// of its own (made by MySQL, or put in place of a dropped key) takes that index's place: the plan
// drops it, so the database holds exactly the target's indexes.

/**
 * The index a foreign key (as in `from`) has in the database when no other index covers its
 * columns: MySQL created it with the key, named after the key (or, for a key the server named,
 * recorded by introspection).
 */
function implicitIndexName(fk: ForeignKeyConstraint, dbName: string): string {
  const recorded = fk.extra?.[FOREIGN_KEY_INDEX_KEY]
  return typeof recorded === 'string' ? recorded : dbName
}

/**
 * `ALTER TABLE ... DROP FOREIGN KEY`, together with the index MySQL made for the key, so that a
 * dropped (or re-added, possibly renamed) key leaves no stray index behind. MariaDB takes
 * `DROP INDEX IF EXISTS`; on MySQL the index is dropped when no declared index covers the columns.
 *
 * @example
 * ```ts
 * dropForeignKeyDraft(kctx, fromTable, 'posts', undefined, fk, 'posts_user_id_fkey', true).sql
 * // 'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`'
 * ```
 */
export function dropForeignKeyDraft(
  ctx: KeyContext,
  fromTable: Table,
  table: string,
  schema: string | undefined,
  fk: ForeignKeyConstraint,
  dbName: string,
  withIndex: boolean,
): StatementDraft {
  planState(ctx.gen).scheduled.add(foreignKeyKey(fromTable, dbName))
  let sql = `ALTER TABLE ${tableName(table, schema)} DROP FOREIGN KEY ${q(dbName)}`
  if (withIndex) {
    const index = implicitIndexName(fk, dbName)
    if (ctx.flavor.mariadb) sql += `, DROP INDEX IF EXISTS ${q(index)}`
    else if (!isCovered(fromTable, fk.columns)) sql += `, DROP INDEX ${q(index)}`
  }
  return { sql, stage: Stage.dropForeignKey }
}

/** The leading columns `added` gives a foreign key, as a one-key table for `isCovered`. */
function asTable(added: Constraint | Index | undefined): Table {
  const isIndex = added !== undefined && !('type' in added)
  return {
    name: '',
    columns: [],
    constraints: added && !isIndex ? [added as Constraint] : [],
    indexes: isIndex ? [added as Index] : [],
  }
}

/**
 * What must be added in the same statement when a key of `from` is dropped (and `added`, if given,
 * takes its place in that statement): MySQL refuses to drop the last index under a foreign key that
 * stays, so an index named after that key takes its place (introspection reads it as the key's own
 * index, as it is when MySQL makes it). With `dryRun` nothing is recorded.
 *
 * @example
 * ```ts
 * replacementIndexes(kctx, 'posts', undefined, index) // ['ADD INDEX IF NOT EXISTS `posts_user_id_fkey` (`user_id`)']
 * ```
 */
export function replacementIndexes(
  ctx: KeyContext,
  table: string,
  schema: string | undefined,
  dropped: Constraint | Index,
  options: { readonly added?: Constraint | Index; readonly dryRun?: boolean } = {},
): string[] {
  const source = findTable(ctx.gen.from, ctx.gen.previousTableName(table, schema), schema)
  if (!source) return []
  const state = planState(ctx.gen)
  const remains = (o: Constraint | Index) => o !== dropped && !isTouched(ctx.gen, table, schema, o)
  const out: string[] = []
  for (const fk of source.constraints) {
    if (fk.type !== 'foreign_key' || isTouched(ctx.gen, table, schema, fk)) continue
    const name = beforeName(ctx.gen, table, schema, fk, 'constraint')
    const key = foreignKeyKey(source, name)
    if (state.scheduled.has(key) || state.replaced.has(key)) continue
    // Only the key that serves the foreign key, when no untouched key does and the new one does not.
    const served = isCovered(asTable(dropped), fk.columns)
    if (!served || isCovered(source, fk.columns, remains) || isCovered(asTable(options.added), fk.columns)) continue
    // Once: of several keys dropped under it, the first to go brings the index, the others find it.
    if (!options.dryRun) state.replaced.add(key)
    // An earlier migration may have left one (it stays when a covering key is added later): MariaDB
    // can skip it; MySQL has no IF NOT EXISTS here.
    const guard = ctx.flavor.mariadb ? 'IF NOT EXISTS ' : ''
    out.push(`ADD INDEX ${guard}${q(implicitIndexName(fk, name))} ${columnList(ctx.gen.dialect, fk.columns)}`)
  }
  return out
}

/**
 * The `DROP INDEX` clauses that go with adding `added` (a key or index of the target) to `table`:
 * the index a foreign key had of its own in the database (MySQL's, or the one
 * {@link replacementIndexes} put in place of a dropped key) is dropped once `added` serves the key,
 * unless the target declares an index of that name. MariaDB takes `IF EXISTS`; MySQL drops an index
 * it made itself when another can serve the key, so there only a replacement needs dropping.
 *
 * @example
 * ```ts
 * supersededIndexes(kctx, 'posts', undefined, { name: 'ix_user', parts: [{ column: 'user_id' }] })
 * // ['DROP INDEX IF EXISTS `posts_user_id_fkey`']
 * ```
 */
export function supersededIndexes(
  ctx: KeyContext,
  table: string,
  schema: string | undefined,
  added: Constraint | Index,
): string[] {
  const gen = ctx.gen
  const source = findTable(gen.from, gen.previousTableName(table, schema), schema)
  const target = findTable(gen.to, table, schema)
  if (!source || !target) return []
  // A MariaDB unique key over a TEXT/BLOB column is hash-backed and serves no foreign key.
  const columns = 'type' in added ? ('columns' in added ? added.columns : []) : []
  const hashed = columns.some((name) => {
    const column = target.columns.find((c) => c.name === name)
    return column !== undefined && needsPrefixLength(column.type)
  })
  if (hashed) return []
  const state = planState(gen)
  const maps = renameMaps(gen)
  const declared = new Set([
    ...target.indexes.map((x) => x.name),
    ...target.constraints.map((c) => (c.type === 'unique' ? c.name : undefined)),
  ])
  const out: string[] = []
  for (const fk of source.constraints) {
    if (fk.type !== 'foreign_key' || isTouched(gen, table, schema, fk)) continue
    const name = beforeName(gen, table, schema, fk, 'constraint')
    const key = foreignKeyKey(source, name)
    if (state.scheduled.has(key) || state.superseded.has(key)) continue
    const moved = translateConstraint(fk, tableKey(source.schema, source.name), source.schema, maps)
    if (moved.type !== 'foreign_key' || !isCovered(asTable(added), moved.columns)) continue
    // A key of `from` that stays serves it: the database holds no index of the key's own.
    if (isCovered(source, fk.columns, (o) => !isTouched(gen, table, schema, o))) continue
    const index = implicitIndexName(fk, name)
    if (declared.has(index)) continue
    const replaced = isCovered(source, fk.columns)
    if (!ctx.flavor.mariadb && !replaced) continue
    state.superseded.add(key)
    out.push(`DROP INDEX ${ctx.flavor.mariadb ? 'IF EXISTS ' : ''}${q(index)}`)
  }
  return out
}

/**
 * What releases AUTO_INCREMENT when a key of `from` is dropped: MySQL wants an AUTO_INCREMENT column
 * to lead some key, so when the dropped key is the last one, the column loses AUTO_INCREMENT in the
 * same statement (unless its own alter_column already took it away), and gets it back after the
 * new keys exist when the target keeps it (and no alter_column restates the column anyway).
 */
function releaseSerial(ctx: KeyContext, table: string, schema: string | undefined, dropped: Constraint | Index) {
  const gen = ctx.gen
  const none = { clauses: [] as string[], restore: [] as StatementDraft[] }
  const from = findTable(gen.from, gen.previousTableName(table, schema), schema)
  const first = 'type' in dropped ? ('columns' in dropped ? dropped.columns[0] : undefined) : dropped.parts[0]?.column
  const column = from?.columns.find((c) => c.name === first && (c.autoincrement || c.identity))
  if (!from || !column || ('type' in dropped && dropped.type === 'foreign_key')) return none
  const changes = planState(gen).byTable.get(tableKey(schema, table)) ?? []
  const altered = changes.find((x) => x.kind === 'alter_column' && x.before.name === column.name)
  if (altered?.kind === 'alter_column' && !altered.after.autoincrement && !altered.after.identity) return none
  if (isCovered(from, [column.name], (o) => o !== dropped && !isTouched(gen, table, schema, o))) return none
  const name = renameMaps(gen).columns.get(tableKey(schema, from.name))?.get(column.name) ?? column.name
  const clauses = [`MODIFY COLUMN ${mysqlColumnDefinition({ ...column, name }, ctx, { withoutAutoIncrement: true })}`]
  const after = findTable(gen.to, table, schema)?.columns.find((c) => c.name === name)
  const keeps = after && (after.autoincrement || after.identity) && !altered
  const restore: StatementDraft[] = keeps
    ? [
        {
          sql: `ALTER TABLE ${tableName(table, schema)} MODIFY COLUMN ${mysqlColumnDefinition(after, ctx)}`,
          stage: Stage.addForeignKey,
        },
      ]
    : []
  return { clauses, restore }
}

/**
 * Drops a key or index of `from` (`DROP PRIMARY KEY`, `DROP INDEX`), keeping foreign keys served
 * and AUTO_INCREMENT columns keyed.
 *
 * @example
 * ```ts
 * dropKeyDraft(kctx, 'users', undefined, index, Stage.dropIndex)[0].sql // 'DROP INDEX `ix_name` ON `users`'
 * ```
 */
export function dropKeyDraft(
  ctx: KeyContext,
  table: string,
  schema: string | undefined,
  object: Constraint | Index,
  stage: StageValue,
): StatementDraft[] {
  const isConstraint = 'type' in object
  const head =
    isConstraint && object.type === 'primary_key'
      ? 'DROP PRIMARY KEY'
      : `DROP INDEX ${q(beforeName(ctx.gen, table, schema, object, isConstraint ? 'constraint' : 'index'))}`
  const serial = releaseSerial(ctx, table, schema, object)
  const clauses = [...serial.clauses, head, ...replacementIndexes(ctx, table, schema, object)]
  if (clauses.length === 1 && !isConstraint)
    return [{ sql: `${head} ON ${tableName(table, schema)}`, stage }, ...serial.restore]
  return [{ sql: `ALTER TABLE ${tableName(table, schema)} ${clauses.join(', ')}`, stage }, ...serial.restore]
}
