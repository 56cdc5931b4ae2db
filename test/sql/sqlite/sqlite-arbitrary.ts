import fc from 'fast-check'
import type { ColumnDefinition, Schema, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { defineSchema } from '../../../src/index.js'
import { fromPool, pick, uniqueSpec } from '../schema-arbitrary.js'

// Schemas inside SQLite's expressible subset (no enums, arrays, comments, identity, namespaces; foreign
// keys to the referenced table's primary key, as SQLite needs for its checks; expressions naming columns
// of their own table; index names unique in the database). Small name pools, so that two independent
// schemas share tables and columns and their diffs are interesting.

const TABLES = ['accounts', 'orders', 'items', 'tags', 'users']
const COLUMNS = ['id', 'name', 'email', 'total', 'created_at', 'status', 'note']
const TYPES = [
  'integer',
  'bigint',
  'text',
  'varchar(50)',
  'varchar(80)',
  'boolean',
  'timestamp with time zone',
  'timestamp(3)',
  'decimal(10,2)',
  'real',
  'uuid',
  'jsonb',
  'blob',
  'date',
  'citext',
]
const DEFAULTS = [undefined, undefined, '0', '7', "'a'", "'zz'", 'now()']
const ACTIONS = [undefined, 'cascade', 'set_null', 'restrict', 'set_default'] as const

const columnSpec = fc.record({
  type: fc.nat(TYPES.length - 1),
  nullable: fc.boolean(),
  default: fc.nat(DEFAULTS.length - 1),
  nocase: fc.boolean(),
})

const tableSpec = fc.record({
  columns: fromPool(COLUMNS.length, columnSpec, { minLength: 1, maxLength: 5 }),
  primaryKey: fc.option(fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  autoincrement: fc.boolean(),
  unique: uniqueSpec(4),
  check: fc.option(fc.record({ column: fc.nat(4), form: fc.boolean(), named: fc.boolean() }), { nil: undefined }),
  generated: fc.option(fc.record({ column: fc.nat(4), stored: fc.boolean() }), { nil: undefined }),
  foreignKey: fc.option(
    fc.record({
      target: fc.nat(10),
      column: fc.nat(4),
      onDelete: fc.nat(ACTIONS.length - 1),
      named: fc.boolean(),
      deferred: fc.boolean(),
    }),
    { nil: undefined },
  ),
  index: fc.option(
    fc.record({
      columns: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      where: fc.boolean(),
      named: fc.boolean(),
      descending: fc.boolean(),
    }),
    { nil: undefined },
  ),
})

const schemaSpec = fromPool(TABLES.length, tableSpec, { maxLength: 4 })

type TableSpec = typeof tableSpec extends fc.Arbitrary<infer T> ? T : never

function buildTable(name: string, ts: TableSpec): TableDefinition {
  const columns: ColumnDefinition[] = ts.columns.map(([c, cs]) => {
    const def = pick(DEFAULTS, cs.default)
    return {
      name: pick(COLUMNS, c),
      type: pick(TYPES, cs.type),
      nullable: cs.nullable,
      ...(def !== undefined ? { default: def } : {}),
      ...(cs.nocase ? { collation: 'NOCASE' } : {}),
    }
  })
  const col = (i: number) => pick(columns, i).name
  const constraints: Record<string, unknown>[] = []
  const pk = ts.primaryKey ? [...new Set(ts.primaryKey.map(col))] : undefined
  if (pk) {
    constraints.push({ type: 'primary_key', columns: pk })
    const only = pk.length === 1 ? columns.findIndex((c) => c.name === pk[0]) : -1
    // SQLite's AUTOINCREMENT: the single integer key column, without a default.
    if (only >= 0 && ts.autoincrement) {
      const { default: _, ...rest } = columns[only] as ColumnDefinition
      columns[only] = { ...rest, type: 'integer', autoincrement: true }
    }
  }
  if (ts.unique) {
    const cols = [...new Set(ts.unique.columns.map(col))]
    constraints.push({
      type: 'unique',
      columns: cols,
      ...(ts.unique.named ? { name: `uq_${name}_${cols.join('_')}` } : {}),
    })
  }
  if (ts.check) {
    const c = col(ts.check.column)
    const expression = ts.check.form ? `length(${c}) < 1000` : `${c} IS NOT NULL OR ${c} IS NULL`
    constraints.push({ type: 'check', expression, ...(ts.check.named ? { name: `ck_${name}` } : {}) })
  }
  const indexes: Record<string, unknown>[] = []
  if (ts.index) {
    const cols = [...new Set(ts.index.columns.map(col))]
    indexes.push({
      ...(ts.index.named ? { name: `ix_${name}_${cols.join('_')}` } : {}),
      columns: cols.map((c, i) => (i === 0 && ts.index?.descending ? { column: c, descending: true } : c)),
      ...(ts.index.unique ? { unique: true } : {}),
      ...(ts.index.where ? { where: `${cols[0]} IS NOT NULL` } : {}),
    })
  }
  if (ts.generated) {
    const source = col(ts.generated.column)
    columns.push({
      name: 'calc',
      type: 'integer',
      generated: { expression: `length(${source})`, stored: ts.generated.stored },
    })
  }
  return { name, columns, constraints, indexes }
}

/** Definitions of valid schemas SQLite can store exactly. */
export const arbitrarySqliteDefinition: fc.Arbitrary<SchemaDefinition> = schemaSpec.map((spec) => {
  const tables = spec.map(([t, ts]) => buildTable(pick(TABLES, t), ts))
  // Foreign keys last: to a table that exists, onto its primary key (SQLite checks need one).
  for (const [i, [, ts]] of spec.entries()) {
    const fk = ts.foreignKey
    const table = tables[i]
    if (!fk || !table) continue
    const target = pick(tables, fk.target)
    const key = target.constraints?.find((c) => c.type === 'primary_key')?.columns as string[] | undefined
    const own = table.columns.filter((c) => !c.generated).map((c) => c.name)
    if (!key || key.length > own.length) continue
    const columns = key.map((_, k) => pick(own, fk.column + k))
    if (new Set(columns).size !== columns.length) continue
    const action = pick(ACTIONS, fk.onDelete)
    tables[i] = {
      ...table,
      constraints: [
        ...(table.constraints ?? []),
        {
          type: 'foreign_key',
          columns,
          referencedTable: target.name,
          referencedColumns: key,
          ...(action ? { onDelete: action } : {}),
          ...(fk.named ? { name: `fk_${table.name}` } : {}),
          ...(fk.deferred ? { deferrable: true, initiallyDeferred: true } : {}),
        },
      ],
    }
  }
  return { tables }
})

/** Valid schemas SQLite can store exactly. */
export const arbitrarySqliteSchema: fc.Arbitrary<Schema> = arbitrarySqliteDefinition.map((d) => defineSchema(d))

const word = (name: string) => new RegExp(`\\b${name}\\b`, 'g')

/**
 * The definition with table `table` renamed to `to` and its column `column` to `toColumn`, everywhere
 * they are named: keys, references from other tables, index parts, and expressions.
 */
export function renameInDefinition(
  def: SchemaDefinition,
  table: string,
  to: string,
  column: string,
  toColumn: string,
): SchemaDefinition {
  const col = (t: string) => (c: string) => (t === table && c === column ? toColumn : c)
  const text = (t: string, e: string) => (t === table ? e.replace(word(column), toColumn) : e)
  return {
    tables: def.tables.map((t) => ({
      ...t,
      name: t.name === table ? to : t.name,
      columns: t.columns.map((c) => ({
        ...c,
        name: col(t.name)(c.name),
        ...(c.generated ? { generated: { ...c.generated, expression: text(t.name, c.generated.expression) } } : {}),
      })),
      constraints: (t.constraints ?? []).map((c) => {
        const out: Record<string, unknown> = { ...c }
        if (Array.isArray(c.columns)) out.columns = (c.columns as string[]).map(col(t.name))
        if (typeof c.expression === 'string') out.expression = text(t.name, c.expression)
        if (c.referencedTable === table) {
          out.referencedTable = to
          out.referencedColumns = (c.referencedColumns as string[]).map(col(table))
        }
        return out
      }),
      indexes: (t.indexes ?? []).map((x) => ({
        ...x,
        columns: (x.columns as (string | { column: string })[]).map((p) =>
          typeof p === 'string' ? col(t.name)(p) : { ...p, column: col(t.name)(p.column) },
        ),
        ...(typeof x.where === 'string' ? { where: text(t.name, x.where) } : {}),
      })),
    })),
  }
}
