/** How to compare one kind of named-or-unnamed object (constraints, indexes). */
export interface NamedComparer<T> {
  readonly name: (item: T) => string | undefined
  /** Meaning as a string; equal strings mean the same object. */
  readonly content: (item: T) => string
  /** What keeps identifying an unnamed object when its details change; undefined if nothing does. */
  readonly identity: (item: T) => string | undefined
  /** Whether the names of `a` (from) and `b` (to) mean the same: equal, or one absent and the other a default name. */
  readonly sameName: (a: T, b: T) => boolean
}

/** Result of {@link pairNamed}: index pairs into the `from` and `to` lists, and the leftovers. */
export interface NamedPairing {
  readonly pairs: readonly (readonly [number, number])[]
  readonly dropped: readonly number[]
  readonly added: readonly number[]
}

/**
 * Pairs objects that may be unnamed, in passes from the surest to the loosest:
 * 1. same name and same meaning; 2. equivalent names (one absent, the other the name the database
 * would give it) and same meaning; 3. same declared name; 4. same meaning under another name (a
 * rename); 5. one side unnamed and the same identity (e.g. the foreign key on the same columns, with
 * a new ON DELETE). Each pass pairs in list order, which is canonical on both sides, so swapping the
 * inputs gives the same pairs.
 */
export function pairNamed<T>(from: readonly T[], to: readonly T[], c: NamedComparer<T>): NamedPairing {
  const info = (x: T) => ({ item: x, name: c.name(x), content: c.content(x), identity: c.identity(x) })
  const fromInfo = from.map(info)
  const toInfo = to.map(info)
  type Info = (typeof fromInfo)[number]
  const declaredSame = (a: Info, b: Info) => a.name !== undefined && a.name === b.name
  const oneUnnamed = (a: Info, b: Info) => a.name === undefined || b.name === undefined
  const passes: ((a: Info, b: Info) => boolean)[] = [
    (a, b) => declaredSame(a, b) && a.content === b.content,
    (a, b) => a.content === b.content && c.sameName(a.item, b.item),
    (a, b) => declaredSame(a, b),
    (a, b) => a.content === b.content,
    (a, b) => oneUnnamed(a, b) && a.identity !== undefined && a.identity === b.identity,
  ]
  const usedFrom = new Set<number>()
  const usedTo = new Set<number>()
  const pairs: [number, number][] = []
  for (const matches of passes) {
    for (const [i, a] of fromInfo.entries()) {
      if (usedFrom.has(i)) continue
      const j = toInfo.findIndex((b, k) => !usedTo.has(k) && matches(a, b))
      if (j < 0) continue
      usedFrom.add(i)
      usedTo.add(j)
      pairs.push([i, j])
    }
  }
  return {
    pairs,
    dropped: from.map((_, i) => i).filter((i) => !usedFrom.has(i)),
    added: to.map((_, j) => j).filter((j) => !usedTo.has(j)),
  }
}
