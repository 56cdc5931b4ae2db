import type { SchemaDiff } from '../diff/types.js'
import { runAnalyzers } from './run-analyzers.js'
import { SEVERITIES } from './severities.js'
import { applySuppressions } from './suppressions.js'
import type { AnalyzeImpactOptions, DeployPhase, Finding, ImpactReport, ImpactSummary, Severity } from './types.js'

/**
 * What a diff does to existing data and to running applications on one database: findings from every
 * enabled rule (data loss, statements that fail on existing rows, locks and rewrites, changes the
 * running application version cannot cope with), a summary, and the deploy phase of every change.
 * Version-aware (`dialectVersion`) and data-aware (`profile`). Pure: no database is contacted.
 *
 * @example
 * ```ts
 * const diff = diffSchemas(v1, v2)
 * const { findings, summary } = analyzeImpact(diff, { dialect: 'postgres', dialectVersion: 16, from: v1 })
 * for (const f of findings) console.log(f.severity, f.code, f.change.path, f.message)
 * ```
 */
export function analyzeImpact(diff: SchemaDiff, options: AnalyzeImpactOptions): ImpactReport {
  const run = runAnalyzers(diff, options)
  const findings = applySuppressions(
    run.findings.map((f) => f.finding),
    options.suppressions ?? [],
    options.today !== undefined ? { today: options.today } : {},
  )
  const classification = diff.changes.map((c) => ({
    change: { kind: c.kind, path: c.path },
    phase: run.phases.get(c) ?? 'expand',
  }))
  return { findings, summary: summarize(findings, [...run.phases.values()], run.version), classification }
}

function summarize(
  findings: readonly Finding[],
  phases: readonly DeployPhase[],
  version: ImpactReport['summary']['version'],
): ImpactSummary {
  // Suppressed findings are reported but not counted: the summary says what still needs a decision.
  const counted = findings.filter((f) => !f.suppressed)
  const count = (s: Severity) => counted.filter((f) => f.severity === s).length
  const highest = SEVERITIES.find((s) => count(s) > 0)
  const phase = (p: DeployPhase) => phases.filter((x) => x === p).length
  return {
    danger: count('danger'),
    warning: count('warning'),
    info: count('info'),
    total: counted.length,
    suppressed: findings.length - counted.length,
    ...(highest ? { highest } : {}),
    phases: { expand: phase('expand'), contract: phase('contract'), breaking: phase('breaking') },
    version: { label: version.label, assumed: version.assumed },
  }
}
