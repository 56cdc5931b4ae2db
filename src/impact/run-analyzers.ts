import type { EngineVersion } from '../dialects/dialect-facts.js'
import { impactFactsFor } from '../dialects/impact-facts.js'
import { resolveDialect } from '../dialects/index.js'
import { applyDiff } from '../diff/apply-diff.js'
import { classifyChange } from '../diff/classify-change.js'
import { reverseDiff } from '../diff/reverse-diff.js'
import type { SchemaChange, SchemaDiff } from '../diff/types.js'
import { makeAnalyzerContext } from './analyzer-context.js'
import { resolveNaming } from './naming-options.js'
import { resolveAnalyzers } from './resolve-analyzers.js'
import type { AnalyzeImpactOptions, Analyzer, DeployPhase, Finding, FindingDraft } from './types.js'

/** One finding of a run, with the change it was made on and the object it is about. @internal */
export interface RunFinding {
  /** The finding as analyzeImpact reports it. */
  readonly finding: Finding
  /** The object it is about: the draft's path, else the change's. */
  readonly path: string
  /** Index of its change in the diff. */
  readonly changeIndex: number
}

/** What {@link runAnalyzers} returns. @internal */
export interface AnalyzerRun {
  readonly findings: readonly RunFinding[]
  readonly phases: ReadonlyMap<SchemaChange, DeployPhase>
  readonly version: EngineVersion
}

/**
 * Runs every enabled rule that applies to the dialect (and that `select` keeps) on every change of
 * a diff. The one engine behind analyzeImpact (every rule, on a migration) and lintSchema (the design
 * rules, on a schema seen as created). @internal
 */
export function runAnalyzers(
  diff: SchemaDiff,
  options: AnalyzeImpactOptions,
  select: (analyzer: Analyzer) => boolean = () => true,
): AnalyzerRun {
  const dialect = resolveDialect(options.dialect)
  const requested = typeof options.dialect === 'string' ? options.dialect : dialect.name
  const facts = impactFactsFor(options.facts ? dialect : requested, options.facts)
  const version = facts.version(options.dialectVersion, requested)
  const from = options.from ?? (options.to ? applyDiff(options.to, reverseDiff(diff)) : undefined)
  const to = options.to ?? (from ? applyDiff(from, diff) : undefined)
  const naming = resolveNaming(options.naming)
  const given = options.rules ?? {}
  const rules = resolveAnalyzers(
    naming.enable.length === 0 ? given : { ...given, enable: [...(given.enable ?? []), ...naming.enable] },
  )

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
    namePatterns: naming.patterns,
  })
  const applies = (dialects: 'all' | readonly string[]) =>
    dialects === 'all' || dialects.includes(facts.dialect) || dialects.includes(dialect.name)
  const running = rules.all.filter((a) => rules.enabled.has(a.code) && applies(a.dialects) && select(a))
  const findingDialect = version.flavor ?? dialect.name

  const findings: RunFinding[] = []
  for (const [changeIndex, change] of diff.changes.entries()) {
    for (const analyzer of running) {
      const result = analyzer.analyze(change, ctx)
      const drafts: readonly FindingDraft[] = result === undefined ? [] : 'message' in result ? [result] : result
      for (const draft of drafts) {
        const finding: Finding = {
          code: analyzer.code,
          severity: rules.severity.get(analyzer.code) ?? draft.severity ?? analyzer.severity,
          change: { kind: change.kind, path: change.path },
          message: draft.message,
          explanation: draft.explanation,
          fix: draft.fix,
          dialect: findingDialect,
          phase: phases.get(change) ?? 'expand',
        }
        findings.push({ finding, path: draft.path ?? change.path, changeIndex })
      }
    }
  }
  return { findings, phases, version }
}
