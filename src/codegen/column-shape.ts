import { InvalidOptionError } from '../errors.js'
import type { ColumnType, IntegerKind } from '../model/column-type.js'
import { formatColumnType } from '../model/format-column-type.js'
import type { Column, Schema, Table } from '../model/types.js'
import { decimalPattern, integerPattern, timePattern, UUID_PATTERN } from './value-patterns.js'

// The one place that decides what JavaScript value each column holds. toTypeScript, toZod and
// toJsonSchema only spell these shapes in their own syntax, so the three always agree.

/**
 * How values the database can hold beyond JavaScript's safe integers (`bigint`) and points in time
 * (`timestamp`, `date`) are represented.
 *
 * @example
 * ```ts
 * const options: ValueOptions = { bigint: 'string', timestamp: 'Date' }
 * ```
 */
export interface ValueOptions {
  /** `bigint` columns as decimal strings (default; what `pg` returns), JS `bigint`, or `number` (safe range only). */
  readonly bigint: 'string' | 'bigint' | 'number'
  /** `timestamp` and `date` columns as JS `Date` objects (default; what drivers return) or ISO 8601 strings. */
  readonly timestamp: 'Date' | 'string'
}

/**
 * The JavaScript value of a column, with the limits the database enforces on it.
 *
 * @example
 * ```ts
 * const shape: ValueShape = { kind: 'string', maxLength: 50 }
 * ```
 * @internal
 */
export type ValueShape =
  /** A whole number within `[min, max]`: a JS `number` (safe range) or, with `bigint`, a JS `bigint`. */
  | { readonly kind: 'integer'; readonly min: bigint; readonly max: bigint; readonly bigint: boolean }
  /** A finite JS `number`, optionally bounded (`real` is 4 bytes). */
  | { readonly kind: 'float'; readonly min?: number; readonly max?: number }
  /** A string; `maxLength` counts characters (code points), as the database does. */
  | {
      readonly kind: 'string'
      readonly maxLength?: number
      readonly pattern?: string
      /** `date-time` (with `local` when the timestamp has no time zone), `date` or `uuid`. */
      readonly format?: 'date-time' | 'date' | 'uuid'
      readonly local?: true
      /** For whole numbers carried as strings (`bigint` columns): the range `pattern` encodes. */
      readonly range?: { readonly min: bigint; readonly max: bigint }
    }
  | { readonly kind: 'boolean' }
  /** A JS `Date`. */
  | { readonly kind: 'date-object' }
  /** A `Uint8Array` (Node's `Buffer` is one) of at most `maxLength` bytes. */
  | { readonly kind: 'bytes'; readonly maxLength?: number }
  /** Any JSON value. */
  | { readonly kind: 'json' }
  /** One of `values`; `name` is the schema-level enum it comes from. */
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly name?: string }
  | { readonly kind: 'array'; readonly of: ValueShape }
  /**
   * A type with no mapping (`custom`): `type` is the database type, verbatim; empty for a column
   * without a declared type (SQLite's `untyped`), which holds any value.
   */
  | { readonly kind: 'unknown'; readonly type: string }

/**
 * One column as the outputs see it.
 *
 * @example
 * ```ts
 * const field: FieldShape = { name: 'id', column, value: { kind: 'integer', min: -2147483648n, max: 2147483647n, bigint: false }, nullable: false, insert: 'optional', notes: ['primary key'] }
 * ```
 * @internal
 */
export interface FieldShape {
  /** Column name, the property key of rows. */
  readonly name: string
  readonly column: Column
  readonly value: ValueShape
  /** Whether the value may be `null`. */
  readonly nullable: boolean
  /**
   * On insert: `required`; `optional` when the database fills it (default, identity by default,
   * auto-increment) or NULL is allowed; `omitted` for generated columns and `GENERATED ALWAYS` identities,
   * which reject explicit values.
   */
  readonly insert: 'required' | 'optional' | 'omitted'
  /** Facts for documentation: the database type, key, default, identity, generation. */
  readonly notes: readonly string[]
}

/**
 * Fills in the default value options and rejects values outside the documented choices.
 *
 * @example
 * ```ts
 * resolveValueOptions({ bigint: 'bigint' }) // { bigint: 'bigint', timestamp: 'Date' }
 * ```
 * @internal
 */
export function resolveValueOptions(options: Partial<ValueOptions>): ValueOptions {
  const bigint = options.bigint ?? 'string'
  const timestamp = options.timestamp ?? 'Date'
  if (!['string', 'bigint', 'number'].includes(bigint)) {
    throw new InvalidOptionError('bigint', `expected 'string', 'bigint' or 'number', got ${JSON.stringify(bigint)}`)
  }
  if (!['Date', 'string'].includes(timestamp)) {
    throw new InvalidOptionError('timestamp', `expected 'Date' or 'string', got ${JSON.stringify(timestamp)}`)
  }
  return { bigint, timestamp }
}

const SIGNED: Readonly<Record<IntegerKind, readonly [bigint, bigint]>> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  mediumint: [-8388608n, 8388607n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}
const UNSIGNED_MAX: Readonly<Record<IntegerKind, bigint>> = {
  tinyint: 255n,
  smallint: 65535n,
  mediumint: 16777215n,
  integer: 4294967295n,
  bigint: 18446744073709551615n,
}
const SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const REAL_MAX = 3.4028234663852886e38

/**
 * The JavaScript value shape of a column type; named enums are looked up in `schema`.
 *
 * @example
 * ```ts
 * valueShape({ kind: 'varchar', length: 50 }, schema, { bigint: 'string', timestamp: 'Date' }) // { kind: 'string', maxLength: 50 }
 * ```
 * @internal
 */
export function valueShape(type: ColumnType, schema: Schema, options: ValueOptions): ValueShape {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint': {
      const [min, max] = type.unsigned ? [0n, UNSIGNED_MAX[type.kind]] : SIGNED[type.kind]
      if (max <= SAFE) return { kind: 'integer', min, max, bigint: false }
      if (options.bigint === 'bigint') return { kind: 'integer', min, max, bigint: true }
      if (options.bigint === 'number') {
        return { kind: 'integer', min: min < -SAFE ? -SAFE : min, max: SAFE, bigint: false }
      }
      return { kind: 'string', pattern: integerPattern(min, max), range: { min, max } }
    }
    case 'decimal':
      return { kind: 'string', pattern: decimalPattern(type.precision, type.scale, type.unsigned === true) }
    case 'real':
      return type.unsigned ? { kind: 'float', min: 0, max: REAL_MAX } : { kind: 'float', min: -REAL_MAX, max: REAL_MAX }
    case 'double':
    case 'float':
      return type.unsigned ? { kind: 'float', min: 0 } : { kind: 'float' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'char':
    case 'varchar':
      return type.length === undefined ? { kind: 'string' } : { kind: 'string', maxLength: type.length }
    case 'text':
    case 'interval':
      return { kind: 'string' }
    case 'binary':
    case 'varbinary':
      return type.length === undefined ? { kind: 'bytes' } : { kind: 'bytes', maxLength: type.length }
    case 'blob':
      return { kind: 'bytes' }
    case 'date':
      return options.timestamp === 'Date' ? { kind: 'date-object' } : { kind: 'string', format: 'date' }
    case 'timestamp':
      if (options.timestamp === 'Date') return { kind: 'date-object' }
      return type.timezone
        ? { kind: 'string', format: 'date-time' }
        : { kind: 'string', format: 'date-time', local: true }
    case 'time':
      return { kind: 'string', pattern: timePattern(type.timezone) }
    case 'uuid':
      return { kind: 'string', format: 'uuid', pattern: UUID_PATTERN }
    case 'json':
    case 'jsonb':
      return { kind: 'json' }
    case 'enum': {
      if (type.name === undefined) return { kind: 'enum', values: type.values ?? [] }
      const declared = schema.enums.find((e) => e.name === type.name && e.schema === type.schema)
      // parseSchema rejects references to undeclared enums; a hand-built schema may still have one.
      return declared
        ? { kind: 'enum', values: declared.values, name: declared.name }
        : { kind: 'unknown', type: type.name }
    }
    case 'array':
      return { kind: 'array', of: valueShape(type.of, schema, options) }
    case 'custom':
      return { kind: 'unknown', type: type.raw }
    case 'untyped':
      return { kind: 'unknown', type: '' }
  }
}

/** Documentation facts about a column, in a fixed order. */
function columnNotes(column: Column, primaryKey: readonly string[]): string[] {
  const notes = [`\`${formatColumnType(column.type)}\``]
  if (primaryKey.includes(column.name)) notes.push('primary key')
  if (column.identity) notes.push(`identity (${column.identity.generation === 'always' ? 'always' : 'by default'})`)
  if (column.autoincrement) notes.push('auto-increment')
  if (column.default !== undefined) notes.push(`default \`${column.default}\``)
  if (column.generated) notes.push(`generated from \`${column.generated.expression}\``)
  return notes
}

function insertRule(column: Column): FieldShape['insert'] {
  if (column.generated || column.identity?.generation === 'always') return 'omitted'
  const filled = column.default !== undefined || column.autoincrement === true || column.identity !== undefined
  return filled || column.nullable ? 'optional' : 'required'
}

/**
 * Every column of a table as a {@link FieldShape}, in column order.
 *
 * @example
 * ```ts
 * tableFields(users, schema, { bigint: 'string', timestamp: 'Date' }).map((f) => f.insert) // ['optional', 'required', ...]
 * ```
 * @internal
 */
export function tableFields(table: Table, schema: Schema, options: ValueOptions): FieldShape[] {
  const primaryKey = table.constraints.find((c) => c.type === 'primary_key')?.columns ?? []
  return table.columns.map((column) => ({
    name: column.name,
    column,
    value: valueShape(column.type, schema, options),
    nullable: column.nullable,
    insert: insertRule(column),
    notes: columnNotes(column, primaryKey),
  }))
}

/**
 * The TSDoc summary of an insert shape .
 *
 * @example
 * ```ts
 * insertSummary('users', fields) // 'Values to insert into `users`; columns the database fills or that allow NULL are optional.'
 * ```
 * @internal
 */
export function insertSummary(table: string, fields: readonly FieldShape[]): string {
  const omitted = fields.filter((f) => f.insert === 'omitted').map((f) => `\`${f.name}\``)
  const left = omitted.length === 0 ? '' : ` Columns only the database writes (${omitted.join(', ')}) are left out.`
  return `Values to insert into \`${table}\`; columns the database fills or that allow NULL are optional.${left}`
}

/**
 * Whether any field of any table holds JSON (outputs declare a `Json` type only when it is used).
 *
 * @example
 * ```ts
 * if (usesShape(fields, 'json')) lines.push('export type Json = ...')
 * ```
 * @internal
 */
export function usesShape(fields: readonly FieldShape[], kind: ValueShape['kind']): boolean {
  const has = (v: ValueShape): boolean => v.kind === kind || (v.kind === 'array' && has(v.of))
  return fields.some((f) => has(f.value))
}
