import type { Migration } from '../dialects/types.js'
import type { SchemaDiff } from '../diff/types.js'
import type { Finding } from '../impact/types.js'
import type { ReportOptions, ReportUnmodelled } from './report-options.js'

/**
 * The format tag of the JSON report; it changes only with an incompatible change of the shape.
 *
 * @example
 * ```ts
 * if (JSON.parse(text).format !== REPORT_FORMAT) throw new Error('unknown report format')
 * ```
 */
export const REPORT_FORMAT = 'schemaledger-report/1'

/**
 * The JSON report: the stable machine contract of a diff with its findings and migration. Its JSON
 * Schema is {@link reportJsonSchema}, shipped as `schemaledger/report-schema.json`.
 *
 * @example
 * ```ts
 * const report: ReportDocument = JSON.parse(formatJson(diff, { findings }))
 * report.findings.filter((f) => f.severity === 'danger')
 * ```
 */
export interface ReportDocument {
  readonly format: typeof REPORT_FORMAT
  readonly diff: SchemaDiff
  /** Findings in the order given (empty when none were given). */
  readonly findings: readonly Finding[]
  /** The migration, or null when none was given. */
  readonly migration: Migration | null
  /**
   * What either side holds that its schema does not, in the order given; present only when given
   * (absent: the sides were not read from a database or SQL file; empty: nothing was left out).
   */
  readonly unmodelled?: readonly ReportUnmodelled[]
}

/**
 * The report as data, before it is written as JSON.
 *
 * @example
 * ```ts
 * toReportDocument(diff, { migration }).migration?.up.length
 * ```
 */
export function toReportDocument(diff: SchemaDiff, options: ReportOptions = {}): ReportDocument {
  return {
    format: REPORT_FORMAT,
    diff,
    findings: options.findings ?? [],
    migration: options.migration ?? null,
    ...(options.unmodelled
      ? { unmodelled: options.unmodelled.map(({ side, kind, name, why }) => ({ side, kind, name, why })) }
      : {}),
  }
}

/**
 * The machine-readable report: `{ format: 'schemaledger-report/1', diff, findings, migration }`, and
 * `unmodelled` when given, as JSON (two-space indent, trailing newline), valid against {@link reportJsonSchema}. The same input
 * always gives the same bytes.
 *
 * @example
 * ```ts
 * writeFileSync('schema-report.json', formatJson(diff, { findings, migration }))
 * ```
 */
export function formatJson(diff: SchemaDiff, options: ReportOptions = {}): string {
  return `${JSON.stringify(toReportDocument(diff, options), null, 2)}\n`
}
