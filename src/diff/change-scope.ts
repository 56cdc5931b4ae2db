import { listedColumns } from '../model/constraint-columns.js'
import type { Column, Constraint, Index, Schema, Table } from '../model/types.js'
import { tokenizeSql } from '../sql-text/normalize-expression.js'
import type { SchemaChange } from './types.js'

// Questions about a change in the context of its whole diff, shared by the deploy-phase
// classification and the rules: which columns are new, which keys were unique before, which columns
// an expression reads.

/** Key of a table (namespace and name). @internal */
export const tableKey = (table: string, schema?: string) => `${schema ?? ''}\u0000${table}`

/** The changes of a diff that concern one table (by its name after the diff). @internal */
export function changesOfTable(changes: readonly SchemaChange[], table: string, schema?: string): SchemaChange[] {
  return changes.filter((c) => 'table' in c && c.table === table && c.schema === schema)
}

/** Columns the diff adds to an existing table, by name. @internal */
export function addedColumns(changes: readonly SchemaChange[], table: string, schema?: string): Map<string, Column> {
  return new Map(
    changesOfTable(changes, table, schema).flatMap((c) =>
      c.kind === 'add_column' ? [[c.column, c.after] as const] : [],
    ),
  )
}

/** A NOT NULL column nothing fills: inserts that do not name it fail. @internal */
export function needsValueOnInsert(c: Column): boolean {
  return !c.nullable && c.default === undefined && !c.autoincrement && c.identity === undefined && !c.generated
}

/**
 * Whether existing rows hold NULL in a column the diff adds (nullable, no default, nothing that
 * computes a value) and the running application, which does not know it, writes NULL too.
 * @internal
 */
export function holdsOnlyNull(column: Column): boolean {
  return (
    column.nullable &&
    column.default === undefined &&
    !column.autoincrement &&
    column.identity === undefined &&
    column.generated === undefined
  )
}

/**
 * Names of `columns` that an SQL expression mentions (words and quoted identifiers not followed by an
 * opening parenthesis, compared case-insensitively). @internal
 */
export function mentionedColumns(expression: string, columns: readonly string[]): string[] {
  const tokens = tokenizeSql(expression)
  const named = new Set(
    tokens
      .filter((t, i) => (t.kind === 'word' || t.kind === 'identifier') && tokens[i + 1]?.text !== '(')
      .map((t) => t.value.toLowerCase()),
  )
  return columns.filter((c) => named.has(c.toLowerCase()))
}

/** Columns a constraint uses (for a check: those of `table` its expression mentions). @internal */
export function constraintColumns(c: Constraint, table: Table | undefined): readonly string[] {
  const names = () => table?.columns.map((x) => x.name) ?? []
  if (c.type === 'check') return mentionedColumns(c.expression, names())
  if (c.type !== 'exclude') return c.columns
  const expressions = [...c.elements.flatMap((e) => e.expression ?? []), ...(c.where ? [c.where] : [])]
  return [...listedColumns(c), ...expressions.flatMap((x) => mentionedColumns(x, names()))]
}

/** Plain columns of an index (expressions and predicates add the columns they mention). @internal */
export function indexColumns(x: Index, table: Table | undefined): readonly string[] {
  const names = table?.columns.map((c) => c.name) ?? []
  const fromExpressions = x.parts.flatMap((p) => (p.expression ? mentionedColumns(p.expression, names) : []))
  return [...x.parts.flatMap((p) => (p.column ? [p.column] : [])), ...fromExpressions]
}

/**
 * Whether every column a new constraint or index uses is added by this diff and holds only NULL in
 * existing rows, so the existing rows cannot violate it and the running application cannot either.
 * @internal
 */
export function onlyFreshNullColumns(
  changes: readonly SchemaChange[],
  table: string,
  schema: string | undefined,
  columns: readonly string[],
): boolean {
  const added = addedColumns(changes, table, schema)
  return columns.length > 0 && columns.every((c) => added.has(c) && holdsOnlyNull(added.get(c) as Column))
}

/** A table of a schema by name and namespace. @internal */
export function findTable(schema: Schema | undefined, table: string, ns?: string): Table | undefined {
  return schema?.tables.find((t) => t.name === table && t.schema === ns)
}

/** The name a table had before the diff (following a rename). @internal */
export function previousTableName(changes: readonly SchemaChange[], table: string, schema?: string): string {
  const rename = changes.find((c) => c.kind === 'rename_table' && c.table === table && c.schema === schema)
  return rename?.kind === 'rename_table' ? rename.from : table
}

/** Old column name -> new column name, for the columns of one table the diff renames. @internal */
export function columnRenames(changes: readonly SchemaChange[], table: string, schema?: string): Map<string, string> {
  return new Map(
    changesOfTable(changes, table, schema).flatMap((c) =>
      c.kind === 'rename_column' ? [[c.from, c.column] as const] : [],
    ),
  )
}

/** Unique keys (primary key, unique constraints, unique indexes without predicate) of a table. */
function uniqueKeys(table: Table): (readonly string[])[] {
  const keys: (readonly string[])[] = []
  for (const c of table.constraints) if (c.type === 'primary_key' || c.type === 'unique') keys.push(c.columns)
  for (const x of table.indexes) {
    if (x.unique && x.where === undefined && x.parts.every((p) => p.column !== undefined))
      keys.push(x.parts.map((p) => p.column as string))
  }
  return keys
}

/**
 * Whether the rows were already unique on `columns` before the diff: some unique key of the old
 * table (or one the diff drops) uses a subset of them. Column names are those after the diff.
 * @internal
 */
export function alreadyUnique(
  changes: readonly SchemaChange[],
  from: Schema | undefined,
  table: string,
  schema: string | undefined,
  columns: readonly string[],
): boolean {
  const renames = columnRenames(changes, table, schema)
  const rename = (names: readonly string[]) => names.map((n) => renames.get(n) ?? n)
  const keys: (readonly string[])[] = []
  const source = findTable(from, previousTableName(changes, table, schema), schema)
  if (source) keys.push(...uniqueKeys(source).map(rename))
  for (const c of changesOfTable(changes, table, schema)) {
    if (
      (c.kind === 'drop_constraint' || c.kind === 'alter_constraint') &&
      (c.before.type === 'primary_key' || c.before.type === 'unique')
    )
      keys.push(rename(c.before.columns))
    if ((c.kind === 'drop_index' || c.kind === 'alter_index') && c.before.unique && c.before.where === undefined) {
      const parts = c.before.parts
      if (parts.every((p) => p.column !== undefined)) keys.push(rename(parts.map((p) => p.column as string)))
    }
  }
  return keys.some((key) => key.length > 0 && key.every((k) => columns.includes(k)))
}

/** A change inside a table. @internal */
export type TableChange = SchemaChange & { readonly table: string; readonly schema?: string }

/** Whether a change alters a table that exists before the migration (new tables hold no rows). @internal */
export function onExistingTable(
  ctx: { isNewTable(table: string, schema?: string): boolean },
  c: SchemaChange,
): c is TableChange {
  return 'table' in c && c.kind !== 'create_table' && c.kind !== 'drop_table' && !ctx.isNewTable(c.table, c.schema)
}

const ACTION_FIELDS = new Set(['name', 'onDelete', 'onUpdate', 'deferrable', 'initiallyDeferred'])

/** The constraint a change adds, or redefines so that existing rows could violate it. @internal */
export function redefinedConstraint(change: SchemaChange): Constraint | undefined {
  if (change.kind === 'add_constraint') return change.after
  if (change.kind !== 'alter_constraint' || change.changes.every((f) => ACTION_FIELDS.has(f))) return undefined
  return change.after
}

/** The constraint a change adds or adds again (any alteration but a rename drops and re-adds it). @internal */
export function readdedConstraint(change: SchemaChange): Constraint | undefined {
  if (change.kind === 'add_constraint') return change.after
  if (change.kind !== 'alter_constraint' || change.changes.every((f) => f === 'name')) return undefined
  // Changed in place, not re-added: VALIDATE CONSTRAINT, a foreign key's deferrability (PostgreSQL).
  const { before, after } = change
  const validates = (c: Constraint) => (c.type === 'check' || c.type === 'foreign_key') && c.notValid === true
  const inPlace = change.changes.every(
    (f) =>
      f === 'name' ||
      (f === 'notValid' && validates(before) && !validates(after)) ||
      ((f === 'deferrable' || f === 'initiallyDeferred') && after.type === 'foreign_key'),
  )
  return inPlace ? undefined : change.after
}
