/**
 * A tolerant SQL lexer plus the small syntax tree and canonical printer that the expression
 * normalizers in `normalize-expression.ts` work on. Nothing here throws or evaluates SQL.
 *
 * Canonical spellings produced here: words lower-cased; quoted identifiers as `"..."` (unquoted when
 * they are a plain lower-case, non-reserved name); every string literal as a standard `'...'` literal
 * with `''` doubling and literal backslashes (`E'..'`, `N'..'`, `_utf8mb4'..'` and `$$..$$` all become
 * that form; `x'..'` and `b'..'` keep their prefix); numbers as plain decimals (see
 * {@link canonicalNumber}); `!=` as `<>`, `==` as `=`, PostgreSQL `~~`/`~~*` as `like`/`ilike`.
 */

/** Kinds of {@link SqlToken}. */
export type SqlTokenKind = 'word' | 'identifier' | 'string' | 'number' | 'parameter' | 'operator' | 'punctuation'

/** One lexical token; whitespace and comments are skipped. */
export interface SqlToken {
  readonly kind: SqlTokenKind
  /** The exact source text of the token. */
  readonly text: string
  /** Decoded content: a string's value, a quoted identifier's name; otherwise the text. */
  readonly value: string
  /** String prefix in lower case (`e`, `n`, `x`, `b`, `_utf8mb4`, `$tag$`), or the quote of an identifier. */
  readonly prefix: string
  /** `false` when a string, identifier or dollar-quote runs to the end of input unclosed. */
  readonly terminated: boolean
  /** Offset of the token in the input. */
  readonly offset: number
}

/** Multi-character operators, longest first so that the first match is the longest. */
const MULTI_OPS = '!~~* ->> #>> !~~ ~~* !~* <=> :: := => <= >= <> != == || && -> #> @> <@ ~~ ~* !~ << >> ?| ?& @@ #- |/'
  .split(' ')
  .sort((a, b) => b.length - a.length)
const WORD = /[\p{L}_][\p{L}\p{M}\p{N}_$]*/uy
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y
const RADIX = /0(?:[xX][0-9a-fA-F]+|[bB][01]+)(?![\p{L}\p{M}\p{N}_$])/uy
const DOLLAR = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy
const PARAM = /\$\d+/y
const SIMPLE_ESCAPES = new Map(Object.entries({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }))

/**
 * Splits SQL text into tokens without ever throwing: anything unterminated becomes one last token.
 *
 * Backslashes inside `'...'` are literal (standard SQL, PostgreSQL) unless that leaves a string
 * unterminated and reading `\'` as an escape (MySQL) closes every string; `E'..'` always decodes
 * escapes. Double quotes always delimit identifiers.
 *
 * @example
 * ```ts
 * tokenizeSql("price > 0 AND name <> 'it''s'").map((t) => t.kind)
 * // ['word', 'operator', 'number', 'word', 'word', 'operator', 'string']
 * ```
 */
export function tokenizeSql(text: string): SqlToken[] {
  const standard = lex(text, false)
  if (text.includes('\\') && standard.some((t) => t.kind === 'string' && !t.terminated)) {
    const mysql = lex(text, true)
    if (mysql.every((t) => t.terminated)) return mysql
  }
  return standard
}

function lex(src: string, mysql: boolean): SqlToken[] {
  const out: SqlToken[] = []
  let i = 0
  const add = (kind: SqlTokenKind, end: number, value?: string, prefix = '', terminated = true): void => {
    const text = src.slice(i, end)
    out.push({ kind, text, value: value ?? text, prefix, terminated, offset: i })
    i = end
  }
  const match = (re: RegExp, from = i): number => {
    re.lastIndex = from
    return re.test(src) ? re.lastIndex : -1
  }
  while (i < src.length) {
    const c = src[i]!
    if (/\s/u.test(c)) i++
    else if (src.startsWith('--', i)) i = src.includes('\n', i) ? src.indexOf('\n', i) + 1 : src.length
    else if (src.startsWith('/*', i)) i = src.includes('*/', i + 2) ? src.indexOf('*/', i + 2) + 2 : src.length
    else if (c === "'") {
      const q = quoted(src, i, "'", mysql ? 'mysql' : '')
      add('string', q.end, q.value, '', q.ok)
    } else if (c === '"' || c === '`') {
      const q = quoted(src, i, c, '')
      add('identifier', q.end, q.value, c, q.ok)
    } else if (c === '$' && match(PARAM) > 0) add('parameter', match(PARAM))
    else if (c === '$' && match(DOLLAR) > 0) {
      const open = match(DOLLAR)
      const tag = src.slice(i, open)
      const close = src.indexOf(tag, open)
      if (close < 0) add('string', src.length, src.slice(open), tag, false)
      else add('string', close + tag.length, src.slice(open, close), tag)
    } else if (match(WORD) > 0) {
      const end = match(WORD)
      const w = src.slice(i, end).toLowerCase()
      if (src[end] === "'" && (w === 'e' || w === 'n' || w === 'x' || w === 'b' || w.startsWith('_'))) {
        const mode = w === 'e' ? 'e' : mysql && w !== 'x' && w !== 'b' ? 'mysql' : ''
        const q = quoted(src, end, "'", mode)
        add('string', q.end, q.value, w, q.ok)
      } else add('word', end)
    } else {
      const prev = out[out.length - 1]
      const afterName =
        prev !== undefined && (prev.kind === 'word' || prev.kind === 'identifier' || /^[)\]]$/.test(prev.text))
      const num = c === '.' && afterName ? -1 : Math.max(match(RADIX), match(NUMBER))
      if (num > 0) add('number', num)
      else if ('()[],;.'.includes(c)) add('punctuation', i + 1)
      else
        add(
          'operator',
          i + (MULTI_OPS.find((o) => src.startsWith(o, i)) ?? String.fromCodePoint(src.codePointAt(i)!)).length,
        )
    }
  }
  return out
}

/** Scans a quoted run starting at its opening quote; a doubled quote stands for one quote. */
function quoted(src: string, start: number, q: string, esc: '' | 'e' | 'mysql') {
  let value = ''
  let i = start + 1
  while (i < src.length) {
    const c = src[i]!
    if (c === q && src[i + 1] === q) {
      value += q
      i += 2
    } else if (c === q) return { end: i + 1, value, ok: true }
    else if (c === '\\' && esc !== '' && i + 1 < src.length) {
      const [length, decoded] = decodeEscape(src, i + 1, esc)
      value += decoded
      i += 1 + length
    } else {
      value += c
      i++
    }
  }
  return { end: src.length, value, ok: false }
}

function decodeEscape(src: string, i: number, esc: 'e' | 'mysql'): [number, string] {
  const c = src[i]!
  const simple = SIMPLE_ESCAPES.get(c)
  if (simple !== undefined) return [1, simple]
  if (esc === 'mysql') return [1, c === '0' ? '\0' : c === 'Z' ? '\x1a' : c === '%' || c === '_' ? `\\${c}` : c]
  const m = /^(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(src.slice(i, i + 9))
  if (!m) return [1, c]
  const code = /^[0-7]/.test(m[0]) ? Number.parseInt(m[0], 8) & 0xff : Number.parseInt(m[0].slice(1), 16)
  return [m[0].length, code <= 0x10ffff ? String.fromCodePoint(code) : m[0]]
}

/** Words that must stay quoted when used as identifiers (reserved in PostgreSQL, MySQL or SQLite). */
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric between binary both by case cast check collate collation column
  concurrently constraint create cross current_catalog current_date current_role current_schema current_time
  current_timestamp current_user default deferrable delete desc distinct div do drop else end escape except exists false
  fetch for foreign freeze from full glob grant group having ilike in index inner insert intersect interval into is isnull
  join key lateral leading left like limit localtime localtimestamp match mod natural not notnull null offset on only or
  order outer over overlaps placing primary range rank references regexp returning right rlike row rows select
  session_user similar some symmetric system_user table tablesample then to trailing true union unique update user using
  values variadic verbose when where window with xor`.split(/\s+/),
)

/** Words that act as operators or clause keywords, never as operands. @internal */
export const KEYWORD_OPS = new Set(
  `and or not xor in is like ilike between similar escape regexp rlike glob div mod any all some exists case when then
  else end select from where as on by having distinct using with over values union intersect except return returning
  collate to for limit offset order group into symmetric`.split(/\s+/),
)
const UNARY = new Set(['-', '+', '~', '!'])

/**
 * The canonical spelling of a numeric literal: a plain decimal without redundant zeros or point
 * (`1.0`, `1.`, `1.00` -> `1`; `.5` -> `0.5`; `1E3` -> `1000`); scientific notation only beyond 40
 * digits of magnitude; hex and binary literals are only lower-cased.
 *
 * @example
 * ```ts
 * canonicalNumber('1.50') // '1.5'
 * ```
 */
export function canonicalNumber(text: string): string {
  const t = text.toLowerCase()
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,6}))?$/.exec(t)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return t
  const whole = m[1] ?? ''
  let digits = whole + (m[2] ?? '')
  let point = whole.length + Number(m[3] ?? '0')
  const trimmed = digits.replace(/^0+/, '')
  point -= digits.length - trimmed.length
  digits = trimmed.replace(/0+$/, '')
  if (digits === '') return '0'
  if (point > 40 || point < -40) return `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${point - 1}`
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

/**
 * Writes a standard SQL string literal: single quotes, embedded quotes doubled, backslashes literal.
 *
 * @example
 * ```ts
 * quoteString("it's") // "'it''s'"
 * ```
 */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/**
 * Writes an identifier bare when it is a plain lower-case, non-reserved name, else in double quotes.
 *
 * @example
 * ```ts
 * quoteIdentifier('email') // 'email'
 * quoteIdentifier('Email') // '"Email"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`
}

/** A token in canonical spelling; `raw` is an unterminated token kept verbatim. @internal */
export interface SqlLeaf {
  readonly t: 'leaf'
  readonly kind: SqlTokenKind | 'raw'
  readonly text: string
  readonly value: string
  readonly prefix: string
}
/** A bracketed run of nodes. @internal */
export interface SqlGroup {
  readonly t: 'group'
  readonly open: '(' | '['
  readonly items: readonly SqlNode[]
  readonly closed: boolean
}
/** A parsed cast type: canonical base name, type modifier text and array suffix. @internal */
export interface CastType {
  readonly base: string
  readonly mods: string
  readonly dims: string
  readonly text: string
}
/** `CAST(operand AS type)`, also built from `operand::type`. @internal */
export interface SqlCast {
  readonly t: 'cast'
  readonly operand: readonly SqlNode[]
  readonly type: CastType
}
/** @internal */
export type SqlNode = SqlLeaf | SqlGroup | SqlCast

/** A leaf node. @internal */
export function leaf(kind: SqlLeaf['kind'], text: string, value = text, prefix = ''): SqlLeaf {
  return { t: 'leaf', kind, text, value, prefix }
}

function canonicalLeaves(t: SqlToken): SqlLeaf[] {
  if (!t.terminated) return [leaf('raw', t.text)]
  switch (t.kind) {
    case 'word':
      return [leaf('word', t.text.toLowerCase())]
    case 'identifier': {
      const text = quoteIdentifier(t.value)
      return [leaf(text.startsWith('"') ? 'identifier' : 'word', text, t.value)]
    }
    case 'string': {
      if (t.prefix !== 'x' && t.prefix !== 'b') return [leaf('string', quoteString(t.value), t.value)]
      const value = t.prefix === 'x' ? t.value.toLowerCase() : t.value
      return [leaf('string', t.prefix + quoteString(value), value, t.prefix)]
    }
    case 'number':
      return [leaf('number', canonicalNumber(t.text))]
    case 'operator': {
      const words = OPERATOR_WORDS.get(t.text)
      if (words) return words.map((w) => leaf('word', w))
      return [leaf('operator', t.text === '!=' ? '<>' : t.text === '==' ? '=' : t.text)]
    }
    default:
      return [leaf(t.kind, t.text)]
  }
}
const OPERATOR_WORDS = new Map([
  ['~~', ['like']],
  ['~~*', ['ilike']],
  ['!~~', ['not', 'like']],
  ['!~~*', ['not', 'ilike']],
])

/** Builds the bracket tree of canonical leaves; unmatched closers stay leaves, unclosed groups stay open. @internal */
export function parseTree(tokens: readonly SqlToken[]): SqlNode[] {
  const root: SqlNode[] = []
  const stack: { open: '(' | '['; items: SqlNode[] }[] = []
  const top = (): SqlNode[] => stack[stack.length - 1]?.items ?? root
  for (const token of tokens) {
    const frame = stack[stack.length - 1]
    if (token.kind === 'punctuation' && (token.text === '(' || token.text === '[')) {
      stack.push({ open: token.text, items: [] })
    } else if (frame && token.kind === 'punctuation' && token.text === (frame.open === '(' ? ')' : ']')) {
      stack.pop()
      top().push({ t: 'group', open: frame.open, items: frame.items, closed: true })
    } else top().push(...canonicalLeaves(token))
  }
  while (stack.length > 0) {
    const frame = stack.pop()!
    top().push({ t: 'group', open: frame.open, items: frame.items, closed: false })
  }
  return root
}

/** Whether `n` is the word `text` (any word when `text` is omitted). @internal */
export function isWord(n: SqlNode | undefined, text?: string): n is SqlLeaf {
  return n?.t === 'leaf' && n.kind === 'word' && (text === undefined || n.text === text)
}
/** @internal */
export function isOp(n: SqlNode | undefined, text: string): boolean {
  return n?.t === 'leaf' && n.kind === 'operator' && n.text === text
}
/** @internal */
export function isPunct(n: SqlNode | undefined, text: string): boolean {
  return n?.t === 'leaf' && n.kind === 'punctuation' && n.text === text
}
/** Whether the operator at `i` is a prefix (unary) one. @internal */
export function isUnary(list: readonly SqlNode[], i: number): boolean {
  const n = list[i]
  if (n?.t !== 'leaf' || n.kind !== 'operator' || !UNARY.has(n.text)) return false
  const p = list[i - 1]
  return (
    p === undefined ||
    (p.t === 'leaf' && (p.kind === 'operator' || p.kind === 'punctuation' || KEYWORD_OPS.has(p.text)))
  )
}

/** Prints nodes with canonical spacing. @internal */
export function renderNodes(list: readonly SqlNode[]): string {
  let out = ''
  for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : separator(list, i)) + renderNode(list[i]!)
  return out
}

function renderNode(n: SqlNode): string {
  if (n.t === 'leaf') return n.text
  if (n.t === 'cast') return `cast(${renderNodes(n.operand)} as ${n.type.text})`
  return n.open + renderNodes(n.items) + (n.closed ? (n.open === '(' ? ')' : ']') : '')
}

function separator(list: readonly SqlNode[], i: number): string {
  const a = list[i - 1]!
  const b = list[i]!
  if (isPunct(b, ',') || isPunct(b, ';')) return ''
  if (isPunct(a, ',') || isPunct(a, ';')) return ' '
  if (isPunct(a, '.')) return tightDot(list, i - 1) ? '' : ' '
  if (isPunct(b, '.')) return tightDot(list, i) ? '' : ' '
  if (isUnary(list, i - 1)) return b.t === 'leaf' && b.kind === 'operator' ? ' ' : ''
  if (b.t !== 'group') return ' '
  const named =
    a.t === 'leaf' && (a.kind === 'identifier' || (a.kind === 'word' && (a.text === 'mod' || !KEYWORD_OPS.has(a.text))))
  if (b.open === '(') return named ? '' : ' '
  return named || a.t !== 'leaf' || a.kind === 'parameter' ? '' : ' '
}

/** A `.` printed without spaces: between a name (or bracket, cast) and a name or `*`. */
function tightDot(list: readonly SqlNode[], k: number): boolean {
  const p = list[k - 1]
  const n = list[k + 1]
  const name = (x: SqlNode | undefined): boolean => x?.t === 'leaf' && (x.kind === 'word' || x.kind === 'identifier')
  return (name(p) || (p !== undefined && p.t !== 'leaf')) && (name(n) || isOp(n, '*'))
}
