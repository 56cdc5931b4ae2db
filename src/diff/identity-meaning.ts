import type { ColumnType } from '../model/column-type.js'
import type { Identity } from '../model/types.js'

// An identity column's sequence options with every default filled in, so that a document stating a
// default (`start: 1`, SQLAlchemy's `Identity(start=1)`) and one leaving it out (what introspection
// reads) compare equal. The defaults are the SQL standard's, as PostgreSQL applies them.

/** The value range of an integer column type; other types count as bigint. */
const RANGE: Readonly<Record<string, readonly [number, number]>> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [Number.MIN_SAFE_INTEGER * 1024, Number.MAX_SAFE_INTEGER * 1024],
}

/** An identity's options, each explicit. */
export interface IdentityMeaning {
  readonly generation: Identity['generation']
  readonly increment: number
  readonly minValue: number
  readonly maxValue: number
  readonly start: number
  readonly cache: number
  readonly cycle: boolean
}

/**
 * What an identity means: generation, start, increment, bounds, cache and cycle, each explicit.
 *
 * @example
 * ```ts
 * identityMeaning({ generation: 'always', start: 1 }, { kind: 'integer' })
 * // { generation: 'always', increment: 1, minValue: 1, maxValue: 2147483647, start: 1, cache: 1, cycle: false }
 * ```
 */
export function identityMeaning(identity: Identity, type: ColumnType): IdentityMeaning {
  const increment = identity.increment ?? 1
  const up = increment > 0
  const [low, high] = RANGE[type.kind] ?? (RANGE.bigint as readonly [number, number])
  const start = identity.start
  // An unstated bound is the direction's default, widened to a start beyond it (as introspection reads it).
  const minValue = identity.minValue ?? (up ? (start !== undefined && start < 1 ? start : 1) : low)
  const maxValue = identity.maxValue ?? (up ? high : start !== undefined && start > -1 ? start : -1)
  return {
    generation: identity.generation,
    increment,
    minValue,
    maxValue,
    start: start ?? (up ? minValue : maxValue),
    cache: identity.cache ?? 1,
    cycle: identity.cycle ?? false,
  }
}

/**
 * Whether two identities mean the same on a column of `type` (both absent, or the same options once
 * defaults are filled in). Both sides take the new type: when a column's type changes, PostgreSQL
 * moves a sequence's default bounds with it, so only stated options can differ.
 */
export function identitiesEqual(before: Identity | undefined, after: Identity | undefined, type: ColumnType): boolean {
  if (before === undefined || after === undefined) return before === after
  const a = identityMeaning(before, type)
  const b = identityMeaning(after, type)
  return (Object.keys(a) as (keyof IdentityMeaning)[]).every((k) => a[k] === b[k])
}
