import { tablePath } from '../../diff/change-path.js'
import type { SchemaChange } from '../../diff/types.js'
import type { Column, ForeignKeyConstraint, Index, Table } from '../../model/types.js'
import { findTable, indexColumns } from '../change-scope.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { typeText } from '../finding-text.js'
import { synthetic } from '../fix-sql.js'
import type { AnalyzerContext } from '../types.js'

// BP: design problems a change introduces (catalogue section "BP / NM"); the opt-in type preferences
// are in design-types.ts.

/** Columns a change introduces (new tables, added columns, changed types). */
const noPrimaryKey = defineAnalyzer({
  code: 'BP005',
  title: 'A table without a primary key',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'CREATE TABLE "events" ("at" timestamptz, "payload" jsonb)',
    why: 'Rows cannot be addressed reliably; logical replication, many ORMs and online schema change tools need a primary key.',
    fix: 'Add a primary key (a bigint identity column if nothing else identifies a row).',
  },
  analyze(change) {
    if (change.kind !== 'create_table' || change.after.constraints.some((c) => c.type === 'primary_key'))
      return undefined
    return {
      message: `table ${change.path} has no primary key`,
      explanation:
        'Rows cannot be updated or deleted one by one reliably, and replication, ORMs and online schema change tools need a primary key.',
      fix: { description: 'Add a primary key; a bigint identity column if nothing else identifies a row.' },
    }
  },
})

/** Whether some index or key of the table starts with exactly these columns (in any order). */
function covered(table: Table, columns: readonly string[]): boolean {
  const leads = (cols: readonly string[]) =>
    cols.length >= columns.length && columns.every((c) => cols.slice(0, columns.length).includes(c))
  return (
    table.indexes.some((x) => x.where === undefined && leads(indexColumns(x, table))) ||
    table.constraints.some((c) => (c.type === 'primary_key' || c.type === 'unique') && leads(c.columns))
  )
}

/** Foreign keys a change adds or redefines, with the table they are on. */
function addedForeignKeys(change: SchemaChange): ForeignKeyConstraint[] {
  if (change.kind === 'create_table')
    return change.after.constraints.filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key')
  if ((change.kind === 'add_constraint' || change.kind === 'alter_constraint') && change.after.type === 'foreign_key') {
    return change.kind === 'alter_constraint' && !change.changes.includes('columns') ? [] : [change.after]
  }
  return []
}

const unindexedForeignKey = defineAnalyzer({
  code: 'BP006',
  title: 'A foreign key without an index on its columns',
  dialects: ['postgres', 'sqlite'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "posts" ADD FOREIGN KEY ("user_id") REFERENCES "users" ("id")   -- no index on posts.user_id',
    why: 'Every delete or key update in the parent table scans the child table to check or cascade, and joins on the key cannot use an index (MySQL creates one itself).',
    fix: 'Create an index whose leading columns are the foreign key columns (concurrently on an existing table).',
  },
  analyze(change, ctx) {
    if (ctx.facts.indexesForeignKeys || !('table' in change)) return undefined
    const table = change.kind === 'create_table' ? change.after : ctx.targetTable(change.table, change.schema)
    if (!table) return undefined
    return addedForeignKeys(change)
      .filter((fk) => !covered(table, fk.columns))
      .map((fk) => {
        const index: Index = { parts: fk.columns.map((column) => ({ column })) }
        const add = synthetic({
          kind: 'add_index',
          table: table.name,
          ...(table.schema ? { schema: table.schema } : {}),
          after: index,
        })
        const sql = ctx.planSql([add], { concurrently: !ctx.isNewTable(table.name, table.schema) })
        return {
          message: `foreign key ${tablePath(table.name, table.schema)}(${fk.columns.join(', ')}) -> ${fk.referencedTable} has no index on its columns`,
          explanation: `Deleting or re-keying a row of ${fk.referencedTable} scans ${table.name} to find its children, and joins on the key cannot use an index.`,
          fix: {
            description: 'Create an index whose leading columns are the foreign key columns.',
            ...(sql ? { sql } : {}),
          },
        }
      })
  },
})

const redundantIndex = defineAnalyzer({
  code: 'BP007',
  title: 'An index another index already covers',
  dialects: 'all',
  severity: 'info',
  docs: {
    bad: 'CREATE INDEX "ix_a" ON "t" ("a")   -- while an index on ("a", "b") exists',
    why: 'A non-unique index whose columns lead another index (or key) adds write cost without helping reads.',
    fix: 'Drop the new index and rely on the wider one.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_index' || change.after.unique || change.after.where !== undefined) return undefined
    const table = ctx.targetTable(change.table, change.schema)
    if (!table || change.after.parts.some((p) => p.column === undefined)) return undefined
    const mine = change.after.parts.map((p) => p.column as string)
    const leads = (cols: readonly string[]) => cols.length >= mine.length && mine.every((c, i) => cols[i] === c)
    const other =
      table.indexes.find(
        (x) =>
          x !== change.after &&
          x.name !== change.after.name &&
          x.where === undefined &&
          (x.using ?? 'btree') === (change.after.using ?? 'btree') &&
          leads(indexColumns(x, table)),
      )?.name ??
      table.constraints.find((c) => (c.type === 'primary_key' || c.type === 'unique') && leads(c.columns))?.name
    if (other === undefined) return undefined
    return {
      message: `${change.path} is covered by ${other}, which starts with the same columns`,
      explanation: 'Queries that can use this index can use the wider one, while every write maintains both.',
      fix: { description: `Leave ${change.path} out and rely on ${other}.` },
    }
  },
})

/** Names a change introduces, with what they name. */
function introducedNames(change: SchemaChange): { name: string; what: string }[] {
  switch (change.kind) {
    case 'create_table': {
      const t = change.after
      return [
        { name: t.name, what: 'table' },
        ...t.columns.map((c) => ({ name: c.name, what: `column of ${t.name}` })),
        ...t.constraints.flatMap((c) => (c.name ? [{ name: c.name, what: `constraint of ${t.name}` }] : [])),
        ...t.indexes.flatMap((x) => (x.name ? [{ name: x.name, what: `index of ${t.name}` }] : [])),
      ]
    }
    case 'rename_table':
      return [{ name: change.table, what: 'table' }]
    case 'add_column':
    case 'rename_column':
      return [{ name: change.column, what: `column of ${change.table}` }]
    case 'add_constraint':
    case 'add_index':
      return change.after.name
        ? [
            {
              name: change.after.name,
              what: `${change.kind === 'add_index' ? 'index' : 'constraint'} of ${change.table}`,
            },
          ]
        : []
    case 'create_enum':
      return [{ name: change.enum, what: 'enum type' }]
    default:
      return []
  }
}

const longIdentifier = defineAnalyzer({
  code: 'BP008',
  title: 'An identifier longer than the database allows',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'CREATE TABLE "customer_subscription_billing_period_adjustment_history_entries_archive" (...)',
    why: 'PostgreSQL silently truncates names to 63 bytes (two long names can collide, and later diffs see a different name); MySQL rejects names over 64 characters.',
    fix: 'Use a shorter name.',
  },
  analyze(change, ctx) {
    const limit = ctx.dialect.capabilities.maxIdentifierLength
    const mode = ctx.facts.longIdentifiers
    if (mode === 'allowed') return undefined
    const bytes = (s: string) => new TextEncoder().encode(s).length
    return introducedNames(change)
      .filter((n) => bytes(n.name) > limit)
      .map((n) => ({
        severity: mode === 'rejected' ? ('danger' as const) : ('warning' as const),
        message:
          mode === 'rejected'
            ? `${n.what} name "${n.name}" is longer than ${limit}: the statement fails`
            : `${n.what} name "${n.name}" is longer than ${limit} bytes and is silently truncated`,
        explanation:
          mode === 'rejected'
            ? `${ctx.version.label} rejects identifiers longer than ${limit} characters.`
            : `${ctx.version.label} cuts identifiers to ${limit} bytes without an error: two long names can end up equal, and the database reports a name the schema document does not have.`,
        fix: { description: `Use a name of at most ${limit} bytes.` },
      }))
  },
})

const cascadeDelete = defineAnalyzer({
  code: 'BP013',
  title: 'ON DELETE CASCADE',
  dialects: 'all',
  severity: 'info',
  enabledByDefault: false,
  docs: {
    bad: 'FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE',
    why: 'One DELETE silently removes rows in other tables, possibly many, under locks on all of them.',
    fix: 'Delete children explicitly in the application, or keep CASCADE where it is clearly wanted. Opt-in rule.',
  },
  analyze(change) {
    const fks =
      change.kind === 'alter_constraint' && change.after.type === 'foreign_key' && change.changes.includes('onDelete')
        ? [change.after]
        : addedForeignKeys(change)
    return fks
      .filter((fk) => fk.onDelete === 'cascade')
      .map((fk) => ({
        message: `deleting a row of ${fk.referencedTable} now deletes its rows in ${'table' in change ? change.table : ''} (ON DELETE CASCADE)`,
        explanation: 'A single DELETE removes child rows silently, possibly many, while holding locks on both tables.',
        fix: {
          description: 'Delete children explicitly in the application, or keep CASCADE where it is clearly wanted.',
        },
      }))
  },
})

/** Column pairs of foreign keys in the target schema that involve a column. */
function foreignKeyPairs(ctx: AnalyzerContext, change: SchemaChange) {
  const pairs: { child: Table; fk: ForeignKeyConstraint; a: Column; b: Column; parent: Table }[] = []
  const tables = ctx.to?.tables ?? (change.kind === 'create_table' ? [change.after] : [])
  const added = new Set(addedForeignKeys(change))
  for (const child of tables) {
    for (const fk of child.constraints) {
      if (fk.type !== 'foreign_key') continue
      const parent = findTable(ctx.to, fk.referencedTable, fk.referencedSchema ?? child.schema)
      if (!parent) continue
      for (const [i, name] of fk.columns.entries()) {
        const a = child.columns.find((c) => c.name === name)
        const b = parent.columns.find((c) => c.name === fk.referencedColumns[i])
        if (!a || !b) continue
        const mine =
          [...added].some(
            (x) =>
              x.name === fk.name && x.columns.join() === fk.columns.join() && x.referencedTable === fk.referencedTable,
          ) ||
          (change.kind === 'alter_column' &&
            change.changes.includes('type') &&
            ((child.name === change.table && child.schema === change.schema && a.name === change.column) ||
              (parent.name === change.table && parent.schema === change.schema && b.name === change.column)))
        if (mine) pairs.push({ child, fk, a, b, parent })
      }
    }
  }
  return pairs
}

const foreignKeyTypeMismatch = defineAnalyzer({
  code: 'BP015',
  title: 'Foreign key columns of different types',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint   -- posts.user_id, which references it, stays integer',
    why: 'MySQL and MariaDB reject a foreign key between integers of different sizes (the migration fails); PostgreSQL accepts it, but the referencing column cannot hold every key value.',
    fix: 'Change the referencing (or referenced) columns to the same type in the same migration.',
  },
  analyze(change, ctx) {
    return foreignKeyPairs(ctx, change).flatMap(({ child, a, b, parent }) => {
      const verdict = ctx.facts.foreignKeyTypes(a, b)
      if (!verdict) return []
      const ref = `${tablePath(child.name, child.schema)}.${a.name} (${typeText(a.type)}) references ${tablePath(parent.name, parent.schema)}.${b.name} (${typeText(b.type)})`
      return [
        verdict === 'rejected'
          ? {
              severity: 'danger' as const,
              message: `${ref}: ${ctx.version.label} rejects foreign keys between these types, so the migration fails`,
              explanation: `${ctx.version.label} requires both columns of a foreign key to have the same type (integers of the same size and sign, decimals of the same precision and scale, strings of the same collation).`,
              fix: {
                description: `Change ${child.name}.${a.name} and ${parent.name}.${b.name} to the same type in the same migration.`,
              },
            }
          : {
              message: `${ref}: values of ${parent.name}.${b.name} beyond the range of ${typeText(a.type)} cannot be referenced`,
              explanation: `The foreign key keeps working, but ${child.name}.${a.name} cannot hold every value ${parent.name}.${b.name} can take, and joins compare across types.`,
              fix: {
                description: `Change ${child.name}.${a.name} to ${typeText(b.type)} as well (it is rewritten too).`,
              },
            },
      ]
    })
  },
})

/** The BP rules, by code. @internal */
export const designAnalyzers = [
  noPrimaryKey,
  unindexedForeignKey,
  redundantIndex,
  longIdentifier,
  cascadeDelete,
  foreignKeyTypeMismatch,
]
