import type { ColumnType, ColumnTypeKind } from './column-type.js'

/**
 * What kind of value a column type holds, whatever its size or spelling: whole numbers, exact
 * decimals, floating point, character strings, byte strings, JSON; every other kind is its own family
 * (`boolean`, `date`, `time`, `timestamp`, `interval`, `uuid`, `enum`, `array`, `custom`, `untyped`). Type
 * relations, dialects' cast rules and the impact rules all start from it.
 *
 * @example
 * ```ts
 * typeFamily({ kind: 'varchar', length: 50 }) // 'string'
 * typeFamily({ kind: 'jsonb' }) // 'json'
 * ```
 * @internal
 */
export type TypeFamily =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'string'
  | 'binary'
  | 'json'
  | Exclude<
      ColumnTypeKind,
      | 'tinyint'
      | 'smallint'
      | 'mediumint'
      | 'integer'
      | 'bigint'
      | 'real'
      | 'double'
      | 'float'
      | 'char'
      | 'varchar'
      | 'text'
      | 'binary'
      | 'varbinary'
      | 'blob'
      | 'json'
      | 'jsonb'
    >

const FAMILIES: Readonly<Record<ColumnTypeKind, TypeFamily>> = {
  tinyint: 'integer',
  smallint: 'integer',
  mediumint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  decimal: 'decimal',
  real: 'float',
  double: 'float',
  float: 'float',
  boolean: 'boolean',
  char: 'string',
  varchar: 'string',
  text: 'string',
  binary: 'binary',
  varbinary: 'binary',
  blob: 'binary',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  enum: 'enum',
  array: 'array',
  custom: 'custom',
  untyped: 'untyped',
}

/** The family of a column type (see {@link TypeFamily}). @internal */
export function typeFamily(type: ColumnType | { readonly kind: ColumnTypeKind }): TypeFamily {
  return FAMILIES[type.kind]
}

/** Families whose values are numbers, the kinds that also take MySQL's `unsigned` and `zerofill`. */
const NUMERIC_FAMILIES: ReadonlySet<TypeFamily> = new Set(['integer', 'decimal', 'float'])

/** Whether a family holds numbers (integers, decimals, floating point). @internal */
export const isNumericFamily = (family: TypeFamily): boolean => NUMERIC_FAMILIES.has(family)

/** Whether a type holds numbers (integers, decimals, floating point). @internal */
export const isNumericType = (type: ColumnType | { readonly kind: ColumnTypeKind }): boolean =>
  isNumericFamily(typeFamily(type))
