import { applyDiff } from '../diff/apply-diff.js'
import { reverseDiff } from '../diff/reverse-diff.js'
import type { SchemaChange, SchemaDiff } from '../diff/types.js'
import { impactFactsFor } from '../sql/dialects/impact-facts.js'
import { resolveDialect } from '../sql/dialects/index.js'
import { makeAnalyzerContext } from './analyzer-context.js'
import { classifyChange } from './classify-change.js'
import { resolveAnalyzers } from './resolve-analyzers.js'
import type {
  AnalyzeImpactOptions,
  DeployPhase,
  Finding,
  FindingDraft,
  ImpactReport,
  ImpactSummary,
  Severity,
} from './types.js'

const SEVERITY_ORDER: readonly Severity[] = ['danger', 'warning', 'info']

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
  const dialect = resolveDialect(options.dialect)
  const requested = typeof options.dialect === 'string' ? options.dialect : dialect.name
  const facts = impactFactsFor(options.facts ? dialect : requested, options.facts)
  const version = facts.version(options.dialectVersion, requested)
  const from = options.from ?? (options.to ? applyDiff(options.to, reverseDiff(diff)) : undefined)
  const to = options.to ?? (from ? applyDiff(from, diff) : undefined)
  const rules = resolveAnalyzers(options.rules)

  const phases = new Map<SchemaChange, DeployPhase>(
    diff.changes.map((c) => [
      c,
      classifyChange(c, { changes: diff.changes, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    ]),
  )
  const ctx = makeAnalyzerContext({
    dialect,
    facts,
    version,
    diff,
    from,
    to,
    profile: options.profile,
    plan: { concurrently: options.plan?.concurrently ?? false, notValid: options.plan?.notValid ?? false },
    enabled: rules.enabled,
    phases,
  })
  const applies = (dialects: 'all' | readonly string[]) =>
    dialects === 'all' || dialects.includes(facts.dialect) || dialects.includes(dialect.name)
  const running = rules.all.filter((a) => rules.enabled.has(a.code) && applies(a.dialects))
  const findingDialect = version.flavor ?? dialect.name

  const findings: Finding[] = []
  for (const change of diff.changes) {
    for (const analyzer of running) {
      const result = analyzer.analyze(change, ctx)
      const drafts: readonly FindingDraft[] = result === undefined ? [] : 'message' in result ? [result] : result
      for (const draft of drafts) {
        findings.push({
          code: analyzer.code,
          severity: rules.severity.get(analyzer.code) ?? draft.severity ?? analyzer.severity,
          change: { kind: change.kind, path: change.path },
          message: draft.message,
          explanation: draft.explanation,
          fix: draft.fix,
          dialect: findingDialect,
          phase: phases.get(change) ?? 'expand',
        })
      }
    }
  }
  const classification = diff.changes.map((c) => ({
    change: { kind: c.kind, path: c.path },
    phase: phases.get(c) ?? 'expand',
  }))
  return { findings, summary: summarize(findings, [...phases.values()], version), classification }
}

function summarize(
  findings: readonly Finding[],
  phases: readonly DeployPhase[],
  version: ImpactReport['summary']['version'],
): ImpactSummary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length
  const highest = SEVERITY_ORDER.find((s) => count(s) > 0)
  const phase = (p: DeployPhase) => phases.filter((x) => x === p).length
  return {
    danger: count('danger'),
    warning: count('warning'),
    info: count('info'),
    total: findings.length,
    ...(highest ? { highest } : {}),
    phases: { expand: phase('expand'), contract: phase('contract'), breaking: phase('breaking') },
    version: { label: version.label, assumed: version.assumed },
  }
}
