import type { SchemaChange, TableChange } from '../../diff/types.js'
import { stableStringify } from '../../model/assemble-table.js'
import { listedColumns } from '../../model/constraint-columns.js'
import { sqliteAffinity } from '../../model/parse-column-type.js'
import type { Column, Index, Table } from '../../model/types.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'
import { columnList, createIndexSQL, qualifiedName } from '../render.js'
import { Stage, type StatementDraft } from '../types.js'
import { assertSchemaExpressible } from './subset.js'
import { createTableSQL } from './table.js'
import { isAddableDefault, renderSqliteType, sqliteDefaultExpression } from './types.js'

/*
 * SQLite's ALTER TABLE renames tables and columns, adds plain columns at the end and drops them; everything else
 * (types, nullability, defaults, constraints, generated columns, autoincrement, collations, column
 * order, STRICT and WITHOUT ROWID) goes through the table rebuild of https://www.sqlite.org/lang_altertable.html section 7:
 *
 *   PRAGMA foreign_keys = OFF              -- outside the transaction: the pragma is a no-op inside one
 *   BEGIN
 *   ALTER TABLE ... RENAME ...             -- renames first, natively, so other tables' references follow
 *   CREATE TABLE "new_t" (final definition)
 *   INSERT INTO "new_t" (cols) SELECT cols FROM "t"   -- explicit mapping; coalesce(col, default) for new NOT NULLs
 *   DROP TABLE "t"                         -- foreign keys are off: no ON DELETE CASCADE into child rows
 *   ALTER TABLE "new_t" RENAME TO "t"      -- references to "t" in other tables stay valid
 *   CREATE INDEX ...                       -- every index of the final table
 *   PRAGMA foreign_key_check               -- one row per violating row; any row means: ROLLBACK
 *   COMMIT
 *   PRAGMA foreign_keys = ON
 *
 * One rebuild per table, reaching the final table in one step; the pragmas are written once per
 * migration. A trigger on the table is dropped with it, and a view that names the table makes the
 * RENAME fail: the planner drops both first and creates them again after (`sqliteDisturbsDependents`).
 * `PRAGMA foreign_key_check` does not fail by itself: whoever runs the script must treat any row it
 * returns as a failure and roll back (the rows name the table, rowid and parent of each violation).
 */

const pragmasWritten = new WeakSet<GeneratorContext>()

const FOREIGN_KEYS_REASON =
  'PRAGMA foreign_keys is a no-op inside a transaction; enforcement is off while tables are rebuilt so that dropping the old copy cannot cascade into other tables'

/**
 * Whether `expr` names `column` (as a word or quoted identifier, case-insensitively, as SQLite does).
 * @internal
 *
 * @example
 * ```ts
 * mentions('length("Name") > 2', 'name') // true
 * ```
 */
export function mentions(expr: string, column: string): boolean {
  const name = column.toLowerCase()
  return tokenizeSql(expr).some((t) => (t.kind === 'word' || t.kind === 'identifier') && t.value.toLowerCase() === name)
}

/**
 * Whether `ALTER TABLE ... ADD COLUMN` can add the column to a table that has rows (no key, no
 * AUTOINCREMENT, no STORED generated column, a constant default).
 * @internal
 *
 * @example
 * ```ts
 * isAddable(ctx, { name: 'note', type: { kind: 'text' }, nullable: true }) // true
 * ```
 */
export function isAddable(ctx: GeneratorContext, column: Column): boolean {
  return !column.autoincrement && !column.identity && !column.generated?.stored && isAddableDefault(ctx.dialect, column)
}

/**
 * Whether `ALTER TABLE ... DROP COLUMN` can drop the column: no constraint or generated column uses it
 * (indexes on it are dropped earlier in the same migration).
 * @internal
 *
 * @example
 * ```ts
 * isDroppable(users, 'score') // false when a CHECK names score
 * ```
 */
export function isDroppable(source: Table, column: string): boolean {
  const usedBy = source.constraints.some((c) =>
    c.type === 'check' ? mentions(c.expression, column) : listedColumns(c).includes(column),
  )
  const generatedFrom = source.columns.some((c) => c.generated && mentions(c.generated.expression, column))
  return !usedBy && !generatedFrom
}

/**
 * The dialect's `disturbsDependents`: a change that rebuilds its table (the old copy's triggers go
 * with it, and a view naming the table makes the final RENAME fail) or drops a column natively
 * (SQLite refuses DROP COLUMN while a view or trigger uses the column). The planner drops the table's
 * views and triggers first and creates them again after.
 * @internal
 */
export function sqliteDisturbsDependents(change: TableChange, ctx: GeneratorContext): boolean {
  return change.kind === 'drop_column' || needsRebuild(change, ctx)
}

const REBUILT_TABLE_FIELDS: ReadonlySet<string> = new Set([
  'strict',
  'withoutRowid',
  'noRowidAlias',
  'nullableKey',
  'descendingKey',
])

/** Whether a change of an existing table needs the rebuild. */
function needsRebuild(change: SchemaChange, ctx: GeneratorContext): boolean {
  switch (change.kind) {
    case 'alter_table':
      // STRICT, WITHOUT ROWID and the key's declared type, nullability and order (noRowidAlias,
      // nullableKey, descendingKey) are fixed at CREATE TABLE.
      return change.changes.some((field) => REBUILT_TABLE_FIELDS.has(field))
    case 'alter_column':
    case 'add_constraint':
    case 'drop_constraint':
    case 'alter_constraint':
      return true
    case 'add_column':
      return !isAddable(ctx, change.after) || !addedLast(change.table, change.schema, change.column, ctx)
    case 'drop_column':
      // Without the source schema, try DROP COLUMN: SQLite refuses it clearly when it cannot.
      return ctx.from !== undefined && !isDroppable(ctx.sourceTable(change.table, change.schema), change.column)
    default:
      return false
  }
}

/**
 * Whether ADD COLUMN, which appends, puts the column where the target table has it: every column
 * after it in the target is new too. Without both schemas, assumed.
 */
function addedLast(table: string, schema: string | undefined, column: string, ctx: GeneratorContext): boolean {
  if (!ctx.from || !ctx.to) return true
  const target = ctx.targetTable(table, schema).columns
  // Columns of the old table under their new names (a column renamed in this migration exists).
  const renamed = new Map(
    ctx.changes.flatMap((c) => (c.kind === 'rename_column' && c.table === table ? [[c.from, c.column] as const] : [])),
  )
  const existing = new Set(
    ctx.sourceTable(table, schema).columns.map((c) => (renamed.get(c.name) ?? c.name).toLowerCase()),
  )
  const after = target.slice(target.findIndex((c) => c.name === column) + 1)
  return after.every((c) => !existing.has(c.name.toLowerCase()))
}

/**
 * The dialect's `planTable`: all changes of one existing table. `undefined` (the per-change generators
 * write native ALTER statements) unless a change needs the rebuild, or a rename gives a database-named
 * index a new default name; then every statement of the table.
 * @internal
 *
 * @example
 * ```ts
 * planSqliteTable('users', changesOfUsers, ctx) // undefined, or the rebuild's statements
 * ```
 */
export function planSqliteTable(
  table: string,
  changes: readonly SchemaChange[],
  ctx: GeneratorContext,
): readonly StatementDraft[] | undefined {
  assertSchemaExpressible(ctx.to)
  const first = changes[0]
  const schema = first && 'schema' in first ? first.schema : undefined
  if (changes.some((c) => needsRebuild(c, ctx))) return rebuildTable(table, schema, changes, ctx)
  const renamed = changes.some((c) => c.kind === 'rename_table' || c.kind === 'rename_column')
  if (!renamed || !ctx.from || !ctx.to) return undefined
  const renames = renamedIndexes(ctx.sourceTable(table, schema), ctx.targetTable(table, schema), changes, ctx)
  if (renames.length === 0) return undefined
  return [...changes.flatMap((c) => generate(c, ctx)), ...renames]
}

function generate(change: SchemaChange, ctx: GeneratorContext): readonly StatementDraft[] {
  const generator = ctx.dialect.generators[(change as TableChange).kind] as (
    c: SchemaChange,
    x: GeneratorContext,
  ) => StatementDraft[]
  return generator(change, ctx)
}

/** Old name -> new name of the columns renamed by `changes`. */
function columnRenames(changes: readonly SchemaChange[]): Map<string, string> {
  return new Map(changes.flatMap((c) => (c.kind === 'rename_column' ? [[c.from, c.column] as const] : [])))
}

/**
 * Unnamed indexes left unchanged by the diff whose default name changes with a table or column rename
 * (`users_email_idx` -> `people_email_idx`): SQLite cannot rename an index, so drop and create it.
 */
function renamedIndexes(
  source: Table,
  target: Table,
  changes: readonly SchemaChange[],
  ctx: GeneratorContext,
): StatementDraft[] {
  const d = ctx.dialect
  const rename = columnRenames(changes)
  const handled = new Set(changes.flatMap((c) => (c.kind === 'add_index' || c.kind === 'alter_index' ? [c.after] : [])))
  const dropped = new Set(
    changes.flatMap((c) => (c.kind === 'drop_index' || c.kind === 'alter_index' ? [c.before] : [])),
  )
  const renamed = (x: Index): Index => ({
    ...x,
    parts: x.parts.map((p) => (p.column === undefined ? p : { ...p, column: rename.get(p.column) ?? p.column })),
  })
  const candidates = source.indexes.filter((x) => x.name === undefined && !dropped.has(x))
  const drafts: StatementDraft[] = []
  for (const after of target.indexes) {
    if (after.name !== undefined || handled.has(after)) continue
    const i = candidates.findIndex((b) => stableStringify(renamed(b)) === stableStringify(after))
    const before = candidates[i]
    if (!before) continue
    candidates.splice(i, 1)
    const oldName = d.indexName(source.name, before)
    if (oldName === d.indexName(target.name, after)) continue
    drafts.push({ sql: `DROP INDEX ${d.quoteIdentifier(oldName)}`, stage: Stage.dropIndex })
    drafts.push({ sql: createIndexSQL(d, target.name, undefined, after), stage: Stage.addIndex })
  }
  return drafts
}

// Every rebuilt table of a plan checks its copy's name against the same tables: listed once per plan.
const TAKEN_NAMES = planStateSlot(
  'sqlite: table names of either version',
  (ctx): ReadonlySet<string> =>
    new Set([...(ctx.from?.tables ?? []), ...(ctx.to?.tables ?? [])].map((t) => t.name.toLowerCase())),
)

/** A name for the new copy that no table of either version uses. */
function copyName(table: string, ctx: GeneratorContext): string {
  const taken = ctx.state.get(TAKEN_NAMES)
  let name = `new_${table}`
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `new_${table}_${n}`
  return name
}

/** `SELECT` list of the copy: target columns that existed before, by their (possibly renamed) names. */
function copyMapping(source: Table, target: Table, changes: readonly SchemaChange[], ctx: GeneratorContext) {
  const rename = columnRenames(changes)
  const added = new Set(changes.flatMap((c) => (c.kind === 'add_column' ? [c.column] : [])))
  const live = new Map(source.columns.map((c) => [rename.get(c.name) ?? c.name, c]))
  const d = ctx.dialect
  const columns: string[] = []
  const values: string[] = []
  for (const column of target.columns) {
    const before = live.get(column.name)
    if (!before || added.has(column.name) || column.generated) continue
    let value = d.quoteIdentifier(column.name)
    const fallback =
      column.default === undefined
        ? undefined
        : sqliteDefaultExpression(d, column.default, column, `${target.name}.${column.name} default`)
    // A column becoming NOT NULL takes its default where the old rows hold NULL.
    if (!column.nullable && (before.nullable || before.generated) && fallback !== undefined) {
      value = `coalesce(${value}, ${fallback})`
    }
    columns.push(column.name)
    values.push(value)
  }
  return { columns, values }
}

/**
 * Whether the rebuild loses data: a dropped column, a column becoming generated, or a type whose
 * affinity differs (values are converted; lengths and precisions are never enforced by SQLite).
 */
function losesData(changes: readonly SchemaChange[], ctx: GeneratorContext): boolean {
  const affinity = (c: Column) => sqliteAffinity(renderSqliteType(ctx.dialect, c.type))
  return changes.some(
    (c) =>
      c.kind === 'drop_column' ||
      (c.kind === 'alter_column' &&
        ((c.changes.includes('type') && affinity(c.before) !== affinity(c.after)) ||
          (c.changes.includes('generated') && c.after.generated !== undefined))),
  )
}

/**
 * The 12-step rebuild of one table (renames natively first), reaching `ctx.targetTable` from
 * `ctx.sourceTable` in one copy.
 * @internal
 *
 * @example
 * ```ts
 * rebuildTable('users', undefined, [alterColumnChange], ctx).map((s) => s.sql)
 * // ['PRAGMA foreign_keys = OFF', 'CREATE TABLE "new_users" (...)', 'INSERT INTO "new_users" ...', ...]
 * ```
 */
export function rebuildTable(
  table: string,
  schema: string | undefined,
  changes: readonly SchemaChange[],
  ctx: GeneratorContext,
): StatementDraft[] {
  const why = `rebuilding SQLite table "${table}" needs its full definition`
  const source = ctx.sourceTable(table, schema, why)
  const target = ctx.targetTable(table, schema, why)
  const d = ctx.dialect
  const renames = changes
    .filter((c) => c.kind === 'rename_table' || c.kind === 'rename_column')
    .flatMap((c) => generate(c, ctx))
  const copy = copyName(target.name, ctx)
  const live = qualifiedName(d, target.name)
  const temp = qualifiedName(d, copy)
  const steps: StatementDraft[] = [{ sql: createTableSQL(d, target, copy), stage: Stage.rebuildTable }]
  if (target.columns.some((c) => c.autoincrement) && source.columns.some((c) => c.autoincrement)) {
    // AUTOINCREMENT never reuses an id: carry the table's high-water mark over to the copy.
    steps.push({
      sql: `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT ${d.quoteLiteral(copy)}, "seq" FROM "sqlite_sequence" WHERE "name" = ${d.quoteLiteral(target.name)}`,
      stage: Stage.rebuildTable,
    })
  }
  const { columns, values } = copyMapping(source, target, changes, ctx)
  if (columns.length > 0) {
    steps.push({
      sql: `INSERT INTO ${temp} ${columnList(d, columns)} SELECT ${values.join(', ')} FROM ${live}`,
      stage: Stage.rebuildTable,
    })
  }
  steps.push({ sql: `DROP TABLE ${live}`, stage: Stage.rebuildTable, destructive: losesData(changes, ctx) })
  steps.push({ sql: `ALTER TABLE ${temp} RENAME TO ${live}`, stage: Stage.rebuildTable })
  for (const x of target.indexes)
    steps.push({ sql: createIndexSQL(d, target.name, undefined, x), stage: Stage.rebuildTable })
  return [...foreignKeysOff(ctx), ...renames, ...steps]
}

/** The pragmas around the rebuilds, once per migration (the first rebuild writes them). */
function foreignKeysOff(ctx: GeneratorContext): StatementDraft[] {
  if (pragmasWritten.has(ctx)) return []
  pragmasWritten.add(ctx)
  return [
    // First of all (SQLite has no namespaces): before the views and triggers dropped around the rebuild,
    // so they are dropped inside the migration's transaction.
    {
      sql: 'PRAGMA foreign_keys = OFF',
      stage: Stage.createNamespace,
      transactional: false,
      reason: FOREIGN_KEYS_REASON,
    },
    // Last stage: after every rebuild and drop, still inside the transaction.
    { sql: 'PRAGMA foreign_key_check', stage: Stage.dropEnum },
    {
      sql: 'PRAGMA foreign_keys = ON',
      stage: Stage.dropEnum,
      transactional: false,
      reason: 'PRAGMA foreign_keys is a no-op inside a transaction; enforcement comes back on after the commit',
    },
  ]
}
