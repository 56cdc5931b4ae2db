import type { ColumnType } from '../model/column-type.js'
import {
  type CastType,
  canonicalNumber,
  isOp,
  isPunct,
  isUnary,
  isWord,
  KEYWORD_OPS,
  leaf,
  parseTree,
  quoteString,
  renderNodes,
  type SqlLeaf,
  type SqlNode,
  tokenizeSql,
} from './sql-tokenizer.js'

export { type SqlToken, type SqlTokenKind, tokenizeSql } from './sql-tokenizer.js'

/*
 * Design notes. Every function here is pure and total: input is lexed (never evaluated), turned into
 * a bracket tree, rewritten, and printed back in one canonical spelling that is itself valid SQL.
 *
 * Expression rules (CHECK, index expressions, partial-index WHERE, generated columns):
 * - `x::t` and `CAST(x AS t)` print as `cast(x as t)`, with type aliases merged (int4 -> integer,
 *   character varying -> varchar, timestamptz -> timestamp with time zone, ...).
 * - Casts dropped as no-ops: string literals (and NULL) to text, varchar, bpchar (varchar(n) only when
 *   the literal fits); column references to text/varchar without length (PostgreSQL adds
 *   `(col)::text` to every varchar column it prints; an explicit text cast of a non-text column is
 *   therefore not seen as a change); number literals to numeric/real/double precision, and integral
 *   ones to smallint/integer/bigint; `ARRAY['a', ...]` to text[]/varchar[]; `'seq'::regclass` inside
 *   nextval/currval/setval.
 * - Parentheses are removed when redundant by precedence rules common to PostgreSQL, MySQL and SQLite
 *   (OR < AND < NOT < IS < comparisons/LIKE/IN/BETWEEN < || < + - < * / %), and always around a
 *   single literal, name or call. `||` is read as concatenation, never as MySQL's OR.
 * - Numbers compare by value: `1.0` equals `1` even where PostgreSQL would type them differently
 *   (numeric vs integer), which can matter for integer division (`a / 2` vs `a / 2.0`).
 * - `now()`, `current_timestamp()`, `transaction_timestamp()` -> `current_timestamp`; `now(n)` ->
 *   `current_timestamp(n)`; `curdate()`/`current_date()` -> `current_date`; `curtime()`/`current_time()`
 *   -> `current_time`; SQLite `datetime('now')`/`date('now')`/`time('now')` -> the same keywords.
 *   Not merged: `localtimestamp`/`localtime` (no time zone in PostgreSQL), `current_timestamp(0)`,
 *   `statement_timestamp()`, `clock_timestamp()`, `sysdate()`, `utc_timestamp()`, UUID generators,
 *   `x IN (...)` vs `x = ANY (ARRAY[...])`.
 */

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar'])
const INT_TYPES = new Set(['smallint', 'integer', 'bigint'])
const DECIMAL_TYPES = new Set(['numeric', 'real', 'double precision'])
/** A `from=to` list, comma separated (names may contain spaces), as a Map. */
const table = (spec: string): Map<string, string> =>
  new Map(spec.split(',').map((pair) => pair.trim().split('=') as [string, string]))
const TYPE_ALIASES = table(`int=integer, int4=integer, int2=smallint, int8=bigint, character varying=varchar,
  char varying=varchar, national character varying=varchar, character=char, bool=boolean, float8=double precision,
  float4=real, decimal=numeric, bit varying=varbit`)
const MULTI_WORD_TYPES = table(`character=varying, char=varying, bit=varying, double=precision, national=character,
  national character=varying`)
/** PostgreSQL < 10 printed CURRENT_DATE as `('now'::text)::date`, LOCALTIMESTAMP as `('now'::text)::timestamp`, ... */
const NOW_CASTS = table(`date=current_date, timestamp with time zone=current_timestamp, timestamp=localtimestamp,
  time with time zone=current_time, time=localtime`)
const EMPTY_CALLS = table(`now=current_timestamp, current_timestamp=current_timestamp,
  transaction_timestamp=current_timestamp, curdate=current_date, current_date=current_date, curtime=current_time,
  current_time=current_time, localtimestamp=localtimestamp, localtime=localtime`)
const SQLITE_NOW = table('datetime=current_timestamp, date=current_date, time=current_time')
const GROUP_WORDS = new Set(
  [...KEYWORD_OPS].filter((w) => !/^(in|any|all|some|exists|values|over|using|with|mod)$/.test(w)),
)
const CALL_KEYWORDS = new Set(['any', 'all', 'some', 'exists', 'mod', 'values'])
const SUBQUERY_WORDS = new Set(['select', 'with', 'values', 'union', 'intersect', 'except'])
const TYPED_LITERALS = new Set(['date', 'time', 'timestamp', 'timestamptz', 'interval'])
const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval'])
const VALUE_WORDS = new Set(
  `null true false unknown default user current_user session_user current_role current_schema current_catalog
  current_date current_time current_timestamp localtime localtimestamp`.split(/\s+/),
)
const [OR, AND, NOT, IS, CMP, OTHER, ADD, MUL] = [1, 2, 3, 4, 5, 6, 7, 8] as const
const LEVELS = new Map<string, number>([
  ...Object.entries({ or: OR, and: AND, is: IS, '+': ADD, '-': ADD, '*': MUL, '/': MUL, '%': MUL }),
  // PostgreSQL's "any other operator" level; `&&` is left out because it is AND in MySQL.
  ...'|| -> ->> #> #>> @> <@ ? ?| ?& @@ #- ~ ~* !~ !~* & | << >> #'.split(' ').map((o) => [o, OTHER] as const),
  ...Object.entries({ div: MUL, mod: MUL }),
  ...'= <> < > <= >= <=> like ilike in between regexp rlike glob'.split(' ').map((o) => [o, CMP] as const),
])
const NEGATABLE = /^(like|ilike|in|between|regexp|rlike|glob)$/
/** The text of a word node, else ''. */
const wordAt = (n: SqlNode | undefined): string => (isWord(n) ? n.text : '')

/** Lexes, parses and rewrites `text` into canonical nodes (the shared core of every export). */
function expressionNodes(text: string): SqlNode[] {
  let list = parseTree(tokenizeSql(text))
  while (list.length > 1 && (isWord(list[0], 'check') || isWord(list[0], 'where'))) list = list.slice(1)
  return processList(list, '')
}

function processList(input: readonly SqlNode[], owner: string): SqlNode[] {
  const list = input.map((n, i) => (n.t === 'group' ? { ...n, items: processList(n.items, callName(input, i)) } : n))
  return stripParens(buildCasts(synonyms(list), owner))
}

/** The function (or keyword) a `(` group belongs to, or '' for a grouping parenthesis. */
function callName(list: readonly SqlNode[], i: number): string {
  const p = list[i - 1]
  const g = list[i]
  if (g?.t !== 'group' || g.open !== '(' || p?.t !== 'leaf') return ''
  if (p.kind === 'identifier') return p.value
  return p.kind === 'word' && !GROUP_WORDS.has(p.text) ? p.text : ''
}

function isName(n: SqlNode | undefined): n is SqlLeaf {
  return n?.t === 'leaf' && (n.kind === 'identifier' || n.kind === 'word')
}

function isOperandLeaf(list: readonly SqlNode[], i: number): boolean {
  const n = list[i]
  if (n?.t !== 'leaf') return false
  if (n.kind === 'word') return !KEYWORD_OPS.has(n.text) || (CALL_KEYWORDS.has(n.text) && list[i + 1]?.t === 'group')
  return n.kind === 'string' || n.kind === 'number' || n.kind === 'parameter' || n.kind === 'identifier'
}

/** End (exclusive) of the primary expression starting at `i`, or -1. */
function primaryEnd(list: readonly SqlNode[], i: number): number {
  const n = list[i]
  let j = i + 1
  if (n?.t === 'group') {
    if (n.open !== '(' || !n.closed) return -1
  } else if (n?.t === 'leaf') {
    if (!isOperandLeaf(list, i)) return -1
    if (isName(n)) {
      while (isPunct(list[j], '.') && (isName(list[j + 1]) || isOp(list[j + 1], '*'))) j += 2
      const next = list[j]
      if (next?.t === 'group' && next.open === '(' && next.closed) j++
      else if (TYPED_LITERALS.has(n.text) && j === i + 1 && next && plainString([next]) !== undefined) j++
    }
  } else if (!n) return -1
  for (let g = list[j]; g?.t === 'group' && g.open === '[' && g.closed; g = list[j]) j++
  return j
}

/** Start of the primary expression ending just before `end`, or -1. */
function primaryStart(list: readonly SqlNode[], end: number): number {
  // Primaries span few nodes; the window keeps long `a::t || b::t || ...` chains linear.
  for (let i = Math.max(0, end - 64); i < end; i++) if (primaryEnd(list, i) === end) return i
  return -1
}

function isPrimary(list: readonly SqlNode[]): boolean {
  let i = 0
  while (isUnary(list, i)) i++
  return list.length > 0 && primaryEnd(list, i) === list.length
}

function buildCasts(list: readonly SqlNode[], owner: string): SqlNode[] {
  const out: SqlNode[] = []
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    const g = list[i + 1]
    if (isWord(n, 'cast') && g?.t === 'group' && g.open === '(' && g.closed) {
      const k = g.items.findIndex((x) => isWord(x, 'as'))
      const parsed = k > 0 ? parseType(g.items, k + 1) : undefined
      if (parsed && parsed.end === g.items.length) {
        out.push(...makeCast(g.items.slice(0, k), parsed.type, owner))
        i++
        continue
      }
    }
    const parsed = isOp(n, '::') ? parseType(list, i + 1) : undefined
    const start = parsed ? primaryStart(out, out.length) : -1
    if (parsed && start >= 0) {
      out.push(...makeCast(out.splice(start), parsed.type, owner))
      i = parsed.end - 1
    } else out.push(n)
  }
  return out
}

function parseType(list: readonly SqlNode[], start: number): { end: number; type: CastType } | undefined {
  const first = list[start]
  if (!isName(first)) return undefined
  let name = first.text
  let i = start + 1
  for (let n = list[i + 1]; isPunct(list[i], '.') && isName(n); n = list[i + 1]) {
    name += `.${n.text}`
    i += 2
  }
  for (
    let more = MULTI_WORD_TYPES.get(name);
    more !== undefined && isWord(list[i], more);
    more = MULTI_WORD_TYPES.get(name)
  ) {
    name += ` ${more}`
    i++
  }
  const g = list[i]
  const mods = g?.t === 'group' && g.open === '(' && g.closed ? renderNodes(g.items) : ''
  if (g?.t === 'group' && g.open === '(' && g.closed) i++
  let base = TYPE_ALIASES.get(name) ?? name
  let zone = base === 'timestamptz' || base === 'timetz'
  if (zone) base = base.slice(0, -2)
  const zoneWords =
    (base === 'time' || base === 'timestamp') && isWord(list[i + 1], 'time') && isWord(list[i + 2], 'zone')
  if (zoneWords && /^with(out)?$/.test(wordAt(list[i]))) {
    zone = isWord(list[i], 'with')
    i += 3
  }
  let dims = ''
  for (let d = list[i]; d?.t === 'group' && d.open === '[' && d.closed; d = list[++i])
    dims += `[${renderNodes(d.items)}]`
  const suffix = zone ? ' with time zone' : ''
  const text = base + (mods === '' ? '' : `(${mods})`) + suffix + dims
  return { end: i, type: { base: base + suffix, mods, dims, text } }
}

function makeCast(operand: readonly SqlNode[], type: CastType, owner: string): SqlNode[] {
  const op = stripParens(operand)
  const now = plainString(op) === 'now' && type.mods === '' && type.dims === '' ? NOW_CASTS.get(type.base) : undefined
  if (now !== undefined) return [leaf('word', now)]
  if (!castIsNoOp(op, type, owner)) return [{ t: 'cast', operand: op, type }]
  return op.length === 1 ? op : [{ t: 'group', open: '(', items: op, closed: true }]
}

function castIsNoOp(op: readonly SqlNode[], type: CastType, owner: string): boolean {
  const str = plainString(op)
  if (type.dims !== '') return type.dims === '[]' && type.mods === '' && TEXT_TYPES.has(type.base) && isTextArray(op)
  if (TEXT_TYPES.has(type.base)) {
    const special =
      op.length === 1 &&
      /^(null|user|current_user|session_user|current_role|current_schema|current_catalog)$/.test(wordAt(op[0]))
    if (type.mods === '') return str !== undefined || special || isColumnRef(op)
    return (
      type.base === 'varchar' && str !== undefined && /^\d+$/.test(type.mods) && [...str].length <= Number(type.mods)
    )
  }
  const num = signedNumber(op)
  if (num !== undefined && type.mods === '') {
    if (INT_TYPES.has(type.base)) return /^-?\d+$/.test(num)
    if (DECIMAL_TYPES.has(type.base)) return true
  }
  return type.base === 'regclass' && str !== undefined && SEQUENCE_FUNCTIONS.has(owner)
}

/** The value of a lone plain (unprefixed) string literal. */
function plainString(op: readonly SqlNode[]): string | undefined {
  const n = op[0]
  return op.length === 1 && n?.t === 'leaf' && n.kind === 'string' && n.prefix === '' ? n.value : undefined
}

/** The canonical text of a lone, optionally signed, decimal number literal. */
function signedNumber(op: readonly SqlNode[]): string | undefined {
  const sign = isOp(op[0], '-') ? '-' : isOp(op[0], '+') ? '+' : ''
  const n = op[sign === '' ? 0 : 1]
  const ok = op.length === (sign === '' ? 1 : 2) && n?.t === 'leaf' && n.kind === 'number' && !/^0[xb]/.test(n.text)
  return ok ? (sign === '-' ? '-' : '') + n.text : undefined
}

function isColumnRef(op: readonly SqlNode[]): boolean {
  return (
    op.every((n, i) =>
      i % 2 === 1 ? isPunct(n, '.') : isName(n) && !KEYWORD_OPS.has(n.text) && !VALUE_WORDS.has(n.text),
    ) && op.length % 2 === 1
  )
}

function isTextArray(op: readonly SqlNode[]): boolean {
  const g = op[1]
  if (op.length !== 2 || !isWord(op[0], 'array') || g?.t !== 'group' || g.items.length === 0) return false
  return (
    g.items.every((n, i) => (i % 2 === 1 ? isPunct(n, ',') : plainString([n]) !== undefined)) &&
    g.items.length % 2 === 1
  )
}

function synonyms(list: readonly SqlNode[]): SqlNode[] {
  const out: SqlNode[] = []
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    const g = list[i + 1]
    if (isWord(n) && g?.t === 'group' && g.open === '(' && g.closed && !isPunct(list[i - 1], '.')) {
      const to =
        g.items.length === 0
          ? EMPTY_CALLS.get(n.text)
          : plainString(g.items) === 'now'
            ? SQLITE_NOW.get(n.text)
            : undefined
      const one = g.items[0]
      if (
        to !== undefined ||
        (g.items.length === 1 && one?.t === 'leaf' && one.kind === 'number' && /^(now|curtime)$/.test(n.text))
      ) {
        out.push(leaf('word', to ?? (n.text === 'now' ? 'current_timestamp' : 'current_time')))
        if (to === undefined) out.push(g)
        i++
        continue
      }
    }
    out.push(n)
  }
  return out
}

/** Removes every `(...)` that precedence makes redundant, until none is left. */
function stripParens(input: readonly SqlNode[]): SqlNode[] {
  const list = [...input]
  let between = list.some((x) => isWord(x, 'between'))
  for (let i = 0; i < list.length; i++) {
    const g = list[i]!
    if (g.t !== 'group' || g.open !== '(' || !g.closed || !isGroupingParen(list, i)) continue
    if (canStrip(list, i, g.items, between)) {
      between ||= g.items.some((x) => isWord(x, 'between'))
      list.splice(i, 1, ...g.items)
      i = Math.max(-1, i - 2) // only the node before the removed group sees a new neighbour
    }
  }
  return list
}

function isGroupingParen(list: readonly SqlNode[], i: number): boolean {
  const p = list[i - 1]
  if (p === undefined) return true
  if (p.t !== 'leaf') return false
  if (p.kind === 'operator') return p.text !== '::'
  return isPunct(p, ',') || isPunct(p, ';') || (p.kind === 'word' && GROUP_WORDS.has(p.text))
}

function canStrip(list: readonly SqlNode[], i: number, content: readonly SqlNode[], between: boolean): boolean {
  if (
    content.length === 0 ||
    content.some((n) => isPunct(n, ',') || isPunct(n, ';') || (isWord(n) && SUBQUERY_WORDS.has(n.text)))
  )
    return false
  const next = list[i + 1]
  if (isPrimary(content)) {
    return (
      next === undefined ||
      isPunct(next, ',') ||
      isPunct(next, ';') ||
      (isWord(next) && KEYWORD_OPS.has(next.text)) ||
      (next.t === 'leaf' && next.kind === 'operator' && next.text !== '::')
    )
  }
  const info = analyze(content)
  const [before, after] = [list[i - 1], list[i + 1]]
  const text = (n: SqlNode | undefined): string => (n?.t === 'leaf' ? n.text : '')
  return (
    fits(neighbour(list, i - 1, true, between), text(before), info, true) &&
    fits(neighbour(list, i + 1, false, between), text(after), info, false)
  )
}

type Side = number | 'full' | 'none'

/** Whether content of `info` may lose its parentheses next to an operator of level `side` (text `op`). */
function fits(side: Side, op: string, info: { min: number; ops: Set<string> } | undefined, left: boolean): boolean {
  if (side === 'full') return true
  if (side === 'none' || info === undefined) return false
  // Dialects order the "other" operators differently: only chains of one left-associative operator
  // (JSON arrows count as one, they share a level in PostgreSQL and SQLite).
  const family = (o: string): string => (/^(->>?|#>>?)$/.test(o) ? '->' : o)
  if (side === OTHER)
    return info.min === OTHER && [...info.ops].every((o) => family(o) === family(op)) && (!left || op === '||')
  if (side < info.min) return true
  return side === info.min && (info.min === OR || info.min === AND || (!left && info.min >= ADD))
}

/** The binding strength of the node at `k` towards a parenthesized neighbour; `between` when `list` has BETWEEN. */
function neighbour(list: readonly SqlNode[], k: number, left: boolean, between: boolean): Side {
  const n = list[k]
  if (n === undefined || isPunct(n, ',') || isPunct(n, ';')) return 'full'
  if (n.t !== 'leaf' || (left && isUnary(list, k))) return 'none'
  if (n.kind === 'word') {
    if (
      (left ? /^(when|then|else|case|where|select|on|having|return|returning)$/ : /^(then|else|end|when)$/).test(n.text)
    )
      return 'full'
    if (n.text === 'and' && between) return CMP // possibly BETWEEN's own AND
    if (n.text === 'not') return left ? NOT : NEGATABLE.test(wordAt(list[k + 1])) ? CMP : 'none'
  }
  if (n.kind !== 'word' && n.kind !== 'operator') return 'none'
  return LEVELS.get(n.text) ?? 'none'
}

/** The loosest binary operator level at the top of `list` and its operators; undefined if unknown syntax. */
function analyze(list: readonly SqlNode[]): { min: number; ops: Set<string> } | undefined {
  let min = Number.POSITIVE_INFINITY
  const ops = new Set<string>()
  let operand = true
  let between = 0
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    if (operand) {
      if (isUnary(list, i)) continue
      if (isWord(n, 'not')) {
        min = Math.min(min, NOT)
        continue
      }
      const end = primaryEnd(list, i)
      if (end < 0) return undefined
      i = end - 1
      operand = false
      continue
    }
    if (isWord(n, 'not') && NEGATABLE.test(wordAt(list[i + 1]))) continue
    if (isWord(n, 'and') && between > 0) {
      between--
      operand = true
      continue
    }
    const level = n.t === 'leaf' && (n.kind === 'word' || n.kind === 'operator') ? LEVELS.get(n.text) : undefined
    if (level === undefined || n.t !== 'leaf') return undefined
    if (isWord(n, 'between')) between++
    if (isWord(n, 'is') && isWord(list[i + 1], 'not')) i++
    if (isWord(n, 'is') && isWord(list[i + 1], 'distinct') && isWord(list[i + 2], 'from')) i += 2
    min = Math.min(min, level)
    ops.add(n.text)
    operand = true
  }
  return operand ? undefined : { min, ops }
}

/** A coarse type family used to decide whether a cast agrees with the column type. */
type Category = string
/** Column kinds mapped to their family; unlisted kinds are their own family. */
const COLUMN_CATEGORY = table(`tinyint=int, smallint=int, mediumint=int, integer=int, bigint=int, decimal=numeric,
  real=float, double=float, float=float, char=text, varchar=text, binary=binary, varbinary=binary, blob=binary`)
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BOOLEANS = new Map([
  ...['t', 'true', 'y', 'yes', 'on', '1'].map((w) => [w, 'true'] as const),
  ...['f', 'false', 'n', 'no', 'off', '0'].map((w) => [w, 'false'] as const),
])
/** Functions known not to be VOLATILE in PostgreSQL's sense (immutable or stable); anything else may be. */
const NOT_VOLATILE = new Set(
  `now current_timestamp current_date current_time localtime localtimestamp transaction_timestamp statement_timestamp
  utc_timestamp utc_date utc_time curdate curtime datetime date time julianday strftime unixepoch lower upper coalesce
  nullif greatest least concat concat_ws length char_length character_length octet_length abs round trunc truncate floor
  ceil ceiling mod power sqrt replace substr substring trim btrim ltrim rtrim left right lpad rpad md5 sha1 sha2 encode
  decode to_char to_date to_timestamp to_number date_trunc date_part extract make_date make_time make_timestamp
  make_timestamptz make_interval json_build_object jsonb_build_object json_build_array jsonb_build_array json_object
  json_array to_json to_jsonb array row cast convert current_setting timezone format`.split(/\s+/),
)

function castCategory(type: CastType): Category {
  const b = type.base
  if (type.dims !== '') return 'array'
  if (INT_TYPES.has(b)) return 'int'
  if (b === 'numeric') return 'numeric'
  if (b === 'real' || b === 'double precision' || b === 'float') return 'float'
  if (TEXT_TYPES.has(b) || b === 'char' || b === 'citext' || b === 'name') return 'text'
  if (b === 'bytea' || b === 'blob') return 'binary'
  if (/^(boolean|date|interval|uuid|json|jsonb)$/.test(b)) return b
  if (b.startsWith('timestamp') || b === 'datetime') return 'timestamp'
  return b.startsWith('time') ? 'time' : 'other'
}

function compatible(column: Category, cast: Category): boolean {
  const numeric = (c: Category): boolean => c === 'int' || c === 'numeric' || c === 'float'
  if (column === cast || column === 'custom' || (numeric(column) && numeric(cast))) return true
  if (column === 'enum' || column === 'text') return cast === 'other' || cast === 'text'
  return (column === 'json' || column === 'jsonb') && (cast === 'json' || cast === 'jsonb')
}

function isLiteral(op: readonly SqlNode[]): boolean {
  const n = op[0]
  if (plainString(op) !== undefined || signedNumber(op) !== undefined) return true
  return (
    op.length === 1 &&
    n?.t === 'leaf' &&
    (n.kind === 'string' || (n.kind === 'word' && /^(true|false|null)$/.test(n.text)))
  )
}

function defaultNodes(text: string, type: ColumnType | undefined): SqlNode[] {
  let list = expressionNodes(text)
  const column = type === undefined ? undefined : (COLUMN_CATEGORY.get(type.kind) ?? type.kind)
  let hint: Category | undefined
  for (let c = list[0]; list.length === 1 && c?.t === 'cast' && isLiteral(c.operand); c = list[0]) {
    const cat = castCategory(c.type)
    const integral = /^[+-]?\d+$/.test(plainString(c.operand)?.trim() ?? signedNumber(c.operand) ?? '')
    if (
      (column !== undefined && !compatible(column, cat)) ||
      (cat === 'int' && !integral && !isWord(c.operand[0], 'null'))
    )
      break
    hint ??= cat
    list = [...c.operand]
  }
  if (list.length === 1 && isWord(list[0], 'null')) return []
  return canonicalLiteral(list, column ?? hint)
}

function canonicalLiteral(list: SqlNode[], cat: Category | undefined): SqlNode[] {
  const str = plainString(list)
  const num = str?.trim() ?? signedNumber(list)
  if ((cat === 'int' || cat === 'numeric' || cat === 'float') && num !== undefined && NUMERIC_TEXT.test(num)) {
    const value = canonicalNumber(num.replace(/^[+-]/, ''))
    return num.startsWith('-') && value !== '0'
      ? [leaf('operator', '-'), leaf('number', value)]
      : [leaf('number', value)]
  }
  const only = list.length === 1 ? list[0] : undefined
  if (cat === 'boolean') {
    const bits = only?.t === 'leaf' && only.prefix === 'b' ? only.value.replace(/^0+(?=.)/, '') : undefined
    const b = BOOLEANS.get(bits ?? (isWord(only) ? only.text : num?.toLowerCase()) ?? '')
    if (b !== undefined) return [leaf('word', b)]
  }
  if (cat === 'uuid' && str !== undefined && UUID.test(str))
    return [leaf('string', quoteString(str.toLowerCase()), str.toLowerCase())]
  if (cat === 'jsonb' && str !== undefined) {
    const json = compactJson(str)
    return [leaf('string', quoteString(json), json)]
  }
  return list
}

/** JSON text without insignificant whitespace (jsonb does not keep it); invalid JSON is returned as is. */
function compactJson(text: string): string {
  try {
    JSON.parse(text)
  } catch {
    return text
  }
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString && c === '\\') out += c + (text[++i] ?? '')
    else {
      if (c === '"') inString = !inString
      if (inString || c === '"' || !/\s/.test(c)) out += c
    }
  }
  return out
}

/** Applies `f` until the text stops changing, so the result is a fixed point; never throws. */
function stable(input: string, f: (s: string) => string): string {
  try {
    let out = f(input)
    for (let k = 0; k < 4; k++) {
      const again = f(out)
      if (again === out) break
      out = again
    }
    return out
  } catch {
    return input.trim().replace(/\s+/g, ' ')
  }
}

/**
 * The canonical form of a SQL expression (CHECK, index expression, partial-index WHERE, generated
 * column), for comparing two spellings; the result is itself valid SQL.
 *
 * Whitespace, keyword and identifier case, quoting of plain names, redundant parentheses, no-op casts
 * of literals and `!=` are normalized; string literal contents are kept exactly. Numbers compare by
 * value (`1.0` equals `1`, even though PostgreSQL types them differently).
 *
 * @example
 * ```ts
 * normalizeExpression('((price > (0)::numeric))') // 'price > 0'
 * normalizeExpression("(status)::text = ANY (ARRAY['a'::text, 'b'::text])") // "status = any (array['a', 'b'])"
 * ```
 */
export function normalizeExpression(expr: string): string {
  return stable(expr, (s) => renderNodes(expressionNodes(s)))
}

/**
 * The canonical form of a column's server default, or `undefined` for no default (NULL included).
 *
 * On top of {@link normalizeExpression}: synonyms such as `now()` -> `current_timestamp`; casts of a
 * literal dropped when they agree with the column type (always when `type` is omitted); numbers,
 * booleans, UUIDs and jsonb spelled canonically for columns of those types. Quotes are never guessed:
 * `1` and `'1'` differ for a text column.
 *
 * @example
 * ```ts
 * normalizeDefault('(now())') // 'current_timestamp'
 * normalizeDefault("'1'", { kind: 'boolean' }) // 'true'
 * ```
 */
export function normalizeDefault(expr: string | undefined, type?: ColumnType): string | undefined {
  if (expr === undefined) return undefined
  const out = stable(expr, (s) => renderNodes(defaultNodes(s, type)))
  return out === '' ? undefined : out
}

/**
 * Whether two column defaults are the same once normalized by {@link normalizeDefault}.
 *
 * @example
 * ```ts
 * defaultsEqual('CURRENT_TIMESTAMP', 'now()') // true
 * ```
 */
export function defaultsEqual(a: string | undefined, b: string | undefined, type?: ColumnType): boolean {
  return normalizeDefault(a, type) === normalizeDefault(b, type)
}

/**
 * Whether two expressions are the same once normalized by {@link normalizeExpression}; a missing and
 * a blank expression are equal.
 *
 * @example
 * ```ts
 * expressionsEqual('((a > 0))', 'A > 0') // true
 * ```
 */
export function expressionsEqual(a: string | undefined, b: string | undefined): boolean {
  const norm = (x: string | undefined): string | undefined =>
    x === undefined || x.trim() === '' ? undefined : normalizeExpression(x)
  return norm(a) === norm(b)
}

/**
 * Whether a default is a constant (literals, casts of literals, NULL, arithmetic on them) rather than
 * a function call or keyword such as `current_timestamp`.
 *
 * @example
 * ```ts
 * isLiteralDefault("'{}'::jsonb") // true
 * isLiteralDefault('now()') // false
 * ```
 */
export function isLiteralDefault(expr: string): boolean {
  const constant = (list: readonly SqlNode[]): boolean =>
    list.every((n, i) => {
      if (n.t === 'cast') return constant(n.operand)
      if (n.t === 'group')
        return (isGroupingParen(list, i) || (n.open === '[' && isWord(list[i - 1], 'array'))) && constant(n.items)
      if (n.kind === 'word') {
        const typed = TYPED_LITERALS.has(n.text) && plainString(list.slice(i + 1, i + 2)) !== undefined
        return (
          typed ||
          /^(true|false|null|unknown|and|or|not|is|xor|div)$/.test(n.text) ||
          (n.text === 'array' && list[i + 1]?.t === 'group')
        )
      }
      return n.kind === 'string' || n.kind === 'number' || n.kind === 'operator' || isPunct(n, ',')
    })
  try {
    const list = expressionNodes(expr)
    return list.length > 0 && constant(list)
  } catch {
    return false
  }
}

/**
 * Whether a default may be VOLATILE in PostgreSQL's sense (a new value per row, e.g. `random()`,
 * `gen_random_uuid()`, `uuid_generate_v4()`, `clock_timestamp()`, `nextval(...)`), so that adding a
 * column with it rewrites the table.
 *
 * `now()`/`current_timestamp` are STABLE, not volatile: one value per transaction, so PostgreSQL 11+
 * adds such a column without a rewrite. Calls to functions this module does not know (user functions)
 * count as volatile, because assuming a rewrite is the safe mistake.
 *
 * @example
 * ```ts
 * isVolatileDefault('gen_random_uuid()') // true
 * isVolatileDefault('now()') // false
 * ```
 */
export function isVolatileDefault(expr: string): boolean {
  const volatile = (list: readonly SqlNode[]): boolean =>
    list.some((n, i) => {
      if (n.t === 'cast') return volatile(n.operand)
      if (n.t !== 'group') return false
      const name = callName(list, i).toLowerCase()
      return (name !== '' && !KEYWORD_OPS.has(name) && !NOT_VOLATILE.has(name)) || volatile(n.items)
    })
  try {
    return volatile(expressionNodes(expr))
  } catch {
    return true
  }
}
