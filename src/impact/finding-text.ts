import type { OperationCost } from '../dialects/dialect-facts.js'
import type { ColumnType } from '../model/column-type.js'
import { formatColumnType } from '../model/format-column-type.js'
import type { AnalyzerContext, ColumnProfile, TableProfile } from './types.js'

// Phrases several rules share, so findings read alike.

/** A type as findings write it: the canonical spelling (`varchar(100)`, `bigint`). @internal */
export const typeText = (t: ColumnType): string => formatColumnType(t)

/** `PostgreSQL 15` or `PostgreSQL 15 (assumed: pass dialectVersion)`. @internal */
export function versionText(ctx: AnalyzerContext): string {
  return ctx.version.assumed ? `${ctx.version.label} (assumed; pass dialectVersion)` : ctx.version.label
}

/** A sentence for dialects without transactional DDL: a failure leaves earlier statements applied. @internal */
export function partialFailureNote(ctx: AnalyzerContext): string {
  return ctx.dialect.capabilities.transactionalDDL
    ? ''
    : ` ${ctx.version.label} commits each DDL statement on its own, so the statements before the failing one stay applied.`
}

/** `1 row` / `120000 rows`. @internal */
export const rowsText = (n: number): string => `${n} row${n === 1 ? '' : 's'}`

/** Whether a profile proves a table holds no rows. @internal */
export const isEmpty = (profile: TableProfile | undefined): boolean => profile?.rows === 0

/** Whether a profile proves a column holds only NULL (or the table is empty). @internal */
export function onlyNulls(table: TableProfile | undefined, column: ColumnProfile | undefined): boolean {
  return table !== undefined && (table.rows === 0 || column?.nulls === table.rows)
}

/** The expand/contract sequence as numbered steps in one paragraph. @internal */
export function steps(list: readonly string[]): string {
  return list.map((s, i) => `${i + 1}) ${s}`).join(' ')
}

/** `blocks writes to users` / `blocks reads and writes of users`. @internal */
export const blockedText = (cost: OperationCost, table: string): string =>
  cost.blocks === 'writes' ? `blocks writes to ${table}` : `blocks reads and writes of ${table}`

/** A caution about a known engine bug in concurrent index builds at this version, or nothing. @internal */
export function concurrentIssueNote(ctx: AnalyzerContext): string {
  const issue = ctx.facts.knownIssue('concurrent_index', ctx.version)
  return issue ? ` Caution: ${issue}.` : ''
}
