import { constraintDisplayName, indexDisplayName, tablePath } from '../../diff/change-path.js'
import { findTable } from '../../diff/change-scope.js'
import type { SchemaChange } from '../../diff/types.js'
import type { Column, ForeignKeyConstraint, Index, Table } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { typeText } from '../finding-text.js'
import { synthetic } from '../fix-sql.js'
import { coversColumns, unnecessaryIndex } from '../index-coverage.js'
import { introducedNames } from '../introduced-names.js'
import type { AnalyzerContext } from '../types.js'

// BP: design problems a change introduces (catalogue section "BP / NM"); the opt-in type preferences
// are in design-types.ts. Every rule here also lints a single schema (lintSchema sees each table as
// created), so findings name their object in `path`.

const fkPath = (table: Table, fk: ForeignKeyConstraint) =>
  `${tablePath(table.name, table.schema)}.${constraintDisplayName(table.name, fk)}`

const noPrimaryKey = defineAnalyzer({
  code: 'BP005',
  title: 'A table without a primary key',
  dialects: 'all',
  severity: 'warning',
  lint: true,
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
  lint: true,
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
      .filter((fk) => !coversColumns(table, fk.columns))
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
          path: fkPath(table, fk),
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
  title: 'A duplicate index, or one another index already covers',
  dialects: 'all',
  severity: 'info',
  lint: true,
  docs: {
    bad: 'CREATE INDEX "ix_a" ON "t" ("a")   -- while an index on ("a", "b") exists',
    why: 'An index with the same columns, method and filter as another (a duplicate), or a non-unique one whose columns lead another index or key with the same method and filter, adds write cost without helping reads.',
    fix: 'Drop the new index and rely on the wider one.',
  },
  analyze(change, ctx) {
    const table =
      change.kind === 'create_table'
        ? change.after
        : change.kind === 'add_index'
          ? ctx.targetTable(change.table, change.schema)
          : undefined
    if (!table) return undefined
    const at = tablePath(table.name, table.schema)
    // Of two new duplicates only one is reported; an index added next to an existing one always is.
    const added = new Set(
      ctx.diff.changes.flatMap((c) =>
        c.kind === 'add_index' && c.table === table.name && c.schema === table.schema
          ? [indexDisplayName(c.table, c.after)]
          : [],
      ),
    )
    const introduced = (x: Index) => change.kind === 'create_table' || added.has(indexDisplayName(table.name, x))
    const candidates = change.kind === 'add_index' ? [change.after] : table.indexes
    return candidates.flatMap((x) => {
      const found = unnecessaryIndex(table, x, introduced)
      if (!found) return []
      const path = `${at}.${indexDisplayName(table.name, x)}`
      return [
        found.kind === 'duplicate'
          ? {
              path,
              message: `${path} duplicates ${found.by}: same columns, method and filter`,
              explanation: 'Both serve exactly the same queries, while every write maintains both.',
              fix: { description: `Leave ${path} out and rely on ${found.by}.` },
            }
          : {
              path,
              message: `${path} is covered by ${found.by}, which starts with the same columns`,
              explanation: 'Queries that can use this index can use the wider one, while every write maintains both.',
              fix: { description: `Leave ${path} out and rely on ${found.by}.` },
            },
      ]
    })
  },
})

const longIdentifier = defineAnalyzer({
  code: 'BP008',
  title: 'A name the database would truncate or refuse',
  dialects: 'all',
  severity: 'danger',
  lint: true,
  docs: {
    bad: 'CREATE TABLE "customer_subscription_billing_period_adjustment_history_entries_archive" (...)',
    why: 'PostgreSQL silently truncates names to 63 bytes (two long names can collide, and later diffs see a different name); MySQL and MariaDB refuse names over 64 characters, ending in a space or holding characters beyond U+FFFF; SQLite keeps names starting with sqlite_ for itself. planMigration and createSchemaSQL write no SQL for such a name (InvalidIdentifierError).',
    fix: 'Use a name the database stores exactly as written.',
  },
  analyze(change, ctx) {
    const limit = ctx.dialect.capabilities.maxIdentifierLength
    const unit = ctx.dialect.capabilities.identifierLengthUnit ?? 'bytes'
    const length = (s: string) => (unit === 'bytes' ? new TextEncoder().encode(s).length : [...s].length)
    // Built-in dialects say what they would change or refuse; others are held to their length limit.
    const problem = (name: string, kind: string) =>
      ctx.dialect.textProblem
        ? ctx.dialect.textProblem(name, kind === 'table' || kind === 'index' ? kind : 'name')
        : ctx.facts.longIdentifiers !== 'allowed' && length(name) > limit
          ? `longer than ${limit} ${unit}`
          : undefined
    return introducedNames(change, ctx).flatMap((n) => {
      const found = problem(n.name, n.kind)
      if (!found) return []
      return [
        {
          path: n.path,
          message: `${n.what} name "${n.name}" is ${found}`,
          explanation: `${ctx.version.label} would not store this name as written, so planMigration and createSchemaSQL write no SQL for it.`,
          fix: {
            description:
              ctx.facts.longIdentifiers === 'allowed'
                ? 'Use another name.'
                : `Use a name of at most ${limit} ${unit} that the database stores as written.`,
          },
        },
      ]
    })
  },
})

const cascadeDelete = defineAnalyzer({
  code: 'BP013',
  title: 'ON DELETE CASCADE',
  dialects: 'all',
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE',
    why: 'One DELETE silently removes rows in other tables, possibly many, under locks on all of them.',
    fix: 'Delete children explicitly in the application, or keep CASCADE where it is clearly wanted. Opt-in rule.',
  },
  analyze(change) {
    if (!('table' in change)) return undefined
    const fks =
      change.kind === 'alter_constraint' && change.after.type === 'foreign_key' && change.changes.includes('onDelete')
        ? [change.after]
        : addedForeignKeys(change)
    const at = tablePath(change.table, change.schema)
    return fks
      .filter((fk) => fk.onDelete === 'cascade')
      .map((fk) => ({
        path: `${at}.${constraintDisplayName(change.table, fk)}`,
        message: `deleting a row of ${fk.referencedTable} now deletes its rows in ${change.table} (ON DELETE CASCADE)`,
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
        const onChangedTable = 'table' in change && child.name === change.table && child.schema === change.schema
        const mine =
          (onChangedTable &&
            [...added].some(
              (x) =>
                x.name === fk.name &&
                x.columns.join() === fk.columns.join() &&
                x.referencedTable === fk.referencedTable,
            )) ||
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
  lint: true,
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint   -- posts.user_id, which references it, stays integer',
    why: 'MySQL and MariaDB reject a foreign key between integers of different sizes (the migration fails); PostgreSQL accepts it, but the referencing column cannot hold every key value.',
    fix: 'Change the referencing (or referenced) columns to the same type in the same migration.',
  },
  analyze(change, ctx) {
    return foreignKeyPairs(ctx, change).flatMap(({ child, a, b, parent }) => {
      const verdict = ctx.facts.foreignKeyTypes(a, b)
      if (!verdict) return []
      const path = `${tablePath(child.name, child.schema)}.${a.name}`
      const ref = `${path} (${typeText(a.type)}) references ${tablePath(parent.name, parent.schema)}.${b.name} (${typeText(b.type)})`
      return [
        verdict === 'rejected'
          ? {
              path,
              severity: 'danger' as const,
              message: `${ref}: ${ctx.version.label} rejects foreign keys between these types, so the migration fails`,
              explanation: `${ctx.version.label} requires both columns of a foreign key to have the same type (integers of the same size and sign, decimals of the same precision and scale, strings of the same collation).`,
              fix: {
                description: `Change ${child.name}.${a.name} and ${parent.name}.${b.name} to the same type in the same migration.`,
              },
            }
          : {
              path,
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
