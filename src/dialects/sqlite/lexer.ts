import {
  isDigit,
  isHigh,
  isLetter,
  type LexToken,
  lineEnd,
  quotedEnd,
  runEnd,
  type SqlLexer,
  TokenList,
} from '../lexer-core.js'

// SQLite's scanner (src/tokenize.c, sqlite3GetToken), and the sqlite3 shell's statement splitter
// (sqlite3_complete, which reads quotes, brackets and comments the same way), for what decides where
// tokens end:
// - '...' strings, "..." and `...` identifiers double their quote; [...] identifiers end at the first
//   `]`; nothing takes a backslash escape;
// - `--` comments end at \n; /* */ does not nest, and one left open runs to the end of the text;
// - `$`, digits, `_` and every non-ASCII byte continue a name, so `a$$` is one; parameters are `?NNN`,
//   `:name`, `@name`, `#name` and `$name` with Tcl's `::` and `(...)` suffixes (so `$a(;)` is one
//   token to the engine, while the shell splits at its `;`);
// - x'..' is a blob of hex digits; a digit run glued to name characters is one illegal token.

const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v', '\ufeff'])
const TWO = ['->>', '->', '==', '<=', '<>', '<<', '>=', '>>', '!=', '||']
const SINGLE: Readonly<Record<string, LexToken['kind']>> = {
  '(': 'open',
  ')': 'close',
  ',': 'comma',
  ';': 'semicolon',
}
const OPERATOR = new Set('+-*/%=<>|&~.'.split(''))

const idChar = (c: string | undefined) => isLetter(c) || isDigit(c) || c === '_' || c === '$' || isHigh(c)
const idStart = (c: string | undefined) => isLetter(c) || c === '_' || isHigh(c)
const hex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c)

/** A `$` `@` `:` `#` parameter at `i`: its end, and whether SQLite accepts it. */
function variableEnd(text: string, i: number): [number, boolean] {
  let named = 0
  let j = i + 1
  while (j < text.length) {
    const c = text[j]
    if (idChar(c)) {
      named++
      j++
    } else if (c === '(' && named > 0) {
      j++
      while (j < text.length && text[j] !== ')' && !SPACE.has(text[j] as string)) j++
      if (text[j] === ')') return [j + 1, true]
      return [j, false]
    } else if (c === ':' && text[j + 1] === ':') j += 2
    else break
  }
  return [j, named > 0]
}

function numberEnd(text: string, i: number): number {
  let j: number
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && hex(text[i + 2])) j = runEnd(text, i + 2, hex)
  else {
    j = runEnd(text, i, (c) => isDigit(c) || c === '_')
    if (text[j] === '.') j = runEnd(text, j + 1, (c) => isDigit(c) || c === '_')
    const sign = text[j + 1] === '+' || text[j + 1] === '-' ? 1 : 0
    if ((text[j] === 'e' || text[j] === 'E') && isDigit(text[j + 1 + sign])) j = runEnd(text, j + 1 + sign, isDigit)
  }
  return j
}

function tokenize(text: string): LexToken[] {
  const out = new TokenList()
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    const next = text[i + 1]
    if (SPACE.has(c))
      i = out.emit(
        'space',
        i,
        runEnd(text, i, (x) => x !== undefined && SPACE.has(x)),
      )
    else if (c === '-' && next === '-') i = out.emit('comment', i, lineEnd(text, i, false), true, '--')
    else if (c === '/' && next === '*' && i + 2 < text.length) {
      const close = text.indexOf('*/', i + 2)
      i = out.emit('comment', i, close < 0 ? text.length : close + 2, close >= 0, '/*')
    } else if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(text, i, c, false)
      i = out.emit(c === "'" ? 'string' : 'quoted_identifier', i, end < 0 ? text.length : end, end >= 0)
    } else if (c === '[') {
      const close = text.indexOf(']', i + 1)
      i = out.emit('quoted_identifier', i, close < 0 ? text.length : close + 1, close >= 0, '[')
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const digits = runEnd(text, i + 2, hex)
      const close = text.indexOf("'", digits)
      const ok = close === digits && (digits - i - 2) % 2 === 0
      i = out.emit(ok ? 'string' : 'other', i, close < 0 ? text.length : close + 1, close >= 0, 'X')
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const end = numberEnd(text, i)
      const junk = runEnd(text, end, idChar)
      i = out.emit(junk > end ? 'other' : 'number', i, junk)
    } else if (idStart(c)) i = out.emit('identifier', i, runEnd(text, i + 1, idChar))
    else if (c === '?') i = out.emit('parameter', i, runEnd(text, i + 1, isDigit))
    else if (c === '$' || c === '@' || c === ':' || c === '#') {
      const [end, ok] = variableEnd(text, i)
      i = out.emit(ok ? 'parameter' : 'other', i, end)
    } else if (SINGLE[c]) i = out.emit(SINGLE[c], i, i + 1)
    else {
      const two = TWO.find((op) => text.startsWith(op, i))
      if (two) i = out.emit('operator', i, i + two.length)
      else i = out.emit(OPERATOR.has(c) ? 'operator' : c === '\\' ? 'client_command' : 'other', i, i + 1)
    }
  }
  return out.tokens
}

/**
 * SQLite's scanner as the engine and the sqlite3 shell run it (one mode: SQLite has no setting that
 * changes where tokens end).
 *
 * @example
 * ```ts
 * sqliteLexer.tokenize('[a;b]').map((t) => t.kind) // ['quoted_identifier']
 * ```
 */
export const sqliteLexer: SqlLexer = { label: 'SQLite', clientDropsCarriageReturns: true, modes: ['default'], tokenize }
