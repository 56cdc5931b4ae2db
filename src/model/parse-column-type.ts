import type { ColumnType } from './column-type.js'
import { SERIAL_NAMES } from './type-names.js'
import { interpretSyntax } from './type-spellings.js'
import { readTypeSyntax } from './type-syntax.js'
import { isPunct, isWord, type TypeToken, TypeTokens, tokenizeType } from './type-tokenizer.js'

/**
 * SQLAlchemy's separate column keys that complete a type name (`"type": "String", "length": 50`).
 *
 * A value written inside the type string always wins: hints only fill what the string leaves out, so
 * `VARCHAR(20)` with `length: 50` is `varchar(20)`. A key holding `undefined` counts as absent.
 */
export interface ColumnTypeHints {
  /** `String` / `CHAR` / `BINARY` length: fills `char`, `varchar`, `binary`, `varbinary`. */
  readonly length?: number | undefined
  /** `Numeric` precision (scale then defaults to 0), `Float` precision (`<= 24` is `real`), fractional seconds of times. */
  readonly precision?: number | undefined
  /** `Numeric` scale; used only when the precision comes from the hints too. */
  readonly scale?: number | undefined
  /** `DateTime(timezone=True)`: applies to `time`/`timestamp` spellings that do not state a time zone. */
  readonly timezone?: boolean | undefined
  /** Enum labels, for an `Enum` spelling without inline values. */
  readonly enumValues?: readonly string[] | undefined
  /** Enum type name, for an `Enum` spelling. */
  readonly enumName?: string | undefined
}

/**
 * Reads any column-type spelling (SQLAlchemy, PostgreSQL, MySQL, SQLite) into a {@link ColumnType}; it
 * never throws, and keeps anything it does not model as `{ kind: 'custom', raw }`. An empty spelling
 * is SQLite's column without a declared type, `{ kind: 'untyped' }`.
 *
 * Case-insensitive and whitespace-tolerant. Trailing `CHARACTER SET` / `COLLATE` clauses are ignored
 * (use `splitCollation` first to keep the collation), so `raw` and `splitCollation(raw).type`
 * parse alike; a custom's `raw` is that trimmed type part. Arrays of unknown elements are arrays of
 * customs (`inet[]`). Hints fill only what the spelling leaves out and apply to the innermost element
 * of an array. Bare `timestamp` is `timezone: false` whatever the dialect (MySQL `TIMESTAMP` included):
 * only `with time zone`, `timestamptz`, `timezone=True` or the `timezone` hint make it `true`.
 *
 * @example
 * ```ts
 * parseColumnType('character varying(50)') // { kind: 'varchar', length: 50 }
 * parseColumnType('Numeric', { precision: 10, scale: 2 }) // { kind: 'decimal', precision: 10, scale: 2 }
 * parseColumnType('geometry(Point,4326)') // { kind: 'custom', raw: 'geometry(Point,4326)' }
 * ```
 */
export function parseColumnType(raw: string, hints?: ColumnTypeHints): ColumnType {
  const text = typeof raw === 'string' ? raw.trim() : String(raw)
  if (text === '') return { kind: 'untyped' }
  try {
    return parseSplit(splitSpelling(text), hints)
  } catch {
    // Unreachable by design; a safety net so the "never throws" promise holds.
    return { kind: 'custom', raw: text }
  }
}

/**
 * A column's whole type spelling at once: the type (with `hints`), the collation written in it, and
 * whether it is a serial spelling; the same as `splitCollation`, `parseColumnType` and
 * `isSerialSpelling` of the type part, with the spelling tokenized once instead of four times.
 * @internal
 */
export function readTypeSpelling(
  raw: string,
  hints?: ColumnTypeHints,
): { readonly type: ColumnType; readonly collation: string | undefined; readonly serial: boolean } {
  const text = typeof raw === 'string' ? raw.trim() : String(raw)
  if (text === '') return { type: { kind: 'untyped' }, collation: undefined, serial: false }
  try {
    const split = splitSpelling(text)
    const type = parseSplit(split, hints)
    const only = split.tokens.at(0)
    const serial = only?.t === 'word' && SERIAL_NAMES.has(only.value) && split.tokens.endsAt(1)
    return { type, collation: split.collation, serial }
  } catch {
    // Unreachable by design, as in parseColumnType.
    return { type: { kind: 'custom', raw: text }, collation: undefined, serial: false }
  }
}

/** The type part of a split spelling, read by the grammar; a custom type when the grammar does not know it. */
function parseSplit(split: SplitSpelling, hints: ColumnTypeHints | undefined): ColumnType {
  const syntax = readTypeSyntax(split.tokens)
  const read = syntax && interpretSyntax(syntax, split.type)
  if (!read) return { kind: 'custom', raw: split.type }
  return hints ? applyHints(read.type, hints, read.tzExplicit) : read.type
}

function applyHints(type: ColumnType, hints: ColumnTypeHints, tzExplicit: boolean): ColumnType {
  const { length, precision, scale, timezone, enumName, enumValues } = hints
  const count = (n: unknown, min = 0): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min
  switch (type.kind) {
    case 'array':
      return { kind: 'array', of: applyHints(type.of, hints, tzExplicit) }
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return type.length === undefined && count(length) ? { ...type, length } : type
    case 'decimal':
      if (type.precision !== undefined || !count(precision)) return type
      return { ...type, precision, scale: type.scale ?? (count(scale, Number.MIN_SAFE_INTEGER) ? scale : 0) }
    case 'float':
      return count(precision) ? { ...type, kind: precision <= 24 ? 'real' : 'double' } : type
    case 'time':
    case 'timestamp':
    case 'interval': {
      let out: ColumnType = type
      if (out.precision === undefined && count(precision)) out = { ...out, precision }
      if (out.kind !== 'interval' && !tzExplicit && typeof timezone === 'boolean') out = { ...out, timezone }
      return out
    }
    case 'enum': {
      let out: ColumnType = type
      if (out.name === undefined && typeof enumName === 'string' && enumName !== '') out = { ...out, name: enumName }
      if (out.values === undefined && Array.isArray(enumValues) && enumValues.every((v) => typeof v === 'string')) {
        out = { ...out, values: [...enumValues] }
      }
      return out
    }
    default:
      return type
  }
}

/** Longest spelling that may be a serial name (`smallserial` with room for surrounding spaces). */
const MAX_SERIAL_SPELLING = 64

/**
 * Whether the spelling is a PostgreSQL serial pseudo-type (`serial`, `bigserial`, `smallserial`,
 * `serial2/4/8`), which {@link parseColumnType} reads as the plain integer: the caller sets
 * autoincrement.
 *
 * @example
 * ```ts
 * isSerialSpelling('BIGSERIAL') // true; parseColumnType('BIGSERIAL') is { kind: 'bigint' }
 * ```
 */
export function isSerialSpelling(raw: string): boolean {
  // Serial names are short words: a long spelling is not one, and need not be tokenized again.
  const tokens = typeof raw === 'string' && raw.length <= MAX_SERIAL_SPELLING ? tokenizeType(raw) : undefined
  const only = tokens?.length === 1 ? tokens[0] : undefined
  return only?.t === 'word' && SERIAL_NAMES.has(only.value)
}

/**
 * Splits trailing `CHARACTER SET x` / `CHARSET x` / `COLLATE y` clauses off a type spelling, returning
 * the trimmed type and the collation (and character set) they named.
 *
 * Names are unquoted (`COLLATE "C"` gives `C`); a qualified name (`pg_catalog."default"`) is returned as
 * written. When the clauses are malformed nothing is split.
 *
 * @example
 * ```ts
 * splitCollation('varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin')
 * // { type: 'varchar(50)', collation: 'utf8mb4_bin', charset: 'utf8mb4' }
 * ```
 */
export function splitCollation(raw: string): { type: string; collation?: string; charset?: string } {
  const text = typeof raw === 'string' ? raw.trim() : String(raw)
  const { type, collation, charset } = splitSpelling(text)
  return { type, ...(collation === undefined ? {} : { collation }), ...(charset === undefined ? {} : { charset }) }
}

/** A trimmed spelling split into its type part, that part's tokens (read on demand) and its clauses. */
interface SplitSpelling {
  readonly type: string
  readonly tokens: TypeTokens
  readonly collation?: string | undefined
  readonly charset?: string | undefined
}

const CLAUSE_WORDS = new Set(['collate', 'charset', 'character'])
/** Every clause keyword, however spelled or quoted, contains one of these (case aside). */
const CLAUSE_HINT = /collate|charset|character/i

function splitSpelling(text: string): SplitSpelling {
  // Most spellings name no clause keyword: they are tokenized only as far as the grammar reads them.
  if (!CLAUSE_HINT.test(text)) return { type: text, tokens: new TypeTokens(text) }
  const tokens = tokenizeType(text)
  if (!tokens) return { type: text, tokens: new TypeTokens(text) }
  const whole = { type: text, tokens: new TypeTokens(text, tokens) }
  if (!tokens.some((t) => t.t === 'word' && CLAUSE_WORDS.has(t.value))) return whole
  let level = 0
  let clausesToEnd: Uint8Array | undefined
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]
    if (isPunct(tok, '(') || isPunct(tok, '[')) level++
    if (isPunct(tok, ')') || isPunct(tok, ']')) level--
    if (level !== 0 || i === 0 || tok === undefined || clauseLength(tokens, i) === 0) continue
    clausesToEnd ??= clauseRuns(tokens)
    if (clausesToEnd[i] !== 1) continue
    const clauses = readClauses(tokens, i, text)
    if (clauses) {
      const type = text.slice(0, tok.start).trim()
      return { type, tokens: new TypeTokens(type, tokens.slice(0, i)), ...clauses }
    }
  }
  return whole
}

/**
 * For each token position, 1 when the tokens from there to the end are nothing but clauses. Computed
 * once, from the end: trying every keyword position in turn re-read the same clauses again and again,
 * quadratic in spellings such as `x collate a collate a ... (`.
 */
function clauseRuns(tokens: readonly TypeToken[]): Uint8Array {
  const runs = new Uint8Array(tokens.length + 1)
  runs[tokens.length] = 1
  for (let i = tokens.length - 1; i >= 0; i--) {
    const end = clauseEnd(tokens, i)
    runs[i] = end > i && runs[end] === 1 ? 1 : 0
  }
  return runs
}

/** Number of keyword tokens opening a clause at `i`: `collate`, `charset` (1) or `character set` (2). */
function clauseLength(tokens: readonly TypeToken[], i: number): number {
  const tok = tokens[i]
  if (isWord(tok, 'collate') || isWord(tok, 'charset')) return 1
  return isWord(tok, 'character') && isWord(tokens[i + 1], 'set') ? 2 : 0
}

/**
 * The position after the clause starting at `i` (keyword, then a name: parts joined by `.`, each a
 * word or quoted identifier, or one string literal), or -1 when no clause starts there.
 */
function clauseEnd(tokens: readonly TypeToken[], i: number): number {
  const keyword = clauseLength(tokens, i)
  if (keyword === 0) return -1
  const first = tokens[i + keyword]
  if (first === undefined || (first.t !== 'word' && first.t !== 'string')) return -1
  let j = i + keyword + 1
  while (isPunct(tokens[j], '.') && tokens[j + 1]?.t === 'word') j += 2
  return first.t === 'string' && j !== i + keyword + 1 ? -1 : j
}

function readClauses(
  tokens: readonly TypeToken[],
  i: number,
  text: string,
): { collation?: string; charset?: string } | undefined {
  let collation: string | undefined
  let charset: string | undefined
  while (i < tokens.length) {
    const end = clauseEnd(tokens, i)
    if (end < 0) return undefined
    const isCollate = isWord(tokens[i], 'collate')
    const at = i + clauseLength(tokens, i)
    const first = tokens[at] as TypeToken
    const last = tokens[end - 1] as TypeToken
    let name: string
    if (end - 1 !== at) name = text.slice(first.start, last.end)
    else if (first.t === 'string') name = first.value
    else if (first.t === 'word' && first.quoted) name = text.slice(first.start + 1, first.end - 1).replaceAll('""', '"')
    else name = text.slice(first.start, first.end)
    if (isCollate) collation = name
    else charset = name
    i = end
  }
  return { ...(collation === undefined ? {} : { collation }), ...(charset === undefined ? {} : { charset }) }
}

/**
 * SQLite's column affinity for a declared type, by the rules of
 * https://www.sqlite.org/datatype3.html section 3.1 (so `FLOATING POINT` is `integer`, as in SQLite).
 *
 * @example
 * ```ts
 * sqliteAffinity('VARCHAR(50)') // 'text'
 * sqliteAffinity('') // 'blob'
 * sqliteAffinity('point') // 'numeric'
 * ```
 */
export function sqliteAffinity(raw: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  const t = (typeof raw === 'string' ? raw : String(raw)).toUpperCase()
  if (t.includes('INT')) return 'integer'
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text'
  if (t.includes('BLOB') || t.trim() === '') return 'blob'
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real'
  return 'numeric'
}
