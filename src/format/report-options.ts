import type { Migration } from '../dialects/types.js'
import type { Finding } from '../impact/types.js'

/**
 * What a report shows besides the diff: the findings of `analyzeImpact` from `schemaledger/impact`
 * (each shown under the change it concerns) and the migration of `planMigration` from
 * `schemaledger/sql` (its SQL).
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
}
