import type { DeployPhase } from '../diff/classify-change.js'
import type { SchemaLedgerError } from '../errors.js'

export type { DeployPhase }

import type { Dialect } from '../dialects/dialect.js'
import type { DialectImpactFacts, EngineVersion } from '../dialects/dialect-facts.js'
import type { DialectAlias } from '../dialects/dialect-names.js'
import type { Statement } from '../dialects/types.js'
import type { ChangeKind, SchemaChange, SchemaDiff } from '../diff/types.js'
import type { Column, Schema, Table } from '../model/types.js'
import type { NameKind, NamingOptions } from './naming-options.js'
import type { FindingSuppression, Suppression } from './suppressions.js'

/**
 * How bad a finding is: `danger` = data loss or certain failure, `warning` = can fail or lock on real
 * data, `info` = worth knowing, nothing breaks.
 *
 * @example
 * ```ts
 * const blocking: Severity[] = ['danger']
 * ```
 */
export type Severity = 'danger' | 'warning' | 'info'

/**
 * The safe alternative to a risky change: in words and, where the library can write it, as SQL for
 * the target dialect.
 *
 * @example
 * ```ts
 * const fix: FindingFix = { description: 'Build the index concurrently', sql: ['CREATE INDEX CONCURRENTLY ...'] }
 * ```
 */
export interface FindingFix {
  /** What to do instead, in one or a few sentences. */
  readonly description: string
  /** The statements of the safe alternative in order, each without a trailing `;`. */
  readonly sql?: readonly string[]
}

/**
 * One thing a change does to existing data or to running applications.
 *
 * @example
 * ```ts
 * for (const f of report.findings) console.log(`${f.severity} ${f.code} ${f.change.path}: ${f.message}`)
 * ```
 */
export interface Finding {
  /** Stable rule code from the catalogue (`DS003`, `LK001`, ...). */
  readonly code: string
  readonly severity: Severity
  /** The diff change it concerns ({@link lintSchema} reports the `create_table` or `create_enum` its subject is part of). */
  readonly change: { readonly kind: ChangeKind; readonly path: string }
  /**
   * The object the finding is about (`users`, `users.email`, `users.ix_users_email`, `enum:mood`):
   * set by {@link lintSchema}, where there is no change to point at.
   */
  readonly path?: string
  /** One line. */
  readonly message: string
  /** Why it matters, for people who have not met the problem before. */
  readonly explanation: string
  readonly fix: FindingFix
  /** The dialect the finding was made for. */
  readonly dialect: string
  /** The deploy phase of the change. */
  readonly phase?: DeployPhase
  /** Set when a suppression accepted this finding: it is still reported, marked, and never fails a gate. */
  readonly suppressed?: FindingSuppression
}

/**
 * What an analyzer returns for one change: the finding without the fields the engine fills in. A
 * `severity` here overrides the analyzer's declared one (data from a profile can raise or lower it).
 *
 * @example
 * ```ts
 * const draft: FindingDraft = { message: 'drops data', explanation: '...', fix: { description: 'back up first' } }
 * ```
 */
export interface FindingDraft {
  /**
   * The object the finding is about when narrower than the change (a column of a created table); the
   * change's path when absent. {@link lintSchema} reports it as the finding's `path`.
   */
  readonly path?: string
  readonly message: string
  readonly explanation: string
  readonly fix: FindingFix
  readonly severity?: Severity
}

/**
 * Numbers about one column of a live table; every field is optional.
 *
 * @example
 * ```ts
 * const email: ColumnProfile = { nulls: 0, distinct: 119000, maxLength: 64 }
 * ```
 */
export interface ColumnProfile {
  /** Rows where the column is NULL. */
  readonly nulls?: number
  /** Distinct non-NULL values. */
  readonly distinct?: number
  /** Longest value in characters (strings) or bytes (binary). */
  readonly maxLength?: number
}

/**
 * Numbers about one live table.
 *
 * @example
 * ```ts
 * const users: TableProfile = { rows: 120000, columns: { email: { nulls: 0 } } }
 * ```
 */
export interface TableProfile {
  /** Row count. */
  readonly rows: number
  /** Per-column numbers, by column name. */
  readonly columns?: Readonly<Record<string, ColumnProfile>>
}

/**
 * What the data in the live database looks like, by table name as it is before the migration
 * (qualified as `billing.invoices` outside the default namespace). With it, findings become precise.
 *
 * @example
 * ```ts
 * const profile: DataProfile = { tables: { users: { rows: 120000, columns: { email: { nulls: 0, distinct: 119000, maxLength: 64 } } } } }
 * ```
 */
export interface DataProfile {
  readonly tables: Readonly<Record<string, TableProfile>>
}

/**
 * Documentation of a rule, rendered into `docs/rules.md`.
 *
 * @example
 * ```ts
 * const docs: AnalyzerDocs = { bad: 'DROP TABLE "users"', why: 'Rows are lost.', fix: 'Back up first.' }
 * ```
 */
export interface AnalyzerDocs {
  /** A change that triggers the rule, as SQL or a short schema change. */
  readonly bad: string
  /** Why it hurts. */
  readonly why: string
  /** The safe alternative. */
  readonly fix: string
}

/**
 * Everything an analyzer may ask about the migration it looks at.
 *
 * @example
 * ```ts
 * analyze(change, ctx) { if (change.kind === 'add_index' && !ctx.isNewTable(change.table, change.schema)) ... }
 * ```
 */
export interface AnalyzerContext {
  readonly dialect: Dialect
  /** What the target engine does at this version. */
  readonly facts: DialectImpactFacts
  readonly version: EngineVersion
  readonly diff: SchemaDiff
  /** The schema before the migration, when given or derivable. */
  readonly from?: Schema
  /** The schema after the migration, when given or derivable. */
  readonly to?: Schema
  /**
   * The options the migration is planned with (see {@link AnalyzeImpactOptions.plan}). To know whether
   * a lock is avoided, judge the statements {@link AnalyzerContext.planned} returns: an option does not
   * say what the plan of a given change does.
   */
  readonly plan: { readonly concurrently: boolean; readonly notValid: boolean }
  /**
   * The statements the migration runs for a change of this diff, planned with the `plan` options, in
   * order with their transaction flags; undefined when the dialect cannot plan the diff (a custom
   * dialect without the generator, schemas not given where a table rebuild needs them).
   */
  planned(change: SchemaChange): readonly Statement[] | undefined
  /** Whether a table is created by this migration (so it holds no rows yet). */
  isNewTable(table: string, schema?: string): boolean
  /** The column if this migration adds it to an existing table. */
  addedColumn(table: string, column: string, schema?: string): Column | undefined
  /** A table as it is before the migration, by its name after it. */
  sourceTable(table: string, schema?: string): Table | undefined
  /** A table as it is after the migration. */
  targetTable(table: string, schema?: string): Table | undefined
  /** Profile of a table, by its name after the migration (renames are followed). */
  tableProfile(table: string, schema?: string): TableProfile | undefined
  /** Profile of a column, by the table's name after the migration and the column's name before it. */
  columnProfile(table: string, column: string, schema?: string): ColumnProfile | undefined
  /** Whether a rule runs in this analysis (rules defer to more specific ones). */
  isEnabled(code: string): boolean
  /** The pattern names of this kind must match (the caller's `naming`, else snake_case). */
  namePattern(kind: NameKind): RegExp
  /** The deploy phase of a change of this diff. */
  phase(change: SchemaChange): DeployPhase
  /**
   * The SQL the dialect writes for these changes, planned with these options, or undefined when it
   * cannot (a custom dialect without the generator, schemas not given where a table rebuild needs them).
   */
  planSql(
    changes: readonly SchemaChange[],
    options?: { concurrently?: boolean; notValid?: boolean },
  ): string[] | undefined
  /**
   * Why the dialect's planner refuses these changes (its `unsupported_feature` error: a partial index
   * on MySQL, an enum on SQLite), or undefined when it plans them or fails for another reason. With
   * `target`, they are planned into that schema alone (from nothing), so that a planner that checks
   * the whole target schema judges only what `target` holds.
   */
  plannerRefusal(changes: readonly SchemaChange[], target?: Schema): SchemaLedgerError | undefined
}

/**
 * A rule: metadata for people and tools, and the check itself. Build one with {@link defineAnalyzer}.
 *
 * @example
 * ```ts
 * const rules: readonly Analyzer[] = builtinAnalyzers
 * ```
 */
export interface Analyzer {
  /** Stable code: two or more capital letters and three digits (`DS003`, `ACME001`). */
  readonly code: string
  /** Short title. */
  readonly title: string
  /** Dialect names it applies to, or `all`. */
  readonly dialects: 'all' | readonly string[]
  /** Declared severity; a finding may lower or raise it when data proves more. */
  readonly severity: Severity
  /** Whether it runs without being enabled (opinionated design rules are opt-in). */
  readonly enabledByDefault: boolean
  /**
   * Whether it judges design rather than what a change does to a live database, so {@link lintSchema}
   * also runs it on a single schema version (each table seen as created). Absent means false.
   */
  readonly lint?: boolean
  readonly docs: AnalyzerDocs
  /** Looks at one change; returns nothing when the change is fine. */
  analyze(change: SchemaChange, ctx: AnalyzerContext): FindingDraft | readonly FindingDraft[] | undefined
}

/**
 * Which rules run and how: codes to disable or enable (opt-in rules), severity overrides (applied to
 * every finding of the code), and the caller's own analyzers.
 *
 * @example
 * ```ts
 * const rules: RuleOptions = { disable: ['DS010'], enable: ['BP001'], severity: { LK001: 'danger' }, add: [noDropTable] }
 * ```
 */
export interface RuleOptions {
  readonly disable?: readonly string[]
  readonly enable?: readonly string[]
  readonly severity?: Readonly<Record<string, Severity>>
  readonly add?: readonly Analyzer[]
}

/**
 * Options of {@link analyzeImpact}.
 *
 * @example
 * ```ts
 * const options: AnalyzeImpactOptions = { dialect: 'postgres', dialectVersion: '16', from: v1 }
 * ```
 */
export interface AnalyzeImpactOptions {
  /** Target database: a built-in dialect name (`postgres`, `mysql`, `mariadb`, `sqlite`) or a {@link Dialect}. */
  readonly dialect: Dialect | DialectAlias
  /**
   * Target server version (`11`, `'8.0.12'`, `'10.11.6-MariaDB'`). Rules change with it; when omitted
   * the dialect's documented default is assumed and findings say so.
   */
  readonly dialectVersion?: string | number
  /** The schema the diff starts from (the other one is derived from the diff). */
  readonly from?: Schema
  /** The schema the diff leads to. */
  readonly to?: Schema
  /** Row counts and column statistics of the live database, for precise verdicts. */
  readonly profile?: DataProfile
  readonly rules?: RuleOptions
  /** Patterns for the names a change introduces; a pattern turns its naming rule (NM) on. */
  readonly naming?: NamingOptions
  /** How the migration will be planned: findings that those options avoid are not reported. */
  readonly plan?: { readonly concurrently?: boolean; readonly notValid?: boolean }
  /** Impact facts for a custom dialect (built-in dialects have theirs). */
  readonly facts?: DialectImpactFacts
  /** Findings accepted after review: marked `suppressed`, still reported (see `applySuppressions`). */
  readonly suppressions?: readonly Suppression[]
  /** The day expiry dates are compared with (`YYYY-MM-DD`); today (UTC) when omitted. */
  readonly today?: string
}

/**
 * How one change of the diff is classified for phased deploys.
 *
 * @example
 * ```ts
 * const c: ChangeClassification = { change: { kind: 'drop_column', path: 'posts.content' }, phase: 'contract' }
 * ```
 */
export interface ChangeClassification {
  readonly change: { readonly kind: ChangeKind; readonly path: string }
  readonly phase: DeployPhase
}

/**
 * Counts of an analysis.
 *
 * @example
 * ```ts
 * if (report.summary.highest === 'danger') process.exitCode = 1
 * ```
 */
export interface ImpactSummary {
  readonly danger: number
  readonly warning: number
  readonly info: number
  /** Number of findings, suppressed ones not counted (as in `danger`, `warning` and `info`). */
  readonly total: number
  /** Number of suppressed findings (reported, marked, not counted above). */
  readonly suppressed: number
  /** The worst severity found, if any. */
  readonly highest?: Severity
  /** Changes per deploy phase. */
  readonly phases: { readonly expand: number; readonly contract: number; readonly breaking: number }
  /** The engine version the facts were taken for, and whether it was assumed. */
  readonly version: { readonly label: string; readonly assumed: boolean }
}

/**
 * What {@link analyzeImpact} returns: findings ordered like the diff's changes (then by code), a
 * summary, and the deploy phase of every change.
 *
 * @example
 * ```ts
 * const { findings, summary, classification } = analyzeImpact(diff, { dialect: 'postgres' })
 * ```
 */
export interface ImpactReport {
  readonly findings: readonly Finding[]
  readonly summary: ImpactSummary
  readonly classification: readonly ChangeClassification[]
}
