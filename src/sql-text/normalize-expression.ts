import { callName, isName, plainString, primaryStart, stripParens, wordAt } from './sql-precedence.js'
import {
  type CastType,
  isOp,
  isPunct,
  isWord,
  KEYWORD_OPS,
  leaf,
  parseTree,
  quoteIdentifier,
  renderNodes,
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
 *   nextval/currval/setval; string literals (and NULL) to an enum type the caller names, or an array
 *   of it (PostgreSQL adds `'live'::status` when it stores `st = 'live'` for an enum column `st`).
 * - Parentheses redundant by precedence are removed (see `sql-precedence.ts`).
 * - Identifiers follow PostgreSQL: unquoted names fold to lower case, `"Email"` and `email` differ
 *   (MySQL's case-insensitive column names are not modelled); backtick quotes equal double quotes.
 * - Numbers compare by value: `1.0` equals `1` even where PostgreSQL would type them differently
 *   (numeric vs integer), which can matter for integer division (`a / 2` vs `a / 2.0`).
 * - `now()`, `current_timestamp()`, `transaction_timestamp()` -> `current_timestamp`; `now(n)` ->
 *   `current_timestamp(n)`; `curdate()`/`current_date()` -> `current_date`; `curtime()`/`current_time()`
 *   -> `current_time`; SQLite `datetime('now')`/`date('now')`/`time('now')` -> the same keywords.
 *   Not merged: `localtimestamp`/`localtime` (no time zone in PostgreSQL), `current_timestamp(0)`,
 *   `statement_timestamp()`, `clock_timestamp()`, `sysdate()`, `utc_timestamp()`, UUID generators,
 *   `x IN (...)` vs `x = ANY (ARRAY[...])`.
 */

/** Canonical names of the text types. @internal */
export const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar'])
/** Canonical names of the integer types. @internal */
export const INT_TYPES = new Set(['smallint', 'integer', 'bigint'])
const DECIMAL_TYPES = new Set(['numeric', 'real', 'double precision'])
/** A `from=to` list, comma separated (names may contain spaces), as a Map. @internal */
export const table = (spec: string): Map<string, string> =>
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
const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval'])
const VALUE_WORDS = new Set(
  `null true false unknown default user current_user session_user current_role current_schema current_catalog
  current_date current_time current_timestamp localtime localtimestamp`.split(/\s+/),
)

/** Options of the expression normalizer and comparer (`normalizeExpression`, `expressionsEqual`). */
export interface ExpressionOptions {
  /**
   * The enum types of the schemas being compared (`Schema.enums`): a string literal cast to one of
   * them (`'live'::status`, `'a'::billing.state`, `'x'::"Status"`) is the literal itself, because
   * PostgreSQL adds that cast when it stores a comparison of an enum column with a literal. An enum
   * declared without a namespace is the schema's own and matches under any qualifier.
   */
  readonly enums?: readonly { readonly name: string; readonly schema?: string }[]
}

/** Cast targets that are enum types, as parsed type names (quoted where needed). */
interface EnumTargets {
  /** Bare names, and names qualified by the enum's declared namespace. */
  readonly exact: ReadonlySet<string>
  /**
   * Bare names of enums declared without a namespace: those of the schema's own, whatever it is
   * called, which PostgreSQL qualifies when it is not on the search path (`'a'::billing.phase`).
   */
  readonly anyQualifier: ReadonlySet<string>
}

const NO_ENUMS: EnumTargets = { exact: new Set(), anyQualifier: new Set() }
const enumTargetCache = new WeakMap<object, EnumTargets>()

function enumCastTargets(enums: ExpressionOptions['enums']): EnumTargets {
  if (enums === undefined || enums.length === 0) return NO_ENUMS
  let targets = enumTargetCache.get(enums)
  if (targets === undefined) {
    const exact = new Set<string>()
    const anyQualifier = new Set<string>()
    for (const e of enums) {
      const name = quoteIdentifier(e.name)
      exact.add(name)
      if (e.schema !== undefined) exact.add(`${quoteIdentifier(e.schema)}.${name}`)
      else anyQualifier.add(name)
    }
    targets = { exact, anyQualifier }
    enumTargetCache.set(enums, targets)
  }
  return targets
}

/** The last part of a parsed, possibly qualified type name (`"My.Schema"."T"` -> `"T"`). */
function lastNamePart(name: string): string {
  if (!name.endsWith('"')) return name.slice(name.lastIndexOf('.') + 1)
  let j = name.lastIndexOf('"', name.length - 2)
  // A doubled quote is part of the name: keep looking for the opening one.
  while (j > 0 && name[j - 1] === '"') j = name.lastIndexOf('"', j - 2)
  return name.slice(Math.max(j, 0))
}

function isEnumTarget(base: string, enums: EnumTargets): boolean {
  if (enums.exact.has(base)) return true
  const last = lastNamePart(base)
  return last !== base && enums.anyQualifier.has(last)
}

/** Lexes, parses and rewrites `text` into canonical nodes (the shared core of every normalizer). @internal */
export function expressionNodes(text: string, enums: EnumTargets = NO_ENUMS): SqlNode[] {
  const list = parseTree(tokenizeSql(text))
  // Leading CHECK / WHERE keywords are dropped (one slice: dropping them one by one was quadratic).
  let start = 0
  while (list.length - start > 1 && (isWord(list[start], 'check') || isWord(list[start], 'where'))) start++
  return processList(start === 0 ? list : list.slice(start), '', enums)
}

function processList(input: readonly SqlNode[], owner: string, enums: EnumTargets): SqlNode[] {
  const list = input.map((n, i) =>
    n.t === 'group' ? { ...n, items: processList(n.items, callName(input, i), enums) } : n,
  )
  return stripParens(buildCasts(synonyms(list), owner, enums))
}

function buildCasts(list: readonly SqlNode[], owner: string, enums: EnumTargets): SqlNode[] {
  const out: SqlNode[] = []
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    const g = list[i + 1]
    if (isWord(n, 'cast') && g?.t === 'group' && g.open === '(' && g.closed) {
      const k = g.items.findIndex((x) => isWord(x, 'as'))
      const parsed = k > 0 ? parseType(g.items, k + 1) : undefined
      if (parsed && parsed.end === g.items.length) {
        out.push(...makeCast(g.items.slice(0, k), parsed.type, owner, enums))
        i++
        continue
      }
    }
    const parsed = isOp(n, '::') ? parseType(list, i + 1) : undefined
    const start = parsed ? primaryStart(out, out.length) : -1
    if (parsed && start >= 0) {
      out.push(...makeCast(out.splice(start), parsed.type, owner, enums))
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

function makeCast(operand: readonly SqlNode[], type: CastType, owner: string, enums: EnumTargets): SqlNode[] {
  const op = stripParens(operand)
  const now = plainString(op) === 'now' && type.mods === '' && type.dims === '' ? NOW_CASTS.get(type.base) : undefined
  if (now !== undefined) return [leaf('word', now)]
  if (!castIsNoOp(op, type, owner, enums)) return [{ t: 'cast', operand: op, type }]
  return op.length === 1 ? op : [{ t: 'group', open: '(', items: op, closed: true }]
}

function castIsNoOp(op: readonly SqlNode[], type: CastType, owner: string, enums: EnumTargets): boolean {
  const str = plainString(op)
  if (type.mods === '' && isEnumTarget(type.base, enums) && (type.dims === '' || type.dims === '[]'))
    return str !== undefined || (op.length === 1 && isWord(op[0], 'null'))
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

/** The canonical text of a lone, optionally signed, decimal number literal. @internal */
export function signedNumber(op: readonly SqlNode[]): string | undefined {
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

/** Applies `f` until the text stops changing, so the result is a fixed point; never throws. @internal */
export function stable(input: string, f: (s: string) => string): string {
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
 * normalizeExpression("(st = 'live'::status)", { enums: [{ name: 'status' }] }) // "st = 'live'"
 * ```
 */
export function normalizeExpression(expr: string, options: ExpressionOptions = {}): string {
  const enums = enumCastTargets(options.enums)
  return stable(expr, (s) => renderNodes(expressionNodes(s, enums)))
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
export function expressionsEqual(
  a: string | undefined,
  b: string | undefined,
  options: ExpressionOptions = {},
): boolean {
  const norm = (x: string | undefined): string | undefined =>
    x === undefined || x.trim() === '' ? undefined : normalizeExpression(x, options)
  return norm(a) === norm(b)
}
