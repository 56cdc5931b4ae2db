import type { ColumnType } from './column-type.js'
import { SERIAL_NAMES } from './type-names.js'
import { interpretSyntax } from './type-spellings.js'
import { readTypeSyntax } from './type-syntax.js'
import { isPunct, isWord, type TypeToken, tokenizeType } from './type-tokenizer.js'

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
 * never throws, and keeps anything it does not model as `{ kind: 'custom', raw }`.
 *
 * Case-insensitive and whitespace-tolerant. Trailing `CHARACTER SET` / `COLLATE` clauses are ignored
 * (use {@link splitCollation} first to keep the collation), so `raw` and `splitCollation(raw).type`
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
  try {
    const { type } = splitCollation(text)
    const tokens = tokenizeType(type)
    const syntax = tokens && readTypeSyntax(tokens)
    const read = syntax && interpretSyntax(syntax, type)
    if (!read) return { kind: 'custom', raw: type }
    return hints ? applyHints(read.type, hints, read.tzExplicit) : read.type
  } catch {
    // Unreachable by design; a safety net so the "never throws" promise holds.
    return { kind: 'custom', raw: text }
  }
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
  const tokens = typeof raw === 'string' ? tokenizeType(raw) : undefined
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
  const tokens = tokenizeType(text)
  if (!tokens) return { type: text }
  let level = 0
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]
    if (isPunct(tok, '(') || isPunct(tok, '[')) level++
    if (isPunct(tok, ')') || isPunct(tok, ']')) level--
    if (level !== 0 || i === 0 || tok === undefined || clauseLength(tokens, i) === 0) continue
    const clauses = readClauses(tokens, i, text)
    if (clauses) return { type: text.slice(0, tok.start).trim(), ...clauses }
  }
  return { type: text }
}

/** Number of keyword tokens opening a clause at `i`: `collate`, `charset` (1) or `character set` (2). */
function clauseLength(tokens: readonly TypeToken[], i: number): number {
  const tok = tokens[i]
  if (isWord(tok, 'collate') || isWord(tok, 'charset')) return 1
  return isWord(tok, 'character') && isWord(tokens[i + 1], 'set') ? 2 : 0
}

function readClauses(
  tokens: readonly TypeToken[],
  i: number,
  text: string,
): { collation?: string; charset?: string } | undefined {
  let collation: string | undefined
  let charset: string | undefined
  while (i < tokens.length) {
    const keyword = clauseLength(tokens, i)
    if (keyword === 0) return undefined
    const isCollate = isWord(tokens[i], 'collate')
    i += keyword
    // name := part ('.' part)*, each part a word or quoted identifier (or a string literal).
    const first = tokens[i]
    let last = first
    let j = i + 1
    while (isPunct(tokens[j], '.') && tokens[j + 1]?.t === 'word') {
      last = tokens[j + 1]
      j += 2
    }
    if (first === undefined || last === undefined || (first.t !== 'word' && first.t !== 'string')) return undefined
    if (first.t === 'string' && j !== i + 1) return undefined
    let name: string
    if (j !== i + 1) name = text.slice(first.start, last.end)
    else if (first.t === 'string') name = first.value
    else if (first.quoted) name = text.slice(first.start + 1, first.end - 1).replaceAll('""', '"')
    else name = text.slice(first.start, first.end)
    if (isCollate) collation = name
    else charset = name
    i = j
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
