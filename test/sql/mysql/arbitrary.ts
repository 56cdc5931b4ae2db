import fc from 'fast-check'
import type { ColumnDefinition, Schema, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { fromPool, pick, schemasOf, uniqueSpec } from '../schema-arbitrary.js'

// Schemas in MySQL/MariaDB's expressible subset (see src/dialects/mysql/dialect.ts): every table has an integer
// `id` primary key (AUTO_INCREMENT or not); foreign keys point at another table's `id` from a `ref_id`
// of the same type; text, blob and json columns are indexed by a prefix; checks avoid AUTO_INCREMENT
// columns and foreign-key columns with actions (MariaDB refuses both); defaults suit their column
// type (MySQL is strict about them). Each column name has a few types, so two schemas differ in type
// as well as in everything else.

const TABLES = ['accounts', 'orders', 'items', 'tags', 'users']
const TYPES: Readonly<Record<string, readonly string[]>> = {
  name: ['varchar(50)', 'varchar(80)', 'text'],
  email: ['varchar(120)', 'char(36)', 'uuid'],
  total: ['decimal(10,2)', 'integer', 'bigint', 'double'],
  created_at: ['timestamp', 'timestamp with time zone', 'timestamp(3)', 'date'],
  status: ["enum('new','done')", "enum('new','done','gone')", 'varchar(20)', 'boolean'],
  note: ['text', 'mediumtext', 'json', 'varchar(255)'],
}
const COLUMNS = Object.keys(TYPES)
const STRING_DEFAULTS = ["''", "'a'", "'it''s \\ ok'"]
const DEFAULTS: readonly [RegExp, readonly string[]][] = [
  [/^(varchar|char|text|mediumtext)/, STRING_DEFAULTS],
  [/^uuid/, ["'00000000-0000-0000-0000-00000000000a'"]],
  [/^(decimal|integer|bigint|double)/, ['0', '7', '-1']],
  [/^timestamp\(3\)/, ['now()']],
  [/^timestamp/, ['now()', "'2020-01-01 00:00:00'"]],
  [/^date/, ["'2020-01-31'", 'current_date']],
  [/^enum/, ["'new'"]],
  [/^boolean/, ['true', 'false']],
  [/^json/, ["'{}'"]],
]
const COMMENTS = ['a comment', 'it\'s "quoted" \\ here']
const ACTIONS = [undefined, 'cascade', 'set_null', 'restrict'] as const
const PREFIXED = /^(text|mediumtext|json)/

const columnSpec = fc.record({
  type: fc.nat(3),
  nullable: fc.boolean(),
  default: fc.nat(4),
  comment: fc.option(fc.nat(1), { nil: undefined }),
})

const tableSpec = fc.record({
  idType: fc.nat(1),
  autoincrement: fc.boolean(),
  columns: fromPool(COLUMNS.length, columnSpec, { maxLength: 4 }),
  unique: uniqueSpec(3),
  check: fc.option(fc.record({ which: fc.nat(2), named: fc.boolean() }), { nil: undefined }),
  foreignKey: fc.option(
    fc.record({ target: fc.nat(4), action: fc.nat(3), named: fc.boolean(), nullable: fc.boolean() }),
    { nil: undefined },
  ),
  index: fc.option(
    fc.record({
      columns: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }),
      descending: fc.boolean(),
      unique: fc.boolean(),
      named: fc.boolean(),
    }),
    { nil: undefined },
  ),
  comment: fc.option(fc.nat(1), { nil: undefined }),
  // Table options: a default collation (the charset follows from it) and a row format, or neither
  // (COMPACT is left out: its 767-byte key limit refuses the utf8mb4 varchar(255) indexes).
  collation: fc.option(fc.constantFrom('utf8mb4_general_ci', 'utf8mb4_bin', 'latin1_swedish_ci'), { nil: undefined }),
  rowFormat: fc.option(fc.constantFrom('DYNAMIC', 'COMPRESSED'), { nil: undefined }),
})

const schemaSpec = fromPool(TABLES.length, tableSpec, { maxLength: 4 })

type Spec = typeof schemaSpec extends fc.Arbitrary<infer T> ? T : never

function columnOf(
  name: string,
  spec: { type: number; nullable: boolean; default: number; comment: number | undefined },
): ColumnDefinition {
  const type = pick(TYPES[name] ?? [], spec.type)
  const defaults = DEFAULTS.find(([re]) => re.test(type))?.[1] ?? []
  const def = spec.default < defaults.length ? defaults[spec.default] : undefined
  return {
    name,
    type,
    nullable: spec.nullable,
    ...(def !== undefined ? { default: def } : {}),
    ...(spec.comment !== undefined ? { comment: pick(COMMENTS, spec.comment) } : {}),
  }
}

/** Resolves random choices into a schema definition in the MySQL expressible subset. */
export function buildMysqlDefinition(spec: Spec): SchemaDefinition {
  const names = spec.map(([t]) => pick(TABLES, t))
  const idTypes = spec.map(([, ts]) => pick(['integer', 'bigint'], ts.idType))
  const tables: TableDefinition[] = spec.map(([, ts], i) => {
    const table = names[i] as string
    const columns: ColumnDefinition[] = [
      {
        name: 'id',
        type: idTypes[i] as string,
        nullable: false,
        ...(ts.autoincrement ? { autoincrement: true as const } : {}),
      },
      ...ts.columns.map(([c, cs]) => columnOf(pick(COLUMNS, c), cs)),
    ]
    const constraints: Record<string, unknown>[] = [{ type: 'primary_key', columns: ['id'] }]
    const fk = ts.foreignKey
    if (fk) {
      const target = fk.target % spec.length
      const action = pick(ACTIONS, fk.action)
      columns.push({ name: 'ref_id', type: idTypes[target] as string, nullable: fk.nullable || action === 'set_null' })
      constraints.push({
        type: 'foreign_key',
        columns: ['ref_id'],
        referencedTable: names[target],
        referencedColumns: ['id'],
        ...(action ? { onDelete: action } : {}),
        ...(fk.named ? { name: `fk_${table}` } : {}),
      })
    }
    const others = columns.slice(1)
    const chosen = (picks: readonly number[]) => [
      ...new Set(picks.filter((n) => n < others.length).map((n) => others[n] as ColumnDefinition)),
    ]
    if (ts.unique) {
      const cols = chosen(ts.unique.columns).map((c) => c.name)
      if (cols.length > 0)
        constraints.push({
          type: 'unique',
          columns: cols,
          ...(ts.unique.named ? { name: `uq_${cols.join('_')}` } : {}),
        })
    }
    if (ts.check) {
      const col = (name: string) => columns.find((c) => c.name === name)
      const options = [
        ts.autoincrement ? undefined : 'id > 0',
        /^(decimal|integer|bigint|double)/.test(col('total')?.type ?? '') ? 'total >= 0' : undefined,
        col('name') ? 'length(name) > 2' : undefined,
      ].filter((x): x is string => x !== undefined)
      if (options.length > 0)
        constraints.push({
          type: 'check',
          expression: pick(options, ts.check.which),
          ...(ts.check.named ? { name: 'ck' } : {}),
        })
    }
    const indexes: Record<string, unknown>[] = []
    if (ts.index) {
      const cols = chosen(ts.index.columns)
      if (cols.length > 0) {
        const parts = cols.map((c, k) => ({
          column: c.name,
          ...(PREFIXED.test(c.type) ? { length: 10 } : {}),
          ...(ts.index?.descending && k === 0 ? { descending: true } : {}),
        }))
        // A plain unique index is a unique key in MySQL: it may not repeat the unique constraint.
        const key = JSON.stringify(cols.map((c) => c.name))
        const repeats = constraints.some((c) => c.type === 'unique' && JSON.stringify(c.columns) === key)
        indexes.push({
          columns: parts,
          ...(ts.index.unique && !repeats ? { unique: true } : {}),
          ...(ts.index.named ? { name: `ix_${cols.map((c) => c.name).join('_')}` } : {}),
        })
      }
    }
    return {
      name: table,
      columns,
      constraints,
      indexes,
      ...(ts.comment !== undefined ? { comment: pick(COMMENTS, ts.comment) } : {}),
      ...(ts.collation !== undefined ? { collation: ts.collation } : {}),
      ...(ts.rowFormat !== undefined ? { rowFormat: ts.rowFormat } : {}),
    }
  })
  return { tables }
}

/** Valid schemas in MySQL/MariaDB's expressible subset, in normal form. */
export const arbitraryMysqlSchema: fc.Arbitrary<Schema> = schemasOf(schemaSpec, buildMysqlDefinition)
