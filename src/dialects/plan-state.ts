import type { GeneratorContext } from './dialect.js'

// What a dialect's generators remember while one plan is made (keys already dropped, objects renamed
// so far, answers computed once per plan) lives in the plan's context, not in module-level maps: the
// planner creates an empty PlanState for each plan direction and drops it with the plan, so nothing
// is kept between plans and every piece of state is reached through the `ctx` a generator receives.

/**
 * One slot of per-plan state: its name (for debugging) and how it starts, from the context.
 *
 * @example
 * ```ts
 * const DROPPED = planStateSlot('keys dropped so far', () => new Set<string>())
 * ctx.state.get(DROPPED).add('posts_user_id_fkey')
 * ```
 */
export interface PlanStateSlot<T> {
  /** What the slot holds, for a reader of the code or a debugger. */
  readonly name: string
  /** The slot's value at the start of a plan, made the first time a generator asks for it. */
  readonly create: (ctx: GeneratorContext) => T
}

/**
 * A slot of per-plan state (see {@link PlanState}). Declare it once, at module level: the slot is
 * only a key, the values live in each plan's state.
 *
 * @example
 * ```ts
 * const HANDLED = planStateSlot('foreign keys already retyped', () => new Set<string>())
 * ```
 */
export function planStateSlot<T>(name: string, create: (ctx: GeneratorContext) => T): PlanStateSlot<T> {
  return { name, create }
}

/**
 * The state of one plan direction, shared by its generators: each slot is created on first use.
 *
 * @example
 * ```ts
 * const handled = ctx.state.get(HANDLED) // the same Set for every generator of this plan
 * ```
 */
export interface PlanState {
  /** The slot's value in this plan, created by `slot.create(ctx)` the first time it is asked for. */
  get<T>(slot: PlanStateSlot<T>): T
  /** Forgets the slot's value (a cache whose inputs changed); the next `get` creates it anew. */
  reset(slot: PlanStateSlot<unknown>): void
}

/**
 * An empty state for the plan whose context `ctx` returns (called by the planner, once per direction).
 * @internal
 */
export function createPlanState(ctx: () => GeneratorContext): PlanState {
  const values = new Map<PlanStateSlot<unknown>, unknown>()
  return {
    get<T>(slot: PlanStateSlot<T>): T {
      if (values.has(slot)) return values.get(slot) as T
      const value = slot.create(ctx())
      values.set(slot, value)
      return value
    },
    reset(slot) {
      values.delete(slot)
    },
  }
}
