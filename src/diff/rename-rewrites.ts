// Renames in one migration often share a rewrite: `user` -> `person` in table names and in
// `mod_user_id` -> `mod_person_id`, `other_user_id` -> `other_person_id`; or a suffix added to several
// columns (`message` -> `message_max_requests`, `post` -> `post_max_requests`). A rewrite that explains
// several dropped/added pairs of the same diff is evidence for each of them.

/** The words of an identifier: split at `_`, `-`, spaces, dots and lower-to-upper case changes, lower-cased. */
export function nameTokens(name: string): readonly string[] {
  let tokens = tokenCache.get(name)
  if (tokens === undefined) {
    tokens = name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .split(/[_\-\s.]+/)
      .filter((t) => t !== '')
    // Names repeat across the tables of a diff; the cache is dropped when it grows large.
    if (tokenCache.size > 50_000) tokenCache.clear()
    tokenCache.set(name, tokens)
  }
  return tokens
}

const tokenCache = new Map<string, readonly string[]>()

/**
 * The words that differ between two names once their common leading and trailing words are set aside,
 * as `old>new` (`mod_user_id`, `mod_person_id` -> `user>person`; `post`, `post_max_requests` ->
 * `>max_requests`); undefined when the words are the same.
 *
 * @example
 * ```ts
 * nameRewrite('other_user_id', 'other_person_id') // 'user>person'
 * ```
 */
export function nameRewrite(from: string, to: string): string | undefined {
  const a = nameTokens(from)
  const b = nameTokens(to)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const old = a.slice(head, a.length - tail).join('_')
  const now = b.slice(head, b.length - tail).join('_')
  return old === now ? undefined : `${old}>${now}`
}

/** How many dropped/added pairs of one diff each rewrite explains. */
export class RewriteCounts {
  private readonly pairs = new Map<string, Set<string>>()
  // Scoring asks about the same pairs of names many times.
  private readonly answers = new Map<string, { readonly pairs: number; readonly words: string }>()

  /** Counts the rewrite of one pair of names (a pair of names seen twice counts once). */
  add(from: string, to: string): void {
    const r = nameRewrite(from, to)
    if (r === undefined) return
    this.answers.clear()
    const seen = this.pairs.get(r) ?? new Set<string>()
    seen.add(`${from}\u0000${to}`)
    this.pairs.set(r, seen)
  }

  /**
   * The number of pairs (this one included) whose names differ by the same rewrite as `from` -> `to`,
   * and the rewrite's words in an order that does not depend on the direction (`person / user`).
   */
  shared(from: string, to: string): { readonly pairs: number; readonly words: string } {
    const key = `${from}\u0000${to}`
    let answer = this.answers.get(key)
    if (answer === undefined) {
      answer = this.count(from, to)
      this.answers.set(key, answer)
    }
    return answer
  }

  private count(from: string, to: string): { readonly pairs: number; readonly words: string } {
    const r = nameRewrite(from, to)
    if (r === undefined) return { pairs: 0, words: '' }
    const words = r
      .split('>')
      .map((w) => (w === '' ? '(nothing)' : w))
      .sort()
      .join(' / ')
    return { pairs: this.pairs.get(r)?.size ?? 0, words }
  }
}
