import { builtinAnalyzers } from '../impact/rules/index.js'
import { EXPIRED_SUPPRESSION } from '../impact/suppressions.js'
import type { Finding, Severity } from '../impact/types.js'
import { bySeverity } from './lint-report.js'
import type { ReportUnmodelled } from './report-options.js'
import { unmodelledRows } from './unmodelled-rows.js'

/**
 * What {@link formatSarif} reports: the documents looked at (`[from, to]` or `[doc]`; results point
 * at the last one) and the findings. A `LintResult` is one.
 *
 * @example
 * ```ts
 * formatSarif({ documents: ['schema/main.json', 'schema/pr.json'], findings })
 * ```
 */
export interface SarifInput {
  readonly documents: readonly string[]
  readonly findings: readonly Finding[]
  /** What either side holds that its schema does not: `note` results of the rule {@link UNMODELLED_RULE}. */
  readonly unmodelled?: readonly ReportUnmodelled[]
}

/**
 * The SARIF rule id of an object a document's database holds that the schema cannot: the diff does
 * not see it, so a reviewer compares it by hand.
 *
 * @example
 * ```ts
 * JSON.parse(formatSarif(input)).runs[0].results.filter((r) => r.ruleId === UNMODELLED_RULE)
 * ```
 */
export const UNMODELLED_RULE = 'unmodelled-object'

// Code scanning shows results, not a third-party tool's notifications (`toolExecutionNotifications`
// appear on its tool status page for CodeQL only), so an unmodelled object is a result at the lowest
// level, `note`: listed with the alerts, never failing a check that fails on errors or warnings.
const UNMODELLED_META = {
  id: UNMODELLED_RULE,
  name: 'UnmodelledObject',
  shortDescription: { text: 'Not in the schema, so not compared' },
  fullDescription: {
    text: 'The database (or SQL file) holds an object the schema model has no place for; introspection reports it instead of dropping it silently. The diff, the findings and the migration do not see it.',
  },
  help: {
    text: 'The diff, the findings and the migration do not see this object. Compare it between the two versions by hand, and keep it in the migration yourself if it changes.',
  },
  defaultConfiguration: { level: 'note' },
} as const

/**
 * Options of {@link formatSarif}.
 *
 * @example
 * ```ts
 * formatSarif(result, { toolVersion: '1.4.0' })
 * ```
 */
export interface SarifOptions {
  /** The schemaledger version to name as the tool's. */
  readonly toolVersion?: string
  /**
   * The line of the last document where an object path is written, for the result's region (code
   * scanning places an alert on a line); line 1 (the document) when it returns undefined.
   */
  readonly lineOf?: (path: string) => number | undefined
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  danger: 'error',
  warning: 'warning',
  info: 'note',
}

/** What a rule looks like in the tool's rule list, from the metadata `docs/rules.md` is made of. */
interface RuleMeta {
  readonly code: string
  readonly title: string
  readonly severity: Severity
  readonly docs: { readonly why: string; readonly fix: string }
}

const RULES: ReadonlyMap<string, RuleMeta> = new Map(
  [...builtinAnalyzers, EXPIRED_SUPPRESSION].map((r) => [r.code, r as RuleMeta]),
)

/** A document argument that names a file (not standard input or a store version). */
const isFile = (source: string) => source !== '-' && source !== '<stdin>' && !/^[a-z][a-z0-9+.-]*:/i.test(source)

/** A path as a relative URI reference, as code scanning matches it against the repository. */
const fileUri = (path: string) =>
  path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/')

function ruleOf(code: string, f: Finding) {
  const meta = RULES.get(code)
  return {
    id: code,
    name: meta?.title ?? code,
    shortDescription: { text: meta?.title ?? code },
    ...(meta ? { fullDescription: { text: meta.docs.why } } : {}),
    help: { text: meta ? `${meta.docs.why}\n\nSafe alternative: ${meta.docs.fix}` : f.explanation },
    defaultConfiguration: { level: LEVEL[meta?.severity ?? f.severity] },
  }
}

/**
 * The findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF readers: one run of
 * the tool `schemaledger` whose rules are the codes found (title, why, fix from the rule catalogue),
 * one result per finding (danger = error, warning = warning, info = note) located in the last
 * document (at the line `lineOf` gives, else line 1) and at its object path (a logical location).
 * Suppressed findings are results with an accepted external suppression and its justification, never
 * left out. Unmodelled objects are `note` results of the rule {@link UNMODELLED_RULE}, located in the
 * document of their side (an object on both sides once, in the last document). The same input gives
 * the same bytes.
 *
 * @example
 * ```ts
 * writeFileSync('schemaledger.sarif', formatSarif({ documents: ['v1.json', 'v2.json'], findings }))
 * ```
 */
export function formatSarif(input: SarifInput, options: SarifOptions = {}): string {
  const findings = bySeverity(input.findings)
  const codes = [...new Set(findings.map((f) => f.code))].sort()
  const unmodelled = unmodelledRows(input.unmodelled)
  const rules: object[] = codes.map((code) => ruleOf(code, findings.find((f) => f.code === code) as Finding))
  if (unmodelled.length > 0) rules.push(UNMODELLED_META)
  const last = input.documents.at(-1)
  const artifactOf = (document: string | undefined) =>
    document !== undefined && isFile(document) ? { uri: fileUri(document) } : undefined
  const artifact = artifactOf(last)
  const located = (where: { uri: string } | undefined, startLine: number) =>
    where ? { physicalLocation: { artifactLocation: where, region: { startLine } } } : {}
  const results: object[] = findings.map((f) => {
    const path = f.path ?? f.change.path
    const text = `${f.message} Instead: ${f.fix.description}`
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text },
      locations: [
        {
          ...located(artifact, options.lineOf?.(path) ?? 1),
          logicalLocations: [{ fullyQualifiedName: path, kind: 'member' }],
        },
      ],
      // Code scanning tracks an alert across runs by its fingerprint: the rule and the object.
      partialFingerprints: { 'schemaledger/v1': `${f.code}:${path}` },
      ...(f.suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${f.suppressed.reason}${f.suppressed.until ? ` (until ${f.suppressed.until})` : ''}`,
              },
            ],
          }
        : {}),
      properties: {
        severity: f.severity,
        change: { kind: f.change.kind, path: f.change.path },
        dialect: f.dialect,
        ...(f.fix.sql && f.fix.sql.length > 0 ? { fixSql: f.fix.sql } : {}),
      },
    }
  })
  // An object of the from side only is in the first document; one on the to side or both, in the last.
  const fromArtifact = artifactOf(input.documents.length > 1 ? input.documents[0] : undefined)
  for (const u of unmodelled) {
    const source = u.side === 'from' ? input.documents[0] : last
    const where = u.side === 'from' ? fromArtifact : artifact
    const name = `${u.kind}:${u.name}`
    const side = u.side === 'both' ? 'either version' : `the ${u.side} version${source ? ` (${source})` : ''}`
    results.push({
      ruleId: UNMODELLED_RULE,
      ruleIndex: codes.length,
      level: 'note',
      message: { text: `${u.kind} ${u.name} is not in the schema of ${side}: ${u.why}. The diff does not compare it.` },
      locations: [{ ...located(where, 1), logicalLocations: [{ fullyQualifiedName: name, kind: 'member' }] }],
      partialFingerprints: { 'schemaledger/v1': `${UNMODELLED_RULE}:${u.side}:${name}` },
      properties: { side: u.side, kind: u.kind, name: u.name, why: u.why },
    })
  }
  const usesFrom = fromArtifact !== undefined && unmodelled.some((u) => u.side === 'from')
  const artifacts = [...(usesFrom ? [fromArtifact] : []), ...(artifact ? [artifact] : [])].filter(
    (a, i, all) => all.findIndex((b) => b.uri === a.uri) === i,
  )
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'schemaledger',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        ...(artifacts.length > 0 ? { artifacts: artifacts.map((location) => ({ location })) } : {}),
        results,
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
