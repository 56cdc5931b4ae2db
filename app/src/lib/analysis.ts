// The library's pipeline for one pair of versions, as the engine runs it.
import { diffSchemas, type Schema, type SchemaDiff } from 'schemaledger'
import { type ReportSummary, summarizeReport } from 'schemaledger/format'
import { analyzeImpact, type ImpactReport } from 'schemaledger/impact'
import { type DialectName, type Migration, type PhasedMigration, planMigration, toSQL } from 'schemaledger/sql'
import { type ChangeTreeNode, selectDiagramTables, toTree } from 'schemaledger/visual'
import type { AcceptedRenames } from './renames.js'
import { tableKeys } from './side-by-side.js'

/**
 * Everything the panels show for one pair of versions, computed by the library (in the engine, off
 * the page's thread) as plain data; a step that the library refuses (a dialect that cannot express the
 * change) carries its error message instead. The schemas themselves stay in the engine.
 *
 * @example
 * ```ts
 * const a = analyze(v1, v2, { dialect: 'postgres', renames: { tables: {}, columns: {} } }, 1).view
 * a.diff.summary.total // 15
 * ```
 */
export interface Analysis {
  /** Which analysis this is: the engine answers questions about the latest one only. */
  readonly id: number
  readonly dialect: DialectName
  readonly diff: SchemaDiff
  readonly tree: ChangeTreeNode
  readonly impact: ImpactReport
  /** The counts at the top of every report. */
  readonly summary: ReportSummary
  /** The migration as SQL scripts (up, down, phased), or why the dialect cannot express it. */
  readonly sql:
    | { readonly ok: true; readonly up: string; readonly down: string; readonly phased: string }
    | { readonly ok: false; readonly error: string }
  /** Every table of either version, changed ones first (the side-by-side view's list). */
  readonly tableKeys: readonly string[]
  /** How many tables the diagram of the after version has (removed ones included). */
  readonly diagramTables: number
  /** Why the accepted renames were left out, when they do not fit these documents. */
  readonly renameError?: string
}

/**
 * An analysis with what stays in the engine: both schemas and the planned migration.
 *
 * @example
 * ```ts
 * const { view, from, to } = analyze(v1, v2, options, 1)
 * ```
 */
export interface AnalysisResult {
  readonly view: Analysis
  readonly from: Schema
  readonly to: Schema
  /** The planned migration (up and down), or why the dialect cannot express it. */
  readonly migration:
    | { readonly ok: true; readonly value: PhasedMigration }
    | { readonly ok: false; readonly error: string }
}

/**
 * Options of {@link analyze}.
 *
 * @example
 * ```ts
 * const options: AnalyzeOptions = { dialect: 'sqlite', renames: { tables: {}, columns: {} } }
 * ```
 */
export interface AnalyzeOptions {
  readonly dialect: DialectName
  readonly renames: AcceptedRenames
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function sqlScripts(migration: AnalysisResult['migration']): Analysis['sql'] {
  if (!migration.ok) return migration
  const m = migration.value
  return {
    ok: true,
    up: toSQL(m, { direction: 'up' }),
    down: toSQL(m, { direction: 'down' }),
    phased: [
      '-- Phase 1: before deploying the new application version (expand)',
      toSQL(m.phases.pre).trimEnd(),
      '',
      '-- Phase 2: after the old application version is gone (contract)',
      toSQL(m.phases.post).trimEnd(),
      '',
    ].join('\n'),
  }
}

/**
 * Runs the library's pipeline on two schemas: diff (with the accepted renames), change tree, impact
 * analysis, migration plan and SQL for one dialect, and the report counts.
 *
 * @example
 * ```ts
 * const { view } = analyze(v1, v2, { dialect: 'postgres', renames: { tables: {}, columns: {} } }, 1)
 * ```
 */
export function analyze(from: Schema, to: Schema, options: AnalyzeOptions, id: number): AnalysisResult {
  let diff: SchemaDiff
  let renameError: string | undefined
  try {
    diff = diffSchemas(from, to, { renames: options.renames })
  } catch (error) {
    // A hint that does not fit these documents: show the plain diff and say why.
    renameError = message(error)
    diff = diffSchemas(from, to)
  }
  let migration: AnalysisResult['migration']
  try {
    migration = { ok: true, value: planMigration(diff, { dialect: options.dialect, from, to, phases: true }) }
  } catch (error) {
    migration = { ok: false, error: message(error) }
  }
  const tree = toTree(diff)
  const impact = analyzeImpact(diff, { dialect: options.dialect, from, to })
  const view: Analysis = {
    id,
    dialect: options.dialect,
    diff,
    tree,
    impact,
    summary: summarizeReport(diff, tree, impact.findings),
    sql: sqlScripts(migration),
    tableKeys: tableKeys(from, to, diff),
    diagramTables: selectDiagramTables(to, { diff }).total,
    ...(renameError === undefined ? {} : { renameError }),
  }
  return { view, from, to, migration }
}

/**
 * The up/down migration without the phase split: what the reports show, exactly what
 * `planMigration(diff, { dialect, from, to })` returns.
 *
 * @example
 * ```ts
 * const migration = plainMigration(result) // undefined when the dialect refused the change
 * ```
 */
export function plainMigration(result: AnalysisResult): Migration | undefined {
  if (!result.migration.ok) return undefined
  const { dialect, up, down } = result.migration.value
  return { dialect, up, down }
}
