// Long lists go into the page a frame's budget at a time: each item costs a component and a dozen DOM
// nodes, and a thousand of them at once block the page for more than 100 ms. Short lists appear at once.

/**
 * How many items of a list to draw: as many as fit `budget` (in the units of `weights`, about DOM
 * nodes) in the first frame, then one budget more per animation frame until all are drawn. Starts
 * again whenever the list changes. Call it while a component initialises.
 *
 * @example
 * ```ts
 * const drawn = progressive(() => findings.map(() => 1), 60)
 * // {#each findings.slice(0, drawn.count) as f}
 * ```
 */
export function progressive(
  weights: () => readonly number[],
  budget: number,
): { readonly count: number; readonly done: boolean } {
  let count = $state(0)
  let total = $state(0)
  $effect(() => {
    const items = weights()
    const next = (from: number) => {
      let end = from
      for (let sum = 0; end < items.length && (end === from || sum + (items[end] ?? 0) <= budget); end++)
        sum += items[end] ?? 0
      return end
    }
    // A local copy: reading `count` here would make this effect rerun (and restart) on every frame.
    let drawn = next(0)
    total = items.length
    count = drawn
    if (drawn >= items.length) return
    let frame = requestAnimationFrame(function step() {
      drawn = next(drawn)
      count = drawn
      if (drawn < items.length) frame = requestAnimationFrame(step)
    })
    return () => cancelAnimationFrame(frame)
  })
  return {
    get count() {
      return count
    },
    get done() {
      return count >= total
    },
  }
}
