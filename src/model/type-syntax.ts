/**
 * Syntax tree of a column-type spelling: phrases of words and parenthesised argument groups, array
 * suffixes (`[]`, `[3]`) and SQLAlchemy's `ARRAY(inner)`. What the words mean is decided later, by
 * `type-spellings.ts`.
 *
 * @module
 */
import { isPunct, isWord, type TypeToken, type TypeTokens } from './type-tokenizer.js'

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
 * Reads a whole spelling as one type; `undefined` unless every token is consumed. Tokens are read as
 * the grammar needs them: when a token outside any group ends the type early, the rest is never
 * tokenized (it cannot change the answer), so a long spelling of junk costs almost nothing.
 *
 * @example
 * ```ts
 * readTypeSyntax(new TypeTokens('text[][]'))?.t // 'array'
 * ```
 */
export function readTypeSyntax(tokens: TypeTokens): TypeSyntax | undefined {
  const read = readType(tokens, 0, 0)
  return read !== undefined && tokens.endsAt(read.next) ? read.node : undefined
}

function readType(tokens: TypeTokens, i: number, depth: number): { node: TypeSyntax; next: number } | undefined {
  if (depth > MAX_DEPTH) return undefined
  let node: TypeSyntax
  let j: number
  const first = tokens.at(i)
  if (first !== undefined && isWord(first, 'array') && isPunct(tokens.at(i + 1), '(')) {
    const inner = readType(tokens, i + 2, depth + 1)
    if (inner === undefined) return undefined
    j = inner.next
    let dimensions = 1
    if (isPunct(tokens.at(j), ',')) {
      // SQLAlchemy `ARRAY(Integer, dimensions=2)`.
      const value = tokens.at(j + 3)
      if (!isWord(tokens.at(j + 1), 'dimensions') || !isPunct(tokens.at(j + 2), '=') || value?.t !== 'number')
        return undefined
      if (value.value < 1 || value.value > MAX_DEPTH) return undefined
      dimensions = value.value
      j += 4
    }
    const close = tokens.at(j)
    if (close === undefined || !isPunct(close, ')')) return undefined
    j++
    node = inner.node
    for (let d = 0; d < dimensions; d++) node = { t: 'array', of: node, start: first.start, end: close.end }
  } else {
    const items: PhraseItem[] = []
    j = i
    for (;;) {
      const tok = tokens.at(j)
      if (tok?.t === 'word') {
        // A qualified name (`public.mood`) is one word; it never names a built-in.
        let value = tok.value
        let end = tok.end
        for (j++; isPunct(tokens.at(j), '.') && tokens.at(j + 1)?.t === 'word'; j += 2) {
          value += `.${tokens.at(j + 1)?.value}`
          end = tokens.at(j + 1)?.end ?? end
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
  for (let n = 0; isPunct(tokens.at(j), '['); n++) {
    if (depth + n > MAX_DEPTH) return undefined
    let k = j + 1
    if (tokens.at(k)?.t === 'number') k++
    const close = tokens.at(k)
    if (close === undefined || !isPunct(close, ']')) return undefined
    node = { t: 'array', of: node, start: node.start, end: close.end }
    j = k + 1
  }
  return { node, next: j }
}

/** Reads a balanced `( ... )` group at `open`, splitting its content at top-level commas. */
function readGroup(tokens: TypeTokens, open: number): { item: PhraseItem; next: number } | undefined {
  const args: TypeToken[][] = []
  let current: TypeToken[] = []
  let level = 0
  const start = tokens.at(open)?.start ?? 0
  for (let j = open + 1; ; j++) {
    const tok = tokens.at(j)
    if (tok === undefined) return undefined
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
}
