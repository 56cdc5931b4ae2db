import { isDigit, isHigh, isLetter, type LexToken, lineEnd, runEnd, type SqlLexer, TokenList } from '../lexer-core.js'

// PostgreSQL's scanner (src/backend/parser/scan.l) and psql's copy of it (src/fe_utils/psqlscan.l),
// rule by rule, for what decides where tokens end:
// - identifiers `[A-Za-z\200-\377_][A-Za-z\200-\377_0-9$]*`: every non-ASCII byte is a letter, and `$`
//   continues an identifier, so `a$$` is one name and opens no dollar quote;
// - dollar quotes `$tag$...$tag$` whose tag may hold digits and non-ASCII letters (`$a1$`, `$é$`), not
//   `$`; `$1` is a parameter;
// - '...' doubles quotes and, with standard_conforming_strings on, keeps backslashes; E'...' (and every
//   '...' when the setting is off) takes backslash escapes; B'', X'' end at the next quote; U&'' and
//   U&"" double quotes; a string continues after whitespace holding a newline and another quote, in the
//   same escape mode;
// - `--` comments end at \n or \r; /* */ comments nest; an operator stops where a comment starts;
// - psql reads a backslash outside quotes as a meta-command and `:name`, `:'name'`, `:"name"` as
//   variable interpolation.
// Numbers follow PostgreSQL 15 (`1e'x'` is the number 1 then E'x'); PostgreSQL 16+ rejects such
// junk, so the older reading is the one where more is a string.

const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v'])
const OP_CHARS = new Set('~!@#^&|`?+-*/%<>='.split(''))
/** Characters that make a trailing `+`/`-` part of a multi-character operator (scan.l's operator rule). */
const NON_SQL_OP = new Set('~!@#^&|`?%'.split(''))
const SINGLE: Readonly<Record<string, LexToken['kind']>> = {
  '(': 'open',
  ')': 'close',
  '[': 'open_bracket',
  ']': 'close_bracket',
  ',': 'comma',
  ';': 'semicolon',
}

const identStart = (c: string | undefined) => isLetter(c) || c === '_' || isHigh(c)
const identCont = (c: string | undefined) => identStart(c) || isDigit(c) || c === '$'
const tagCont = (c: string | undefined) => identStart(c) || isDigit(c)
const psqlVariableChar = (c: string | undefined) => identStart(c) || isDigit(c)

type StringMode = 'standard' | 'escape' | 'bits'

/** Scans a '...' body from after its opening quote, following continuations; returns [end, closed, continued]. */
function stringEnd(text: string, from: number, mode: StringMode): [number, boolean, boolean] {
  let continued = false
  let i = from
  for (;;) {
    while (i < text.length) {
      const c = text[i]
      if (mode === 'escape' && c === '\\') i += 2
      else if (c === "'" && mode !== 'bits' && text[i + 1] === "'") i += 2
      else if (c === "'") break
      else i++
    }
    if (i >= text.length) return [text.length, false, continued]
    const next = continuation(text, i + 1)
    if (next < 0) return [i + 1, true, continued]
    continued = true
    i = next
  }
}

/**
 * After a closing quote at `from - 1`: the offset after the opening quote of a continuation
 * (`{whitespace_with_newline}{quote}`, comments allowed), or -1.
 */
function continuation(text: string, from: number): number {
  let i = from
  let newline = false
  while (i < text.length) {
    const c = text[i]
    if (c === '\n' || c === '\r') {
      newline = true
      i++
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') i++
    else if (c === '-' && text[i + 1] === '-') i = lineEnd(text, i, true)
    else break
  }
  return newline && text[i] === "'" ? i + 1 : -1
}

/** End of a nested /* comment opened at `start`, or -1. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 0
  let i = start
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++
      i += 2
    } else if (text.startsWith('*/', i)) {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return -1
}

/** End of an operator starting at `start` (scan.l: cut at a comment start, trailing +/- split off). */
function operatorEnd(text: string, start: number): number {
  let end = runEnd(text, start, (c) => c !== undefined && OP_CHARS.has(c))
  const op = text.slice(start, end)
  const cut = [op.indexOf('/*'), op.indexOf('--')].filter((x) => x > 0)
  if (cut.length > 0) end = start + Math.min(...cut)
  let n = end - start
  if (n > 1 && (text[end - 1] === '+' || text[end - 1] === '-')) {
    const keeps = [...text.slice(start, end - 1)].some((c) => NON_SQL_OP.has(c))
    if (!keeps) while (n > 1 && (text[start + n - 1] === '+' || text[start + n - 1] === '-')) n--
  }
  return start + n
}

/** `$tag$` at `i` (the whole delimiter), or undefined. */
function dollarTag(text: string, i: number): string | undefined {
  if (text[i + 1] === '$') return '$$'
  if (!identStart(text[i + 1])) return undefined
  const end = runEnd(text, i + 2, tagCont)
  return text[end] === '$' ? text.slice(i, end + 1) : undefined
}

/** PostgreSQL 15 numbers: integer, decimal, or real with a complete exponent. */
function numberEnd(text: string, i: number): number {
  let j = runEnd(text, i, isDigit)
  if (text[j] === '.') j = runEnd(text, j + 1, isDigit)
  const sign = text[j + 1] === '+' || text[j + 1] === '-' ? 1 : 0
  if ((text[j] === 'e' || text[j] === 'E') && isDigit(text[j + 1 + sign])) j = runEnd(text, j + 1 + sign, isDigit)
  return j
}

function tokenize(text: string, mode = 'standard_conforming_strings=on'): LexToken[] {
  const standard = mode !== 'standard_conforming_strings=off'
  const out = new TokenList()
  let i = 0
  const quoted = (start: number, bodyFrom: number, stringMode: StringMode, note?: string) => {
    const [end, closed, continued] = stringEnd(text, bodyFrom, stringMode)
    return out.emit('string', start, end, closed, continued ? `${note ?? "'"} continued` : note)
  }
  const identifier = (start: number, bodyFrom: number, note?: string) => {
    const end = quotedDouble(text, bodyFrom - 1)
    return out.emit('quoted_identifier', start, end < 0 ? text.length : end, end >= 0, note)
  }
  while (i < text.length) {
    const c = text[i] as string
    const next = text[i + 1]
    const lower = c.toLowerCase()
    if (SPACE.has(c))
      i = out.emit(
        'space',
        i,
        runEnd(text, i, (x) => x !== undefined && SPACE.has(x)),
      )
    else if (c === '-' && next === '-') i = out.emit('comment', i, lineEnd(text, i, true), true, '--')
    else if (c === '/' && next === '*') {
      const end = blockCommentEnd(text, i)
      i = out.emit('comment', i, end < 0 ? text.length : end, end >= 0, '/*')
    } else if (lower === 'e' && next === "'") i = quoted(i, i + 2, 'escape', 'E')
    else if ((lower === 'b' || lower === 'x') && next === "'") i = quoted(i, i + 2, 'bits', c.toUpperCase())
    else if (lower === 'u' && next === '&' && text[i + 2] === "'") i = quoted(i, i + 3, 'standard', 'U&')
    else if (lower === 'u' && next === '&' && text[i + 2] === '"') i = identifier(i, i + 3, 'U&')
    else if (c === "'") i = quoted(i, i + 1, standard ? 'standard' : 'escape')
    else if (c === '"') i = identifier(i, i + 1)
    else if (c === '$') {
      const tag = dollarTag(text, i)
      if (tag) {
        const close = text.indexOf(tag, i + tag.length)
        i = out.emit('string', i, close < 0 ? text.length : close + tag.length, close >= 0, tag)
      } else if (isDigit(next)) i = out.emit('parameter', i, runEnd(text, i + 1, isDigit))
      else i = out.emit('other', i, i + 1)
    } else if (identStart(c)) i = out.emit('identifier', i, runEnd(text, i + 1, identCont))
    else if (isDigit(c) || (c === '.' && isDigit(next))) i = out.emit('number', i, numberEnd(text, i))
    else if (c === ':') i = colon(text, i, out)
    else if (c === '\\') i = out.emit('client_command', i, i + 1)
    else if (SINGLE[c]) i = out.emit(SINGLE[c], i, i + 1)
    else if (OP_CHARS.has(c)) i = out.emit('operator', i, operatorEnd(text, i))
    else if (c === '.' || c === '^' || c === '%') i = out.emit('operator', i, i + 1)
    else i = out.emit('other', i, i + 1)
  }
  return out.tokens
}

/** `"..."` with doubled quotes, opened at `start`; the offset after it or -1. */
function quotedDouble(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== '"') continue
    if (text[i + 1] === '"') i++
    else return i + 1
  }
  return -1
}

/** `::` and `:=` are operators; psql reads `:name`, `:'name'`, `:"name"`, `:{?name}` as variables. */
function colon(text: string, i: number, out: TokenList): number {
  const next = text[i + 1]
  if (next === ':' || next === '=') return out.emit('operator', i, i + 2)
  const name = runEnd(text, i + 1, psqlVariableChar)
  // `arr[1:2]`: psql never interpolates a name of digits only unless someone set one with \set.
  const digitsOnly = name > i + 1 && /^[0-9]+$/.test(text.slice(i + 1, name))
  if ((name > i + 1 && !digitsOnly) || next === "'" || next === '"' || next === '{')
    return out.emit('client_variable', i, Math.max(name, i + 1))
  return out.emit('operator', i, i + 1)
}

/**
 * PostgreSQL's scanner as psql and the server run it. Modes: `standard_conforming_strings=on` (the
 * default since 9.1) and `=off`, where '...' takes backslash escapes.
 *
 * @example
 * ```ts
 * postgresLexer.tokenize("a$$ || $é$x;$é$").map((t) => t.kind) // ['identifier', 'space', 'operator', 'space', 'string']
 * ```
 */
export const postgresLexer: SqlLexer = {
  label: 'PostgreSQL',
  clientDropsCarriageReturns: false,
  modes: ['standard_conforming_strings=on', 'standard_conforming_strings=off'],
  tokenize,
}
