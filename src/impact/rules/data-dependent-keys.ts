import {
  alreadyUnique,
  changesOfTable,
  constraintColumns,
  indexColumns,
  onExistingTable,
  onlyFreshNullColumns,
  redefinedConstraint,
  type TableChange,
} from '../../diff/change-scope.js'
import type { ForeignKeyConstraint } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { isEmpty, onlyNulls, partialFailureNote, rowsText } from '../finding-text.js'
import { duplicatesQuery, orphansQuery, overlapsQueries, violationsQuery } from '../fix-sql.js'
import { plannedIndexesWithoutBlocking } from '../planned-forms.js'
import type { AnalyzerContext, FindingDraft } from '../types.js'

// DD: new keys and constraints that existing rows can violate (catalogue section "DD", DD001, DD002,
// DD005, DD006; DD012 for PostgreSQL 18's temporal keys).

function concurrentGap(ctx: AnalyzerContext, change: TableChange, columns: readonly string[]): boolean {
  if (change.kind !== 'add_index' || !plannedIndexesWithoutBlocking(ctx, change)) return false
  return changesOfTable(ctx.diff.changes, change.table, change.schema).some(
    (c) =>
      (c.kind === 'drop_constraint' &&
        (c.before.type === 'unique' || c.before.type === 'primary_key') &&
        c.before.columns.every((x) => columns.includes(x))) ||
      (c.kind === 'drop_index' &&
        c.before.unique &&
        indexColumns(c.before, undefined).every((x) => columns.includes(x))),
  )
}

function uniqueFinding(
  ctx: AnalyzerContext,
  change: TableChange,
  columns: readonly string[],
  nullsNotDistinct: boolean,
): FindingDraft | undefined {
  if (!onExistingTable(ctx, change)) return undefined
  if (!nullsNotDistinct && onlyFreshNullColumns(ctx.diff.changes, change.table, change.schema, columns))
    return undefined
  const key = `${change.table}(${columns.join(', ')})`
  const adding =
    change.kind === 'alter_index' && !change.before.unique
      ? `making ${change.path} unique on`
      : `adding unique ${change.path} on`
  const fix = {
    description:
      'Find the duplicates with the query, resolve them, and keep the application from writing new ones until the key exists (validate before insert).',
    sql: [duplicatesQuery(ctx, change.table, change.schema, columns)],
  }
  const invalidIndex = ctx.dialect.capabilities.concurrentIndexes
    ? ' A failed concurrent build leaves an invalid index behind that must be dropped before retrying.'
    : ''
  if (alreadyUnique(ctx.diff.changes, ctx.from, change.table, change.schema, columns)) {
    if (!concurrentGap(ctx, change, columns)) return undefined
    return {
      message: `${change.path} is built concurrently after the old unique key on ${key} is dropped: duplicates written in between make it fail`,
      explanation: `The existing rows are unique, but the plan drops the old key inside the transaction and builds the new index concurrently after the commit. Rows the application writes in between are not checked.${invalidIndex}`,
      fix: { ...fix, description: 'Build the new unique index first, then drop the old key in a later migration.' },
    }
  }
  const explanation = `Creating the key checks every existing row and one duplicate aborts the migration: it works on a fresh development database and fails on production data.${invalidIndex}${partialFailureNote(ctx)}`
  const table = ctx.tableProfile(change.table, change.schema)
  const only = columns.length === 1 ? ctx.columnProfile(change.table, columns[0] as string, change.schema) : undefined
  if (isEmpty(table)) {
    return {
      severity: 'info',
      message: `${adding} ${key} is safe: the table is empty`,
      explanation,
      fix,
    }
  }
  if (table && only?.distinct !== undefined && only.nulls !== undefined) {
    const duplicates = table.rows - only.nulls - only.distinct + (nullsNotDistinct ? Math.max(0, only.nulls - 1) : 0)
    if (duplicates > 0) {
      return {
        severity: 'danger',
        message: `${adding} ${key} fails: ${rowsText(duplicates)} repeat an existing value`,
        explanation,
        fix,
      }
    }
    return {
      severity: 'info',
      message: `${adding} ${key} is safe: every value is distinct`,
      explanation,
      fix,
    }
  }
  return { message: `${adding} ${key} fails if existing rows share a value`, explanation, fix }
}

const uniqueAdded = defineAnalyzer({
  code: 'DD001',
  title: 'A new unique key fails on duplicate rows',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email")',
    why: 'Building the key checks every existing row; one duplicate aborts the migration. It passes on a development database and fails on production data.',
    fix: 'Find and resolve duplicates first (the fix has the query) and keep the application from writing new ones. Not reported when the rows were already unique on those columns, or when the key is on columns this migration adds (NULL in every row). A profile with `distinct` and `nulls` makes it info or danger.',
  },
  analyze(change, ctx) {
    if (
      (change.kind === 'add_constraint' || change.kind === 'alter_constraint') &&
      (change.after.type === 'unique' || change.after.type === 'primary_key')
    ) {
      if (change.after.withoutOverlaps) return undefined // DD012: overlaps, not duplicates
      if (
        change.kind === 'alter_constraint' &&
        !change.changes.includes('columns') &&
        !change.changes.includes('nullsNotDistinct')
      )
        return undefined
      return uniqueFinding(
        ctx,
        change,
        change.after.columns,
        change.after.type === 'unique' && change.after.nullsNotDistinct === true,
      )
    }
    if (change.kind === 'add_index' || (change.kind === 'alter_index' && change.before.unique)) {
      if (!change.after.unique || (change.kind === 'alter_index' && change.changes.every((f) => f === 'name')))
        return undefined
      const columns = indexColumns(change.after, ctx.targetTable(change.table, change.schema))
      return uniqueFinding(ctx, change, columns, change.after.nullsNotDistinct === true)
    }
    return undefined
  },
})

const indexMadeUnique = defineAnalyzer({
  code: 'DD002',
  title: 'Making an index unique fails on duplicate rows',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'index "ix_users_email" on ("email"): unique false -> true',
    why: 'The index is rebuilt as unique and every existing row is checked; one duplicate aborts the migration.',
    fix: 'Find and resolve duplicates first (the fix has the query); a profile with `distinct` and `nulls` makes it info or danger.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_index' || change.before.unique || !change.after.unique) return undefined
    const columns = indexColumns(change.after, ctx.targetTable(change.table, change.schema))
    return uniqueFinding(ctx, change, columns, change.after.nullsNotDistinct === true)
  },
})

const checkAdded = defineAnalyzer({
  code: 'DD005',
  title: 'A new CHECK fails on rows that violate it',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "orders" ADD CONSTRAINT "ck_total" CHECK (total >= 0)',
    why: 'Every existing row is checked; one violation aborts the migration.',
    fix: 'Count and fix violating rows first (the fix has the query); on PostgreSQL add it NOT VALID and VALIDATE later. Not reported for checks that read only columns this migration adds (NULL in every row, so the check passes), or where the engine ignores CHECK.',
  },
  analyze(change, ctx) {
    const c = redefinedConstraint(change)
    if (c?.type !== 'check' || !onExistingTable(ctx, change) || !ctx.facts.enforcesChecks(ctx.version)) return undefined
    const columns = constraintColumns(c, ctx.targetTable(change.table, change.schema))
    if (onlyFreshNullColumns(ctx.diff.changes, change.table, change.schema, columns)) return undefined
    const count = violationsQuery(ctx, change.table, change.schema, c.expression)
    const twoStep = ctx.dialect.capabilities.notValidConstraints ? ctx.planSql([change], { notValid: true }) : undefined
    const sql = [...(count ? [count] : []), ...(twoStep ?? [])]
    return {
      message: `adding ${change.path} fails if existing rows violate CHECK (${c.expression})`,
      explanation: `The database evaluates the check on every row and aborts at the first one that is false.${partialFailureNote(ctx)}`,
      fix: {
        description: twoStep
          ? 'Count and fix the violating rows first; add the check NOT VALID (new rows are checked at once) and VALIDATE CONSTRAINT once the old rows are fixed.'
          : 'Count and fix the violating rows first, then add the check.',
        ...(sql.length > 0 ? { sql } : {}),
      },
    }
  },
})

const foreignKeyAdded = defineAnalyzer({
  code: 'DD006',
  title: 'A new foreign key fails on orphaned rows',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")',
    why: "Every existing row must reference an existing parent; one orphan aborts the migration (SQLite's rebuild only reports orphans through PRAGMA foreign_key_check).",
    fix: 'Count and fix orphans first (the fix has the query); on PostgreSQL add the key NOT VALID and VALIDATE it later. Not reported for keys on columns this migration adds, or when only the ON DELETE/UPDATE actions change.',
  },
  analyze(change, ctx) {
    const fk = redefinedConstraint(change)
    if (fk?.type !== 'foreign_key' || !onExistingTable(ctx, change)) return undefined
    if (onlyFreshNullColumns(ctx.diff.changes, change.table, change.schema, fk.columns)) return undefined
    return orphanFinding(ctx, change, fk)
  },
})

function orphanFinding(ctx: AnalyzerContext, change: TableChange, fk: ForeignKeyConstraint): FindingDraft {
  const target = `${change.table}(${fk.columns.join(', ')}) -> ${fk.referencedTable}`
  const twoStep = ctx.dialect.capabilities.notValidConstraints ? ctx.planSql([change], { notValid: true }) : undefined
  const fix = {
    description: twoStep
      ? 'Count and fix the orphans first (delete them, or set the column to NULL); add the key NOT VALID and VALIDATE CONSTRAINT once they are fixed.'
      : 'Count and fix the orphans first (delete them, or set the column to NULL), then add the key.',
    sql: [orphansQuery(ctx, change.table, change.schema, fk), ...(twoStep ?? [])],
  }
  const table = ctx.tableProfile(change.table, change.schema)
  const allNull = fk.columns.every((c) => onlyNulls(table, ctx.columnProfile(change.table, c, change.schema)))
  if (allNull)
    return {
      severity: 'info',
      message: `adding ${change.path} is safe: ${change.table}(${fk.columns.join(', ')}) holds only NULL`,
      explanation: 'The data profile says no row references anything yet.',
      fix,
    }
  if (ctx.facts.foreignKeyOrphans(ctx.version) === 'reported') {
    return {
      message: `adding ${change.path} does not reject orphaned rows in ${target}: PRAGMA foreign_key_check only lists them`,
      explanation:
        'The table is rebuilt with foreign keys off, so existing orphans are copied as they are; the plan runs PRAGMA foreign_key_check, whose rows the runner must treat as a failure and roll back.',
      fix,
    }
  }
  const parentIsNew = ctx.isNewTable(fk.referencedTable, fk.referencedSchema ?? change.schema)
  return {
    message: parentIsNew
      ? `adding ${change.path} fails unless ${change.table}(${fk.columns.join(', ')}) is NULL in every row: ${fk.referencedTable} is created empty by this migration`
      : `adding ${change.path} fails if rows of ${target} reference missing parents`,
    explanation: `The database checks every existing row against the parent table and aborts at the first orphan.${partialFailureNote(ctx)}`,
    fix,
  }
}

/** The DD rules about keys and constraints, by code. @internal */
const temporalKeyAdded = defineAnalyzer({
  code: 'DD012',
  title: 'A key WITHOUT OVERLAPS fails on overlapping or empty ranges',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "bookings" ADD CONSTRAINT "bookings_pk" PRIMARY KEY ("room", "during" WITHOUT OVERLAPS)',
    why: 'PostgreSQL 18 builds a temporal key as a GiST exclusion index: every existing row is checked against the others while ACCESS EXCLUSIVE is held, and two rows of one key whose ranges overlap abort the migration ("could not create exclusion constraint"), as does one empty range ("empty WITHOUT OVERLAPS value found"). It passes on a development database and fails on production data (PostgreSQL 18 manual, CREATE TABLE, WITHOUT OVERLAPS; the lock as for exclusion constraints, strong_migrations add_exclusion_constraint).',
    fix: 'Find overlapping and empty ranges with the query, resolve them, and keep the application from writing new ones until the key exists.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_constraint' && change.kind !== 'alter_constraint') return undefined
    const after = change.after
    if ((after.type !== 'primary_key' && after.type !== 'unique') || !after.withoutOverlaps) return undefined
    const before = change.kind === 'alter_constraint' ? change.before : undefined
    if (
      before &&
      before.type === after.type &&
      before.withoutOverlaps &&
      before.columns.join() === after.columns.join()
    )
      return undefined
    if (!onExistingTable(ctx, change)) return undefined
    const range = after.columns[after.columns.length - 1] as string
    const keys = after.columns.slice(0, -1)
    return {
      message: `${change.path} WITHOUT OVERLAPS on ${change.table}(${after.columns.join(', ')}) fails if two existing rows of one ${keys.join(', ')} have overlapping ${range} ranges, or one ${range} is empty`,
      explanation:
        'PostgreSQL checks every existing row against the others while building the GiST index behind the key; one overlap or one empty range aborts the migration.',
      fix: {
        description: 'Find the overlapping and empty ranges with the queries and resolve them before adding the key.',
        sql: overlapsQueries(ctx, change.table, change.schema, after.columns),
      },
    }
  },
})

export const dataDependentKeyAnalyzers = [uniqueAdded, indexMadeUnique, checkAdded, foreignKeyAdded, temporalKeyAdded]
