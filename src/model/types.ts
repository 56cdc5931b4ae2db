import type { ColumnType } from './column-type.js'

/** Any JSON value; used for unknown keys kept from input documents. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/** Unknown keys found in the input document, kept verbatim so nothing is lost on a round trip. */
export type Extra = Readonly<Record<string, JsonValue>>

/**
 * A database schema: the one in-memory model every other part of schemaledger reads.
 *
 * Plain readonly data in normal form: tables and enums sorted by name, columns in declared order,
 * column-level flags merged into table constraints. Build one with {@link parseSchema} or
 * {@link defineSchema}.
 *
 * @example
 * ```ts
 * const schema = parseSchema(JSON.parse(text))
 * schema.tables.map((t) => t.name)
 * ```
 */
export interface Schema {
  /** The schema (namespace) name, SQLAlchemy `schema_name`; absent means the default one. */
  readonly name?: string
  /** Tables, sorted by qualified name. */
  readonly tables: readonly Table[]
  /** Schema-level enum types (PostgreSQL `CREATE TYPE ... AS ENUM`), sorted by name. */
  readonly enums: readonly EnumDefinition[]
  /** Unknown top-level keys of the input, kept verbatim. Not compared by the diff. */
  readonly extra?: Extra
}

/** A named enum type. */
export interface EnumDefinition {
  /** Type name. */
  readonly name: string
  /** Namespace of the type when it differs from the schema's. */
  readonly schema?: string
  /** Labels in declared order (order is meaningful: it defines sorting). */
  readonly values: readonly string[]
  /** Comment on the type. */
  readonly comment?: string
  /** Unknown keys of the input, kept verbatim. */
  readonly extra?: Extra
}

/** A table with its columns, constraints and indexes. */
export interface Table {
  /** Table name. */
  readonly name: string
  /** Namespace when the table lives outside the schema's default one. */
  readonly schema?: string
  /** Columns in declared order. */
  readonly columns: readonly Column[]
  /** Primary key, unique, foreign key and check constraints, sorted canonically. */
  readonly constraints: readonly Constraint[]
  /** Indexes, sorted by name. */
  readonly indexes: readonly Index[]
  /** Table comment. */
  readonly comment?: string
  /** Unknown keys of the input, kept verbatim. */
  readonly extra?: Extra
}

/** Identity column options (`GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY`). */
export interface Identity {
  /** `always` rejects explicit values on insert; `by_default` accepts them. */
  readonly generation: 'always' | 'by_default'
  /** First value. */
  readonly start?: number
  /** Step. */
  readonly increment?: number
}

/** A generated (computed) column. */
export interface Generated {
  /** SQL expression, as written. */
  readonly expression: string
  /** `STORED` (true) or `VIRTUAL` (false). */
  readonly stored: boolean
}

/** A column. */
export interface Column {
  /** Column name. */
  readonly name: string
  /** Structured type. */
  readonly type: ColumnType
  /** Whether NULL is allowed. Primary key columns are never nullable. */
  readonly nullable: boolean
  /** Server-side default as a SQL expression (`'active'`, `0`, `now()`); absent means none. */
  readonly default?: string
  /**
   * The dialect's native auto-increment: `serial` (PostgreSQL), `AUTO_INCREMENT` (MySQL), `INTEGER
   * PRIMARY KEY AUTOINCREMENT` (SQLite). Absent means false.
   */
  readonly autoincrement?: true
  /** SQL-standard identity column. */
  readonly identity?: Identity
  /** Generated column expression. */
  readonly generated?: Generated
  /** Collation name (`"C"`, `utf8mb4_bin`). */
  readonly collation?: string
  /** Column comment. */
  readonly comment?: string
  /** Unknown keys of the input (including SQLAlchemy's client-side `default`), kept verbatim. Not diffed. */
  readonly extra?: Extra
}

/** Referential action of a foreign key. */
export type ReferentialAction = 'no_action' | 'restrict' | 'cascade' | 'set_null' | 'set_default'

/** Fields shared by every constraint. */
interface ConstraintBase {
  /** Constraint name; absent means the database picks one (and any name matches it in a diff). */
  readonly name?: string
  /** `DEFERRABLE`. */
  readonly deferrable?: true
  /** `INITIALLY DEFERRED` (only with `deferrable`). */
  readonly initiallyDeferred?: true
  /** Unknown keys of the input, kept verbatim. */
  readonly extra?: Extra
}

/** `PRIMARY KEY (columns)`. At most one per table. */
export interface PrimaryKeyConstraint extends ConstraintBase {
  readonly type: 'primary_key'
  /** Key columns in key order. */
  readonly columns: readonly string[]
}

/** `UNIQUE (columns)`. */
export interface UniqueConstraint extends ConstraintBase {
  readonly type: 'unique'
  /** Columns in order. */
  readonly columns: readonly string[]
  /** PostgreSQL 15 `NULLS NOT DISTINCT`. */
  readonly nullsNotDistinct?: true
}

/** `FOREIGN KEY (columns) REFERENCES table (columns)`. */
export interface ForeignKeyConstraint extends ConstraintBase {
  readonly type: 'foreign_key'
  /** Referencing columns. */
  readonly columns: readonly string[]
  /** Referenced table name. */
  readonly referencedTable: string
  /** Referenced table's namespace, when not the default one. */
  readonly referencedSchema?: string
  /** Referenced columns, same count and order as `columns`. */
  readonly referencedColumns: readonly string[]
  /** `ON DELETE`; absent means `no_action`. */
  readonly onDelete?: ReferentialAction
  /** `ON UPDATE`; absent means `no_action`. */
  readonly onUpdate?: ReferentialAction
  /** `MATCH FULL` / `MATCH PARTIAL`; absent means `SIMPLE`. */
  readonly match?: 'full' | 'partial'
}

/** `CHECK (expression)`. */
export interface CheckConstraint extends ConstraintBase {
  readonly type: 'check'
  /** Boolean SQL expression, as written. */
  readonly expression: string
}

/** A table constraint, discriminated by `type`. */
export type Constraint = PrimaryKeyConstraint | UniqueConstraint | ForeignKeyConstraint | CheckConstraint

/** Every constraint `type`. */
export type ConstraintType = Constraint['type']

/** One key part of an index: a column or an expression, with its ordering options. */
export interface IndexPart {
  /** Column name (exactly one of `column` and `expression` is set). */
  readonly column?: string
  /** SQL expression, as written (`lower(email)`). */
  readonly expression?: string
  /** `DESC`. */
  readonly descending?: true
  /** `NULLS FIRST` / `NULLS LAST`, when not the default for the direction. */
  readonly nulls?: 'first' | 'last'
  /** Operator class (`text_pattern_ops`). */
  readonly opclass?: string
  /** Collation of this key part. */
  readonly collation?: string
  /** MySQL prefix length in characters. */
  readonly length?: number
}

/** An index. */
export interface Index {
  /** Index name; absent means the database picks one. */
  readonly name?: string
  /** Key parts in order. */
  readonly parts: readonly IndexPart[]
  /** `UNIQUE`. Absent means false. */
  readonly unique?: true
  /** Partial index predicate. */
  readonly where?: string
  /** Access method (`btree`, `gin`, `hash`); absent means the dialect default. */
  readonly using?: string
  /** Non-key columns (`INCLUDE (...)`). */
  readonly include?: readonly string[]
  /** PostgreSQL 15 `NULLS NOT DISTINCT`. */
  readonly nullsNotDistinct?: true
  /** Unknown keys of the input (dialect options we do not model), kept verbatim. */
  readonly extra?: Extra
}
