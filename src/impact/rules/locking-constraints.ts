import { stallsTable } from '../../dialects/dialect-facts.js'
import { onExistingTable, readdedConstraint } from '../../diff/change-scope.js'
import type { AlterColumnChange, SchemaChange } from '../../diff/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { concurrentIssueNote, versionText } from '../finding-text.js'
import { synthetic } from '../fix-sql.js'
import { plannedValidationAfterCommit } from '../planned-forms.js'
import type { AnalyzerContext, FindingFix } from '../types.js'

// LK: keys and constraints added under locks, and SET NOT NULL (catalogue section "LK", LK004-LK008).

function keyUnderLock(ctx: AnalyzerContext, change: SchemaChange, type: 'unique' | 'primary_key') {
  const c = readdedConstraint(change)
  if (!c || c.type !== type || !onExistingTable(ctx, change)) return undefined
  const cost = ctx.facts.addConstraint(type, ctx.version)
  if (!stallsTable(cost) || cost.blocks !== 'reads_and_writes') return undefined
  const attach = type === 'unique' ? ctx.facts.saferSql?.uniqueUsingIndex : ctx.facts.saferSql?.primaryKeyUsingIndex
  const name = c.name ?? ctx.dialect.constraintName(change.table, c)
  const index = synthetic({
    kind: 'add_index',
    table: change.table,
    ...(change.schema ? { schema: change.schema } : {}),
    after: { name, parts: c.columns.map((column) => ({ column })), unique: true },
  })
  const built = attach ? ctx.planSql([index], { concurrently: true }) : undefined
  const sql = built && attach ? [...built, attach(ctx.dialect, change.table, change.schema, name, name)] : undefined
  const fix: FindingFix = {
    description: `Build a unique index CONCURRENTLY first, then attach it (ADD CONSTRAINT ... ${type === 'unique' ? 'UNIQUE' : 'PRIMARY KEY'} USING INDEX), which only takes a brief lock.${type === 'primary_key' ? ' The key columns must already be NOT NULL.' : ''}${concurrentIssueNote(ctx)}`,
    ...(sql ? { sql } : {}),
  }
  return {
    message: `adding ${change.path} ${cost.detail}`,
    explanation: `ADD CONSTRAINT builds the index while holding the lock, so the table is unavailable for the whole build.`,
    fix,
  }
}

const uniqueConstraint = defineAnalyzer({
  code: 'LK004',
  title: 'ADD UNIQUE builds its index under an exclusive lock',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email")',
    why: 'The unique index is built while ACCESS EXCLUSIVE is held: no reads or writes for the whole build.',
    fix: 'CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX (the fix has both).',
  },
  analyze: (change, ctx) => keyUnderLock(ctx, change, 'unique'),
})

const primaryKey = defineAnalyzer({
  code: 'LK005',
  title: 'ADD PRIMARY KEY builds its index under an exclusive lock',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" ADD PRIMARY KEY ("id")',
    why: 'The index is built (and the columns checked for NULL) while ACCESS EXCLUSIVE is held.',
    fix: 'Make the columns NOT NULL safely (LK008), CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
  },
  analyze: (change, ctx) => keyUnderLock(ctx, change, 'primary_key'),
})

/** LK006/LK007: a foreign key or check validated under a lock, and the NOT VALID alternative. */
function validatedUnderLock(ctx: AnalyzerContext, change: SchemaChange, type: 'foreign_key' | 'check') {
  const c = readdedConstraint(change)
  if (!c || c.type !== type || !onExistingTable(ctx, change)) return undefined
  // Added NOT VALID by the schema itself: existing rows are not scanned.
  if ((c.type === 'check' || c.type === 'foreign_key') && c.notValid) return undefined
  if (type === 'check' && !ctx.facts.enforcesChecks(ctx.version)) return undefined
  if (plannedValidationAfterCommit(ctx, change)) return undefined
  const notValid = ctx.dialect.capabilities.notValidConstraints
  const cost = ctx.facts.addConstraint(type, ctx.version)
  if (!stallsTable(cost)) return undefined
  const sql = notValid ? ctx.planSql([change], { notValid: true }) : undefined
  const verb = change.kind === 'alter_constraint' ? 're-adding' : 'adding'
  return {
    message: `${verb} ${change.path} ${cost.detail}`,
    explanation: `Existing rows are validated while the lock is held, so the wait grows with the table.${change.kind === 'alter_constraint' ? ' Changing it means dropping and adding it again, so the rows are checked again.' : ''}`,
    fix: {
      description: notValid
        ? 'Add it NOT VALID (no scan, brief lock), then VALIDATE CONSTRAINT in a separate transaction, which lets reads and writes continue; planMigration(diff, { notValid: true }) writes both.'
        : 'There is no in-place way to avoid the lock: run it when the table is quiet, or use an online schema change tool (gh-ost, pt-online-schema-change) on big tables.',
      ...(sql ? { sql } : {}),
    },
  }
}

const foreignKeyLock = defineAnalyzer({
  code: 'LK006',
  title: 'Adding a foreign key validates every row under a lock',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")',
    why: 'PostgreSQL scans the table under SHARE ROW EXCLUSIVE locks on both tables (no writes to either); MySQL copies the table while foreign_key_checks is on.',
    fix: 'PostgreSQL: ADD ... NOT VALID, then VALIDATE CONSTRAINT in another transaction (`planMigration(diff, { notValid: true })`). MySQL: an online schema change tool for big tables.',
  },
  analyze: (change, ctx) => validatedUnderLock(ctx, change, 'foreign_key'),
})

const checkLock = defineAnalyzer({
  code: 'LK007',
  title: 'Adding a CHECK validates every row under a lock',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "orders" ADD CONSTRAINT "ck_total" CHECK (total >= 0)',
    why: 'PostgreSQL scans the table under ACCESS EXCLUSIVE (no reads or writes); MySQL copies the table.',
    fix: 'PostgreSQL: ADD ... NOT VALID, then VALIDATE CONSTRAINT (`planMigration(diff, { notValid: true })`). MySQL: an online schema change tool for big tables.',
  },
  analyze: (change, ctx) => validatedUnderLock(ctx, change, 'check'),
})

const notNullScan = defineAnalyzer({
  code: 'LK008',
  title: 'SET NOT NULL scans the table under an exclusive lock',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL',
    why: 'Every row is read while ACCESS EXCLUSIVE is held.',
    fix: 'PostgreSQL 12+: ADD CHECK (email IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, SET NOT NULL (uses the check, no scan), DROP the check. Before 12 there is no way around the scan.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('nullable') || change.after.nullable)
      return undefined
    const cost = ctx.facts.setNotNull(ctx.version)
    if (!stallsTable(cost) || cost.blocks !== 'reads_and_writes') return undefined
    const message = `making ${change.path} NOT NULL ${cost.detail}`
    const explanation = `The database reads every row to prove there is no NULL while no other session can use ${change.table}.`
    if (!ctx.facts.setNotNullUsesCheck(ctx.version)) {
      return {
        message,
        explanation,
        fix: {
          description: `${versionText(ctx)} cannot skip the scan; run it when the table is quiet, or upgrade to a release where a validated CHECK (column IS NOT NULL) lets SET NOT NULL skip it.`,
        },
      }
    }
    return { message, explanation, fix: checkedNotNullFix(ctx, change) }
  },
})

/** The four steps that make a column NOT NULL without a long exclusive lock (where the facts say SET NOT NULL uses a validated check). */
function checkedNotNullFix(ctx: AnalyzerContext, change: AlterColumnChange): FindingFix {
  const scope = { table: change.table, ...(change.schema ? { schema: change.schema } : {}) }
  const check = {
    type: 'check' as const,
    name: `${change.table}_${change.column}_not_null`,
    expression: `${ctx.dialect.quoteIdentifier(change.column)} IS NOT NULL`,
  }
  const onlyNullability = synthetic({ ...change, changes: ['nullable'], before: { ...change.after, nullable: true } })
  const parts = [
    ctx.planSql([synthetic({ kind: 'add_constraint', ...scope, after: check })], { notValid: true }),
    ctx.planSql([onlyNullability]),
    ctx.planSql([synthetic({ kind: 'drop_constraint', ...scope, before: check })]),
  ]
  const sql = parts.every((p) => p !== undefined) ? parts.flatMap((p) => p ?? []) : undefined
  return {
    description:
      'Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it (reads and writes continue), then SET NOT NULL, which uses the validated check instead of scanning, and drop the check.',
    ...(sql ? { sql } : {}),
  }
}

/** The LK rules about keys, constraints and NOT NULL, by code. @internal */
export const constraintLockAnalyzers = [uniqueConstraint, primaryKey, foreignKeyLock, checkLock, notNullScan]
