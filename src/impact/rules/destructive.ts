import { tablePath } from '../../diff/change-path.js'
import { changesOfTable, indexColumns } from '../../diff/change-scope.js'
import type { DropColumnChange, DropTableChange, RenameCandidate, SchemaChange } from '../../diff/types.js'
import { columnTypesEqual } from '../../model/format-column-type.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { isEmpty, onlyNulls, partialFailureNote, rowsText } from '../finding-text.js'
import { synthetic } from '../fix-sql.js'
import type { AnalyzerContext, FindingDraft } from '../types.js'

// DS: changes that lose data (catalogue section "DS - destructive").

const dropTableCandidates = (ctx: AnalyzerContext, c: DropTableChange) =>
  ctx.diff.renameCandidates.filter((r) => r.target === 'table' && !r.applied && r.from === tablePath(c.table, c.schema))

const dropColumnCandidates = (ctx: AnalyzerContext, c: DropColumnChange) =>
  ctx.diff.renameCandidates.filter(
    (r) => r.target === 'column' && !r.applied && r.table === c.table && r.from === c.column,
  )

/** Drops that DS013 explains as possible renames are left to it. */
const leftToRenameRule = (ctx: AnalyzerContext, candidates: readonly RenameCandidate[]) =>
  candidates.length > 0 && ctx.isEnabled('DS013')

const dropTable = defineAnalyzer({
  code: 'DS002',
  title: 'Dropping a table deletes its rows',
  dialects: 'all',
  severity: 'danger',
  docs: {
    bad: 'DROP TABLE "audit_log"',
    why: 'Every row is gone for good, and any application version still querying the table fails.',
    fix: 'Stop using the table in the application and deploy that first, back the rows up, then drop it in a later (contract) migration. A profile with `rows: 0` turns this into info.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'drop_table' || leftToRenameRule(ctx, dropTableCandidates(ctx, change))) return undefined
    const profile = ctx.tableProfile(change.table, change.schema)
    if (isEmpty(profile)) {
      return {
        severity: 'info',
        message: `dropping table ${change.path} loses no rows: it is empty`,
        explanation: 'The data profile says the table holds no rows, so nothing is lost.',
        fix: { description: 'Nothing to do; make sure no application version still uses the table.' },
      }
    }
    const rows = profile ? ` (${rowsText(profile.rows)})` : ''
    return {
      message: `dropping table ${change.path} deletes all its rows${rows}`,
      explanation:
        'The rows cannot be recovered without a backup, and every application version that still queries the table fails once it is gone.',
      fix: {
        description:
          'Stop using the table in the application and deploy that first; back up or archive the rows; then drop it in a later, contract-phase migration (or rename it to *_old and drop that once nothing broke).',
      },
    }
  },
})

const dropColumn = defineAnalyzer({
  code: 'DS003',
  title: 'Dropping a column deletes its values',
  dialects: 'all',
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE "users" DROP COLUMN "nickname"',
    why: 'The values are gone for good; application versions that still read or write the column (ORMs list every column they know) fail until redeployed.',
    fix: 'Expand/contract: stop reading and writing the column, deploy, then drop it in a later migration. A profile showing only NULLs (or no rows) turns this into info.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'drop_column' || leftToRenameRule(ctx, dropColumnCandidates(ctx, change))) return undefined
    // A virtual generated column stores nothing.
    if (change.before.generated && !change.before.generated.stored) return undefined
    const table = ctx.tableProfile(change.table, change.schema)
    if (onlyNulls(table, ctx.columnProfile(change.table, change.column, change.schema))) {
      return {
        severity: 'info',
        message: `dropping ${change.path} loses no values: it holds only NULL`,
        explanation: 'The data profile says every row holds NULL in this column (or the table is empty).',
        fix: { description: 'Nothing to do; make sure no running application version still names the column.' },
      }
    }
    const rows = table ? ` of ${rowsText(table.rows)}` : ''
    return {
      message: `dropping ${change.path} deletes its values${rows}`,
      explanation:
        'The values cannot be recovered without a backup. Application versions that still read or write the column fail (ORMs that list every column fail even where the code does not use it) until they are redeployed.',
      fix: {
        description:
          'Expand/contract: stop reading and writing the column in the application (ORMs: mark it ignored), deploy, then drop it in a later migration. Back the values up if they may be needed.',
      },
    }
  },
})

/** Tables with foreign keys into `table` whose ON DELETE action changes child rows. */
function cascadingChildren(ctx: AnalyzerContext, table: string, schema?: string): string[] {
  const name = ctx.sourceTable(table, schema)?.name ?? table
  return (ctx.from?.tables ?? []).flatMap((t) =>
    t.constraints.some(
      (c) =>
        c.type === 'foreign_key' &&
        c.referencedTable === name &&
        (c.referencedSchema ?? t.schema) === schema &&
        (c.onDelete === 'cascade' || c.onDelete === 'set_null' || c.onDelete === 'set_default'),
    )
      ? [tablePath(t.name, t.schema)]
      : [],
  )
}

const rebuildCascades = defineAnalyzer({
  code: 'DS009',
  title: 'SQLite table rebuild under a transaction cascades into child rows',
  dialects: ['sqlite'],
  severity: 'warning',
  docs: {
    bad: 'ALTER COLUMN on "users" (SQLite rebuilds it) while "posts"."user_id" REFERENCES "users" ON DELETE CASCADE',
    why: 'The rebuild drops the old table. The plan turns foreign keys off first, but PRAGMA foreign_keys is a no-op inside a transaction: a runner that wraps the script in one transaction lets DROP TABLE delete (or null) every child row silently.',
    fix: "Run the script as planned, with its PRAGMA lines outside any transaction (turn off the runner's per-migration transaction), and treat any row from PRAGMA foreign_key_check as a failure.",
  },
  analyze(change, ctx) {
    if (!('table' in change) || change.kind === 'create_table' || change.kind === 'drop_table') return undefined
    const source = ctx.sourceTable(change.table, change.schema)
    const rebuilds = (c: SchemaChange) => ctx.facts.rebuildsTable(c, ctx.version, source)
    // One finding per table, on its first change that rebuilds it.
    const first = changesOfTable(ctx.diff.changes, change.table, change.schema).find(rebuilds)
    if (first !== change) return undefined
    const children = cascadingChildren(ctx, change.table, change.schema)
    if (children.length === 0) return undefined
    const table = tablePath(change.table, change.schema)
    return {
      message: `rebuilding ${table} deletes or nulls rows of ${children.join(', ')} through ON DELETE actions if the migration runs inside a transaction`,
      explanation: `${ctx.version.label} cannot make this change in place, so the plan copies ${table}, drops the old table and renames the copy. Dropping it deletes its rows first, and with foreign keys on, ON DELETE CASCADE / SET NULL fire in ${children.join(', ')}. The plan switches foreign keys off with PRAGMA foreign_keys = OFF outside the transaction, but that pragma does nothing inside one: a migration runner that wraps the script in BEGIN ... COMMIT loses those rows without an error.`,
      fix: {
        description:
          "Run the script as planned, with its PRAGMA foreign_keys lines outside any transaction (disable the runner's per-migration transaction for it), and roll back if PRAGMA foreign_key_check returns any row.",
      },
    }
  },
})

const dropForeignKey = defineAnalyzer({
  code: 'DS010',
  title: 'Dropping a foreign key stops checking references',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey"',
    why: 'Nothing stops rows from pointing at parents that do not exist any more; orphans accumulate silently.',
    fix: 'Confirm the drop is intended and that the application keeps the references valid (or deletes children itself).',
  },
  analyze(change) {
    if (change.kind !== 'drop_constraint' || change.before.type !== 'foreign_key') return undefined
    const fk = change.before
    return {
      message: `dropping ${change.path} stops checking ${change.table}(${fk.columns.join(', ')}) against ${fk.referencedTable}`,
      explanation:
        'Without the foreign key, inserts, updates and deletes no longer verify the references, so orphaned rows can appear and later break joins or a re-added key.',
      fix: {
        description:
          'Make sure the drop is intended and the application keeps the references valid; clean orphans before adding the key back.',
      },
    }
  },
})

/** Whether another change of the table creates an index whose leading columns cover `columns`. */
function replaced(
  ctx: AnalyzerContext,
  change: SchemaChange & { table: string; schema?: string },
  columns: readonly string[],
): boolean {
  const table = ctx.targetTable(change.table, change.schema)
  const leads = (cols: readonly string[]) => columns.length > 0 && columns.every((c, i) => cols[i] === c)
  return changesOfTable(ctx.diff.changes, change.table, change.schema).some((c) => {
    if (c.kind === 'add_index' || c.kind === 'alter_index') return leads(indexColumns(c.after, table))
    if (
      (c.kind === 'add_constraint' || c.kind === 'alter_constraint') &&
      (c.after.type === 'primary_key' || c.after.type === 'unique')
    )
      return leads(c.after.columns)
    return false
  })
}

const dropIndex = defineAnalyzer({
  code: 'DS011',
  title: 'Dropping an index can slow down the queries that use it',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'DROP INDEX "ix_orders_customer_id"',
    why: 'Queries that relied on the index fall back to scans; on a big table that can take the application down.',
    fix: "Check the database's index usage statistics first, and create any replacement before dropping this one.",
  },
  analyze(change, ctx) {
    const dropped =
      change.kind === 'drop_index'
        ? indexColumns(change.before, ctx.sourceTable(change.table, change.schema))
        : change.kind === 'drop_constraint' && change.before.type === 'unique'
          ? change.before.columns
          : undefined
    if (!dropped || !('table' in change) || replaced(ctx, change, dropped)) return undefined
    // The index goes away with a dropped column anyway; DS003 covers that.
    const droppedColumns = new Set(
      changesOfTable(ctx.diff.changes, change.table, change.schema).flatMap((c) =>
        c.kind === 'drop_column' ? [c.column] : [],
      ),
    )
    if (dropped.some((c) => droppedColumns.has(c))) return undefined
    return {
      message: `dropping ${change.path} removes the index on ${change.table}(${dropped.join(', ')}); queries that use it slow down`,
      explanation: 'Queries that filtered, joined or sorted through the index fall back to scanning the table.',
      fix: {
        description:
          "Check the database's index usage statistics first, and create any replacement before dropping this one.",
      },
    }
  },
})

const primaryKeyChange = defineAnalyzer({
  code: 'DS012',
  title: 'Changing or dropping the primary key',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" DROP CONSTRAINT "users_pkey", ADD PRIMARY KEY ("email")',
    why: 'The key is rebuilt; a failure between the drop and the add leaves the table without a primary key, and replication, ORMs and foreign keys depend on it.',
    fix: 'Build a unique index on the new key columns first (concurrently where possible), then swap the key in one short transaction.',
  },
  analyze(change, ctx) {
    const isKey = (c: { type: string }) => c.type === 'primary_key'
    if (change.kind === 'alter_constraint' && isKey(change.after) && !change.changes.every((f) => f === 'name')) {
      return {
        message: `changing primary key ${change.path} rebuilds it on ${change.table}(${change.after.type === 'primary_key' ? change.after.columns.join(', ') : ''})`,
        explanation: `The old key is dropped and the new one built; a failure in between leaves the table without a primary key, and foreign keys, replication and ORMs rely on it.${partialFailureNote(ctx)}`,
        fix: {
          description: 'Build a unique index on the new key columns first, then swap the key in one short transaction.',
        },
      }
    }
    if (change.kind !== 'drop_constraint' || !isKey(change.before)) return undefined
    const readded = changesOfTable(ctx.diff.changes, change.table, change.schema).some(
      (c) => c.kind === 'add_constraint' && isKey(c.after),
    )
    return {
      message: readded
        ? `replacing primary key ${change.path} leaves ${change.table} without one between the drop and the add`
        : `dropping primary key ${change.path} leaves ${change.table} without a primary key`,
      explanation: `Foreign keys, replication and ORMs rely on the primary key; rows can now be duplicated.${partialFailureNote(ctx)}`,
      fix: {
        description: 'Build a unique index on the new key columns first, then swap the key in one short transaction.',
      },
    }
  },
})

const dropLooksLikeRename = defineAnalyzer({
  code: 'DS013',
  title: 'A drop that looks like a rename loses the data',
  dialects: 'all',
  severity: 'danger',
  docs: {
    bad: 'posts.content dropped and posts.body added with the same type, nullability and position',
    why: 'Planned as drop + add, the migration deletes every value of the old column and adds an empty new one, although a rename would keep them.',
    fix: "If it is a rename, diff again with the hint (`renames: { columns: { 'posts.content': 'body' } }`) so the plan renames the column; otherwise the drop is intended (see DS003).",
  },
  analyze(change, ctx) {
    if (change.kind === 'drop_table') return dropTableCandidates(ctx, change).map((r) => tableRename(change, r))
    if (change.kind !== 'drop_column') return undefined
    return dropColumnCandidates(ctx, change).map((r) => columnRename(ctx, change, r))
  },
})

function tableRename(change: DropTableChange, r: RenameCandidate): FindingDraft {
  const hint = `renames: { tables: { '${r.from}': '${r.to}' } }`
  return {
    message: `dropping table ${change.path} loses its rows; if this is a rename to ${r.to}, pass ${hint}`,
    explanation: `The diff reads ${r.from} -> ${r.to} as a drop and a create (rename score ${r.score}: ${r.reasons.join(', ')}). Planned as is, every row of ${r.from} is deleted and ${r.to} starts empty.`,
    fix: {
      description: `If it is a rename, diff again with ${hint} so the migration renames the table and keeps its rows.`,
    },
  }
}

function columnRename(ctx: AnalyzerContext, change: DropColumnChange, r: RenameCandidate): FindingDraft {
  const table = tablePath(change.table, change.schema)
  const hint = `renames: { columns: { '${table}.${r.from}': '${r.to}' } }`
  const added = ctx.diff.changes.find(
    (c) => c.kind === 'add_column' && c.table === change.table && c.schema === change.schema && c.column === r.to,
  )
  const sameDefinition =
    added?.kind === 'add_column' &&
    columnTypesEqual(added.after.type, change.before.type) &&
    JSON.stringify({ ...added.after, name: '' }) === JSON.stringify({ ...change.before, name: '' })
  const sql =
    sameDefinition && added?.kind === 'add_column'
      ? ctx.planSql([
          synthetic({
            kind: 'rename_column',
            table: change.table,
            ...(change.schema ? { schema: change.schema } : {}),
            column: r.to,
            from: r.from,
            position: added.position,
            previousPosition: change.position,
            before: change.before,
            after: added.after,
          }),
        ])
      : undefined
  const empty = onlyNulls(
    ctx.tableProfile(change.table, change.schema),
    ctx.columnProfile(change.table, change.column, change.schema),
  )
  return {
    ...(empty ? { severity: 'info' as const } : {}),
    message: `dropping ${change.path} loses its data; if this is a rename to ${table}.${r.to}, pass ${hint}`,
    explanation: `The diff reads ${table}.${r.from} -> ${table}.${r.to} as a drop and an add (rename score ${r.score}: ${r.reasons.join(', ')}). Planned as is, the migration deletes every value of ${r.from} and adds an empty ${r.to}.${empty ? ' The data profile says the column holds only NULL, so nothing is lost either way.' : ''}`,
    fix: {
      description: `If it is a rename, diff again with ${hint} so the migration renames the column and keeps its values.`,
      ...(sql ? { sql } : {}),
    },
  }
}

/** The DS rules, by code. @internal */
export const destructiveAnalyzers = [
  dropTable,
  dropColumn,
  rebuildCascades,
  dropForeignKey,
  dropIndex,
  primaryKeyChange,
  dropLooksLikeRename,
]
