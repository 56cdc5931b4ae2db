import type { AlterEnumChange, SchemaChange } from '../../diff/types.js'
import type { Column } from '../../model/types.js'
import { normalizeDefault } from '../../sql-text/normalize-default.js'
import { tokenizeSql } from '../../sql-text/normalize-expression.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { plannedIndexesWithoutBlocking } from '../planned-forms.js'
import type { AnalyzerContext } from '../types.js'

// TX: statements whose transaction handling can fail or half-apply (catalogue section "TX").

/** Whether a column of the enum the change alters defaults to `value`. */
function defaultsTo(column: Column, change: AlterEnumChange, value: string, ctx: AnalyzerContext): boolean {
  const type = column.type
  if (type.kind !== 'enum' || type.name !== change.enum || type.schema !== change.schema) return false
  if (column.default === undefined) return false
  return normalizeDefault(column.default, { kind: 'text' }) === ctx.dialect.quoteLiteral(value)
}

/** Where the diff uses one of the values an enum change adds: column defaults and check expressions. */
function usesOfAddedValues(change: AlterEnumChange, ctx: AnalyzerContext): string[] {
  const added = change.added.map((a) => a.value)
  const uses: string[] = []
  const note = (c: SchemaChange, what: string) => uses.push(`${c.path} ${what}`)
  for (const c of ctx.diff.changes) {
    const columns =
      c.kind === 'add_column' || c.kind === 'alter_column'
        ? [c.after]
        : c.kind === 'create_table'
          ? c.after.columns
          : []
    for (const column of columns) {
      if (added.some((v) => defaultsTo(column, change, v, ctx)))
        note(c, c.kind === 'create_table' ? `${column.name} default` : 'default')
    }
    if ((c.kind === 'add_constraint' || c.kind === 'alter_constraint') && c.after.type === 'check') {
      const strings = tokenizeSql(c.after.expression)
        .filter((t) => t.kind === 'string')
        .map((t) => t.value)
      if (added.some((v) => strings.includes(v))) note(c, 'check')
    }
  }
  return uses
}

const enumValueUsed = defineAnalyzer({
  code: 'TX001',
  title: 'An enum value is added and used in the same migration',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TYPE "mood" ADD VALUE \'meh\'; ALTER TABLE "users" ALTER COLUMN "mood" SET DEFAULT \'meh\'',
    why: 'A value added by ALTER TYPE ... ADD VALUE cannot be used before its transaction commits (error 55P04, "unsafe use of new value"). The plan runs ADD VALUE outside the transaction for that reason, so a runner that wraps the whole script in one transaction fails, and a failure later in the script does not remove the value.',
    fix: 'Run the script as planned, with ADD VALUE outside the transaction (or add the value in an earlier migration).',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_enum' || change.added.length === 0) return undefined
    if (ctx.facts.enumValueUsableInSameTransaction(ctx.version)) return undefined
    const uses = usesOfAddedValues(change, ctx)
    if (uses.length === 0) return undefined
    const values = change.added.map((a) => `'${a.value}'`).join(', ')
    return {
      message: `${values} ${change.added.length === 1 ? 'is' : 'are'} added to ${change.path} and used by ${uses.join(', ')} in the same migration`,
      explanation:
        'A new enum value cannot be used until the transaction that added it commits (error 55P04). The plan therefore adds it outside the transaction: the script fails if a runner wraps it in one transaction, and if a later statement fails the value stays.',
      fix: {
        description:
          'Run the script as planned, with ADD VALUE outside the transaction, or add the value in an earlier migration.',
      },
    }
  },
})

const concurrentIndexBug = defineAnalyzer({
  code: 'TX004',
  title: 'Concurrent index builds on a release with a known corruption bug',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'CREATE INDEX CONCURRENTLY ... on PostgreSQL 14.0 to 14.3',
    why: 'PostgreSQL 14.0-14.3 can build corrupt indexes with CONCURRENTLY. A failed concurrent build also leaves an INVALID index behind that makes a retry fail.',
    fix: 'Upgrade to 14.4 or later before building indexes concurrently (REINDEX indexes built on the affected releases); drop INVALID indexes before retrying a failed build.',
  },
  analyze(change, ctx) {
    const built =
      change.kind === 'add_index' || (change.kind === 'alter_index' && !change.changes.every((f) => f === 'name'))
    if (!built || ctx.isNewTable(change.table, change.schema) || !plannedIndexesWithoutBlocking(ctx, change))
      return undefined
    const issue = ctx.facts.knownIssue('concurrent_index', ctx.version)
    if (!issue) return undefined
    return {
      message: `${change.path} is built CONCURRENTLY on ${ctx.version.label}, which has a known index corruption bug`,
      explanation: `${issue}.`,
      fix: {
        description:
          'Upgrade past the affected releases first, or build the index without CONCURRENTLY in a quiet period.',
      },
    }
  },
})

/** The TX rules, by code. @internal */
export const transactionAnalyzers = [enumValueUsed, concurrentIndexBug]
