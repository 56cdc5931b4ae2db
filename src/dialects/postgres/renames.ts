import type { RenameColumnChange, RenameTableChange } from '../../diff/types.js'
import { renameListedColumns } from '../../model/constraint-columns.js'
import type { Column, Constraint, Index, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'
import { Stage, type StatementDraft } from '../types.js'
import { sourceTableOrUndefined, tableKey, tableName } from './context.js'
import { columnSequenceName, constraintNameIn, indexNameIn, objectKey, tableObjectNames } from './names.js'

// Renaming a table or column keeps the names PostgreSQL derived from it (users_pkey,
// users_email_key, users_id_seq), so the next introspection would report them as name changes. The
// rename generators therefore rename every database-named object along with it, right away, and
// remember the names they gave: later generators of the same migration (which see constraints and
// indexes as they were in `from`) ask `currentConstraintName` / `currentIndexName` for the name the
// object has at that point. Generators run in change order, and the diff puts a table's renames
// before its constraint and index changes, so the bookkeeping is complete when it is read.

interface RenameState {
  /** Per table (new key): old column name -> new column name, for the renames planned so far. */
  readonly columns: Map<string, Map<string, string>>
  /** Per table (new key) and object key: the name the object has after the renames planned so far. */
  readonly names: Map<string, Map<string, string>>
}

const STATE = planStateSlot(
  'postgres: names after the renames planned so far',
  (): RenameState => ({
    columns: new Map(),
    names: new Map(),
  }),
)

const stateOf = (ctx: GeneratorContext): RenameState => ctx.state.get(STATE)

function namesOf(ctx: GeneratorContext, table: string, schema?: string): Map<string, string> {
  const state = stateOf(ctx)
  const key = tableKey(table, schema)
  let names = state.names.get(key)
  if (!names) {
    names = new Map()
    state.names.set(key, names)
  }
  return names
}

/**
 * The name a constraint of `from` has in the database at this point of the migration: its declared
 * name, the name a rename of its table or column gave it, or its default name under the old table name.
 *
 * @example
 * ```ts
 * currentConstraintName(ctx, 'users', undefined, { type: 'primary_key', columns: ['id'] }) // 'users_pkey' (or 'people_pkey' before a rename)
 * ```
 * @internal
 */
export function currentConstraintName(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Constraint,
): string {
  if (c.name !== undefined) return c.name
  const renamed = namesOf(ctx, table, schema).get(objectKey('constraint', c))
  if (renamed !== undefined) return renamed
  return constraintNameIn(sourceTableOrUndefined(ctx, table, schema), ctx.previousTableName(table, schema), c)
}

/**
 * The name an index of `from` has in the database at this point of the migration (see {@link currentConstraintName}).
 *
 * @example
 * ```ts
 * currentIndexName(ctx, 'users', undefined, { parts: [{ column: 'email' }] }) // 'users_email_idx'
 * ```
 * @internal
 */
export function currentIndexName(ctx: GeneratorContext, table: string, schema: string | undefined, x: Index): string {
  if (x.name !== undefined) return x.name
  const renamed = namesOf(ctx, table, schema).get(objectKey('index', x))
  if (renamed !== undefined) return renamed
  return indexNameIn(sourceTableOrUndefined(ctx, table, schema), ctx.previousTableName(table, schema), x)
}

/** A table as it is after column renames (for naming its objects). */
function withColumnRenames(table: Table, renames: ReadonlyMap<string, string>): Table {
  const map = (n: string) => renames.get(n) ?? n
  const constraints = table.constraints.map((c): Constraint => renameListedColumns(c, map))
  const indexes = table.indexes.map(
    (x): Index => ({
      ...x,
      parts: x.parts.map((p) => (p.column === undefined ? p : { ...p, column: map(p.column) })),
      ...(x.include ? { include: x.include.map(map) } : {}),
    }),
  )
  return { ...table, constraints, indexes }
}

/**
 * The name a constraint of the `from` table `source` has once every rename of the migration is
 * done (its own, now `table`, and those of its `columns`), whatever order the generators run in.
 *
 * @example
 * ```ts
 * constraintNameAfterRenames(people, 'users', new Map(), fk) // 'users_team_id_fkey' (people_team_id_fkey before)
 * ```
 * @internal
 */
export function constraintNameAfterRenames(
  source: Table,
  table: string,
  columns: ReadonlyMap<string, string>,
  c: Constraint,
): string {
  if (c.name !== undefined) return c.name
  const renamed = withColumnRenames(source, columns)
  const after = renamed.constraints[source.constraints.indexOf(c)] ?? c
  return constraintNameIn(renamed, table, after)
}

/**
 * Renames the database-named constraints and indexes of `source` that `involved` selects from the
 * name they have now to the name they get in `table` once `columns` renames apply, and records it.
 */
function renameDerived(
  ctx: GeneratorContext,
  source: Table,
  table: string,
  schema: string | undefined,
  columns: ReadonlyMap<string, string>,
  involved: (item: Constraint | Index) => boolean,
  stage: StatementDraft['stage'],
): StatementDraft[] {
  const d = ctx.dialect
  const names = namesOf(ctx, table, schema)
  const renamed = withColumnRenames(source, columns)
  const newNames = tableObjectNames(renamed, table)
  const drafts: StatementDraft[] = []
  const visit = (kind: 'constraint' | 'index', item: Constraint | Index, after: Constraint | Index) => {
    if (item.name !== undefined || !involved(item)) return
    const current =
      kind === 'index'
        ? currentIndexName(ctx, table, schema, item as Index)
        : currentConstraintName(ctx, table, schema, item as Constraint)
    const next = newNames.get(objectKey(kind, after)) ?? current
    names.set(objectKey(kind, item), next)
    if (next === current) return
    // Renaming a primary key or unique constraint renames its index too.
    const sql =
      kind === 'index'
        ? `ALTER INDEX ${tableName(ctx, current, schema)} RENAME TO ${d.quoteIdentifier(next)}`
        : `ALTER TABLE ${tableName(ctx, table, schema)} RENAME CONSTRAINT ${d.quoteIdentifier(current)} TO ${d.quoteIdentifier(next)}`
    drafts.push({ sql, stage })
  }
  for (const [i, c] of source.constraints.entries()) visit('constraint', c, renamed.constraints[i] as Constraint)
  for (const [i, x] of source.indexes.entries()) visit('index', x, renamed.indexes[i] as Index)
  return drafts
}

const hasSequence = (c: Column) => c.autoincrement === true || c.identity !== undefined

function renameSequence(
  ctx: GeneratorContext,
  schema: string | undefined,
  from: string,
  to: string,
  stage: StatementDraft['stage'],
): StatementDraft[] {
  if (from === to) return []
  return [{ sql: `ALTER SEQUENCE ${tableName(ctx, from, schema)} RENAME TO ${ctx.dialect.quoteIdentifier(to)}`, stage }]
}

function columnRenames(ctx: GeneratorContext, table: string, schema: string | undefined): Map<string, string> {
  const state = stateOf(ctx)
  const key = tableKey(table, schema)
  const columns = state.columns.get(key) ?? new Map<string, string>()
  state.columns.set(key, columns)
  return columns
}

/**
 * `ALTER TABLE ... RENAME TO`, then the table's database-named constraints, indexes and sequences
 * renamed to the names PostgreSQL would give them under the new table name.
 *
 * @example
 * ```ts
 * renameTableSQL(change, ctx) // ALTER TABLE "people" RENAME TO "users"; ALTER TABLE "users" RENAME CONSTRAINT "people_pkey" TO "users_pkey"
 * ```
 */
export function renameTableSQL(change: RenameTableChange, ctx: GeneratorContext): StatementDraft[] {
  const d = ctx.dialect
  const rename: StatementDraft = {
    sql: `ALTER TABLE ${tableName(ctx, change.from, change.schema)} RENAME TO ${d.quoteIdentifier(change.table)}`,
    stage: Stage.renameTable,
  }
  const columns = columnRenames(ctx, change.table, change.schema)
  const objects = renameDerived(ctx, change.before, change.table, change.schema, columns, () => true, Stage.renameTable)
  // Each sequence from the name it has to the one the target gives it (its own table's by default: a
  // sequence the target records under the old name stays).
  const renamedColumns = columnRenames(ctx, change.table, change.schema)
  const sequences = change.before.columns.filter(hasSequence).flatMap((c) => {
    const after = change.after.columns.find((x) => x.name === (renamedColumns.get(c.name) ?? c.name))
    const target = after ? columnSequenceName(change.table, { ...after, name: c.name }) : undefined
    return renameSequence(
      ctx,
      change.schema,
      columnSequenceName(change.from, c),
      target ?? columnSequenceName(change.table, { name: c.name }),
      Stage.renameTable,
    )
  })
  return [rename, ...objects, ...sequences]
}

/**
 * `ALTER TABLE ... RENAME COLUMN`, then the database-named constraints, indexes and sequence that
 * carry the column's name renamed with it.
 *
 * @example
 * ```ts
 * renameColumnSQL(change, ctx) // ALTER TABLE "users" RENAME COLUMN "mail" TO "email"; ... RENAME CONSTRAINT "users_mail_key" TO "users_email_key"
 * ```
 */
export function renameColumnSQL(change: RenameColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const d = ctx.dialect
  const rename: StatementDraft = {
    sql: `ALTER TABLE ${tableName(ctx, change.table, change.schema)} RENAME COLUMN ${d.quoteIdentifier(change.from)} TO ${d.quoteIdentifier(change.column)}`,
    stage: Stage.renameColumn,
  }
  const columns = columnRenames(ctx, change.table, change.schema)
  const source = sourceTableOrUndefined(ctx, change.table, change.schema)
  // The objects' columns as they are called in `from`: the ones holding the renamed column.
  const involved = (item: Constraint | Index) =>
    'parts' in item
      ? item.parts.some((p) => p.column === change.from) || (item.include ?? []).includes(change.from)
      : item.type === 'unique' || item.type === 'foreign_key'
        ? item.columns.includes(change.from)
        : false
  columns.set(change.from, change.column)
  const objects = source
    ? renameDerived(ctx, source, change.table, change.schema, columns, involved, Stage.renameColumn)
    : []
  const sequence = hasSequence(change.before)
    ? renameSequence(
        ctx,
        change.schema,
        columnSequenceName(change.table, { ...change.before, name: change.from }),
        columnSequenceName(change.table, { ...change.after, name: change.column }),
        Stage.renameColumn,
      )
    : []
  return [rename, ...objects, ...sequence]
}
