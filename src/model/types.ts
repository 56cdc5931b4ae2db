import type { grantFields } from './grant-description.js'
import type {
  checkFields,
  columnFields,
  enumFields,
  exclusionElementFields,
  exclusionFields,
  foreignKeyFields,
  generatedFields,
  identityFields,
  indexFields,
  indexPartFields,
  partitionByFields,
  partitionFields,
  partitionOfFields,
  policyFields,
  primaryKeyFields,
  schemaFields,
  subpartitionFields,
  tableFields,
  tableReferenceFields,
  uniqueFields,
} from './model-description.js'
import type {
  compositeTypeFields,
  domainCheckFields,
  domainFields,
  eventFields,
  eventScheduleFields,
  extensionFields,
  namespaceFields,
  rangeFields,
  routineFields,
  sequenceFields,
  triggerFields,
  typeAttributeFields,
  viewFields,
} from './object-description.js'
import type { Model } from './shape.js'

// The model's types, derived from its one description (model-description.ts, where each field is
// documented). Interfaces rather than aliases, so that they keep their names in editors and docs.

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
export interface Schema extends Model<typeof schemaFields> {}

/** A named enum type. */
export interface EnumDefinition extends Model<typeof enumFields> {}

/** A table with its columns, constraints and indexes. */
export interface Table extends Model<typeof tableFields> {}

/** The table a PostgreSQL partition belongs to, and its bound. */
export interface PartitionOf extends Model<typeof partitionOfFields> {}

/** A table named by its name and namespace (an `inherits` parent). */
export interface TableReference extends Model<typeof tableReferenceFields> {}
/** A PostgreSQL row-level security policy (`CREATE POLICY`). */
export interface Policy extends Model<typeof policyFields> {}

/** Privileges granted on an object to one role (`GRANT ... TO role [WITH GRANT OPTION]`). */
export interface Grant extends Model<typeof grantFields> {}

/** A privilege a {@link Grant} holds. */
export type Privilege = Grant['privileges'][number]

/** Identity column options (`GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY`). */
export interface Identity extends Model<typeof identityFields> {}

/** A generated (computed) column. */
export interface Generated extends Model<typeof generatedFields> {}

/** A column. */
export interface Column extends Model<typeof columnFields> {}

/** Referential action of a foreign key (the values of `onDelete` and `onUpdate`). */
export type ReferentialAction = NonNullable<ForeignKeyConstraint['onDelete']>

/** `PRIMARY KEY (columns)`. At most one per table. */
export interface PrimaryKeyConstraint extends Model<typeof primaryKeyFields> {}

/** `UNIQUE (columns)`. */
export interface UniqueConstraint extends Model<typeof uniqueFields> {}

/** `FOREIGN KEY (columns) REFERENCES table (columns)`. */
export interface ForeignKeyConstraint extends Model<typeof foreignKeyFields> {}

/** `CHECK (expression)`. */
export interface CheckConstraint extends Model<typeof checkFields> {}

/** One element of an exclusion constraint: a column or expression and the operator compared with. */
export interface ExclusionElement extends Model<typeof exclusionElementFields> {}

/** PostgreSQL `EXCLUDE USING method (element WITH operator, ...) [WHERE (predicate)]`. */
export interface ExclusionConstraint extends Model<typeof exclusionFields> {}

/** A table constraint, discriminated by `type`. */
export type Constraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | ForeignKeyConstraint
  | CheckConstraint
  | ExclusionConstraint

/** Every constraint `type`. */
export type ConstraintType = Constraint['type']

/** One key part of an index: a column or an expression, with its ordering options. */
export interface IndexPart extends Model<typeof indexPartFields> {}

/** How a table is partitioned: `PARTITION BY method (key)`. */
export interface PartitionBy extends Model<typeof partitionByFields> {}

/** A subpartition of a MySQL/MariaDB partition. */
export interface Subpartition extends Model<typeof subpartitionFields> {}

/** A MySQL/MariaDB partition: its name, its bound, its subpartitions. */
export interface Partition extends Model<typeof partitionFields> {}

/** An index. */
export interface Index extends Model<typeof indexFields> {}

/** A namespace (PostgreSQL `CREATE SCHEMA`). */
export interface Namespace extends Model<typeof namespaceFields> {}

/** An installed extension (PostgreSQL `CREATE EXTENSION`). */
export interface Extension extends Model<typeof extensionFields> {}

/** A sequence (`CREATE SEQUENCE`; MariaDB sequences too). */
export interface Sequence extends Model<typeof sequenceFields> {}

/** A named `CHECK` of a domain. */
export interface DomainCheck extends Model<typeof domainCheckFields> {}

/** A domain: a base type with a default, `NOT NULL` and checks (`CREATE DOMAIN`). */
export interface Domain extends Model<typeof domainFields> {}

/** An attribute of a composite type. */
export interface TypeAttribute extends Model<typeof typeAttributeFields> {}

/** The definition of a range type: its subtype and the functions and names PostgreSQL derives from it. */
export interface RangeDefinition extends Model<typeof rangeFields> {}

/** A composite type (`CREATE TYPE name AS (...)`), or a range type (`CREATE TYPE name AS RANGE (...)`). */
export interface CompositeType extends Model<typeof compositeTypeFields> {}

/** A function or procedure (`CREATE FUNCTION`, `CREATE PROCEDURE`). */
export interface Routine extends Model<typeof routineFields> {}

/** A view or materialized view. */
export interface View extends Model<typeof viewFields> {}

/** A trigger on a table or view. */
export interface Trigger extends Model<typeof triggerFields> {}

/** When a scheduled event runs: once (`at`) or every `every` `unit` (from `starts`, until `ends`). */
export interface EventSchedule extends Model<typeof eventScheduleFields> {}

/** A MySQL/MariaDB scheduled event (`CREATE EVENT`). */
export interface ScheduledEvent extends Model<typeof eventFields> {}
