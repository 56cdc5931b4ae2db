import { assignPairs } from './assign-pairs.js'
import { findChains } from './chain-renames.js'
import { DEFAULT_RENAME_THRESHOLD, MIN_CANDIDATE_SCORE, type ScoredPair } from './rename-score.js'
import type { DiffOptions, RenameCandidate } from './types.js'

/** One object matched across the two schemas. */
export interface MatchedPair<T> {
  readonly from: T
  readonly to: T
  /** Whether the match is a rename (by hint or applied candidate). */
  readonly renamed: boolean
}

/** Result of matching the objects of one scope (the tables of a schema, the columns of a table). */
export interface ScopeMatch<T> {
  readonly pairs: readonly MatchedPair<T>[]
  readonly dropped: readonly T[]
  readonly added: readonly T[]
  readonly candidates: readonly RenameCandidate[]
}

/** How to match one scope. */
export interface ScopeMatcher<T> {
  readonly from: readonly T[]
  readonly to: readonly T[]
  readonly key: (item: T) => string
  /** Hinted renames as `from` key -> `to` key, already validated. */
  readonly hints: ReadonlyMap<string, string>
  readonly score: (from: T, to: T, dropped: readonly T[], added: readonly T[]) => ScoredPair
  readonly candidate: (from: T, to: T) => Pick<RenameCandidate, 'target' | 'table' | 'from' | 'to'>
  readonly options: DiffOptions
  /** Look for chained renames (`a -> b`, `b -> c`) among the objects matched by key. */
  readonly chains?: boolean
}

/**
 * Pairs objects by key, then by rename hint, then (unless `inferRenames` is `off`) scores every
 * dropped/added pair. With `apply`, the pairs at or above the threshold are assigned jointly (the
 * one-to-one choice with the highest total score, see {@link assignPairs}) and become renames; ties
 * are broken by names in a way that does not depend on which side is `from`, so swapping the schemas
 * gives the same pairs.
 */
export function matchScope<T>(m: ScopeMatcher<T>): ScopeMatch<T> {
  const toByKey = new Map(m.to.map((t) => [m.key(t), t]))
  const fromByKey = new Map(m.from.map((f) => [m.key(f), f]))
  const pairs: MatchedPair<T>[] = []
  const usedTo = new Set<T>()
  const dropped: T[] = []
  for (const f of m.from) {
    const same = toByKey.get(m.key(f))
    const hinted = m.hints.get(m.key(f))
    const target = same ?? (hinted === undefined ? undefined : toByKey.get(hinted))
    if (target === undefined) dropped.push(f)
    else {
      pairs.push({ from: f, to: target, renamed: same === undefined })
      usedTo.add(target)
    }
  }
  if (m.options.caseInsensitiveNames) pairByCase(m, dropped, usedTo, pairs)
  const added = m.to.filter((t) => !usedTo.has(t) && !fromByKey.has(m.key(t)))
  const mode = m.options.inferRenames ?? 'suggest'
  if (mode === 'off' || dropped.length === 0 || added.length === 0) return { pairs, dropped, added, candidates: [] }
  const threshold = m.options.renameThreshold ?? DEFAULT_RENAME_THRESHOLD

  const chainCandidates: RenameCandidate[] = []
  if (m.chains) {
    const kept = pairs.filter((p) => !p.renamed)
    for (const c of findChains({ kept, dropped, added, key: m.key, score: m.score, threshold })) {
      const apply = mode === 'apply'
      chainCandidates.push(
        {
          ...m.candidate(c.first, c.middle.to),
          score: c.into.score,
          reasons: [...c.into.reasons, CHAINED],
          applied: apply,
        },
        {
          ...m.candidate(c.middle.from, c.last),
          score: c.onward.score,
          reasons: [...c.onward.reasons, CHAINED],
          applied: apply,
        },
      )
      if (!apply) continue
      pairs.splice(
        pairs.findIndex((p) => p.from === c.middle.from),
        1,
      )
      pairs.push({ from: c.first, to: c.middle.to, renamed: true }, { from: c.middle.from, to: c.last, renamed: true })
      dropped.splice(dropped.indexOf(c.first), 1)
      added.splice(added.indexOf(c.last), 1)
    }
  }

  const scored = dropped
    .flatMap((f) => added.map((t) => ({ f, t, ...m.score(f, t, dropped, added) })))
    .filter((s) => s.score >= MIN_CANDIDATE_SCORE)
    .sort((a, b) => b.score - a.score || symmetricTieBreak(m.key(a.f), m.key(a.t), m.key(b.f), m.key(b.t)))
  const applied = new Set<(typeof scored)[number]>()
  if (mode === 'apply') {
    // The best one-to-one choice for the whole scope, not the best pair first.
    const eligible = scored
      .filter((s) => s.score >= threshold)
      .map((s) => ({
        from: s.f,
        to: s.t,
        score: s.score,
        symmetricKey: [m.key(s.f), m.key(s.t)].sort().join('\u0000'),
        s,
      }))
    for (const { s } of assignPairs(eligible)) {
      applied.add(s)
      pairs.push({ from: s.f, to: s.t, renamed: true })
    }
  }
  const candidates = [
    ...chainCandidates,
    ...scored.map((s) => ({
      ...m.candidate(s.f, s.t),
      score: s.score,
      reasons: s.reasons,
      applied: applied.has(s),
    })),
  ]
  return {
    pairs,
    dropped: dropped.filter((f) => ![...applied].some((s) => s.f === f)),
    added: added.filter((t) => ![...applied].some((s) => s.t === t)),
    candidates,
  }
}

const CHAINED = 'one of two chained renames (a -> b, b -> c)'

/** Pairs dropped and added objects whose keys differ only in case, as renames; removes them from `dropped`. */
function pairByCase<T>(m: ScopeMatcher<T>, dropped: T[], usedTo: Set<T>, pairs: MatchedPair<T>[]): void {
  const fromKeys = new Set(m.from.map(m.key))
  for (const f of [...dropped]) {
    const folded = m.key(f).toLowerCase()
    const target = m.to.find((t) => !usedTo.has(t) && !fromKeys.has(m.key(t)) && m.key(t).toLowerCase() === folded)
    if (target === undefined) continue
    pairs.push({ from: f, to: target, renamed: true })
    usedTo.add(target)
    dropped.splice(dropped.indexOf(f), 1)
  }
}

function symmetricTieBreak(af: string, at: string, bf: string, bt: string): number {
  const a = [af, at].sort().join('\u0000')
  const b = [bf, bt].sort().join('\u0000')
  return a < b ? -1 : a > b ? 1 : 0
}
