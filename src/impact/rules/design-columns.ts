import { constraintDisplayName, indexDisplayName, tablePath } from '../../diff/change-path.js'
import type { SchemaChange } from '../../diff/types.js'
import type { Column, Table } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { typeText } from '../finding-text.js'
import type { AnalyzerContext, FindingDraft } from '../types.js'
import { perColumn } from './design-types.js'

// BP: more column and key design rules (catalogue section "BP": Skeema's has-float and zero-date,
// PostgreSQL's "Don't do this" list for json and money, NULLs in unique keys). They judge the
// objects a change introduces and lint a single schema.

const jsonText = defineAnalyzer({
  code: 'BP016',
  title: 'json instead of jsonb',
  dialects: ['postgres'],
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'CREATE TABLE "events" ("id" bigint PRIMARY KEY, "payload" json)',
    why: 'json keeps the text as written and parses it on every access; it has no equality operator and no GIN indexing, which jsonb has.',
    fix: 'jsonb, unless the exact text (key order, duplicate keys, whitespace) must be kept. Opt-in rule; on existing tables BC008 reports json columns while it is enabled.',
  },
  analyze: (change, ctx) =>
    // BC008 already reports json columns added to existing tables, where running queries break.
    change.kind !== 'create_table' && ctx.isEnabled('BC008')
      ? undefined
      : perColumn(
          change,
          (c) => c.type.kind === 'json',
          (at) => ({
            message: `${at} is json: prefer jsonb`,
            explanation:
              'json is stored as text and parsed on every access; jsonb is stored parsed, compares by value and can be indexed.',
            fix: {
              description: 'Use jsonb, unless the exact text (key order, duplicate keys, whitespace) must be kept.',
            },
          }),
        ),
})

const moneyType = defineAnalyzer({
  code: 'BP017',
  title: 'The money type',
  dialects: ['postgres'],
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'CREATE TABLE "orders" ("id" bigint PRIMARY KEY, "total" money)',
    why: 'money has a fixed number of decimals and no currency, and reads and prints according to the lc_monetary setting, so the same value parses differently on another server.',
    fix: 'numeric(p, s), with the currency in a column of its own where it varies. Opt-in rule.',
  },
  analyze: (change) =>
    perColumn(
      change,
      (c) => c.type.kind === 'custom' && c.type.raw.toLowerCase() === 'money',
      (at) => ({
        message: `${at} is money: prefer numeric`,
        explanation:
          'money has fixed decimals and no currency, and its text form follows the lc_monetary setting of the server.',
        fix: { description: 'Use numeric(p, s), with the currency in a column of its own where it varies.' },
      }),
    ),
})

const approximateNumber = defineAnalyzer({
  code: 'BP018',
  title: 'An approximate (floating-point) column',
  dialects: ['postgres', 'mysql'],
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'ALTER TABLE "orders" ADD COLUMN "total" double precision',
    why: 'Binary floating point cannot hold most decimal fractions exactly, so sums drift and equality comparisons fail.',
    fix: 'decimal/numeric for amounts and other exact values; keep floats for measurements. Opt-in rule.',
  },
  analyze: (change) =>
    perColumn(
      change,
      (c) => c.type.kind === 'real' || c.type.kind === 'double' || c.type.kind === 'float',
      (at, c) => ({
        message: `${at} is ${typeText(c.type)}, an approximate type`,
        explanation:
          'Floating point cannot hold most decimal fractions exactly (0.1 + 0.2 is not 0.3), so sums drift and equality comparisons fail.',
        fix: { description: 'Use decimal(p, s) for amounts and other exact values; keep floats for measurements.' },
      }),
    ),
})

const ZERO_DATE = /^'0000-00-00(?:[ T]00:00:00(?:\.0+)?)?'$/

/** Columns whose type or default a change sets. */
function columnsWithDefaults(change: SchemaChange): { at: string; column: Column }[] {
  if (change.kind === 'create_table') {
    const at = tablePath(change.table, change.schema)
    return change.after.columns.map((column) => ({ at: `${at}.${column.name}`, column }))
  }
  if (change.kind === 'add_column') return [{ at: change.path, column: change.after }]
  if (change.kind === 'alter_column' && (change.changes.includes('default') || change.changes.includes('type')))
    return [{ at: change.path, column: change.after }]
  return []
}

const zeroDate = defineAnalyzer({
  code: 'BP019',
  title: 'A zero date default',
  dialects: ['mysql'],
  severity: 'warning',
  lint: true,
  docs: {
    bad: "ALTER TABLE `orders` ADD COLUMN `shipped_at` datetime NOT NULL DEFAULT '0000-00-00 00:00:00'",
    why: 'The zero date is not a date: strict SQL modes with NO_ZERO_DATE (the default since MySQL 5.7) reject it as a default, and many drivers cannot read it.',
    fix: 'Make the column nullable and use NULL for "no date", or default to a real date.',
  },
  analyze: (change) =>
    columnsWithDefaults(change)
      .filter(({ column: c }) => ['date', 'timestamp'].includes(c.type.kind) && ZERO_DATE.test(c.default ?? ''))
      .map(({ at, column }) => ({
        path: at,
        message: `${at} defaults to the zero date ${column.default}`,
        explanation:
          'The zero date is not a date: strict SQL modes with NO_ZERO_DATE (the default since MySQL 5.7) reject the statement, and many drivers cannot read the value.',
        fix: { description: 'Make the column nullable and use NULL for "no date", or default to a real date.' },
      })),
})

/** Unique keys a change introduces: name, path and plain columns. */
function uniqueKeys(change: SchemaChange, ctx: AnalyzerContext): { table: Table; path: string; columns: string[] }[] {
  if (!('table' in change)) return []
  const table = change.kind === 'create_table' ? change.after : ctx.targetTable(change.table, change.schema)
  if (!table) return []
  const at = tablePath(table.name, table.schema)
  const constraints =
    change.kind === 'create_table'
      ? table.constraints
      : change.kind === 'add_constraint' || (change.kind === 'alter_constraint' && change.changes.includes('columns'))
        ? [change.after]
        : []
  const indexes = change.kind === 'create_table' ? table.indexes : change.kind === 'add_index' ? [change.after] : []
  return [
    ...constraints.flatMap((c) =>
      c.type === 'unique' && !c.nullsNotDistinct
        ? [{ table, path: `${at}.${constraintDisplayName(table.name, c)}`, columns: [...c.columns] }]
        : [],
    ),
    ...indexes.flatMap((x) =>
      x.unique && !x.nullsNotDistinct
        ? [
            {
              table,
              path: `${at}.${indexDisplayName(table.name, x)}`,
              columns: x.parts.flatMap((p) => (p.column ? [p.column] : [])),
            },
          ]
        : [],
    ),
  ]
}

const nullableUnique = defineAnalyzer({
  code: 'BP020',
  title: 'A unique key on nullable columns',
  dialects: 'all',
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email")   -- email is nullable',
    why: 'NULL never equals NULL, so any number of rows can hold NULL in a unique column: the key does not make a missing value unique.',
    fix: 'Make the columns NOT NULL when every row has a value, or declare NULLS NOT DISTINCT where the database supports it. Opt-in rule.',
  },
  analyze(change, ctx) {
    return uniqueKeys(change, ctx).flatMap(({ table, path, columns }): FindingDraft[] => {
      const nullable = columns.filter((name) => table.columns.find((c) => c.name === name)?.nullable)
      if (nullable.length === 0) return []
      return [
        {
          path,
          message: `${path} is unique on nullable ${nullable.join(', ')}: rows holding NULL there are never duplicates`,
          explanation:
            'NULL never equals NULL, so any number of rows can hold NULL in these columns while the key stays satisfied.',
          fix: {
            description: `Make ${nullable.join(', ')} NOT NULL if every row has a value, or declare the key NULLS NOT DISTINCT where supported.`,
          },
        },
      ]
    })
  },
})

/** The BP rules on column types, defaults and unique keys added with lintSchema, by code. @internal */
export const designColumnAnalyzers = [jsonText, moneyType, approximateNumber, zeroDate, nullableUnique]
