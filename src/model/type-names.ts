/**
 * The word lists of the column-type grammar: which names (SQLAlchemy, PostgreSQL, MySQL, SQLite)
 * spell which kind. Lookups use `Map`/`Set` so that names such as `constructor` never hit
 * `Object.prototype`.
 *
 * @module
 */
import type { ColumnType, FloatType, IntegerKind } from './column-type.js'

/** Integer spellings; MySQL display widths and `unsigned` are handled by the grammar. */
export const INTEGER_NAMES: ReadonlyMap<string, IntegerKind> = new Map<string, IntegerKind>([
  ['tinyint', 'tinyint'],
  ['int1', 'tinyint'],
  ['smallint', 'smallint'],
  ['int2', 'smallint'],
  ['smallinteger', 'smallint'],
  ['mediumint', 'mediumint'],
  ['int3', 'mediumint'],
  ['middleint', 'mediumint'],
  ['int', 'integer'],
  ['integer', 'integer'],
  ['int4', 'integer'],
  ['bigint', 'bigint'],
  ['int8', 'bigint'],
  ['biginteger', 'bigint'],
])

/** PostgreSQL serial pseudo-types and the integer each one creates. */
export const SERIAL_NAMES: ReadonlyMap<string, IntegerKind> = new Map<string, IntegerKind>([
  ['smallserial', 'smallint'],
  ['serial2', 'smallint'],
  ['serial', 'integer'],
  ['serial4', 'integer'],
  ['bigserial', 'bigint'],
  ['serial8', 'bigint'],
])

/** Approximate-numeric spellings; `float(p)` is resolved by the grammar. */
export const FLOAT_NAMES: ReadonlyMap<string, FloatType['kind']> = new Map<string, FloatType['kind']>([
  ['real', 'real'],
  ['float4', 'real'],
  ['double', 'double'],
  ['double precision', 'double'],
  ['float8', 'double'],
  ['float', 'float'],
])

/** Exact-numeric spellings. */
export const DECIMAL_NAMES: ReadonlySet<string> = new Set(['decimal', 'numeric', 'dec', 'fixed'])

/** Spellings that take an optional length. */
export const LENGTH_NAMES: ReadonlyMap<string, 'char' | 'varchar' | 'binary' | 'varbinary'> = new Map<
  string,
  'char' | 'varchar' | 'binary' | 'varbinary'
>([
  ['char', 'char'],
  ['character', 'char'],
  ['nchar', 'char'],
  ['bpchar', 'char'],
  ['national char', 'char'],
  ['national character', 'char'],
  ['varchar', 'varchar'],
  ['character varying', 'varchar'],
  ['char varying', 'varchar'],
  ['nvarchar', 'varchar'],
  ['nchar varying', 'varchar'],
  ['national varchar', 'varchar'],
  ['national char varying', 'varchar'],
  ['national character varying', 'varchar'],
  ['string', 'varchar'],
  ['unicode', 'varchar'],
  ['binary', 'binary'],
  ['varbinary', 'varbinary'],
])

/** Spellings that take no arguments at all. */
export const PLAIN_NAMES: ReadonlyMap<string, ColumnType> = new Map<string, ColumnType>([
  ['text', { kind: 'text' }],
  ['unicodetext', { kind: 'text' }],
  ['clob', { kind: 'text' }],
  ['tinytext', { kind: 'text', size: 'tiny' }],
  ['mediumtext', { kind: 'text', size: 'medium' }],
  ['longtext', { kind: 'text', size: 'long' }],
  ['blob', { kind: 'blob' }],
  ['bytea', { kind: 'blob' }],
  ['largebinary', { kind: 'blob' }],
  ['tinyblob', { kind: 'blob', size: 'tiny' }],
  ['mediumblob', { kind: 'blob', size: 'medium' }],
  ['longblob', { kind: 'blob', size: 'long' }],
  ['boolean', { kind: 'boolean' }],
  ['bool', { kind: 'boolean' }],
  ['date', { kind: 'date' }],
  ['uuid', { kind: 'uuid' }],
  ['json', { kind: 'json' }],
  ['jsonb', { kind: 'jsonb' }],
])

/** PostgreSQL element type names that `_name` (the internal array type) may refer to. */
export const PG_ARRAY_ELEMENTS: ReadonlySet<string> = new Set(
  'int2 int4 int8 float4 float8 numeric text varchar bpchar char bool bytea date time timetz timestamp timestamptz interval uuid json jsonb'.split(
    ' ',
  ),
)

/** Field restrictions PostgreSQL allows after `interval`. */
export const INTERVAL_FIELDS: ReadonlySet<string> = new Set([
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'year to month',
  'day to hour',
  'day to minute',
  'day to second',
  'hour to minute',
  'hour to second',
  'minute to second',
])
