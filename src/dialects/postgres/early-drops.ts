import deepEqual from 'fast-deep-equal'
import type { Constraint, Index } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'

// Checks and indexes one generator drops ahead of the change that drops or alters them (an enum
// rebuild cannot convert columns under them): that change then skips its own drop. One set per plan
// direction.

const EARLY = planStateSlot('postgres: checks and indexes dropped early', () => new Set<Constraint | Index>())

/**
 * Records that `object` (as in `from`) is dropped ahead of its own change; false when it already was.
 *
 * @example
 * ```ts
 * if (markDroppedEarly(ctx, index)) drafts.push(dropIndex)
 * ```
 * @internal
 */
export function markDroppedEarly(ctx: GeneratorContext, object: Constraint | Index): boolean {
  const set = ctx.state.get(EARLY)
  if (set.has(object)) return false
  set.add(object)
  return true
}

/**
 * Whether `object` (as in `from`) was already dropped ahead of its own change in this plan.
 *
 * @example
 * ```ts
 * if (droppedEarly(ctx, change.before)) return [] // nothing left to drop
 * ```
 * @internal
 */
export function droppedEarly(ctx: GeneratorContext, object: Constraint | Index): boolean {
  const set = ctx.state.get(EARLY)
  if (set.has(object)) return true
  for (const x of set) if (deepEqual(x, object)) return true
  return false
}
