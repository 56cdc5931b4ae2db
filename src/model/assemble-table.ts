import { tableShape } from './model-description.js'
import { compact, type ReadContext } from './read-context.js'
import type { ColumnContribution } from './read-sqlalchemy-column.js'
import { build } from './shape.js'
import type { Column, Constraint, Index, PrimaryKeyConstraint, Table } from './types.js'

type TableLists = 'columns' | 'constraints' | 'indexes'

/**
 * Everything read for one table before flags and constraints are merged into normal form: the
 * table's own fields (undefined or null when absent) and what its lists hold.
 * @internal
 */
export type TableParts = { readonly [K in Exclude<keyof Table, TableLists | 'name'>]?: Table[K] | null | undefined } & {
  readonly name: string
  readonly columns: readonly ColumnContribution[]
  readonly constraints: readonly Constraint[]
  readonly indexes: readonly Index[]
}

const INTEGER_KINDS = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'])

/**
 * Merges column-level flags (`primary_key`, `unique`, `index`, foreign key shorthand) with the table's
 * constraints into one normal form, so two documents describing the same table read equal.
 * @internal
 */
export function assembleTable(parts: TableParts, path: string, ctx: ReadContext): Table {
  const primaryKey = mergePrimaryKey(parts, path, ctx)
  const pkColumns = new Set(primaryKey?.columns ?? [])
  const flagConstraints: Constraint[] = []
  const flagIndexes: Index[] = []
  for (const c of parts.columns) {
    // SQLAlchemy: `unique` with `index` makes a unique index, not a constraint.
    if (c.unique && !c.index)
      flagConstraints.push(ctx.atShorthand({ type: 'unique' as const, columns: [c.column.name] }, ctx.pathOf(c.column)))
    if (c.index) {
      const index: Index = compact({
        name: `ix_${parts.name}_${c.column.name}`,
        parts: [{ column: c.column.name }],
        unique: c.unique ? (true as const) : undefined,
      })
      flagIndexes.push(ctx.atShorthand(index, ctx.pathOf(c.column)))
    }
    flagConstraints.push(...c.foreignKeys)
  }
  const others = parts.constraints.filter((c) => c.type !== 'primary_key')
  const constraints = mergeDuplicateConstraints(
    [...(primaryKey ? [primaryKey] : []), ...flagConstraints, ...others],
    ctx,
  )
  // SQLite's legacy nullable key keeps each key column's own nullability; elsewhere a key is NOT NULL.
  const nonNullKeys = parts.nullableKey === true ? new Set<string>() : pkColumns
  const columns = parts.columns.map((c) => finishColumn(c, nonNullKeys, primaryKey, constraints))
  const table = build(tableShape, parts, { columns, constraints, indexes: [...flagIndexes, ...parts.indexes] })
  return ctx.at(table, path)
}

function mergePrimaryKey(parts: TableParts, path: string, ctx: ReadContext): PrimaryKeyConstraint | undefined {
  const declared = parts.constraints.filter((c): c is PrimaryKeyConstraint => c.type === 'primary_key')
  for (const extraPk of declared.slice(1)) {
    ctx.report(
      'multiple_primary_keys',
      ctx.pathOf(extraPk, path),
      `Table "${parts.name}" declares more than one primary key`,
    )
  }
  const flagged = parts.columns.filter((c) => c.primaryKey).map((c) => c.column.name)
  const explicit = declared[0]
  if (!explicit) {
    return flagged.length > 0
      ? ctx.atShorthand({ type: 'primary_key' as const, columns: flagged }, `${path}.columns`)
      : undefined
  }
  const sameSet = flagged.length === 0 || sameMembers(flagged, explicit.columns)
  if (!sameSet) {
    ctx.report(
      'conflicting_primary_key',
      ctx.pathOf(explicit, path),
      `Primary key columns [${explicit.columns.join(', ')}] differ from the columns flagged primary_key [${flagged.join(', ')}]`,
    )
  }
  // The constraint's column order is the key order (as in SQLAlchemy).
  return explicit
}

function finishColumn(
  c: ColumnContribution,
  nonNullKeys: ReadonlySet<string>,
  primaryKey: PrimaryKeyConstraint | undefined,
  constraints: readonly Constraint[],
): Column {
  let column = c.column
  if (nonNullKeys.has(column.name) && column.nullable) column = { ...column, nullable: false }
  if (c.autoincrementAuto && !column.autoincrement && isAutoIncrementCandidate(column, primaryKey, constraints)) {
    column = { ...column, autoincrement: true }
  }
  return column
}

/** SQLAlchemy's "auto": the single integer primary key column that is not also a foreign key. */
function isAutoIncrementCandidate(
  column: Column,
  primaryKey: PrimaryKeyConstraint | undefined,
  constraints: readonly Constraint[],
): boolean {
  return (
    INTEGER_KINDS.has(column.type.kind) &&
    primaryKey?.columns.length === 1 &&
    primaryKey.columns[0] === column.name &&
    !constraints.some((k) => k.type === 'foreign_key' && k.columns.includes(column.name))
  )
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}

/**
 * Collapses constraints that say the same thing twice (a column flag and a table constraint, or a
 * named and an unnamed copy); two differently named copies are both kept, as a database would.
 * @internal
 */
export function mergeDuplicateConstraints(constraints: readonly Constraint[], ctx: ReadContext): Constraint[] {
  const out: Constraint[] = []
  // Content keys, computed only for constraints of the same type: the key includes the type.
  const keys: (string | undefined)[] = []
  for (const c of constraints) {
    let key: string | undefined
    let twin = -1
    for (let i = 0; i < out.length; i++) {
      const o = out[i] as Constraint
      if (o.type !== c.type) continue
      key ??= constraintContentKey(c)
      keys[i] ??= constraintContentKey(o)
      if (keys[i] === key && (!o.name || !c.name || o.name === c.name)) {
        twin = i
        break
      }
    }
    const existing = out[twin]
    if (existing === undefined) {
      out.push(c)
      keys.push(key)
      continue
    }
    if (!existing.name && c.name) out[twin] = ctx.at({ ...existing, name: c.name } as Constraint, ctx.pathOf(c))
  }
  return out
}

/** A string that identifies a constraint's content, ignoring its name and unknown keys. @internal */
export function constraintContentKey(c: Constraint): string {
  const { name: _name, extra: _extra, ...content } = c
  return stableStringify(content)
}

/** JSON with object keys sorted, so equal content always gives the same string. @internal */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      const item = value[i]
      // A hole stays empty, as `Array.prototype.map` + `join` would leave it.
      if (item !== undefined || i in value) out += stableStringify(item)
    }
    return `${out}]`
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    // The default sort compares UTF-16 code units: the same order in every locale and runtime.
    const keys = Object.keys(record).sort()
    let out = '{'
    let first = true
    for (const key of keys) {
      const v = record[key]
      if (v === undefined) continue
      if (!first) out += ','
      first = false
      out += `${JSON.stringify(key)}:${stableStringify(v)}`
    }
    return `${out}}`
  }
  return JSON.stringify(value) ?? 'null'
}
