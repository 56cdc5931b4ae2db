import type { Dialect, SqlTextKind } from '../dialects/dialect.js'
import { expression, operatorSQL } from '../dialects/render.js'
import type { SchemaChange, SchemaDiff } from '../diff/types.js'
import { InvalidIdentifierError } from '../errors.js'
import type { ColumnType } from '../model/column-type.js'
import type { Column, Constraint, EnumDefinition, Index, Schema, Table } from '../model/types.js'

// Before any SQL is written, every text a plan writes into it is checked with the target dialect and
// named by its document path: names, enum labels and comments the database would change or refuse,
// and verbatim expressions that are not exactly one expression to the dialect's lexer. The
// generators check again where they write (a backstop for custom dialects and generators).

const LABELS: Readonly<Record<string, string>> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB', sqlite: 'SQLite' }

/** The dialect as messages name it. @internal */
export const dialectLabel = (d: Dialect): string => LABELS[d.name] ?? d.name

function text(d: Dialect, value: string, kind: SqlTextKind, path: string): void {
  const problem = d.textProblem?.(value, kind)
  if (problem) throw new InvalidIdentifierError(path, dialectLabel(d), `${JSON.stringify(value)} is ${problem}`)
}

/** Custom types (at any array depth) are written verbatim; inline enum values are labels. */
function checkType(d: Dialect, type: ColumnType, path: string): void {
  if (type.kind === 'array') checkType(d, type.of, path)
  else if (type.kind === 'custom') expression(d, type.raw, path)
  else if (type.kind === 'enum') for (const v of type.values ?? []) text(d, v, 'label', path)
}

function checkColumn(d: Dialect, c: Column, path: string, table: string): void {
  const subject = ` (${table}.${c.name})`
  text(d, c.name, 'name', `${path}.name`)
  checkType(d, c.type, `${path}.type${subject}`)
  if (c.default !== undefined) d.renderDefault(c.default, c, `${path}.default${subject}`)
  if (c.generated) expression(d, c.generated.expression, `${path}.generated.expression${subject}`)
  if (c.collation !== undefined) text(d, c.collation, 'name', `${path}.collation`)
  if (c.comment !== undefined) text(d, c.comment, 'comment', `${path}.comment`)
}

function checkConstraint(d: Dialect, c: Constraint, path: string, table: string): void {
  if (c.name !== undefined) text(d, c.name, 'name', `${path}.name`)
  if (c.type === 'check') expression(d, c.expression, `${path}.expression (${table}.${c.name ?? 'check'})`)
  if (c.type === 'exclude') {
    const subject = ` (${table}.${c.name ?? 'exclude'})`
    for (const [i, e] of c.elements.entries()) {
      if (e.expression !== undefined) expression(d, e.expression, `${path}.elements[${i}].expression${subject}`)
      operatorSQL(d, e.operator, `${path}.elements[${i}].operator${subject}`)
    }
    if (c.where !== undefined) expression(d, c.where, `${path}.where${subject}`)
  }
  if (c.type !== 'foreign_key') return
  text(d, c.referencedTable, 'table', `${path}.referencedTable`)
  if (c.referencedSchema !== undefined) text(d, c.referencedSchema, 'name', `${path}.referencedSchema`)
  for (const [i, col] of c.referencedColumns.entries()) text(d, col, 'name', `${path}.referencedColumns[${i}]`)
}

function checkIndex(d: Dialect, x: Index, path: string, table: string): void {
  const subject = ` (${table}.${x.name ?? 'index'})`
  if (x.name !== undefined) text(d, x.name, 'index', `${path}.name`)
  for (const [i, p] of x.parts.entries()) {
    if (p.expression !== undefined) expression(d, p.expression, `${path}.columns[${i}].expression${subject}`)
    if (p.collation !== undefined) text(d, p.collation, 'name', `${path}.columns[${i}].collation`)
  }
  if (x.where !== undefined) expression(d, x.where, `${path}.where${subject}`)
}

/**
 * Checks a table's names, labels, comments and expressions for `d`, naming each by its path under
 * `path` (`tables[3]`): throws `InvalidIdentifierError` or `UnsafeExpressionError` at the first problem.
 * @internal
 */
export function checkTableText(d: Dialect, t: Table, path: string): void {
  text(d, t.name, 'table', `${path}.name`)
  if (t.schema !== undefined) text(d, t.schema, 'name', `${path}.schema`)
  if (t.comment !== undefined) text(d, t.comment, 'comment', `${path}.comment`)
  for (const [i, c] of t.columns.entries()) checkColumn(d, c, `${path}.columns[${i}]`, t.name)
  for (const [i, c] of t.constraints.entries()) checkConstraint(d, c, `${path}.constraints[${i}]`, t.name)
  for (const [i, x] of t.indexes.entries()) checkIndex(d, x, `${path}.indexes[${i}]`, t.name)
  for (const [i, p] of (t.policies ?? []).entries()) {
    const at = `${path}.policies[${i}]`
    const subject = ` (${t.name}.${p.name})`
    text(d, p.name, 'name', `${at}.name`)
    for (const [j, role] of (p.roles ?? []).entries()) text(d, role, 'name', `${at}.roles[${j}]`)
    // A policy expression is exactly one expression, never a statement.
    if (p.using !== undefined) expression(d, p.using, `${at}.using${subject}`)
    if (p.withCheck !== undefined) expression(d, p.withCheck, `${at}.withCheck${subject}`)
  }
  for (const [i, g] of (t.grants ?? []).entries()) text(d, g.grantee, 'name', `${path}.grants[${i}].grantee`)
}

/** Checks an enum type's name, labels and comment for `d`. @internal */
export function checkEnumText(d: Dialect, e: EnumDefinition, path: string): void {
  text(d, e.name, 'name', `${path}.name`)
  if (e.schema !== undefined) text(d, e.schema, 'name', `${path}.schema`)
  for (const [i, v] of e.values.entries()) text(d, v, 'label', `${path}.values[${i}]`)
  if (e.comment !== undefined) text(d, e.comment, 'comment', `${path}.comment`)
}

/**
 * Checks every text of a schema that `createSchemaSQL` writes, with paths under `prefix`
 * (`tables[3].columns[1].default`).
 * @internal
 */
export function checkSchemaText(d: Dialect, schema: Schema, prefix = ''): void {
  for (const [i, e] of schema.enums.entries()) checkEnumText(d, e, `${prefix}enums[${i}]`)
  for (const [i, t] of schema.tables.entries()) checkTableText(d, t, `${prefix}tables[${i}]`)
}

const key = (name: string, schema?: string) => `${schema ?? ''}\u0000${name}`

/** One side of a change (`after`, `before`), checked by its shape. */
function checkChangeSide(d: Dialect, change: SchemaChange, value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null) return
  const table = 'table' in change ? change.table : ''
  if (change.kind === 'create_enum' || change.kind === 'drop_enum' || change.kind === 'alter_enum')
    checkEnumText(d, value as EnumDefinition, path)
  else if ('columns' in value && 'constraints' in value) checkTableText(d, value as Table, path)
  else if ('nullable' in value) checkColumn(d, value as Column, path, table)
  else if ('parts' in value) checkIndex(d, value as Index, path, table)
  else if ('type' in value) checkConstraint(d, value as Constraint, path, table)
}

/**
 * Checks what a migration plan writes, before it is written. With the full schemas, every table and
 * enum a change touches is checked as a whole on both sides (`to.tables[2]...` for `up`,
 * `from.tables[5]...` for `down`); without them, the objects the changes carry (`changes[4].after...`).
 * @internal
 */
export function checkDiffText(d: Dialect, diff: SchemaDiff, from?: Schema, to?: Schema): void {
  if (!from || !to) {
    for (const [i, change] of diff.changes.entries()) {
      const at = `changes[${i}]`
      if ('table' in change) text(d, change.table, 'table', `${at}.table`)
      if ('after' in change) checkChangeSide(d, change, change.after, `${at}.after`)
      if ('before' in change) checkChangeSide(d, change, change.before, `${at}.before`)
    }
    return
  }
  const tables = new Set<string>()
  const enums = new Set<string>()
  for (const c of diff.changes) {
    if ('enum' in c) enums.add(key(c.enum, c.schema))
    if (!('table' in c)) continue
    tables.add(key(c.table, c.schema))
    if (c.kind === 'rename_table') tables.add(key(c.from, c.schema))
  }
  for (const [side, schema] of [
    ['to', to],
    ['from', from],
  ] as const) {
    for (const [i, e] of schema.enums.entries())
      if (enums.has(key(e.name, e.schema))) checkEnumText(d, e, `${side}.enums[${i}]`)
    for (const [i, t] of schema.tables.entries())
      if (tables.has(key(t.name, t.schema))) checkTableText(d, t, `${side}.tables[${i}]`)
  }
}
