import type { Severity } from './types.js'

/**
 * Severities from worst to mildest: the order findings are ranked, counted and listed in.
 *
 * @example
 * ```ts
 * SEVERITIES.map((s) => summary.findings[s]) // [1, 6, 3]
 * ```
 */
export const SEVERITIES: readonly Severity[] = ['danger', 'warning', 'info']
