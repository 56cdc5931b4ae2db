import type { ScoredPair } from './rename-score.js'

// Chained renames in one step: `a -> b` and `b -> c`. Matching by name pairs the two `b`s, leaving
// `a` dropped and `c` added, and the direct `a -> c` may look like a rename while it is not. A chain
// is taken instead when one link scores at least the threshold (and 0.8) and higher than `a -> c`
// (scored among the same objects), and the other at most 0.1 less: `a` became `b`, so what `b` held
// went somewhere, and `c`, in `b`'s place, is where (or the same read from the other end, so that the
// reverse diff finds the same chain). Measured on the calibration set.

/** One chain: `first` (dropped) took the name of `middle`, which took the name of `last` (added). */
export interface Chain<T> {
  /** The object dropped by name (`a`). */
  readonly first: T
  /** The object kept by name, in `from` and in `to` (`b`). */
  readonly middle: { readonly from: T; readonly to: T }
  /** The object added by name (`c`). */
  readonly last: T
  /** `a` -> `b` as scored. */
  readonly into: ScoredPair
  /** `b` -> `c` as scored. */
  readonly onward: ScoredPair
}

/** How to look for chains in one scope. */
export interface ChainSearch<T> {
  /** Pairs matched by name (candidates for the middle). */
  readonly kept: readonly { readonly from: T; readonly to: T }[]
  readonly dropped: readonly T[]
  readonly added: readonly T[]
  readonly key: (item: T) => string
  readonly score: (from: T, to: T, dropped: readonly T[], added: readonly T[]) => ScoredPair
  /** The rename threshold; links must also reach {@link MIN_CHAIN_LINK}. */
  readonly threshold: number
}

/** A chain takes apart a pair matched by name, which is strong evidence: its links need at least this. */
export const MIN_CHAIN_LINK = 0.8

/** How much less than the threshold the weaker link may score. */
const ONWARD_MARGIN = 0.1

/**
 * The chains of a scope, each object in at most one; the strongest first, ties broken by names in a
 * way that does not depend on which side is `from` (the reverse diff finds the same chains reversed).
 */
export function findChains<T>(s: ChainSearch<T>): Chain<T>[] {
  if (s.dropped.length === 0 || s.added.length === 0) return []
  const least = Math.max(s.threshold, MIN_CHAIN_LINK)
  // In whole hundredths, as scores are (0.8 - 0.1 is not 0.7 in floating point).
  const onwardLeast = Math.round((least - ONWARD_MARGIN) * 100) / 100
  const found: { chain: Chain<T>; total: number; order: string }[] = []
  for (const middle of s.kept) {
    // With the middle taken apart, it is dropped and added like the others.
    const dropped = [...s.dropped, middle.from]
    const added = [...s.added, middle.to]
    for (const first of s.dropped) {
      const into = s.score(first, middle.to, dropped, added)
      if (into.score < onwardLeast) continue
      for (const last of s.added) {
        const onward = s.score(middle.from, last, dropped, added)
        // Symmetric in the two links: the reverse diff sees the same chain with them swapped.
        const [weak, strong] = [Math.min(into.score, onward.score), Math.max(into.score, onward.score)]
        if (weak < onwardLeast || strong < least) continue
        // Scored among the same objects as the links, so that the three compare like for like.
        const direct = s.score(first, last, dropped, added).score
        if (strong <= direct) continue
        const ends = [s.key(first), s.key(last)].sort()
        found.push({
          chain: { first, middle, last, into, onward },
          total: into.score + onward.score,
          order: [...ends, s.key(middle.from)].join('\u0000'),
        })
      }
    }
  }
  found.sort((x, y) => y.total - x.total || (x.order < y.order ? -1 : x.order > y.order ? 1 : 0))
  const used = new Set<T>()
  const chains: Chain<T>[] = []
  for (const { chain } of found) {
    const objects = [chain.first, chain.middle.from, chain.middle.to, chain.last]
    if (objects.some((o) => used.has(o))) continue
    for (const o of objects) used.add(o)
    chains.push(chain)
  }
  return chains
}
