import { enumReferenceSpelling } from '../../model/enum-reference.js'
import { parseColumnType } from '../../model/parse-column-type.js'
import type { Row } from '../introspect-types.js'
import { grantsField } from './introspect-security.js'
import { storageParameters } from './introspect-table-options.js'
import { SEQUENCE_NAME_KEY, sequenceName } from './names.js'

// Catalog rows turned into the objects of a canonical schema document (see postgres.ts).

/**
 * A canonical-document object under construction.
 *
 * @example
 * ```ts
 * const column: DocObject = { name: 'id', type: 'integer', nullable: false }
 * ```
 * @internal
 */
export type DocObject = Record<string, unknown>

/** A catalog value as text; null stays absent. @internal */
export const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v)
/**
 * A boolean column as pg (`true`) or a text protocol (`t`) returns it.
 * @internal
 */
export const flag = (v: unknown): boolean => v === true || v === 't' || v === 'true'
/** Arrays come back as arrays from pg and PGlite; a `{a,b}` literal is read as a fallback. */
const list = <T>(v: unknown, map: (s: string) => T): T[] => {
  if (Array.isArray(v)) return v.map((x) => map(String(x)))
  const s = text(v)
  if (!s || s === '{}') return []
  return s
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((x) => map(x.replace(/^"(.*)"$/, '$1')))
}
/**
 * Text array elements.
 *
 * @example
 * ```ts
 * texts('{a,b}') // ['a', 'b']
 * ```
 * @internal
 */
export const texts = (v: unknown) => list(v, (s) => s)
/** Number array elements. @internal */
export const numbers = (v: unknown) => list(v, Number)

/**
 * Strips parentheses that wrap the whole expression, as the catalog prints checks and predicates.
 *
 * @example
 * ```ts
 * stripOuterParens('((a > 0))') // 'a > 0'; stripOuterParens('(a) + (b)') unchanged
 * ```
 * @internal
 */
export function stripOuterParens(expr: string): string {
  let s = expr.trim()
  while (s.startsWith('(') && s.endsWith(')') && closingParen(s) === s.length - 1) s = s.slice(1, -1).trim()
  return s
}

/** Index of the `)` closing the `(` at 0, skipping quoted text. */
function closingParen(s: string): number {
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i + 1)
      if (end < 0) return -1
      i = end
      continue
    }
    if (ch === '(') depth++
    if (ch === ')' && --depth === 0) return i
  }
  return -1
}

/**
 * The type spelling of an enum (or array of it): its bare name when that reads back as a custom type,
 * qualified by its namespace when that is not the default one (two namespaces may each have a `lang`).
 */
function enumTypeSpelling(name: string, schema: string | undefined, isArray: boolean): string {
  const parsed = parseColumnType(name)
  const bare = parsed.kind === 'custom' && parsed.raw === name
  const spelled =
    schema !== undefined
      ? enumReferenceSpelling({ kind: 'enum', name, schema })
      : bare
        ? name
        : `"${name.replaceAll('"', '""')}"`
  return isArray ? `${spelled}[]` : spelled
}

/**
 * The type spelling of a column: format_type's, except enums by their name, qualified outside the
 * default namespace `main`. (PostgreSQL's one-byte `"char"` reads as the SQL `char`, a limit of the
 * type grammar.)
 *
 * @example
 * ```ts
 * columnTypeSpelling({ type: '"Mood"[]', base_typtype: 'e', base_typname: 'Mood', base_typschema: 'public', is_array: true }, 'public') // 'Mood[]'
 * ```
 * @internal
 */
export function columnTypeSpelling(row: Row, main: string): string {
  if (row.base_typtype === 'e') {
    const schema = text(row.base_typschema)
    return enumTypeSpelling(text(row.base_typname) as string, schema === main ? undefined : schema, flag(row.is_array))
  }
  return text(row.type) as string
}

/**
 * Whether a default is the `nextval` of the sequence the column owns, one with the options `serial`
 * gives (`SERIAL_SEQUENCE`): a serial column.
 */
function isSerialDefault(row: Row): boolean {
  const seq = text(row.seq_name)
  if (row.seq_deptype !== 'a' || !seq || !flag(row.seq_serial)) return false
  return text(row.default_expr) === `nextval('${seq.replaceAll("'", "''")}'::regclass)`
}

/**
 * One column of the document.
 *
 * @example
 * ```ts
 * columnObject(row, 'public') // { name: 'id', type: 'integer', nullable: false, autoincrement: true }
 * ```
 * @internal
 */
export function columnObject(row: Row, main: string): DocObject {
  const identity = text(row.identity) ?? ''
  const generated = text(row.generated) ?? ''
  const serial = identity === '' && generated === '' && isSerialDefault(row)
  const column: DocObject = { name: text(row.name), type: columnTypeSpelling(row, main), nullable: !flag(row.not_null) }
  const defaultExpr = text(row.default_expr)
  if (generated !== '' && defaultExpr !== undefined)
    column.generated = { expression: defaultExpr, stored: generated === 's' }
  else if (serial) column.autoincrement = true
  else if (defaultExpr !== undefined) column.default = defaultExpr
  if (identity === 'a' || identity === 'd') column.identity = identityObject(row, identity)
  // A sequence not named after its table and column (the table was renamed without it): kept so that
  // a plan renames it only when the target says so.
  const sequence = text(row.seq_relname)
  const table = text(row.table_name)
  if ((serial || column.identity) && sequence && table && sequence !== sequenceName(table, text(row.name) ?? ''))
    column.extra = { [SEQUENCE_NAME_KEY]: sequence }
  if (flag(row.collation_differs) && row.collation) column.collation = text(row.collation)
  if (row.comment !== null && row.comment !== undefined) column.comment = text(row.comment)
  const sequenceGrants = serial || column.identity ? grantsField(row.seq_grants).grants : undefined
  if (sequenceGrants) column.sequenceGrants = sequenceGrants
  return column
}

/** The lowest and highest values of PostgreSQL's sequence types. */
const TYPE_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}

/** An integer of the catalog as a number, when JavaScript holds it exactly. */
const exact = (v: bigint): number | undefined => (Number.isSafeInteger(Number(v)) ? Number(v) : undefined)

function identityObject(row: Row, identity: string): DocObject {
  const increment = Number(row.seq_increment ?? 1)
  const start = Number(row.seq_start ?? 1)
  // Defaults: counting up from 1, or down from -1.
  const up = increment > 0
  const defaultStart = up ? 1 : -1
  const object: DocObject = {
    generation: identity === 'a' ? 'always' : 'by_default',
    ...(start !== defaultStart ? { start } : {}),
    ...(increment !== 1 ? { increment } : {}),
  }
  // The bounds the start and direction imply (as the generator writes them) are not stated.
  const range = TYPE_RANGES[text(row.seq_type) ?? ''] ?? TYPE_RANGES.bigint
  if (range && row.seq_min !== null && row.seq_min !== undefined && row.seq_max !== null && row.seq_max !== undefined) {
    const [min, max] = [BigInt(String(row.seq_min)), BigInt(String(row.seq_max))]
    const impliedMin = up ? (start < 1 ? BigInt(start) : 1n) : range[0]
    const impliedMax = up ? range[1] : start > -1 ? BigInt(start) : -1n
    const minValue = min !== impliedMin ? exact(min) : undefined
    const maxValue = max !== impliedMax ? exact(max) : undefined
    if (minValue !== undefined) object.minValue = minValue
    if (maxValue !== undefined) object.maxValue = maxValue
  }
  const cache = Number(row.seq_cache ?? 1)
  if (cache !== 1) object.cache = cache
  if (flag(row.seq_cycle)) object.cycle = true
  return object
}

const ACTIONS: Readonly<Record<string, string>> = { r: 'restrict', c: 'cascade', n: 'set_null', d: 'set_default' }

/**
 * One constraint of the document; `namespace` is its table's (references elsewhere are qualified).
 *
 * @example
 * ```ts
 * constraintObject(row, 'public') // { type: 'foreign_key', name: 'posts_user_id_fkey', columns: ['user_id'], ... }
 * ```
 * @internal
 */
export function constraintObject(row: Row, namespace: string): DocObject {
  const base: DocObject = { name: text(row.name) }
  if (flag(row.deferrable)) base.deferrable = true
  if (flag(row.deferrable) && flag(row.deferred)) base.initiallyDeferred = true
  if (text(row.comment) !== undefined) base.comment = text(row.comment)
  const columns = texts(row.columns)
  const withoutOverlaps = flag(row.period) ? { withoutOverlaps: true } : {}
  switch (row.type) {
    case 'p':
      return { type: 'primary_key', ...base, columns, ...withoutOverlaps }
    case 'u':
      return {
        type: 'unique',
        ...base,
        columns,
        ...(flag(row.nulls_not_distinct) ? { nullsNotDistinct: true } : {}),
        ...withoutOverlaps,
      }
    case 'f': {
      const fk: DocObject = {
        type: 'foreign_key',
        ...base,
        columns,
        referencedTable: text(row.ref_table),
        referencedColumns: texts(row.ref_columns),
      }
      if (row.ref_schema !== namespace) fk.referencedSchema = text(row.ref_schema)
      const onDelete = ACTIONS[text(row.on_delete) ?? '']
      const onUpdate = ACTIONS[text(row.on_update) ?? '']
      if (onDelete) fk.onDelete = onDelete
      if (onUpdate) fk.onUpdate = onUpdate
      if (row.match === 'f') fk.match = 'full'
      if (row.match === 'p') fk.match = 'partial'
      if (flag(row.period)) fk.period = true
      return fk
    }
    default:
      return {
        type: 'check',
        ...base,
        expression: checkExpression(text(row.definition) ?? ''),
        ...(flag(row.no_inherit) ? { noInherit: true } : {}),
      }
  }
}

/** `CHECK ((a > 0)) NOT VALID` -> `a > 0`. */
function checkExpression(definition: string): string {
  const body = definition.replace(/^CHECK\s*/i, '').replace(/(\s+NOT VALID|\s+NO INHERIT)+\s*$/i, '')
  return stripOuterParens(body)
}

/**
 * Whether a key part's collation is the one it gets anyway: its column's, or for an expression the
 * collation of a column it uses (the catalog stores the derived collation too).
 */
function inheritsCollation(
  collation: string,
  column: string | undefined,
  expression: string | undefined,
  columnCollations: ReadonlyMap<string, string>,
): boolean {
  if (column !== undefined) return columnCollations.get(column) === collation
  return [...columnCollations].some(
    ([name, c]) => c === collation && expression !== undefined && mentions(expression, name),
  )
}

/** Whether an expression names a column (bare or quoted). */
function mentions(expression: string, name: string): boolean {
  const quoted = `"${name.replaceAll('"', '""')}"`
  if (expression.includes(quoted)) return true
  return (
    /^[a-z_][a-z0-9_$]*$/.test(name) &&
    new RegExp(`(^|[^a-z0-9_$"])${name.replaceAll('$', '\\$')}($|[^a-z0-9_$"])`).test(expression)
  )
}

/**
 * One index of the document. `columnCollations` maps a column name to its collation, so a key part
 * only carries a collation that differs from its column's.
 *
 * @example
 * ```ts
 * indexObject(row, numbers, collations) // { name: 'ix_email', columns: [{ expression: 'lower(email)' }], unique: true }
 * ```
 * @internal
 */
export function indexObject(
  row: Row,
  columnNames: ReadonlyMap<number, string>,
  columnCollations: ReadonlyMap<string, string>,
): DocObject {
  const keys = numbers(row.keys)
  const defs = texts(row.defs)
  const options = numbers(row.options)
  const opclasses = texts(row.opclasses)
  const collations = texts(row.collations)
  const keyCount = Number(row.key_count)
  const parts: DocObject[] = []
  const include: string[] = []
  keys.forEach((num, i) => {
    const column = num === 0 ? undefined : columnNames.get(num)
    if (i >= keyCount) {
      if (column !== undefined) include.push(column)
      return
    }
    const part: DocObject = column !== undefined ? { column } : { expression: stripOuterParens(defs[i] ?? '') }
    const option = options[i] ?? 0
    const descending = (option & 1) === 1
    const nullsFirst = (option & 2) === 2
    if (descending) part.descending = true
    if (nullsFirst !== descending) part.nulls = nullsFirst ? 'first' : 'last'
    if (opclasses[i]) part.opclass = opclasses[i]
    const collation = collations[i] ?? ''
    if (
      collation !== '' &&
      collation !== 'default' &&
      !inheritsCollation(collation, column, part.expression as string | undefined, columnCollations)
    ) {
      part.collation = collation
    }
    parts.push(part)
  })
  const index: DocObject = { name: text(row.name), columns: parts }
  if (flag(row.is_unique)) index.unique = true
  if (row.predicate) index.where = stripOuterParens(text(row.predicate) as string)
  if (row.method && row.method !== 'btree') index.using = text(row.method)
  if (include.length > 0) index.include = include
  if (flag(row.nulls_not_distinct)) index.nullsNotDistinct = true
  const params = storageParameters(row.options_with)
  if (params) index.with = params
  if (text(row.comment) !== undefined) index.comment = text(row.comment)
  return index
}
