// The joint assignment of renames: of all one-to-one choices among scored pairs, the one with the
// highest total score (the Hungarian method), so that a pair does not take an object that two other
// pairs need. Written here rather than taken from a package: the method is short, exact integer
// weights (below) are needed for symmetric ties, and the library keeps its runtime dependencies few.
//
// The answer must not depend on which schema is `from`: scoring `to` -> `from` gives the same scores,
// and ties between assignments of equal total are broken by a weight that depends only on the
// unordered pair of keys. Weights are exact integers (BigInt): score in hundredths times 2^R, plus
// 2^rank of the pair among the R pairs, so every set of pairs has a distinct total and the best set is
// unique, whichever side the matrix is built from.

/** A pair that may be chosen, with its score (0-1, in hundredths) and a key naming it on both sides. */
export interface WeightedPair<F, T> {
  readonly from: F
  readonly to: T
  readonly score: number
  /** Names the pair the same way whichever side is `from` (sorted keys of both objects). */
  readonly symmetricKey: string
}

/**
 * The one-to-one subset of `pairs` with the highest total score; among equal totals, the one that
 * does not depend on the direction of the diff. Pairs are returned in the order given.
 *
 * @example
 * ```ts
 * assignPairs([{ from: 'a', to: 'x', score: 0.9, symmetricKey: 'a\0x' }]) // that pair
 * ```
 */
export function assignPairs<P extends WeightedPair<unknown, unknown>>(pairs: readonly P[]): P[] {
  if (pairs.length <= 1) return [...pairs]
  const chosen = new Set<P>()
  for (const component of components(pairs)) for (const p of solve(component)) chosen.add(p)
  return pairs.filter((p) => chosen.has(p))
}

/** Pairs split into groups that share no object (each solved on its own: smaller matrices). */
function components<P extends WeightedPair<unknown, unknown>>(pairs: readonly P[]): P[][] {
  const parent = new Map<unknown, unknown>()
  const find = (x: unknown): unknown => {
    let root = x
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)
    parent.set(x, root)
    return root
  }
  // Objects of the two sides live in one map: tag them so that equal values on both sides stay apart.
  const fromNode = new Map<unknown, object>()
  const toNode = new Map<unknown, object>()
  const nodeOf = <K>(map: Map<K, object>, k: K) => map.get(k) ?? map.set(k, {}).get(k)
  for (const p of pairs) {
    const a = find(nodeOf(fromNode, p.from))
    const b = find(nodeOf(toNode, p.to))
    if (a !== b) parent.set(a, b)
  }
  const groups = new Map<unknown, P[]>()
  for (const p of pairs) {
    const root = find(nodeOf(fromNode, p.from))
    const group = groups.get(root) ?? groups.set(root, []).get(root)
    group?.push(p)
  }
  return [...groups.values()]
}

/** The best one-to-one subset of one group (Hungarian method on a square matrix of costs). */
function solve<P extends WeightedPair<unknown, unknown>>(pairs: readonly P[]): P[] {
  if (pairs.length === 1) return [...pairs]
  const froms = [...new Set(pairs.map((p) => p.from))]
  const tos = [...new Set(pairs.map((p) => p.to))]
  const ranks = new Map([...pairs].sort((a, b) => cmp(a.symmetricKey, b.symmetricKey)).map((p, i) => [p, i]))
  const top = 1n << BigInt(pairs.length)
  const weight = (p: P) => BigInt(Math.round(p.score * 100)) * top + (1n << BigInt(ranks.get(p) ?? 0))
  const n = Math.max(froms.length, tos.length)
  const w: bigint[][] = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n))
  const at = new Map<string, P>()
  let max = 0n
  for (const p of pairs) {
    const [i, j] = [froms.indexOf(p.from), tos.indexOf(p.to)]
    const value = weight(p)
    ;(w[i] as bigint[])[j] = value
    at.set(`${i},${j}`, p)
    if (value > max) max = value
  }
  const match = minimumCostAssignment(w.map((row) => row.map((x) => max - x)))
  return match.flatMap((j, i) => {
    const p = at.get(`${i},${j}`)
    return p === undefined ? [] : [p]
  })
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** For each row, its column in the assignment of least total cost (square matrix; e-maxx's O(n^3) form). */
function minimumCostAssignment(cost: readonly (readonly bigint[])[]): number[] {
  const n = cost.length
  const u = new Array<bigint>(n + 1).fill(0n)
  const v = new Array<bigint>(n + 1).fill(0n)
  const p = new Array<number>(n + 1).fill(0)
  const way = new Array<number>(n + 1).fill(0)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    const minv = new Array<bigint | undefined>(n + 1).fill(undefined)
    const used = new Array<boolean>(n + 1).fill(false)
    do {
      used[j0] = true
      const i0 = p[j0] as number
      let delta: bigint | undefined
      let j1 = 0
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue
        const cur = ((cost[i0 - 1] as bigint[])[j - 1] as bigint) - (u[i0] as bigint) - (v[j] as bigint)
        const m = minv[j]
        if (m === undefined || cur < m) {
          minv[j] = cur
          way[j] = j0
        }
        const mj = minv[j] as bigint
        if (delta === undefined || mj < delta) {
          delta = mj
          j1 = j
        }
      }
      const d = delta ?? 0n
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as bigint) + d
          v[j] = (v[j] as bigint) - d
        } else minv[j] = (minv[j] as bigint) - d
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0] as number
      p[j0] = p[j1] as number
      j0 = j1
    } while (j0 !== 0)
  }
  const rowToCol = new Array<number>(n).fill(-1)
  for (let j = 1; j <= n; j++) if ((p[j] as number) > 0) rowToCol[(p[j] as number) - 1] = j - 1
  return rowToCol
}
