import { builtinAnalyzers } from '../impact/rules/index.js'
import { EXPIRED_SUPPRESSION } from '../impact/suppressions.js'
import type { Finding, Severity } from '../impact/types.js'
import { bySeverity } from './lint-report.js'

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
}

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
 * document (at the line `lineOf` gives, else line 1) and at its object path (a logical location). Suppressed findings are results with an
 * accepted external suppression and its justification, never left out. The same input gives the
 * same bytes.
 *
 * @example
 * ```ts
 * writeFileSync('schemaledger.sarif', formatSarif({ documents: ['v1.json', 'v2.json'], findings }))
 * ```
 */
export function formatSarif(input: SarifInput, options: SarifOptions = {}): string {
  const findings = bySeverity(input.findings)
  const codes = [...new Set(findings.map((f) => f.code))].sort()
  const rules = codes.map((code) => ruleOf(code, findings.find((f) => f.code === code) as Finding))
  const document = input.documents.at(-1)
  const artifact = document !== undefined && isFile(document) ? { uri: fileUri(document) } : undefined
  const results = findings.map((f) => {
    const path = f.path ?? f.change.path
    const text = `${f.message} Instead: ${f.fix.description}`
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text },
      locations: [
        {
          ...(artifact
            ? { physicalLocation: { artifactLocation: artifact, region: { startLine: options.lineOf?.(path) ?? 1 } } }
            : {}),
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
        ...(artifact ? { artifacts: [{ location: artifact }] } : {}),
        results,
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
