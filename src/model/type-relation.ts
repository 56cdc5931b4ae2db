import type { ColumnType, IntegerKind } from './column-type.js'
import { columnTypesEqual } from './format-column-type.js'
import { typeFamily } from './type-family.js'

/**
 * How the values of a column relate across a type change, independent of any database:
 * - `same`: the types are equal;
 * - `widen`: every old value fits the new type unchanged (`varchar(50)` -> `varchar(80)`, `integer` -> `bigint`);
 * - `narrow`: same kind of value, but some old values may not fit or lose digits (`varchar(200)` -> `varchar(100)`);
 * - `convert`: another kind of value that every old value converts to (`integer` -> `text`);
 * - `cast`: another kind of value; the conversion fails for values that do not parse (`text` -> `integer`);
 * - `none`: no conversion between the kinds (`uuid` -> `integer`, a scalar -> an array).
 *
 * @example
 * ```ts
 * const r: TypeRelation = compareColumnTypes({ kind: 'integer' }, { kind: 'bigint' }) // 'widen'
 * ```
 */
export type TypeRelation = 'same' | 'widen' | 'narrow' | 'convert' | 'cast' | 'none'

const INT_BYTES: Readonly<Record<IntegerKind, number>> = {
  tinyint: 1,
  smallint: 2,
  mediumint: 3,
  integer: 4,
  bigint: 8,
}
const TEXT_SIZES = ['tiny', undefined, 'medium', 'long'] as const
const FLOAT_BITS = { real: 24, float: 24, double: 53 } as const

/** Range of an integer type as [min, max]. */
function intRange(t: ColumnType & { kind: IntegerKind }): [bigint, bigint] {
  const bits = BigInt(INT_BYTES[t.kind] * 8)
  return t.unsigned ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n]
}

/** Digits before the point an integer type can need. */
const intDigits = (t: ColumnType & { kind: IntegerKind }): number => intRange(t)[1].toString().length

/** Longest text an old value can print as, for conversions into bounded strings. */
function printedLength(t: ColumnType): number {
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint':
      return intDigits(t) + 1
    case 'boolean':
      return 5
    case 'uuid':
      return 36
    case 'date':
      return 10
    case 'decimal':
      return t.precision === undefined ? Number.POSITIVE_INFINITY : t.precision + 2
    case 'enum':
      return t.values ? Math.max(0, ...t.values.map((v) => v.length)) : Number.POSITIVE_INFINITY
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return t.length ?? Number.POSITIVE_INFINITY
    default:
      return Number.POSITIVE_INFINITY
  }
}

/** Maximum length of a string or binary type; unbounded is infinite. */
function capacity(t: ColumnType): number {
  if (t.kind === 'char' || t.kind === 'varchar' || t.kind === 'binary' || t.kind === 'varbinary')
    return t.length ?? Number.POSITIVE_INFINITY
  if ((t.kind === 'text' || t.kind === 'blob') && t.size !== undefined) return TEXT_SIZES.indexOf(t.size) + 1e12
  return Number.POSITIVE_INFINITY
}

/** Plain `text`/`blob` rank between tiny and medium sizes (MySQL); unsized elsewhere means unbounded. */
function sizedRank(t: ColumnType): number {
  return t.kind === 'text' || t.kind === 'blob' ? TEXT_SIZES.indexOf(t.size) : -1
}

const grows = (ok: boolean): TypeRelation => (ok ? 'widen' : 'narrow')

function compareLengths(before: ColumnType, after: ColumnType): TypeRelation {
  const sizedBoth = sizedRank(before) >= 0 && sizedRank(after) >= 0
  if (sizedBoth) return grows(sizedRank(after) >= sizedRank(before))
  return grows(capacity(after) >= capacity(before))
}

function compareDecimals(before: ColumnType & { kind: 'decimal' }, after: ColumnType & { kind: 'decimal' }) {
  if (after.precision === undefined) return 'widen'
  if (before.precision === undefined) return 'narrow'
  const bs = before.scale ?? 0
  const as = after.scale ?? 0
  return grows(as >= bs && after.precision - as >= before.precision - bs)
}

function compareSameFamily(before: ColumnType, after: ColumnType): TypeRelation {
  const b = before as ColumnType & Record<string, unknown>
  const a = after as ColumnType & Record<string, unknown>
  switch (typeFamily(before)) {
    case 'integer': {
      const [bmin, bmax] = intRange(before as ColumnType & { kind: IntegerKind })
      const [amin, amax] = intRange(after as ColumnType & { kind: IntegerKind })
      return grows(amin <= bmin && amax >= bmax)
    }
    case 'decimal':
      return compareDecimals(before as ColumnType & { kind: 'decimal' }, after as ColumnType & { kind: 'decimal' })
    case 'float':
      return grows(
        FLOAT_BITS[after.kind as keyof typeof FLOAT_BITS] >= FLOAT_BITS[before.kind as keyof typeof FLOAT_BITS],
      )
    case 'string':
    case 'binary':
      return compareLengths(before, after)
    case 'time':
    case 'timestamp':
      if (b.timezone !== a.timezone) return 'convert'
      return grows(((a.precision as number | undefined) ?? 6) >= ((b.precision as number | undefined) ?? 6))
    case 'enum':
      if (before.kind !== 'enum' || after.kind !== 'enum') return 'cast'
      if (before.values && after.values) return grows(before.values.every((v) => after.values?.includes(v)))
      return before.name === after.name ? 'same' : 'cast'
    case 'json':
      return 'convert'
    case 'array':
      return before.kind === 'array' && after.kind === 'array' ? compareColumnTypes(before.of, after.of) : 'none'
    default:
      return 'cast'
  }
}

/** Conversions between families, from the old family to the new. */
function compareFamilies(before: ColumnType, after: ColumnType): TypeRelation {
  const from = typeFamily(before)
  const to = typeFamily(after)
  if (from === 'array' || to === 'array') return 'none'
  if (to === 'string') {
    if (after.kind === 'text' && after.size === undefined) return 'convert'
    return printedLength(before) <= capacity(after) ? 'convert' : 'cast'
  }
  if (from === 'string') return to === 'binary' ? 'convert' : 'cast'
  if (from === 'integer' && to === 'decimal' && after.kind === 'decimal') {
    const room = after.precision === undefined ? Number.POSITIVE_INFINITY : after.precision - (after.scale ?? 0)
    return grows(room >= intDigits(before as ColumnType & { kind: IntegerKind }))
  }
  if (from === 'integer' && to === 'float') {
    const mantissa = BigInt(FLOAT_BITS[after.kind as keyof typeof FLOAT_BITS])
    return grows(intRange(before as ColumnType & { kind: IntegerKind })[1] < 2n ** mantissa)
  }
  if ((from === 'decimal' || from === 'float') && (to === 'integer' || to === 'decimal' || to === 'float'))
    return 'narrow'
  if (from === 'integer' && to === 'boolean') return 'cast'
  if (from === 'boolean' && to === 'integer') return 'convert'
  if (from === 'date' && to === 'timestamp') return 'widen'
  if (from === 'timestamp' && (to === 'date' || to === 'time')) return 'narrow'
  if (from === 'enum' && to === 'enum') return 'cast'
  if (from === 'custom' || to === 'custom') return 'cast'
  return 'none'
}

/**
 * Classifies a type change by what happens to the values already stored, without looking at any
 * database (see {@link TypeRelation}). Dialect facts decide what the engine does with it.
 *
 * @example
 * ```ts
 * compareColumnTypes({ kind: 'varchar', length: 200 }, { kind: 'varchar', length: 100 }) // 'narrow'
 * compareColumnTypes({ kind: 'text' }, { kind: 'integer' }) // 'cast'
 * ```
 */
export function compareColumnTypes(before: ColumnType, after: ColumnType): TypeRelation {
  if (columnTypesEqual(before, after)) return 'same'
  if (before.kind === 'custom' || after.kind === 'custom') return 'cast'
  // A column without a declared type (SQLite) keeps any value as given; a declared type converts them.
  if (after.kind === 'untyped') return 'widen'
  if (before.kind === 'untyped') return 'cast'
  const from = typeFamily(before)
  return from === typeFamily(after) ? compareSameFamily(before, after) : compareFamilies(before, after)
}
