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

// Character classes by code unit: a regular expression per character made long spellings slow.
const SPACE = /\s/
const isSpace = (c: number): boolean =>
  c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : SPACE.test(String.fromCharCode(c))
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isWordPart = (c: number): boolean => isLetter(c) || isDigit(c) || c === 0x24

/**
 * Splits a type spelling into tokens; `undefined` when a quoted identifier or string is unterminated.
 *
 * Words are returned in lower case (quoted identifiers too: the grammar is case-insensitive), numbers
 * as safe integers (longer digit runs become `other` tokens), string literals unescaped (`''` and
 * backslash escapes). Linear in the length of the spelling.
 *
 * @example
 * ```ts
 * tokenizeType('VARCHAR( 50 )')?.map((t) => t.value) // ['varchar', '(', 50, ')']
 * ```
 */
export function tokenizeType(src: string): TypeToken[] | undefined {
  const tokens: TypeToken[] = []
  for (let i = 0; ; ) {
    const token = readToken(src, i)
    if (token === undefined) return undefined
    if (token === null) return tokens
    tokens.push(token)
    i = token.end
  }
}

/**
 * The tokens of a spelling, read as a parser asks for them: a parser that fails early (most long
 * spellings are not a type the grammar knows) never pays for the rest. `broken` is set once an
 * unterminated quote was met; a parse that needed the tokens past it must fail, as with
 * {@link tokenizeType}.
 */
export class TypeTokens {
  private readonly tokens: TypeToken[]
  private position = 0
  private done: boolean
  broken = false

  /** Over `src`, or over tokens already read (`tokenizeType`'s). */
  constructor(
    private readonly src: string,
    tokens?: TypeToken[],
  ) {
    this.tokens = tokens ?? []
    this.done = tokens !== undefined
  }

  /** The token at `index`, or undefined past the end (or past an unterminated quote). */
  at(index: number): TypeToken | undefined {
    while (index >= this.tokens.length && !this.done) {
      const token = readToken(this.src, this.position)
      if (token === undefined || token === null) {
        this.done = true
        this.broken = token === undefined
      } else {
        this.tokens.push(token)
        this.position = token.end
      }
    }
    return this.tokens[index]
  }

  /** Whether there is no token at `index` and the spelling was read to its end without a broken quote. */
  endsAt(index: number): boolean {
    return this.at(index) === undefined && !this.broken
  }
}

/** The token starting at or after `from` (spaces skipped); null at the end, undefined at an unterminated quote. */
function readToken(src: string, from: number): TypeToken | null | undefined {
  let i = from
  while (i < src.length && isSpace(src.charCodeAt(i))) i++
  if (i >= src.length) return null
  const c = src.charCodeAt(i)
  const start = i
  if (isLetter(c)) {
    while (i < src.length && isWordPart(src.charCodeAt(i))) i++
    return { t: 'word', value: src.slice(start, i).toLowerCase(), quoted: false, start, end: i }
  }
  if (isDigit(c)) {
    while (i < src.length && isDigit(src.charCodeAt(i))) i++
    const text = src.slice(start, i)
    const value = Number(text)
    return Number.isSafeInteger(value)
      ? { t: 'number', value, start, end: i }
      : { t: 'other', value: text, start, end: i }
  }
  if (c === 0x22) {
    const read = readQuoted(src, i, '"', false)
    return read && { t: 'word', value: read.value.toLowerCase(), quoted: true, start, end: read.end }
  }
  if (c === 0x27) {
    const read = readQuoted(src, i, "'", true)
    return read && { t: 'string', value: read.value, start, end: read.end }
  }
  const ch = src.charAt(i)
  if (PUNCT.has(ch)) return { t: 'punct', value: ch as TypePunct, start, end: i + 1 }
  i += (src.codePointAt(i) ?? 0) > 0xffff ? 2 : 1
  return { t: 'other', value: src.slice(start, i), start, end: i }
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
  // Copies the runs between quotes and backslashes whole, not character by character.
  let run = i
  while (i < src.length) {
    const c = src.charAt(i)
    if (c === quote) {
      value += src.slice(run, i)
      if (src.charAt(i + 1) === quote) {
        value += quote
        i += 2
        run = i
        continue
      }
      return { value, end: i + 1 }
    }
    if (backslashes && c === '\\' && i + 1 < src.length) {
      value += src.slice(run, i)
      const next = src.charAt(i + 1)
      value += BACKSLASH_ESCAPES[next] ?? next
      i += 2
      run = i
      continue
    }
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
