/**
 * Syntax tree of a column-type spelling: phrases of words and parenthesised argument groups, array
 * suffixes (`[]`, `[3]`) and SQLAlchemy's `ARRAY(inner)`. What the words mean is decided later, by
 * `type-spellings.ts`.
 *
 * @module
 */
import { isPunct, isWord, type TypeToken } from './type-tokenizer.js'

/** Deepest nesting of `ARRAY(...)` / `[]` the reader follows before giving up (keeps recursion bounded). */
const MAX_DEPTH = 64

/** A word or a parenthesised, comma-separated argument group of a phrase. */
export type PhraseItem =
  | { readonly t: 'word'; readonly value: string; readonly start: number; readonly end: number }
  | {
      readonly t: 'group'
      readonly args: readonly (readonly TypeToken[])[]
      readonly start: number
      readonly end: number
    }

/** A parsed type spelling; offsets point into the source (`end` exclusive). */
export type TypeSyntax =
  | { readonly t: 'phrase'; readonly items: readonly PhraseItem[]; readonly start: number; readonly end: number }
  | { readonly t: 'array'; readonly of: TypeSyntax; readonly start: number; readonly end: number }

/**
 * Reads a whole token list as one type; `undefined` unless every token is consumed.
 *
 * @example
 * ```ts
 * readTypeSyntax(tokenizeType('text[][]')!)?.t // 'array'
 * ```
 */
export function readTypeSyntax(tokens: readonly TypeToken[]): TypeSyntax | undefined {
  const read = readType(tokens, 0, 0)
  return read !== undefined && read.next === tokens.length ? read.node : undefined
}

function readType(
  tokens: readonly TypeToken[],
  i: number,
  depth: number,
): { node: TypeSyntax; next: number } | undefined {
  if (depth > MAX_DEPTH) return undefined
  let node: TypeSyntax
  let j: number
  const first = tokens[i]
  if (first !== undefined && isWord(first, 'array') && isPunct(tokens[i + 1], '(')) {
    const inner = readType(tokens, i + 2, depth + 1)
    if (inner === undefined) return undefined
    j = inner.next
    let dimensions = 1
    if (isPunct(tokens[j], ',')) {
      // SQLAlchemy `ARRAY(Integer, dimensions=2)`.
      const value = tokens[j + 3]
      if (!isWord(tokens[j + 1], 'dimensions') || !isPunct(tokens[j + 2], '=') || value?.t !== 'number')
        return undefined
      if (value.value < 1 || value.value > MAX_DEPTH) return undefined
      dimensions = value.value
      j += 4
    }
    const close = tokens[j]
    if (close === undefined || !isPunct(close, ')')) return undefined
    j++
    node = inner.node
    for (let d = 0; d < dimensions; d++) node = { t: 'array', of: node, start: first.start, end: close.end }
  } else {
    const items: PhraseItem[] = []
    j = i
    for (;;) {
      const tok = tokens[j]
      if (tok?.t === 'word') {
        // A qualified name (`public.mood`) is one word; it never names a built-in.
        let value = tok.value
        let end = tok.end
        for (j++; isPunct(tokens[j], '.') && tokens[j + 1]?.t === 'word'; j += 2) {
          value += `.${tokens[j + 1]?.value}`
          end = tokens[j + 1]?.end ?? end
        }
        items.push({ t: 'word', value, start: tok.start, end })
      } else if (tok !== undefined && isPunct(tok, '(')) {
        const group = readGroup(tokens, j)
        if (group === undefined) return undefined
        items.push(group.item)
        j = group.next
      } else {
        break
      }
    }
    const head = items[0]
    const last = items[items.length - 1]
    if (head === undefined || last === undefined) return undefined
    node = { t: 'phrase', items, start: head.start, end: last.end }
  }
  // Array suffixes: `[]`, `[3]`, repeated.
  for (let n = 0; isPunct(tokens[j], '['); n++) {
    if (depth + n > MAX_DEPTH) return undefined
    let k = j + 1
    if (tokens[k]?.t === 'number') k++
    const close = tokens[k]
    if (close === undefined || !isPunct(close, ']')) return undefined
    node = { t: 'array', of: node, start: node.start, end: close.end }
    j = k + 1
  }
  return { node, next: j }
}

/** Reads a balanced `( ... )` group at `open`, splitting its content at top-level commas. */
function readGroup(tokens: readonly TypeToken[], open: number): { item: PhraseItem; next: number } | undefined {
  const args: TypeToken[][] = []
  let current: TypeToken[] = []
  let level = 0
  const start = tokens[open]?.start ?? 0
  for (let j = open + 1; j < tokens.length; j++) {
    const tok = tokens[j]
    if (tok === undefined) break
    if (isPunct(tok, '(')) level++
    if (isPunct(tok, ')')) {
      if (level === 0) {
        if (current.length > 0 || args.length > 0) args.push(current)
        return { item: { t: 'group', args, start, end: tok.end }, next: j + 1 }
      }
      level--
    }
    if (level === 0 && isPunct(tok, ',')) {
      args.push(current)
      current = []
    } else {
      current.push(tok)
    }
  }
  return undefined
}
