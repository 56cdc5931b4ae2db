import type { SchemaChange } from '../diff/types.js'
import type { AnalyzerContext } from './types.js'

// What the planned statements of a change do about locks, as the dialect's facts read them. A finding
// is dropped only when the plan the caller runs really takes the safe form, never on an option alone.

/**
 * Whether the plan adds this change's foreign keys and checks unvalidated and validates them after the
 * ADD's transaction commits.
 *
 * @example
 * ```ts
 * if (plannedValidationAfterCommit(ctx, change)) return undefined // LK006 avoided
 * ```
 * @internal
 */
export function plannedValidationAfterCommit(ctx: AnalyzerContext, change: SchemaChange): boolean {
  const statements = ctx.planned(change)
  return statements !== undefined && ctx.facts.validatesAfterCommit?.(statements) === true
}

/**
 * Whether the plan builds and drops this change's indexes without blocking writes (CONCURRENTLY).
 *
 * @example
 * ```ts
 * if (plannedIndexesWithoutBlocking(ctx, change)) return undefined // LK001 avoided
 * ```
 * @internal
 */
export function plannedIndexesWithoutBlocking(ctx: AnalyzerContext, change: SchemaChange): boolean {
  const statements = ctx.planned(change)
  return statements !== undefined && ctx.facts.indexesWithoutBlocking?.(statements) === true
}
