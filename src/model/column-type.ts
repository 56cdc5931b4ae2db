/**
 * The structured, dialect-neutral column type of the model.
 *
 * Every spelling a document may use (`Integer`, `int4`, `INT(11)`, `character varying(50)`, ...) is
 * parsed into one of these kinds by {@link parseColumnType}; {@link formatColumnType} writes the one
 * canonical spelling of each kind back.
 *
 * @example
 * ```ts
 * const t: ColumnType = { kind: 'varchar', length: 50 }
 * ```
 */
export type ColumnType =
  | IntegerType
  | DecimalType
  | FloatType
  | BooleanType
  | StringType
  | TextType
  | BinaryType
  | BlobType
  | DateType
  | TimeType
  | TimestampType
  | IntervalType
  | UuidType
  | JsonType
  | EnumType
  | ArrayType
  | CustomType
  | UntypedType

/** Whole-number kinds, smallest to largest storage. */
export type IntegerKind = 'tinyint' | 'smallint' | 'mediumint' | 'integer' | 'bigint'

/**
 * An integer of 1 (`tinyint`), 2, 3, 4 or 8 bytes, with MySQL's display width and `ZEROFILL`
 * (`int(4) unsigned zerofill`). A display width limits no value; it is what clients pad to, and
 * MySQL/MariaDB report it, so it is kept. The default width of a kind (`int(11)`, `int(10) unsigned`:
 * {@link defaultDisplayWidth}) is the same as none.
 */
export interface IntegerType {
  /** Storage size family. */
  readonly kind: IntegerKind
  /** MySQL `UNSIGNED`; absent means signed. */
  readonly unsigned?: true
  /** MySQL display width (`int(4)`), 1 to 255; absent means the kind's default. */
  readonly displayWidth?: number
  /** MySQL `ZEROFILL`: values are shown padded with zeros to the display width. Implies `unsigned`. */
  readonly zerofill?: true
}

/** MySQL's default display widths of the integer kinds, signed and unsigned. */
const DEFAULT_DISPLAY_WIDTHS: Readonly<Record<IntegerKind, readonly [signed: number, unsigned: number]>> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  integer: [11, 10],
  bigint: [20, 20],
}

/**
 * The display width MySQL (before 8.0.19) and MariaDB give an integer column declared without one:
 * the number of characters of its lowest value (`int` is `int(11)`, `int unsigned` is `int(10)`).
 *
 * @example
 * ```ts
 * defaultDisplayWidth({ kind: 'integer' }) // 11
 * defaultDisplayWidth({ kind: 'tinyint', unsigned: true }) // 3
 * ```
 */
export function defaultDisplayWidth(type: IntegerType): number {
  return DEFAULT_DISPLAY_WIDTHS[type.kind][type.unsigned || type.zerofill ? 1 : 0]
}

/** Exact numeric: `decimal(p, s)` / `numeric(p, s)`. */
export interface DecimalType {
  readonly kind: 'decimal'
  /** Total digits; absent means the dialect's default (unbounded in PostgreSQL). */
  readonly precision?: number
  /** Digits after the point; `numeric(p)` means scale 0. */
  readonly scale?: number
  /** MySQL `UNSIGNED`. */
  readonly unsigned?: true
}

/**
 * Approximate numeric. `real` is 4 bytes and `double` 8 bytes everywhere; `float(p)` is resolved to
 * one of them by the SQL-standard rule (p <= 24 is `real`). A bare `float` stays `float`, because its
 * size differs per dialect (8 bytes in PostgreSQL, 4 in MySQL).
 */
export interface FloatType {
  readonly kind: 'real' | 'double' | 'float'
  /** MySQL `UNSIGNED` (deprecated there, kept for fidelity). */
  readonly unsigned?: true
}

/** `boolean`; MySQL `tinyint(1)` and `bool` read as this kind. */
export interface BooleanType {
  readonly kind: 'boolean'
}

/** Fixed (`char`) or variable (`varchar`) length character strings. */
export interface StringType {
  readonly kind: 'char' | 'varchar'
  /** Maximum (or fixed) length in characters; absent means unbounded or the dialect default. */
  readonly length?: number
}

/** Unbounded text; MySQL's sized variants keep their size. */
export interface TextType {
  readonly kind: 'text'
  /** MySQL `tinytext` / `mediumtext` / `longtext`; absent is plain `text`. */
  readonly size?: 'tiny' | 'medium' | 'long'
}

/** Fixed (`binary`) or variable (`varbinary`) length byte strings. */
export interface BinaryType {
  readonly kind: 'binary' | 'varbinary'
  /** Length in bytes. */
  readonly length?: number
}

/** Unbounded bytes: `blob`, `bytea`, SQLAlchemy `LargeBinary`. */
export interface BlobType {
  readonly kind: 'blob'
  /** MySQL `tinyblob` / `mediumblob` / `longblob`; absent is plain `blob`. */
  readonly size?: 'tiny' | 'medium' | 'long'
}

/** A calendar date. */
export interface DateType {
  readonly kind: 'date'
}

/** Time of day. */
export interface TimeType {
  readonly kind: 'time'
  /** Fractional-second digits, `time(3)`. */
  readonly precision?: number
  /** `with time zone`. */
  readonly timezone: boolean
}

/**
 * A point in time. `timezone: false` is PostgreSQL `timestamp`, MySQL `DATETIME`, SQLAlchemy
 * `DateTime`; `timezone: true` is `timestamptz` and MySQL `TIMESTAMP` (stored as UTC, converted on
 * read).
 */
export interface TimestampType {
  readonly kind: 'timestamp'
  /** Fractional-second digits, `timestamp(3)`. */
  readonly precision?: number
  /** Whether the value denotes an instant (`with time zone`). */
  readonly timezone: boolean
}

/** A duration (`interval`, optionally restricted to fields such as `day to second`). */
export interface IntervalType {
  readonly kind: 'interval'
  /** Field restriction in lower case, e.g. `day to second`. */
  readonly fields?: string
  /** Fractional-second digits. */
  readonly precision?: number
}

/** A UUID. */
export interface UuidType {
  readonly kind: 'uuid'
}

/** JSON stored as text (`json`) or in PostgreSQL's binary form (`jsonb`). */
export interface JsonType {
  readonly kind: 'json' | 'jsonb'
}

/**
 * An enumeration: either a reference to a schema-level enum (`name`, PostgreSQL `CREATE TYPE`) or an
 * inline list of values (MySQL `enum('a','b')`).
 */
export interface EnumType {
  readonly kind: 'enum'
  /** Name of a schema-level enum in `Schema.enums`. */
  readonly name?: string
  /** Namespace of that enum, absent for the default one (documents write `billing.state`). */
  readonly schema?: string
  /** Inline values, in order. */
  readonly values?: readonly string[]
}

/** An array of another type (`integer[]`, `ARRAY(Integer)`). */
export interface ArrayType {
  readonly kind: 'array'
  /** Element type. */
  readonly of: ColumnType
}

/** Any native type the grammar does not model (`inet`, `geometry(Point,4326)`, `citext`), kept verbatim. */
export interface CustomType {
  readonly kind: 'custom'
  /** The type exactly as written, trimmed. */
  readonly raw: string
}

/**
 * No declared type: SQLite's `CREATE TABLE t (data)`, a column of BLOB affinity that keeps every value
 * as given (pragma table_info shows an empty type). A document spells it as the empty string
 * (`"type": ""`). Only SQLite has it: the other dialects refuse it when they write SQL.
 */
export interface UntypedType {
  readonly kind: 'untyped'
}

/** Every `kind` a {@link ColumnType} can have. */
export type ColumnTypeKind = ColumnType['kind']
