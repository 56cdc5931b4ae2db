import fc from 'fast-check'
import type { ColumnDefinition, Schema, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { fromPool, pick, schemasOf, uniqueSpec } from '../schema-arbitrary.js'

// Generated schemas in PostgreSQL's expressible subset: every schema is valid on its own (defaults
// fit their types, checks and expression indexes fit their columns' types, foreign keys point at a
// primary key of a compatible integer type, enum defaults name a value the enum has). Pools are
// small so that two independent schemas share tables and columns and differ in interesting ways:
// types (with and without USING), nullability, defaults, serial/identity, collations, comments,
// constraints, indexes and enum values (added, removed, reordered).

interface TypeSpec {
  readonly type: string
  readonly family: 'number' | 'text' | 'other'
  readonly defaults: readonly string[]
}

const TYPES: readonly TypeSpec[] = [
  { type: 'integer', family: 'number', defaults: ['0', '7'] },
  { type: 'bigint', family: 'number', defaults: ['-1'] },
  { type: 'smallint', family: 'number', defaults: ['1'] },
  { type: 'decimal(10,2)', family: 'number', defaults: ['0', '1.5'] },
  { type: 'double', family: 'number', defaults: ['0.25'] },
  { type: 'text', family: 'text', defaults: ["'a'", "'zz'"] },
  { type: 'varchar(50)', family: 'text', defaults: ["'a'"] },
  { type: 'varchar(80)', family: 'text', defaults: ["'b'"] },
  { type: 'char(2)', family: 'text', defaults: ["'xy'"] },
  { type: 'boolean', family: 'other', defaults: ['true', 'false'] },
  { type: 'timestamp with time zone', family: 'other', defaults: ['now()'] },
  { type: 'timestamp(3)', family: 'other', defaults: ['CURRENT_TIMESTAMP'] },
  { type: 'date', family: 'other', defaults: ['CURRENT_DATE'] },
  { type: 'uuid', family: 'other', defaults: ['gen_random_uuid()'] },
  { type: 'jsonb', family: 'other', defaults: ["'{}'"] },
  { type: 'mood', family: 'other', defaults: ["'ok'"] },
  { type: 'mood[]', family: 'other', defaults: [] },
  { type: 'integer[]', family: 'other', defaults: ["'{}'"] },
  { type: 'text[]', family: 'other', defaults: [] },
  { type: 'inet', family: 'other', defaults: [] },
]
const TABLES = ['accounts', 'orders', 'users', 'items']
const OTHER_COLUMNS = ['name', 'email', 'total', 'status', 'note']
const KEY_KINDS = ['plain', 'serial', 'identity_by_default', 'identity_always'] as const

const columnSpec = fc.record({
  type: fc.nat(TYPES.length - 1),
  nullable: fc.boolean(),
  default: fc.nat(3),
  comment: fc.option(fc.constantFrom('a comment', "it's"), { nil: undefined }),
  collateC: fc.boolean(),
})

const tableSpec = fc.record({
  id: fc.option(fc.record({ big: fc.boolean(), kind: fc.constantFrom(...KEY_KINDS), primaryKey: fc.boolean() }), {
    nil: undefined,
  }),
  userId: fc.option(
    fc.record({ big: fc.boolean(), foreignKey: fc.boolean(), named: fc.boolean(), onDelete: fc.boolean() }),
    { nil: undefined },
  ),
  columns: fromPool(OTHER_COLUMNS.length, columnSpec, { maxLength: 3 }),
  unique: uniqueSpec(5),
  check: fc.option(fc.record({ column: fc.nat(5), named: fc.boolean() }), { nil: undefined }),
  index: fc.option(
    fc.record({
      columns: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      partial: fc.boolean(),
      descending: fc.boolean(),
      expression: fc.boolean(),
      named: fc.boolean(),
    }),
    { nil: undefined },
  ),
  comment: fc.option(fc.constant('table comment'), { nil: undefined }),
})

const schemaSpec = fc.record({
  tables: fromPool(TABLES.length, tableSpec, { maxLength: 3 }),
  mood: fc.record({ others: fc.shuffledSubarray(['sad', 'happy', 'great']), okAt: fc.nat(3), comment: fc.boolean() }),
})

type SchemaSpec = typeof schemaSpec extends fc.Arbitrary<infer T> ? T : never
type TableSpec = typeof tableSpec extends fc.Arbitrary<infer T> ? T : never

function idColumn(spec: NonNullable<TableSpec['id']>): ColumnDefinition {
  const type = spec.big ? 'bigint' : 'integer'
  if (spec.kind === 'serial') return { name: 'id', type, nullable: false, autoincrement: true }
  if (spec.kind === 'plain') return { name: 'id', type, nullable: !spec.primaryKey }
  return {
    name: 'id',
    type,
    nullable: false,
    identity: { generation: spec.kind === 'identity_always' ? 'always' : 'by_default' },
  }
}

function buildTable(name: string, t: TableSpec): TableDefinition & { constraints: Record<string, unknown>[] } {
  const columns: ColumnDefinition[] = []
  const families = new Map<string, TypeSpec['family']>([
    ['id', 'number'],
    ['user_id', 'number'],
  ])
  if (t.id) columns.push(idColumn(t.id))
  if (t.userId) columns.push({ name: 'user_id', type: t.userId.big ? 'bigint' : 'integer' })
  for (const [n, c] of t.columns) {
    const spec = pick(TYPES, c.type)
    const def = c.default < spec.defaults.length ? spec.defaults[c.default] : undefined
    const column: ColumnDefinition = {
      name: pick(OTHER_COLUMNS, n),
      type: spec.type,
      nullable: c.nullable,
      ...(def !== undefined ? { default: def } : {}),
      ...(c.comment ? { comment: c.comment } : {}),
      ...(c.collateC && spec.family === 'text' ? { collation: 'C' } : {}),
    }
    families.set(column.name, spec.family)
    columns.push(column)
  }
  if (columns.length === 0) columns.push({ name: 'note', type: 'text' })
  const colName = (i: number) => pick(columns, i).name
  const constraints: Record<string, unknown>[] = []
  if (t.id?.primaryKey) constraints.push({ type: 'primary_key', columns: ['id'] })
  if (t.unique) {
    const cols = [...new Set(t.unique.columns.map(colName))]
    constraints.push({
      type: 'unique',
      columns: cols,
      ...(t.unique.named ? { name: `uq_${name}_${cols.join('_')}` } : {}),
    })
  }
  const checked = t.check ? colName(t.check.column) : undefined
  if (t.check && checked && families.get(checked) !== 'other') {
    const expression = families.get(checked) === 'number' ? `${checked} >= 0` : `length(${checked}) > 0`
    constraints.push({ type: 'check', expression, ...(t.check.named ? { name: `ck_${name}` } : {}) })
  }
  const indexes: Record<string, unknown>[] = []
  if (t.index) {
    const cols = [...new Set(t.index.columns.map(colName))]
    const first = cols[0] as string
    const parts =
      t.index.expression && families.get(first) === 'text'
        ? [{ expression: `lower(${first})` }]
        : cols.map((column) => (t.index?.descending ? { column, descending: true } : column))
    indexes.push({
      columns: parts,
      ...(t.index.named ? { name: `ix_${name}_${cols.join('_')}` } : {}),
      ...(t.index.unique ? { unique: true } : {}),
      ...(t.index.partial ? { where: `${first} IS NOT NULL` } : {}),
    })
  }
  return { name, columns, constraints, indexes, ...(t.comment ? { comment: t.comment } : {}) }
}

/** Resolves random choices into a valid PostgreSQL schema definition. */
export function buildPostgresDefinition(spec: SchemaSpec): SchemaDefinition {
  const values = [...spec.mood.others]
  values.splice(spec.mood.okAt % (values.length + 1), 0, 'ok')
  const tables = spec.tables.map(([n, t]) => buildTable(pick(TABLES, n), t))
  // Foreign keys last, against the tables that exist: user_id -> users.id when users has that key.
  const users = tables.find((t) => t.name === 'users')
  const target = users?.constraints?.some((c) => c.type === 'primary_key') ? users : undefined
  for (const [i, [, t]] of spec.tables.entries()) {
    const table = tables[i]
    if (!table || !t.userId?.foreignKey || !target) continue
    table.constraints.push({
      type: 'foreign_key',
      columns: ['user_id'],
      referencedTable: 'users',
      referencedColumns: ['id'],
      ...(t.userId.onDelete ? { onDelete: 'cascade' } : {}),
      ...(t.userId.named ? { name: `fk_${table.name}_user` } : {}),
    })
  }
  return { enums: [{ name: 'mood', values, ...(spec.mood.comment ? { comment: 'feelings' } : {}) }], tables }
}

/** Valid PostgreSQL schemas, in normal form. */
export const arbitraryPostgresSchema: fc.Arbitrary<Schema> = schemasOf(schemaSpec, buildPostgresDefinition)
