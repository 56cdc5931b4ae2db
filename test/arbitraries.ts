import fc from 'fast-check'
import type { Schema, SchemaDefinition, TableDefinition } from '../src/index.js'
import { defineSchema } from '../src/index.js'

// Generators of valid schemas for property tests. Random choices are drawn as plain numbers and then
// resolved against what exists (tables, columns), so every generated definition is valid.
// Name and value pools are small on purpose: two independent schemas then share many tables and
// columns, which is where diffs are interesting. Defaults in the pool are never equivalent to each
// other, so "diff is empty" and "deep-equal" mean the same thing for generated schemas.

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
  'decimal(10,2)',
  'uuid',
  'jsonb',
  'mood',
  'integer[]',
  'citext',
]
const DEFAULTS = [undefined, undefined, '0', '7', "'a'", "'zz'", 'now()']
const CHECKS = ['id > 0', 'total >= 0', 'length(name) > 2']
const ACTIONS = [undefined, 'cascade', 'set_null', 'restrict'] as const

const columnSpec = fc.record({
  type: fc.nat(TYPES.length - 1),
  nullable: fc.boolean(),
  default: fc.nat(DEFAULTS.length - 1),
  comment: fc.option(fc.constantFrom('a comment', 'another'), { nil: undefined }),
})

const tableSpec = fc.record({
  columns: fc.uniqueArray(fc.tuple(fc.nat(COLUMNS.length - 1), columnSpec), {
    minLength: 1,
    maxLength: 5,
    selector: ([n]) => n,
  }),
  primaryKey: fc.option(fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  unique: fc.option(
    fc.record({ columns: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }), named: fc.boolean() }),
    { nil: undefined },
  ),
  check: fc.option(fc.record({ expression: fc.nat(CHECKS.length - 1), named: fc.boolean() }), { nil: undefined }),
  foreignKey: fc.option(
    fc.record({
      table: fc.nat(10),
      column: fc.nat(10),
      target: fc.nat(10),
      onDelete: fc.nat(ACTIONS.length - 1),
      named: fc.boolean(),
    }),
    {
      nil: undefined,
    },
  ),
  index: fc.option(
    fc.record({
      columns: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      where: fc.boolean(),
    }),
    {
      nil: undefined,
    },
  ),
  comment: fc.option(fc.constant('table comment'), { nil: undefined }),
  // MySQL table options: compared only when both versions state them, names without case.
  options: fc.record(
    {
      engine: fc.constantFrom('InnoDB', 'innodb', 'MyISAM'),
      charset: fc.constantFrom('utf8mb4', 'latin1'),
      collation: fc.constantFrom('utf8mb4_bin', 'latin1_swedish_ci'),
      rowFormat: fc.constantFrom('DYNAMIC', 'COMPACT'),
    },
    { requiredKeys: [] },
  ),
})

const schemaSpec = fc.record({
  tables: fc.uniqueArray(fc.tuple(fc.nat(TABLES.length - 1), tableSpec), { maxLength: 4, selector: ([n]) => n }),
  mood: fc.option(fc.subarray(['sad', 'ok', 'happy', 'great'], { minLength: 1 }), { nil: undefined }),
})

type SchemaSpec = typeof schemaSpec extends fc.Arbitrary<infer T> ? T : never

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T

/** Resolves random choices into a valid schema definition. */
export function buildDefinition(spec: SchemaSpec): SchemaDefinition {
  const enums = spec.mood ? [{ name: 'mood', values: spec.mood }] : []
  const tables: TableDefinition[] = spec.tables.map(([t, ts]) => {
    const columns = ts.columns.map(([c, cs]) => {
      let type = pick(TYPES, cs.type)
      if (type === 'mood' && !spec.mood) type = 'text'
      const def = pick(DEFAULTS, cs.default)
      return {
        name: pick(COLUMNS, c),
        type,
        nullable: cs.nullable,
        ...(def !== undefined ? { default: def } : {}),
        ...(cs.comment ? { comment: cs.comment } : {}),
      }
    })
    const name = (i: number) => pick(columns, i).name
    const constraints: Record<string, unknown>[] = []
    if (ts.primaryKey) constraints.push({ type: 'primary_key', columns: [...new Set(ts.primaryKey.map(name))] })
    if (ts.unique) {
      const cols = [...new Set(ts.unique.columns.map(name))]
      constraints.push({ type: 'unique', columns: cols, ...(ts.unique.named ? { name: `uq_${cols.join('_')}` } : {}) })
    }
    if (ts.check)
      constraints.push({
        type: 'check',
        expression: pick(CHECKS, ts.check.expression),
        ...(ts.check.named ? { name: 'ck' } : {}),
      })
    const indexes: Record<string, unknown>[] = []
    if (ts.index) {
      const cols = [...new Set(ts.index.columns.map(name))]
      indexes.push({
        name: `ix_${cols.join('_')}`,
        columns: cols,
        ...(ts.index.unique ? { unique: true } : {}),
        ...(ts.index.where ? { where: 'id > 10' } : {}),
      })
    }
    return {
      name: pick(TABLES, t),
      columns,
      constraints,
      indexes,
      ...(ts.comment ? { comment: ts.comment } : {}),
      ...ts.options,
    }
  })
  // Foreign keys are resolved last, against the tables that exist.
  for (const [i, [, ts]] of spec.tables.entries()) {
    const fk = ts.foreignKey
    const table = tables[i]
    if (!fk || !table) continue
    const target = pick(tables, fk.table)
    const action = pick(ACTIONS, fk.onDelete)
    const constraint = {
      type: 'foreign_key',
      columns: [pick(table.columns, fk.column).name],
      referencedTable: target.name,
      referencedColumns: [pick(target.columns, fk.target).name],
      ...(action ? { onDelete: action } : {}),
      ...(fk.named ? { name: `fk_${table.name}` } : {}),
    }
    tables[i] = { ...table, constraints: [...(table.constraints ?? []), constraint] }
  }
  return { enums, tables }
}

/** Valid schemas, in normal form. */
export const arbitrarySchema: fc.Arbitrary<Schema> = schemaSpec.map((spec) => defineSchema(buildDefinition(spec)))
