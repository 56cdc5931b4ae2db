import { SchemaLedgerError } from '../../errors.js'
import type { ColumnType, IntegerKind } from '../../model/column-type.js'
import { isNumericFamily, type TypeFamily, typeFamily } from '../../model/type-family.js'
import { assertOneExpression } from '../expression-guard.js'
import { postgresLexer } from './lexer.js'
import { quotePostgresIdentifier } from './quoting.js'

// Column types in PostgreSQL. Kinds PostgreSQL lacks map to the closest type that holds every value:
//
// | model kind                      | PostgreSQL                                  |
// | ------------------------------- | ------------------------------------------- |
// | tinyint, smallint               | smallint (no 1-byte integer)                |
// | mediumint, integer              | integer                                     |
// | bigint                          | bigint                                      |
// | unsigned tinyint/smallint/...   | the next wider signed type; bigint unsigned -> numeric(20) |
// | decimal(p,s)                    | numeric(p,s); a scale without precision -> numeric |
// | real / double / float           | real / double precision / double precision (float is 8 bytes here) |
// | boolean                         | boolean                                     |
// | char(n) / char                  | char(n) / bpchar (blank-padded, unbounded)  |
// | varchar(n) / varchar            | varchar(n) / varchar                        |
// | text, tinytext..longtext        | text                                        |
// | binary, varbinary, blob (sizes) | bytea                                       |
// | date, time, timestamp, interval | same, with precision, time zone and fields  |
// | uuid, json, jsonb               | same                                        |
// | enum with a name                | the enum type, schema-qualified when it has a namespace |
// | enum with inline values         | text (PostgreSQL has no inline enums)       |
// | array of T                      | T[]                                         |
// | custom                          | verbatim (after the expression guard)       |
// | untyped (no declared type)      | error `unsupported_feature` (SQLite's only) |

/** Why a column without a declared type cannot be written. @internal */
export const UNTYPED_COLUMN = 'no declared type (`"type": ""`): only SQLite has columns without a type'

const INTEGERS: Readonly<Record<IntegerKind, string>> = {
  tinyint: 'smallint',
  smallint: 'smallint',
  mediumint: 'integer',
  integer: 'integer',
  bigint: 'bigint',
}
const UNSIGNED: Readonly<Record<IntegerKind, string>> = {
  tinyint: 'smallint',
  smallint: 'integer',
  mediumint: 'integer',
  integer: 'bigint',
  bigint: 'numeric(20)',
}
const SERIALS: Readonly<Record<string, string>> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' }

/**
 * Resolves the namespace of an enum type by name (undefined for the default namespace).
 *
 * @example
 * ```ts
 * const lookup: EnumNamespace = (name) => (name === 'state' ? 'billing' : undefined)
 * ```
 * @internal
 */
export type EnumNamespace = (name: string) => string | undefined

const paren = (n: number | undefined) => (n === undefined ? '' : `(${n})`)

/**
 * The PostgreSQL spelling of a column type (see the table above).
 *
 * @example
 * ```ts
 * renderPostgresType({ kind: 'varchar', length: 50 }) // 'varchar(50)'
 * renderPostgresType({ kind: 'timestamp', timezone: true }) // 'timestamp with time zone'
 * ```
 */
export function renderPostgresType(type: ColumnType, enumNamespace: EnumNamespace = () => undefined): string {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint':
      return (type.unsigned ? UNSIGNED : INTEGERS)[type.kind]
    case 'decimal':
      if (type.precision === undefined) return 'numeric'
      return `numeric(${type.precision}${type.scale === undefined ? '' : `,${type.scale}`})`
    case 'real':
      return 'real'
    case 'double':
    case 'float':
      return 'double precision'
    case 'boolean':
    case 'date':
    case 'uuid':
    case 'json':
    case 'jsonb':
      return type.kind
    case 'char':
      return type.length === undefined ? 'bpchar' : `char(${type.length})`
    case 'varchar':
      return `varchar${paren(type.length)}`
    case 'text':
      return 'text'
    case 'binary':
    case 'varbinary':
    case 'blob':
      return 'bytea'
    case 'time':
    case 'timestamp':
      return `${type.kind}${paren(type.precision)}${type.timezone ? ' with time zone' : ''}`
    case 'interval': {
      const fields = type.fields
        ? ` ${type.fields
            .replace(/[^a-z ]/gi, '')
            .trim()
            .toLowerCase()}`
        : ''
      return `interval${fields}${paren(type.precision)}`
    }
    case 'enum': {
      if (type.name === undefined) return 'text'
      // A reference read from a document names its namespace; a hand-built one is looked up.
      const schema = type.schema ?? enumNamespace(type.name)
      const name = quotePostgresIdentifier(type.name)
      return schema === undefined ? name : `${quotePostgresIdentifier(schema)}.${name}`
    }
    case 'array':
      return `${renderPostgresType(type.of, enumNamespace)}[]`
    case 'custom':
      return assertOneExpression(type.raw, 'custom column type', postgresLexer)
    case 'untyped':
      throw new SchemaLedgerError('unsupported_feature', UNTYPED_COLUMN)
  }
}

/**
 * `serial` / `bigserial` / `smallserial` for an auto-increment integer column; undefined for other types.
 *
 * @example
 * ```ts
 * serialType({ kind: 'bigint' }) // 'bigserial'
 * ```
 * @internal
 */
export function serialType(type: ColumnType): string | undefined {
  const plain = renderPostgresType(type)
  return Object.hasOwn(SERIALS, plain) ? SERIALS[plain] : undefined
}

/**
 * The integer type a serial column's sequence counts in (`AS integer`), or undefined.
 *
 * @example
 * ```ts
 * sequenceType({ kind: 'mediumint' }) // 'integer'
 * ```
 * @internal
 */
export function sequenceType(type: ColumnType): string | undefined {
  const plain = renderPostgresType(type)
  return Object.hasOwn(SERIALS, plain) ? plain : undefined
}

// The families PostgreSQL converts within by assignment casts; every other family counts as one
// opaque `other` (a named enum, a uuid, a custom type each keep their own type).
const CONVERTIBLE: ReadonlySet<TypeFamily> = new Set([
  'integer',
  'decimal',
  'float',
  'string',
  'binary',
  'json',
  'date',
  'time',
  'timestamp',
  'interval',
])

/**
 * The model's family of a type as PostgreSQL stores it: MySQL's unsigned bigint becomes a numeric,
 * an inline (MySQL) enum a string.
 */
function postgresFamily(type: ColumnType): TypeFamily | 'other' {
  if (type.kind === 'bigint' && type.unsigned) return 'decimal'
  if (type.kind === 'enum' && type.name === undefined) return 'string'
  const family = typeFamily(type)
  return CONVERTIBLE.has(family) ? family : 'other'
}

const numeric = (f: TypeFamily | 'other') => f !== 'other' && isNumericFamily(f)
// Pairs with an implicit or assignment cast in pg_cast (checked against PostgreSQL 15 and 18).
const ASSIGNABLE = new Set(['date>timestamp', 'timestamp>date', 'timestamp>time', 'time>interval', 'interval>time'])

/**
 * Whether `ALTER COLUMN ... TYPE` converts `from` to `to` on its own, i.e. PostgreSQL has an implicit
 * or assignment cast (numbers among themselves, anything to a string type, strings among themselves,
 * date/time widenings, json <-> jsonb, and a length or precision change of the same type). Otherwise
 * the statement needs `USING`.
 *
 * @example
 * ```ts
 * convertsWithoutUsing({ kind: 'varchar', length: 50 }, { kind: 'text' }) // true
 * convertsWithoutUsing({ kind: 'text' }, { kind: 'integer' }) // false
 * ```
 * @internal
 */
export function convertsWithoutUsing(from: ColumnType, to: ColumnType): boolean {
  if (renderPostgresType(from) === renderPostgresType(to)) return true
  // A type of its own with other modifiers (`vector(3)` to `vector(4)`): PostgreSQL applies the
  // type's length coercion cast when it has one and relabels the value otherwise.
  if (from.kind === 'custom' && to.kind === 'custom' && customBase(from.raw) === customBase(to.raw)) return true
  if (from.kind === 'array' || to.kind === 'array')
    return to.kind === 'text' || to.kind === 'varchar' || to.kind === 'char'
  const a = postgresFamily(from)
  const b = postgresFamily(to)
  if (b === 'string' && to.kind !== 'enum') return true
  if (numeric(a) && numeric(b)) return true
  return (a === b && a !== 'other') || ASSIGNABLE.has(`${a}>${b}`)
}

/** A custom type's name without its modifiers (`vector(3)` -> `vector`), for comparison. */
function customBase(raw: string): string {
  const base = raw.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s+/g, ' ')
  return base.includes('"') ? base : base.toLowerCase()
}

/**
 * The `USING` expression converting column `column` (already quoted) to `target`: a direct cast where
 * PostgreSQL has one (from strings, integer <-> boolean through integer, jsonb to numbers and
 * booleans), otherwise through `text`, which every type (custom ones included) converts to and from.
 *
 * @example
 * ```ts
 * usingExpression('"code"', { kind: 'text' }, { kind: 'integer' }, 'integer') // '"code"::integer'
 * usingExpression('"ref"', { kind: 'uuid' }, { kind: 'jsonb' }, 'jsonb') // '"ref"::text::jsonb'
 * ```
 * @internal
 */
export function usingExpression(column: string, from: ColumnType, to: ColumnType, target: string): string {
  const direct = `${column}::${target}`
  const plainString = (t: ColumnType) => postgresFamily(t) === 'string' && t.kind !== 'enum'
  if (from.kind === 'array' || to.kind === 'array') {
    // Arrays convert element by element; an array to or from a scalar only through its text form.
    if (from.kind !== 'array' || to.kind !== 'array') return `${column}::text::${target}`
    return plainString(from.of) ? direct : `${column}::text[]::${target}`
  }
  const [fa, fb] = [postgresFamily(from), postgresFamily(to)]
  if (plainString(from)) return direct
  if ((fa === 'integer' && to.kind === 'boolean') || (from.kind === 'boolean' && fb === 'integer')) {
    // PostgreSQL casts boolean only to and from integer.
    return [column, renderPostgresType(from) === 'integer' || target === 'integer' ? '' : 'integer', target]
      .filter(Boolean)
      .join('::')
  }
  if (from.kind === 'jsonb' && (numeric(fb) || to.kind === 'boolean')) return direct
  return `${column}::text::${target}`
}

/**
 * Whether a type takes a collation: strings and arrays of them (custom types are not assumed to).
 *
 * @example
 * ```ts
 * isCollatable({ kind: 'varchar', length: 5 }) // true; isCollatable({ kind: 'integer' }) // false
 * ```
 * @internal
 */
export function isCollatable(type: ColumnType): boolean {
  if (type.kind === 'array') return isCollatable(type.of)
  return postgresFamily(type) === 'string' && type.kind !== 'enum'
}

/**
 * Whether two types belong to the same family (numbers, strings, times, ...), so values keep their spelling.
 *
 * @example
 * ```ts
 * sameFamily({ kind: 'integer' }, { kind: 'decimal' }) // true; sameFamily({ kind: 'integer' }, { kind: 'text' }) // false
 * ```
 * @internal
 */
export const sameFamily = (a: ColumnType, b: ColumnType) =>
  postgresFamily(a) === postgresFamily(b) || (numeric(postgresFamily(a)) && numeric(postgresFamily(b)))

/**
 * Whether a foreign key can join a column of type `a` to one of type `b`: the same type, two integer
 * types, or two variable-length strings (PostgreSQL has an equality operator for those pairs). Other
 * pairs may work too, but are not assumed to: a key over them is dropped while its columns change.
 *
 * @example
 * ```ts
 * keyTypesJoin({ kind: 'integer' }, { kind: 'bigint' }) // true; keyTypesJoin({ kind: 'integer' }, { kind: 'text' }) // false
 * ```
 * @internal
 */
export function keyTypesJoin(a: ColumnType, b: ColumnType): boolean {
  if (renderPostgresType(a) === renderPostgresType(b)) return true
  const [fa, fb] = [postgresFamily(a), postgresFamily(b)]
  const varying = (t: ColumnType) => t.kind === 'text' || t.kind === 'varchar'
  return (fa === 'integer' && fb === 'integer') || (varying(a) && varying(b))
}

const INT_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 }

/**
 * Whether changing `from` to `to` keeps every value exactly (a wider integer, a longer string, a
 * larger precision, anything to text); anything else may lose or reject data and is destructive.
 *
 * @example
 * ```ts
 * isWidening({ kind: 'integer' }, { kind: 'bigint' }) // true; isWidening({ kind: 'varchar', length: 80 }, { kind: 'varchar', length: 50 }) // false
 * ```
 * @internal
 */
export function isWidening(from: ColumnType, to: ColumnType): boolean {
  const rf = renderPostgresType(from)
  const rt = renderPostgresType(to)
  if (rf === rt || rt === 'text') return true
  const a = postgresFamily(from)
  if (from.kind === 'array' || to.kind === 'array') return false
  const rank = (r: string) => INT_RANK[r] ?? 0
  if (a === 'integer' && rank(rt) > 0) return rank(rt) >= rank(rf)
  if (a === 'integer' && to.kind === 'decimal') return to.precision === undefined
  if (from.kind === 'decimal' && to.kind === 'decimal') {
    if (to.precision === undefined) return true
    if (from.precision === undefined) return false
    const [fs, ts] = [from.scale ?? 0, to.scale ?? 0]
    return ts >= fs && to.precision - ts >= from.precision - fs
  }
  if (from.kind === 'real' && rt === 'double precision') return true
  if ((from.kind === 'varchar' || from.kind === 'char') && to.kind === 'varchar') {
    return to.length === undefined || (from.length !== undefined && to.length >= from.length)
  }
  if ((from.kind === 'time' || from.kind === 'timestamp') && from.kind === to.kind && from.timezone === to.timezone) {
    return to.precision === undefined || (from.precision !== undefined && to.precision >= from.precision)
  }
  if (from.kind === 'date' && to.kind === 'timestamp') return true
  if (from.kind === 'timestamp' && to.kind === 'timestamp' && !from.timezone && to.timezone) return false
  return from.kind === 'jsonb' && to.kind === 'json'
}
