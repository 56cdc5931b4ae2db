import { checkTemporal } from './check-temporal.js'
import { isOperatorText } from './constraint-columns.js'
import type { ReadContext } from './read-context.js'
import type { Column, Constraint, ExclusionConstraint, ForeignKeyConstraint, Index, Schema, Table } from './types.js'

/**
 * Semantic checks the document shapes cannot express: duplicate names, and constraints, indexes and foreign keys that
 * name columns or tables that do not exist. Runs on the schema in document order so paths are exact. A column
 * that is declared but invalid has its own issue already; what refers to it is not reported again.
 * @internal
 */
export function checkReferences(schema: Schema, ctx: ReadContext): void {
  const byName = new Map<string, Table>()
  for (const t of schema.tables) {
    const key = tableKey(t.schema ?? schema.name, t.name)
    if (byName.has(key))
      ctx.report('duplicate_table', `${ctx.pathOf(t)}.name`, `Table "${t.name}" is declared more than once`)
    else byName.set(key, t)
  }
  // Column names by table, shared by the table's own checks and the foreign keys pointing at it.
  const own = new Map<Table, ReadonlyMap<string, Column>>()
  for (const t of schema.tables) {
    own.set(t, checkColumns(t, ctx))
    if (t.partitionOf && t.columns.length > 0)
      ctx.report(
        'partition_columns',
        `${ctx.pathOf(t)}.columns`,
        `Table "${t.name}" is a partition: its columns are its parent's, list none`,
      )
    if (t.partitionOf && t.inherits)
      ctx.report('partition_inherits', ctx.pathOf(t), `Table "${t.name}" is a partition and cannot also inherit`)
  }
  const columnsOf = new Map<Table, ReadonlyMap<string, Column>>()
  for (const t of schema.tables) columnsOf.set(t, withParentColumns(t, schema, byName, own, new Set()))
  for (const t of schema.tables) {
    const columns = columnsOf.get(t) ?? new Map()
    checkNames(t.constraints, 'duplicate_constraint', 'Constraint', t, ctx)
    checkNames(t.indexes, 'duplicate_index', 'Index', t, ctx)
    for (const c of t.constraints) {
      if (c.type === 'exclude') checkExclusion(c, columns, t, ctx)
      else if (c.type !== 'check') checkColumnList(c, c.columns, 'columns', columns, t, ctx)
      if (c.type === 'foreign_key') checkForeignKey(c, t, schema, byName, columnsOf, ctx)
      checkTemporal(c, columns, ctx)
    }
    for (const x of t.indexes) checkIndex(x, columns, t, ctx)
    checkPolicyNames(t, ctx)
  }
}

/**
 * A table's columns with those it gets from the tables it is a partition of or inherits from (parents
 * this document does not describe add none; a cycle stops where it closes).
 */
function withParentColumns(
  t: Table,
  schema: Schema,
  byName: ReadonlyMap<string, Table>,
  own: ReadonlyMap<Table, ReadonlyMap<string, Column>>,
  seen: Set<Table>,
): ReadonlyMap<string, Column> {
  const columns = own.get(t) ?? new Map<string, Column>()
  const parents = [...(t.partitionOf ? [t.partitionOf] : []), ...(t.inherits ?? [])]
  if (parents.length === 0 || seen.has(t)) return columns
  seen.add(t)
  const all = new Map<string, Column>()
  for (const p of parents) {
    const parent = byName.get(tableKey(p.schema ?? t.schema ?? schema.name, p.table))
    if (parent) for (const [k, c] of withParentColumns(parent, schema, byName, own, seen)) all.set(k, c)
  }
  for (const [k, c] of columns) all.set(k, c)
  return all
}

function tableKey(schemaName: string | undefined, name: string): string {
  return `${schemaName ?? ''}\u0000${name}`
}

function checkColumns(t: Table, ctx: ReadContext): Map<string, Column> {
  const columns = new Map<string, Column>()
  for (const c of t.columns) {
    const at = ctx.pathOf(c)
    if (columns.has(c.name))
      ctx.report('duplicate_column', `${at}.name`, `Column "${c.name}" appears more than once in table "${t.name}"`)
    columns.set(c.name, c)
    if (c.generated && c.default !== undefined) {
      ctx.report(
        'generated_with_default',
        at,
        `Column "${t.name}.${c.name}" is generated and cannot also have a default`,
      )
    }
    if (c.identity && c.default !== undefined) {
      ctx.report(
        'identity_with_default',
        at,
        `Column "${t.name}.${c.name}" is an identity column and cannot also have a default`,
      )
    }
  }
  return columns
}

function checkNames(
  items: readonly (Constraint | Index)[],
  code: string,
  what: string,
  t: Table,
  ctx: ReadContext,
): void {
  const seen = new Set<string>()
  for (const item of items) {
    if (item.name === undefined) continue
    if (seen.has(item.name))
      ctx.report(
        code,
        ctx.fieldPath(item, 'name'),
        `${what} "${item.name}" appears more than once in table "${t.name}"`,
      )
    seen.add(item.name)
  }
}

function checkColumnList(
  owner: object,
  names: readonly string[],
  field: string,
  columns: ReadonlyMap<string, Column>,
  t: Table,
  ctx: ReadContext,
): void {
  for (const [i, name] of names.entries()) {
    if (!columns.has(name) && !ctx.wasUnread(ctx.pathOf(t), name)) {
      ctx.report(
        'unknown_column',
        ctx.fieldPath(owner, field, i),
        `Column "${name}" does not exist in table "${t.name}"`,
      )
    }
  }
}

function checkPolicyNames(t: Table, ctx: ReadContext): void {
  const seen = new Set<string>()
  for (const [i, p] of (t.policies ?? []).entries()) {
    if (seen.has(p.name))
      ctx.report(
        'duplicate_policy',
        `${ctx.pathOf(t)}.policies[${i}].name`,
        `Policy "${p.name}" appears more than once in table "${t.name}"`,
      )
    seen.add(p.name)
  }
}

function checkExclusion(
  c: ExclusionConstraint,
  columns: ReadonlyMap<string, Column>,
  t: Table,
  ctx: ReadContext,
): void {
  for (const [i, e] of c.elements.entries()) {
    const at = ctx.fieldPath(c, 'elements', i)
    if ((e.column === undefined) === (e.expression === undefined))
      ctx.report('invalid_exclusion_element', at, 'An exclusion element needs exactly one of column and expression')
    else if (!isOperatorText(e.operator))
      ctx.report('invalid_operator', `${at}.operator`, `"${e.operator}" is not an operator (=, &&, or schema.op)`)
    else if (e.column !== undefined && !columns.has(e.column) && !ctx.wasUnread(ctx.pathOf(t), e.column))
      ctx.report('unknown_column', `${at}.column`, `Column "${e.column}" does not exist in table "${t.name}"`)
  }
}

function checkIndex(x: Index, columns: ReadonlyMap<string, Column>, t: Table, ctx: ReadContext): void {
  for (const [i, part] of x.parts.entries()) {
    if (part.column !== undefined && !columns.has(part.column) && !ctx.wasUnread(ctx.pathOf(t), part.column)) {
      ctx.report(
        'unknown_column',
        ctx.fieldPath(x, 'columns', i),
        `Column "${part.column}" does not exist in table "${t.name}"`,
      )
    }
  }
  checkColumnList(x, x.include ?? [], 'include', columns, t, ctx)
}

function checkForeignKey(
  fk: ForeignKeyConstraint,
  t: Table,
  schema: Schema,
  byName: ReadonlyMap<string, Table>,
  columnsOf: Map<Table, ReadonlyMap<string, Column>>,
  ctx: ReadContext,
): void {
  if (fk.columns.length !== fk.referencedColumns.length) {
    ctx.report(
      'fk_column_count_mismatch',
      ctx.pathOf(fk),
      `Foreign key has ${fk.columns.length} column(s) but references ${fk.referencedColumns.length}`,
    )
  }
  const targetSchema = fk.referencedSchema ?? t.schema ?? schema.name
  const target = byName.get(tableKey(targetSchema, fk.referencedTable))
  if (!target) {
    // A table in another namespace that this document does not describe cannot be checked.
    const describesNamespace = schema.tables.some((x) => (x.schema ?? schema.name) === targetSchema)
    if (describesNamespace) {
      ctx.report(
        'unknown_table',
        ctx.fieldPath(fk, ctx.referencedTableKey),
        `Foreign key references table "${fk.referencedTable}", which does not exist`,
      )
    }
    return
  }
  let targetColumns = columnsOf.get(target)
  if (targetColumns === undefined) {
    targetColumns = new Map(target.columns.map((c) => [c.name, c]))
    columnsOf.set(target, targetColumns)
  }
  for (const [i, name] of fk.referencedColumns.entries()) {
    if (!targetColumns.has(name) && !ctx.wasUnread(ctx.pathOf(target), name)) {
      ctx.report(
        'unknown_referenced_column',
        ctx.fieldPath(fk, ctx.referencedColumnsKey, i),
        `Foreign key references column "${fk.referencedTable}.${name}", which does not exist`,
      )
    }
  }
}
