import deepEqual from 'fast-deep-equal'
import { type RenameMaps, tableKey } from '../../diff/semantic-keys.js'
import type { SchemaChange } from '../../diff/types.js'
import type { Constraint, Index, Schema, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { renameMapsOf } from '../migration-renames.js'
import { planStateSlot } from '../plan-state.js'
import { findTableIn } from '../table-index.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'

// What the MySQL generators know about the whole migration. Generators see one change at a time,
// but MySQL needs more: which foreign keys another change already drops (MySQL refuses to change a
// column type under a foreign key, and an object can only be dropped once), which renames are in
// effect, and which database-named objects carry a table or column name that is changing. The
// planner hands every existing table's changes to `planTable` before any generator runs; the
// dialect records them there (and lets the generators do the work).

/**
 * The plan-wide facts the MySQL generators share, one per planned direction.
 *
 * @example
 * ```ts
 * planState(ctx).scheduled.has(foreignKeyKey(table, 'posts_user_id_fkey'))
 * ```
 */
export interface MysqlPlanState {
  /** Changes of existing tables (everything but create/drop table), by `tableKey` of their `to` name. */
  readonly byTable: Map<string, SchemaChange[]>
  /** Foreign keys already dropped (and re-added when they survive) by some generator, by database name key. */
  readonly scheduled: Set<string>
  /** Tables whose default-named objects were already renamed. */
  readonly renamedObjects: Set<string>
  /** Tables whose new primary key was added together with a new AUTO_INCREMENT column. */
  readonly primaryKeyAdded: Set<string>
  /** Foreign keys that already got an index of their own in place of a dropped key (by `foreignKeyKey`). */
  readonly replaced: Set<string>
  /** Foreign keys whose index of their own a new key already drops (by `foreignKeyKey`). */
  readonly superseded: Set<string>
}

const STATE = planStateSlot<MysqlPlanState>('mysql: changes by table and what was done to them', () => ({
  byTable: new Map(),
  scheduled: new Set(),
  renamedObjects: new Set(),
  primaryKeyAdded: new Set(),
  replaced: new Set(),
  superseded: new Set(),
}))

/**
 * The shared state of the plan `ctx` belongs to.
 *
 * @example
 * ```ts
 * planState(ctx).byTable.get(tableKey(undefined, 'users')) // the changes of users
 * ```
 */
export function planState(ctx: GeneratorContext): MysqlPlanState {
  return ctx.state.get(STATE)
}

/**
 * Records the changes of one existing table (called from `planTable`).
 *
 * @example
 * ```ts
 * planTable: (_table, changes, ctx) => (recordTableChanges(ctx, changes), undefined)
 * ```
 */
export function recordTableChanges(ctx: GeneratorContext, changes: readonly SchemaChange[]): void {
  const first = changes[0]
  if (!first || !('table' in first)) return
  planState(ctx).byTable.set(tableKey(first.schema, first.table), [...changes])
  ctx.state.reset(RENAMES)
}

/**
 * Every recorded change, in planner order within each table.
 *
 * @example
 * ```ts
 * recordedChanges(ctx).filter((c) => c.kind === 'rename_table')
 * ```
 */
export function recordedChanges(ctx: GeneratorContext): SchemaChange[] {
  return [...planState(ctx).byTable.values()].flat()
}

/**
 * Renames in effect in this direction, keyed like the diff's own rename maps (by `from` names).
 *
 * @example
 * ```ts
 * renameMaps(ctx).tables.get(tableKey(undefined, 'people')) // 'users' when people was renamed
 * ```
 */
export function renameMaps(ctx: GeneratorContext): RenameMaps {
  return ctx.state.get(RENAMES)
}

// Generators ask for the renames once per change; they change only when changes are recorded.
const RENAMES = planStateSlot(
  'mysql: renames of the recorded changes',
  (ctx): RenameMaps => renameMapsOf(recordedChanges(ctx), ctx.previousTableName),
)

/**
 * Whether `object` (as in `from`) is dropped or altered by a change of its table (`to` name).
 *
 * @example
 * ```ts
 * isTouched(ctx, 'users', undefined, uniqueOfFrom) // true when a change drops or alters it
 * ```
 */
export function isTouched(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  object: Constraint | Index,
): boolean {
  const changes = planState(ctx).byTable.get(tableKey(schema, table)) ?? []
  return changes.some(
    (c) =>
      (c.kind === 'drop_constraint' ||
        c.kind === 'alter_constraint' ||
        c.kind === 'drop_index' ||
        c.kind === 'alter_index') &&
      deepEqual(c.before, object),
  )
}

/**
 * The name an object of `before` (as in `from`) has in the database: created under the old table name
 * (a foreign key InnoDB named after the table follows a rename of it, see {@link nameAfterTableRename}).
 *
 * @example
 * ```ts
 * beforeName(ctx, 'accounts', undefined, { type: 'unique', columns: ['email'] }, 'constraint') // 'users_email_key' (accounts was users)
 * ```
 */
export function beforeName(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  object: Constraint | Index,
  kind: 'constraint' | 'index',
): string {
  const previous = ctx.previousTableName(table, schema)
  if (object.name !== undefined)
    return 'type' in object && object.type === 'foreign_key'
      ? nameAfterTableRename(object.name, previous, table)
      : object.name
  return kind === 'constraint'
    ? mysqlConstraintName(previous, object as Constraint)
    : mysqlIndexName(previous, object as Index)
}

/**
 * The name a foreign key has once its table is renamed: InnoDB renames the names it generates
 * (`<table>_ibfk_<n>`), and any name that starts like them, with the table (`RENAME TABLE child TO
 * kid` turns `child_ibfk_1` into `kid_ibfk_1`); other names stay. Renames run first in a plan, so
 * this is the name every later statement finds.
 *
 * @example
 * ```ts
 * nameAfterTableRename('child_ibfk_1', 'child', 'kid') // 'kid_ibfk_1'
 * ```
 * @internal
 */
export function nameAfterTableRename(name: string, previous: string, table: string): string {
  const prefix = `${previous}_ibfk_`
  return previous !== table && name.startsWith(prefix) ? `${table}_ibfk_${name.slice(prefix.length)}` : name
}

/**
 * A table of a schema by name and namespace (the first one, in constant time).
 *
 * @example
 * ```ts
 * findTable(ctx.to, 'users', undefined)?.columns
 * ```
 */
export function findTable(schema: Schema | undefined, name: string, ns: string | undefined): Table | undefined {
  return findTableIn(schema, name, ns)
}

/**
 * The table of `from` that `table` (its name in `to`) was: looked up under its previous name.
 *
 * @example
 * ```ts
 * sourceTable(ctx, 'accounts', undefined)?.name // 'users' when users was renamed to accounts
 * ```
 */
export function sourceTable(ctx: GeneratorContext, table: string, schema: string | undefined): Table | undefined {
  return findTableIn(ctx.from, ctx.previousTableName(table, schema), schema)
}

/**
 * The key under which a dropped foreign key is remembered: its table (old name) and database name.
 *
 * @example
 * ```ts
 * foreignKeyKey(postsTable, 'posts_user_id_fkey') // '\u0000posts\u0000posts_user_id_fkey'
 * ```
 */
export function foreignKeyKey(fromTable: Table, dbName: string): string {
  return `${tableKey(fromTable.schema, fromTable.name)}\u0000${dbName}`
}

/** The leading plain columns of an index (a prefix-length or expression part ends them). */
function leadingColumns(x: Index): string[] {
  const out: string[] = []
  for (const p of x.parts) {
    if (p.column === undefined || p.length !== undefined) break
    out.push(p.column)
  }
  return out
}

/**
 * Whether `columns` is a left prefix of some key of the table that `keep` accepts: the index MySQL
 * needs under a foreign key's columns.
 *
 * @example
 * ```ts
 * isCovered(posts, ['user_id']) // true when an index starts with user_id
 * ```
 */
export function isCovered(
  table: Table,
  columns: readonly string[],
  keep: (object: Constraint | Index) => boolean = () => true,
): boolean {
  const keys: (readonly string[])[] = []
  for (const c of table.constraints) {
    if ((c.type === 'primary_key' || c.type === 'unique') && keep(c)) keys.push(c.columns)
  }
  for (const x of table.indexes) {
    if (x.using !== 'fulltext' && x.using !== 'spatial' && keep(x)) keys.push(leadingColumns(x))
  }
  return keys.some((k) => k.length >= columns.length && columns.every((c, i) => k[i] === c))
}
