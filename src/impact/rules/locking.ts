import { stallsTable } from '../../dialects/dialect-facts.js'
import { tablePath } from '../../diff/change-path.js'
import {
  alreadyUnique,
  changesOfTable,
  indexColumns,
  mentionedColumns,
  onExistingTable,
} from '../../diff/change-scope.js'
import type { ColumnType } from '../../model/column-type.js'
import { compareColumnTypes } from '../../model/type-relation.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { blockedText, concurrentIssueNote, typeText, versionText } from '../finding-text.js'
import { addThenDefaultSql, replaceTypeFix } from '../fix-sql.js'
import { plannedIndexesWithoutBlocking } from '../planned-forms.js'
import type { AnalyzerContext } from '../types.js'

// LK: locks, scans and rewrites that stall a busy table (catalogue section "LK"; constraints and
// NOT NULL are in locking-constraints.ts).

const indexBuild = defineAnalyzer({
  code: 'LK001',
  title: 'Building an index on an existing table without CONCURRENTLY blocks writes',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'CREATE INDEX "ix_orders_created_at" ON "orders" ("created_at")',
    why: 'A plain CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on the table waits.',
    fix: 'CREATE INDEX CONCURRENTLY outside the transaction (`planMigration(diff, { concurrently: true })`). Tables created in the same migration are exempt.',
  },
  analyze(change, ctx) {
    const rebuilt =
      change.kind === 'add_index' || (change.kind === 'alter_index' && !change.changes.every((f) => f === 'name'))
    if (
      !rebuilt ||
      !onExistingTable(ctx, change) ||
      !ctx.dialect.capabilities.concurrentIndexes ||
      plannedIndexesWithoutBlocking(ctx, change)
    )
      return undefined
    const cost = ctx.facts.buildIndex(ctx.version)
    if (!stallsTable(cost)) return undefined
    const table = tablePath(change.table, change.schema)
    const columns = indexColumns(change.after, ctx.targetTable(change.table, change.schema))
    const safe =
      change.after.unique && alreadyUnique(ctx.diff.changes, ctx.from, change.table, change.schema, columns)
        ? ` The rows are already unique on (${columns.join(', ')}), so the build cannot fail on duplicates.`
        : ''
    const oldKeys = changesOfTable(ctx.diff.changes, change.table, change.schema).filter(
      (c) =>
        (c.kind === 'drop_constraint' &&
          c.before.type === 'unique' &&
          c.before.columns.every((x) => columns.includes(x))) ||
        (c.kind === 'drop_index' && c.before.unique === true),
    )
    const built = ctx.planSql([change], { concurrently: true })
    const drops = oldKeys.length > 0 ? ctx.planSql(oldKeys) : []
    const sql = built && drops ? [...built, ...drops] : undefined
    return {
      message: `building ${change.path} ${blockedText(cost, table)} until it finishes`,
      explanation: `CREATE INDEX ${cost.detail} for as long as it reads the whole table.${safe}`,
      fix: {
        description: `Build it with CREATE INDEX CONCURRENTLY outside the transaction (planMigration(diff, { concurrently: true }) writes it that way)${oldKeys.length > 0 ? ', before dropping the key it replaces' : ''}.${concurrentIssueNote(ctx)}`,
        ...(sql ? { sql } : {}),
      },
    }
  },
})

const indexDrop = defineAnalyzer({
  code: 'LK002',
  title: 'Dropping an index without CONCURRENTLY takes an exclusive lock',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'DROP INDEX "ix_orders_created_at"',
    why: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: it waits for running queries, and every query after it queues behind it.',
    fix: 'DROP INDEX CONCURRENTLY outside the transaction (`planMigration(diff, { concurrently: true })`).',
  },
  analyze(change, ctx) {
    if (
      change.kind !== 'drop_index' ||
      !onExistingTable(ctx, change) ||
      !ctx.dialect.capabilities.concurrentIndexes ||
      plannedIndexesWithoutBlocking(ctx, change)
    )
      return undefined
    const cost = ctx.facts.dropIndex(ctx.version)
    if (cost.blocks === 'nothing') return undefined
    const sql = ctx.planSql([change], { concurrently: true })
    return {
      message: `dropping ${change.path} ${cost.detail}`,
      explanation:
        'The drop itself is quick, but the lock request waits behind long-running queries, and every new query on the table waits behind the lock request.',
      fix: {
        description:
          'Drop it with DROP INDEX CONCURRENTLY outside the transaction (planMigration(diff, { concurrently: true })).',
        ...(sql ? { sql } : {}),
      },
    }
  },
})

/** LK004/LK005: a unique or primary key built under an exclusive lock, and the build-then-attach alternative. */
const inlineEnum = (t: ColumnType) => t.kind === 'enum' && t.values !== undefined

/** Foreign keys of the target schema that reference a column, as `table.name`. */
function referencingKeys(ctx: AnalyzerContext, table: string, schema: string | undefined, column: string): string[] {
  return (ctx.to?.tables ?? []).flatMap((t) =>
    t.constraints.flatMap((c) =>
      c.type === 'foreign_key' &&
      c.referencedTable === table &&
      (c.referencedSchema ?? t.schema) === schema &&
      c.referencedColumns.includes(column)
        ? [`${tablePath(t.name, t.schema)}.${c.name ?? ctx.dialect.constraintName(t.name, c)}`]
        : [],
    ),
  )
}

const typeRewrite = defineAnalyzer({
  code: 'LK009',
  title: 'A type change that rewrites the table under a lock',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint   -- was integer',
    why: 'Unless the new type is binary compatible (PostgreSQL: longer varchar, varchar to text, more numeric precision; MySQL: varchar growth within the same length-prefix size), the table and its indexes are rewritten while queries wait; foreign keys and checks on the column are checked again.',
    fix: 'Expand/contract: add a column of the new type, backfill in batches, switch the application, then swap. Narrowing and conversions that can fail are reported by DS005 and DD007 instead.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type') || !onExistingTable(ctx, change))
      return undefined
    const { before, after } = change
    const relation = compareColumnTypes(before.type, after.type)
    if (
      !(relation === 'widen' || relation === 'convert' || relation === 'same') ||
      (inlineEnum(before.type) && inlineEnum(after.type))
    )
      return undefined
    const cost = ctx.facts.changeType(before, after, relation, ctx.version)
    if (!stallsTable(cost)) return undefined
    const source = ctx.sourceTable(change.table, change.schema)
    const keys = referencingKeys(ctx, change.table, change.schema, after.name)
    const checks = (source?.constraints ?? []).flatMap((c) =>
      c.type === 'check' && mentionedColumns(c.expression, [before.name]).length > 0 ? [c.name ?? 'check'] : [],
    )
    const isKey =
      keys.length > 0 ||
      (source?.constraints ?? []).some((c) => c.type === 'primary_key' && c.columns.includes(before.name))
    const extra = [
      ...(keys.length > 0
        ? [
            ` The foreign keys that reference it (${keys.join(', ')}) are checked again, scanning the referencing tables.`,
          ]
        : []),
      ...(checks.length > 0 ? [` Its checks (${checks.join(', ')}) are evaluated again for every row.`] : []),
    ].join('')
    return {
      message: `changing ${change.path} from ${typeText(before.type)} to ${typeText(after.type)} ${cost.detail}`,
      explanation: `The new type is not binary compatible with the old one, so every row is written again while ${blockedText(cost, change.table).replace('blocks', 'the lock blocks')}.${extra}`,
      fix: isKey
        ? {
            description:
              'For a key: add a column of the new type, keep it in sync with a trigger, backfill it in batches, build its unique index concurrently, then swap the keys (and the referencing columns) in one short transaction; or accept the rewrite in a maintenance window.',
          }
        : replaceTypeFix(ctx, change),
    }
  },
})

const defaultRewrite = defineAnalyzer({
  code: 'LK010',
  title: 'Adding a column with a default that rewrites the table',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid()   -- or any default before PostgreSQL 11',
    why: 'A volatile default (and on PostgreSQL 10 and older any default) is written into every existing row while ACCESS EXCLUSIVE is held. PostgreSQL 11+ stores a constant default in the catalog instead.',
    fix: 'Add the column without a default, SET DEFAULT (applies to new rows only, instant), then backfill existing rows in batches.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_column' || !onExistingTable(ctx, change)) return undefined
    const c = change.after
    if (c.default === undefined || c.autoincrement || c.identity || c.generated) return undefined
    const last = change.position === (ctx.targetTable(change.table, change.schema)?.columns.length ?? 0) - 1
    const cost = ctx.facts.addColumn(c, ctx.version, { last: last || ctx.to === undefined })
    if (!stallsTable(cost)) return undefined
    const sql = addThenDefaultSql(ctx, change, c)
    return {
      message: `adding ${change.path} with DEFAULT ${c.default} ${cost.detail} on ${versionText(ctx)}`,
      explanation:
        'Every existing row gets the default written into it while the lock is held, so the wait grows with the table.',
      fix: {
        description:
          'Add the column without a default, SET DEFAULT (applies to new rows only, instant), then backfill existing rows in batches.',
        ...(sql ? { sql } : {}),
      },
    }
  },
})

const generatedRewrite = defineAnalyzer({
  code: 'LK011',
  title: 'Adding an auto-increment, identity or stored generated column rewrites the table',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" ADD COLUMN "id" bigserial',
    why: 'A value is computed and written into every existing row while writes (PostgreSQL: reads too) are blocked.',
    fix: 'Add a plain nullable column, fill it in batches (from a sequence or the expression), then attach the default, identity or key; or use a VIRTUAL generated column where the engine has them.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_column' || !onExistingTable(ctx, change)) return undefined
    const c = change.after
    if (!c.autoincrement && !c.identity && !c.generated?.stored) return undefined
    const cost = ctx.facts.addColumn(c, ctx.version, { last: true })
    if (!stallsTable(cost)) return undefined
    const what = c.generated ? 'stored generated column' : c.identity ? 'identity column' : 'auto-increment column'
    return {
      message: `adding ${what} ${change.path} ${cost.detail}`,
      explanation: 'Each existing row gets its value computed and written while the lock is held.',
      fix: {
        description:
          'Add a plain nullable column, fill it in batches, then attach the sequence default, identity or generation; or use a VIRTUAL generated column where the engine supports it.',
      },
    }
  },
})

const enumCopy = defineAnalyzer({
  code: 'LK013',
  title: 'An ENUM change other than appending values copies the table',
  dialects: ['mysql'],
  severity: 'warning',
  docs: {
    bad: "MODIFY COLUMN \"status\" ENUM('new', 'urgent', 'done')   -- was ENUM('new', 'done')",
    why: 'Appending values at the end is instant; removing, reordering or inserting values, or crossing 255 values, copies the table (ALGORITHM=COPY) while writes wait.',
    fix: 'Only append new values at the end of the list.',
  },
  analyze(change, ctx) {
    const pairs: { path: string; before: ColumnType; after: ColumnType; table: string }[] = []
    if (
      change.kind === 'alter_column' &&
      change.changes.includes('type') &&
      inlineEnum(change.before.type) &&
      inlineEnum(change.after.type)
    ) {
      if (!onExistingTable(ctx, change)) return undefined
      pairs.push({ path: change.path, before: change.before.type, after: change.after.type, table: change.table })
    } else if (change.kind === 'alter_enum' && change.changes.includes('values')) {
      for (const t of ctx.to?.tables ?? []) {
        if (ctx.isNewTable(t.name, t.schema)) continue
        for (const c of t.columns.filter(
          (x) => x.type.kind === 'enum' && x.type.name === change.enum && x.type.schema === change.schema,
        )) {
          pairs.push({
            path: `${tablePath(t.name, t.schema)}.${c.name}`,
            before: { kind: 'enum', values: change.before.values },
            after: { kind: 'enum', values: change.after.values },
            table: t.name,
          })
        }
      }
    }
    return pairs.flatMap((p) => {
      const col = (type: ColumnType) => ({ name: 'c', type, nullable: true })
      const cost = ctx.facts.changeType(col(p.before), col(p.after), compareColumnTypes(p.before, p.after), ctx.version)
      if (!stallsTable(cost)) return []
      return [
        {
          message: `changing the values of ${p.path} ${cost.detail}`,
          explanation:
            'Only appending values at the end (keeping the count on the same side of 255) changes metadata alone; any other change rewrites every row.',
          fix: {
            description:
              'Only append new values at the end of the list; leave obsolete values in place and stop using them.',
          },
        },
      ]
    })
  },
})

const wideIndex = defineAnalyzer({
  code: 'LK021',
  title: 'A non-unique index on more than three columns',
  dialects: 'all',
  severity: 'info',
  docs: {
    bad: 'CREATE INDEX "ix_orders_everything" ON "orders" ("a", "b", "c", "d")',
    why: 'Wide indexes rarely help more than their leading columns and cost space and write time.',
    fix: 'Index the most selective leading columns only, or check with the query plans that the extra columns pay off.',
  },
  analyze(change) {
    if (change.kind !== 'add_index' || change.after.unique || change.after.parts.length <= 3) return undefined
    return {
      message: `${change.path} indexes ${change.after.parts.length} columns`,
      explanation:
        'Queries seldom use more than the leading columns of a non-unique index, while every write maintains all of them.',
      fix: {
        description:
          'Keep the most selective leading columns, or confirm with query plans that the extra columns are used.',
      },
    }
  },
})

/** The LK rules, by code. @internal */
export const lockingAnalyzers = [
  indexBuild,
  indexDrop,
  typeRewrite,
  defaultRewrite,
  generatedRewrite,
  enumCopy,
  wideIndex,
]
