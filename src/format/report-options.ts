import type { UnmodelledObject } from '../dialects/introspect-types.js'
import type { Migration } from '../dialects/types.js'
import type { Finding } from '../impact/types.js'

/**
 * Which schema of a report an unmodelled object was found beside: the one the diff starts from or
 * the one it leads to.
 *
 * @example
 * ```ts
 * const side: ReportSide = 'to'
 * ```
 */
export type ReportSide = 'from' | 'to'

/**
 * An {@link UnmodelledObject} of one side of a report: something the database (or the SQL file read
 * into it) holds that the schema of that side does not, so the diff cannot see it.
 *
 * @example
 * ```ts
 * const { unmodelled } = await introspectDatabase(query, { dialect: 'postgres' })
 * const items: ReportUnmodelled[] = unmodelled.map((u) => ({ ...u, side: 'to' }))
 * ```
 */
export interface ReportUnmodelled extends UnmodelledObject {
  readonly side: ReportSide
}

/**
 * What a report shows besides the diff: the findings of `analyzeImpact` from `schemaledger/impact`
 * (each shown under the change it concerns), the migration of `planMigration` from
 * `schemaledger/sql` (its SQL), and what introspection found on either side that the schemas cannot
 * hold (the `unmodelled` of `introspectDatabase` or `readSQL`, labelled by side).
 *
 * @example
 * ```ts
 * const options: ReportOptions = { findings: analyzeImpact(diff, { dialect: 'postgres' }).findings, migration }
 * ```
 */
export interface ReportOptions {
  readonly findings?: readonly Finding[]
  readonly migration?: Migration
  /** A heading for the report. */
  readonly title?: string
  /**
   * What either side holds that its schema does not (never dropped silently): the text, Markdown
   * and HTML reports list it when it is not empty; the JSON report carries it whenever it is given
   * (an empty list says the sides were read and nothing was left out).
   */
  readonly unmodelled?: readonly ReportUnmodelled[]
}
