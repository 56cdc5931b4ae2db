import type { ColumnType } from '../model/column-type.js'
import { expressionNodes, INT_TYPES, signedNumber, stable, TEXT_TYPES, table } from './normalize-expression.js'
import { callName, isGroupingParen, plainString, TYPED_LITERALS } from './sql-precedence.js'
import {
  type CastType,
  canonicalNumber,
  isPunct,
  isWord,
  KEYWORD_OPS,
  leaf,
  quoteString,
  renderNodes,
  type SqlNode,
} from './sql-tokenizer.js'

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

/** The family of a column type; an array's is its element's, marked (`array:text`). */
function columnCategory(type: ColumnType): Category {
  if (type.kind === 'array') return `array:${columnCategory(type.of)}`
  return COLUMN_CATEGORY.get(type.kind) ?? type.kind
}

function castCategory(type: CastType): Category {
  const b = type.base
  if (type.dims !== '') return `array:${castCategory({ ...type, dims: '' })}`
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
  const [columnArray, castArray] = [column.startsWith('array:'), cast.startsWith('array:')]
  if (columnArray || castArray) return columnArray && castArray && compatible(column.slice(6), cast.slice(6))
  const numeric = (c: Category): boolean => c === 'int' || c === 'numeric' || c === 'float'
  if (column === cast || column === 'custom' || (numeric(column) && numeric(cast))) return true
  if (column === 'enum' || column === 'text') return cast === 'other' || cast === 'text'
  return (column === 'json' || column === 'jsonb') && (cast === 'json' || cast === 'jsonb')
}

function isLiteral(op: readonly SqlNode[]): boolean {
  const n = op[0]
  if (plainString(op) !== undefined || signedNumber(op) !== undefined) return true
  return (
    (op.length === 1 &&
      n?.t === 'leaf' &&
      (n.kind === 'string' || (n.kind === 'word' && /^(true|false|null)$/.test(n.text)))) ||
    isArrayOfLiterals(op)
  )
}

/**
 * `ARRAY[...]` of literals, empty included: after `varchar[]` -> `text[]` PostgreSQL keeps a default's
 * `ARRAY[]::character varying[]`, the same value as `ARRAY[]::text[]`.
 */
function isArrayOfLiterals(op: readonly SqlNode[]): boolean {
  const g = op[1]
  if (op.length !== 2 || !isWord(op[0], 'array') || g?.t !== 'group' || g.open !== '[' || !g.closed) return false
  const items: SqlNode[][] = [[]]
  for (const n of g.items) {
    if (isPunct(n, ',')) items.push([])
    else items[items.length - 1]?.push(n)
  }
  return g.items.length === 0 || items.every((item) => item.length > 0 && isLiteral(item))
}

function defaultNodes(text: string, type: ColumnType | undefined): SqlNode[] {
  let list = expressionNodes(text)
  const column = type === undefined ? undefined : columnCategory(type)
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

/** The standard `NEXT VALUE FOR seq` as the call MariaDB prints it back, `nextval(seq)`. */
const nextValueFor = (expr: string) =>
  expr.replace(/^\s*(\(\s*)?next\s+value\s+for\s+([^\s()']+)\s*(\)\s*)?$/i, (all, open, name, close) =>
    (open === undefined) === (close === undefined) ? `nextval(${name})` : all,
  )

/**
 * The canonical form of a column's server default, or `undefined` for no default (NULL included).
 *
 * On top of {@link normalizeExpression}: synonyms such as `now()` -> `current_timestamp` and
 * `NEXT VALUE FOR s` -> `nextval(s)`; casts of a
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
  const out = stable(nextValueFor(expr), (s) => renderNodes(defaultNodes(s, type)))
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
  // Identical text is equal without normalizing (the common case when diffing large schemas).
  return a === b || normalizeDefault(a, type) === normalizeDefault(b, type)
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
