/**
 * Lexer for column-type spellings (`character varying(50)`, `enum('a','it''s')`, `"char"[]`).
 *
 * Internal to the column-type grammar: {@link tokenizeType} never throws; it returns `undefined` for
 * input it cannot split into tokens (an unterminated quote), and the parser then keeps the spelling as
 * a custom type.
 *
 * @module
 */

/** Punctuation the grammar gives meaning to. */
export type TypePunct = '(' | ')' | ',' | '[' | ']' | '=' | '*' | '-' | '+' | '.'

/** One lexical unit of a type spelling, with its source offsets (`end` exclusive). */
export type TypeToken =
  | {
      readonly t: 'word'
      readonly value: string
      readonly quoted: boolean
      readonly start: number
      readonly end: number
    }
  | { readonly t: 'number'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly t: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly t: 'punct'; readonly value: TypePunct; readonly start: number; readonly end: number }
  | { readonly t: 'other'; readonly value: string; readonly start: number; readonly end: number }

const PUNCT = new Set<string>(['(', ')', ',', '[', ']', '=', '*', '-', '+', '.'])

/**
 * Characters after a backslash inside a string literal, MySQL style (`\%` and `\_` keep their
 * backslash, as in MySQL); any other `\x` reads as `x`.
 */
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '%': '\\%',
  _: '\\_',
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
}

const isSpace = (c: string): boolean => /\s/.test(c)
const isWordStart = (c: string): boolean => /[A-Za-z_]/.test(c)
const isWordPart = (c: string): boolean => /[A-Za-z0-9_$]/.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9'

/**
 * Splits a type spelling into tokens; `undefined` when a quoted identifier or string is unterminated.
 *
 * Words are returned in lower case (quoted identifiers too: the grammar is case-insensitive), numbers
 * as safe integers (longer digit runs become `other` tokens), string literals unescaped (`''` and
 * backslash escapes).
 *
 * @example
 * ```ts
 * tokenizeType('VARCHAR( 50 )')?.map((t) => t.value) // ['varchar', '(', 50, ')']
 * ```
 */
export function tokenizeType(src: string): TypeToken[] | undefined {
  const tokens: TypeToken[] = []
  let i = 0
  while (i < src.length) {
    const c = src.charAt(i)
    const start = i
    if (isSpace(c)) {
      i++
    } else if (isWordStart(c)) {
      while (i < src.length && isWordPart(src.charAt(i))) i++
      tokens.push({ t: 'word', value: src.slice(start, i).toLowerCase(), quoted: false, start, end: i })
    } else if (isDigit(c)) {
      while (i < src.length && isDigit(src.charAt(i))) i++
      const text = src.slice(start, i)
      const value = Number(text)
      tokens.push(
        Number.isSafeInteger(value)
          ? { t: 'number', value, start, end: i }
          : { t: 'other', value: text, start, end: i },
      )
    } else if (c === '"') {
      const read = readQuoted(src, i, '"', false)
      if (read === undefined) return undefined
      tokens.push({ t: 'word', value: read.value.toLowerCase(), quoted: true, start, end: read.end })
      i = read.end
    } else if (c === "'") {
      const read = readQuoted(src, i, "'", true)
      if (read === undefined) return undefined
      tokens.push({ t: 'string', value: read.value, start, end: read.end })
      i = read.end
    } else if (PUNCT.has(c)) {
      tokens.push({ t: 'punct', value: c as TypePunct, start, end: i + 1 })
      i++
    } else {
      const cp = src.codePointAt(i) ?? 0
      i += cp > 0xffff ? 2 : 1
      tokens.push({ t: 'other', value: src.slice(start, i), start, end: i })
    }
  }
  return tokens
}

/** Reads a quoted run starting at `open` (the quote); a doubled quote is one literal quote. */
function readQuoted(
  src: string,
  open: number,
  quote: string,
  backslashes: boolean,
): { value: string; end: number } | undefined {
  let value = ''
  let i = open + 1
  while (i < src.length) {
    const c = src.charAt(i)
    if (c === quote) {
      if (src.charAt(i + 1) === quote) {
        value += quote
        i += 2
        continue
      }
      return { value, end: i + 1 }
    }
    if (backslashes && c === '\\' && i + 1 < src.length) {
      const next = src.charAt(i + 1)
      value += BACKSLASH_ESCAPES[next] ?? next
      i += 2
      continue
    }
    value += c
    i++
  }
  return undefined
}

/**
 * Whether `token` is the punctuation `p`.
 *
 * @example
 * ```ts
 * isPunct(tokenizeType('(')?.[0], '(') // true
 * ```
 */
export function isPunct(token: TypeToken | undefined, p: TypePunct): boolean {
  return token !== undefined && token.t === 'punct' && token.value === p
}

/**
 * Whether `token` is the (case-insensitive, possibly quoted) word `w`, given in lower case.
 *
 * @example
 * ```ts
 * isWord(tokenizeType('COLLATE')?.[0], 'collate') // true
 * ```
 */
export function isWord(token: TypeToken | undefined, w: string): boolean {
  return token !== undefined && token.t === 'word' && token.value === w
}
