import type { ColumnType } from './column-type.js'
import { namedGrant } from './grant-description.js'
import { indexShape } from './index-description.js'
import { namedObjectShapes, objectShapes } from './object-description.js'
import { type JsonDefs, type JsonSchema, named, object, optional, type Shape } from './shape.js'
import { array, bool, byType, custom, int, oneOf, record, text } from './shape-values.js'
import type {
  Column,
  Constraint,
  EnumDefinition,
  ExclusionElement,
  Extra,
  Generated,
  Identity,
  Index,
  Partition,
  PartitionBy,
  PartitionOf,
  Policy,
  Subpartition,
  Table,
  TableReference,
} from './types.js'

export { grantFields, grantShape, privilege } from './grant-description.js'
// The one description of the model: every object kind with its fields, in the order readers build
// them (which is the order of the keys in JSON reports), and what each field holds. From it come the
// TypeScript types (types.ts), the canonical document's shapes and JSON Schema (document-schema.ts),
// the canonical reader and writer, and the model part of the report's JSON Schema. Adding a field:
// docs/document.md, "Adding a field to the model".

// Index fields live in index-description.ts: tables and materialized views (object-description.ts) share them.
export { indexFields, indexPartFields, indexPartShape, indexShape } from './index-description.js'

/** A name: trimmed, not empty. @internal */
export const name = text({ trim: true, min: 1, message: 'Name must not be empty' })

/** A SQL expression as written: trimmed, not empty. @internal */
export const sqlText = text({ trim: true, min: 1 })

/** A list of column names, at least one. @internal */
export const columnList = array(name, { min: 1, message: 'At least one column is required' })

const label = text()
/** Storage parameters by name (`fillfactor`, `autovacuum_enabled`), values as text. */
const storageParameters = record(text({ trim: true, min: 1 }))
const yes = oneOf(true)
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Unknown keys of the input, kept verbatim. @internal */
export const extra = optional(custom<Extra>('object', isObject, { type: 'object' }))

/** The structured column type (column-type.ts describes its kinds). @internal */
export const columnType = named(
  'columnType',
  custom<ColumnType>('object', (v) => isObject(v) && typeof (v as { kind?: unknown }).kind === 'string', {
    type: 'object',
    description: "A structured column type: `kind` plus the kind's arguments (length, precision, scale, ...).",
    properties: { kind: { type: 'string' }, of: { $ref: '#/$defs/columnType' } },
    required: ['kind'],
  } satisfies JsonSchema),
)

/** Fields of {@link Identity}. @internal */
export const identityFields = {
  /** `always` rejects explicit values on insert; `by_default` accepts them. */
  generation: oneOf('always', 'by_default'),
  /** First value. */
  start: optional(int()),
  /** Step. */
  increment: optional(int()),
  /**
   * Lowest value (`MINVALUE`), when not the one the start and direction imply: 1 counting up (or the
   * start when it is below 1), the type's lowest counting down.
   */
  minValue: optional(int()),
  /**
   * Highest value (`MAXVALUE`), when not the one the start and direction imply: the type's highest
   * counting up, -1 counting down (or the start when it is above -1).
   */
  maxValue: optional(int()),
  /** Values the sequence hands out ahead (`CACHE`); absent means 1. */
  cache: optional(int({ min: 1 })),
  /** `CYCLE`: wraps around at the bound instead of failing. Absent means false. */
  cycle: optional(yes),
}

/** Fields of {@link Generated}. @internal */
export const generatedFields = {
  /** SQL expression, as written. */
  expression: sqlText,
  /** `STORED` (true) or `VIRTUAL` (false). */
  stored: bool,
}

const identity: Shape<Identity> = object(identityFields)
const generated: Shape<Generated> = object(generatedFields)

/** Fields of {@link Column}. @internal */
export const columnFields = {
  /** Column name. */
  name,
  /** Structured type. */
  type: columnType,
  /** Whether NULL is allowed. Primary key columns are never nullable. */
  nullable: bool,
  /** Server-side default as a SQL expression (`'active'`, `0`, `now()`); absent means none. */
  default: optional(label),
  /**
   * The dialect's native auto-increment: `serial` (PostgreSQL), `AUTO_INCREMENT` (MySQL), `INTEGER
   * PRIMARY KEY AUTOINCREMENT` (SQLite). Absent means false.
   */
  autoincrement: optional(yes),
  /** SQL-standard identity column. */
  identity: optional(identity),
  /** Generated column expression. */
  generated: optional(generated),
  /** Collation name (`"C"`, `utf8mb4_bin`). */
  collation: optional(label),
  /** Column comment. */
  comment: optional(label),
  /**
   * MySQL 8.0.23+/MariaDB `INVISIBLE`: left out of `SELECT *` and of `INSERT` without a column list.
   * Absent means false. PostgreSQL and SQLite refuse it.
   */
  invisible: optional(yes),
  /**
   * MySQL/MariaDB `ON UPDATE` of a datetime or timestamp column: the expression stored on every update
   * of the row (`current_timestamp()`, `current_timestamp(3)`). PostgreSQL and SQLite refuse it.
   */
  onUpdate: optional(label),
  /**
   * PostgreSQL: privileges granted on the sequence behind a serial or identity column (`GRANT USAGE
   * ON SEQUENCE users_id_seq`), to roles other than its owner. Compared only with the diff's
   * `comparePrivileges` option.
   */
  sequenceGrants: optional(array(namedGrant)),
  /** Unknown keys of the input (including SQLAlchemy's client-side `default`), kept verbatim. Not diffed. */
  extra,
}

/** Referential actions of a foreign key. @internal */
export const referentialAction = oneOf('no_action', 'restrict', 'cascade', 'set_null', 'set_default')

/** Fields every constraint has after its `type`, then its own fields. */
const constraintName = {
  /** Constraint name; absent means the database picks one (and any name matches it in a diff). */
  name: optional(label),
}

/** Fields every constraint ends with. */
const constraintFlags = {
  /** `DEFERRABLE`. */
  deferrable: optional(yes),
  /** `INITIALLY DEFERRED` (only with `deferrable`). */
  initiallyDeferred: optional(yes),
  /** PostgreSQL `COMMENT ON CONSTRAINT`. */
  comment: optional(label),
  /** Unknown keys of the input, kept verbatim. */
  extra,
}

/** Fields of {@link PrimaryKeyConstraint}. @internal */
export const primaryKeyFields = {
  type: oneOf('primary_key'),
  ...constraintName,
  /** Key columns in key order. */
  columns: columnList,
  /**
   * PostgreSQL 18 `WITHOUT OVERLAPS` on the last column (a range or multirange): rows may share the
   * other columns as long as their last ones do not overlap. Needs at least two columns. Absent means false.
   */
  withoutOverlaps: optional(yes),
  ...constraintFlags,
}

/** Fields of {@link UniqueConstraint}. @internal */
export const uniqueFields = {
  type: oneOf('unique'),
  ...constraintName,
  /** Columns in order. */
  columns: columnList,
  /** PostgreSQL 15 `NULLS NOT DISTINCT`. */
  nullsNotDistinct: optional(yes),
  /** PostgreSQL 18 `WITHOUT OVERLAPS` on the last column (see the primary key's). Absent means false. */
  withoutOverlaps: optional(yes),
  ...constraintFlags,
}

/** Fields of {@link ForeignKeyConstraint}. @internal */
export const foreignKeyFields = {
  type: oneOf('foreign_key'),
  ...constraintName,
  /** Referencing columns. */
  columns: columnList,
  /** Referenced table name. */
  referencedTable: name,
  /** Referenced table's namespace, when not the default one. */
  referencedSchema: optional(label),
  /** Referenced columns, same count and order as `columns`. */
  referencedColumns: columnList,
  /** `ON DELETE`; absent means `no_action`. */
  onDelete: optional(referentialAction),
  /** `ON UPDATE`; absent means `no_action`. */
  onUpdate: optional(referentialAction),
  /** `MATCH FULL` / `MATCH PARTIAL`; absent means `SIMPLE`. */
  match: optional(oneOf('full', 'partial')),
  /**
   * PostgreSQL 18 `PERIOD` on the last column of both sides: a temporal foreign key, whose referenced
   * key is `withoutOverlaps` and whose last column's range must be covered by the referenced rows'.
   * Needs at least two columns; its actions are `no_action` only. Absent means false.
   */
  period: optional(yes),
  /**
   * PostgreSQL `NOT VALID`: the constraint holds for new rows but existing rows were never checked
   * (the target state itself, not the planner's `notValid` option, which validates what it adds).
   */
  notValid: optional(yes),
  ...constraintFlags,
}

/** Fields of {@link CheckConstraint}. @internal */
export const checkFields = {
  type: oneOf('check'),
  ...constraintName,
  /** Boolean SQL expression, as written. */
  expression: sqlText,
  /** PostgreSQL `NOT VALID` (see the foreign key's `notValid`). */
  notValid: optional(yes),
  /** PostgreSQL `NO INHERIT`: the check does not apply to tables that inherit from this one. */
  noInherit: optional(yes),
  ...constraintFlags,
}

/** Fields of {@link ExclusionElement}. @internal */
export const exclusionElementFields = {
  /** Column name (exactly one of `column` and `expression` is set). */
  column: optional(name),
  /** SQL expression, as written (`lower(name)`). */
  expression: optional(sqlText),
  /** Operator class (`gist_int4_ops`), when not the default one. */
  opclass: optional(label),
  /** `DESC`. */
  descending: optional(yes),
  /** `NULLS FIRST` / `NULLS LAST`, when not the default for the direction. */
  nulls: optional(oneOf('first', 'last')),
  /** The operator two rows must not both satisfy (`=`, `&&`), optionally qualified (`public.&&`). */
  operator: text({ trim: true, min: 1, message: 'An exclusion element needs an operator' }),
}

const exclusionElement: Shape<ExclusionElement> = object(exclusionElementFields)

/** Fields of {@link ExclusionConstraint}. @internal */
export const exclusionFields = {
  type: oneOf('exclude'),
  ...constraintName,
  /** Index access method (`gist`, `btree`, `spgist`); absent means `gist`. */
  using: optional(label),
  /** Elements in order: a column or expression and its operator. */
  elements: array(exclusionElement, { min: 1, message: 'An exclusion constraint needs at least one element' }),
  /** Predicate: only rows satisfying it are compared (`EXCLUDE ... WHERE (...)`). */
  where: optional(sqlText),
  ...constraintFlags,
}

/** Each constraint kind's shape, by its `type`. @internal */
export const constraintShapes = {
  primary_key: object(primaryKeyFields),
  unique: object(uniqueFields),
  foreign_key: object(foreignKeyFields),
  check: object(checkFields),
  exclude: object(exclusionFields),
}

const constraint: Shape<Constraint> = named('constraint', byType(constraintShapes))

/** Fields of {@link PartitionBy}. @internal */
export const partitionByFields = {
  /**
   * `range`, `list`, `hash`; MySQL/MariaDB also `range_columns`, `list_columns` (`RANGE COLUMNS`,
   * `LIST COLUMNS`: bounds compared column by column) and `key` (the server's own hash).
   */
  method: oneOf('range', 'list', 'hash', 'key', 'range_columns', 'list_columns'),
  /**
   * Key parts in order: each a column name or a SQL expression, as written (`created_at`,
   * `year(joined)`). MySQL RANGE, LIST and HASH take one expression; its COLUMNS methods and KEY take
   * column names.
   */
  key: array(sqlText, { min: 1, message: 'A partition key has at least one part' }),
  /** MySQL/MariaDB `LINEAR HASH` / `LINEAR KEY`. */
  linear: optional(yes),
}

const partitionBy: Shape<PartitionBy> = named('partitionBy', object(partitionByFields))

/** Fields of {@link Subpartition}. @internal */
export const subpartitionFields = {
  /** Subpartition name. */
  name,
}

const subpartition: Shape<Subpartition> = object(subpartitionFields)

/** Fields of {@link Partition}. @internal */
export const partitionFields = {
  /** Partition name. */
  name,
  /**
   * `VALUES LESS THAN (...)` of a range partition: one SQL value per key column (one for `range`),
   * `MAXVALUE` for no bound.
   */
  lessThan: optional(array(sqlText, { min: 1 })),
  /**
   * `VALUES IN (...)` of a list partition: one SQL value each (`list`), or one row per value as
   * `(a, b)` (`list_columns` over several columns).
   */
  in: optional(array(sqlText, { min: 1 })),
  /** Partition comment. */
  comment: optional(label),
  /** Subpartitions, in order (with `subpartitionBy`). */
  subpartitions: optional(array(subpartition)),
}

const partition: Shape<Partition> = object(partitionFields)

/** Fields of {@link PartitionOf}. @internal */
export const partitionOfFields = {
  /** The partitioned table. */
  table: name,
  /** Its namespace, when not the partition's own. */
  schema: optional(label),
  /**
   * The partition bound as PostgreSQL prints it: `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
   * `FOR VALUES IN ('eu', 'us')`, `FOR VALUES WITH (MODULUS 4, REMAINDER 0)` or `DEFAULT`.
   */
  bound: sqlText,
}

/** Fields of {@link TableReference}. @internal */
export const tableReferenceFields = {
  /** Table name. */
  table: name,
  /** Its namespace, when not the referring table's own. */
  schema: optional(label),
}

const partitionOf: Shape<PartitionOf> = named('partitionOf', object(partitionOfFields))
const tableReference: Shape<TableReference> = named('tableReference', object(tableReferenceFields))
/** Commands a policy applies to. @internal */
export const policyCommand = oneOf('all', 'select', 'insert', 'update', 'delete')

/** Fields of {@link Policy}. @internal */
export const policyFields = {
  /** Policy name (unique per table). */
  name,
  /** The command it applies to; absent means `all`. */
  command: optional(policyCommand),
  /** `AS RESTRICTIVE` (rows must pass it as well as one permissive policy); absent means permissive. */
  restrictive: optional(yes),
  /** Roles it applies to, sorted; absent means every role (`PUBLIC`). */
  roles: optional(array(name)),
  /** `USING (...)`: which existing rows are visible or affected. */
  using: optional(sqlText),
  /** `WITH CHECK (...)`: which new rows may be written. */
  withCheck: optional(sqlText),
  /** Unknown keys of the input, kept verbatim. */
  extra,
}

/** A row-level security policy. @internal */
export const policyShape = object(policyFields)
const policy: Shape<Policy> = named('policy', policyShape)

const grant = namedGrant

/** A column. @internal */
export const columnShape = object(columnFields)
const column: Shape<Column> = named('column', columnShape)

const index: Shape<Index> = named('index', indexShape)

/** Fields of {@link Table}. @internal */
export const tableFields = {
  /** Table name. */
  name,
  /** Namespace when the table lives outside the schema's default one. */
  schema: optional(label),
  /** Columns in declared order. */
  columns: array(column),
  /** Primary key, unique, foreign key and check constraints, sorted canonically. */
  constraints: array(constraint),
  /** Indexes, sorted by name. */
  indexes: array(index),
  /** Table comment. */
  comment: optional(label),
  /** PostgreSQL `UNLOGGED`: not written to the write-ahead log (emptied after a crash, not replicated). */
  unlogged: optional(yes),
  /**
   * How the table is partitioned (`PARTITION BY RANGE (created_at)`); absent means not partitioned.
   * PostgreSQL partitions are tables (`partitionOf`); MySQL/MariaDB ones are listed in `partitions`.
   */
  partitionBy: optional(partitionBy),
  /**
   * PostgreSQL: the table is a partition of another (`PARTITION OF ... FOR VALUES ...`). Its columns
   * are the parent's: a partition lists none, and the constraints and indexes it gets from its parent
   * are not repeated either (only its own).
   */
  partitionOf: optional(partitionOf),
  /**
   * PostgreSQL table inheritance (`INHERITS (parent)`), parents in order. The child lists only the
   * columns it declares itself (as pg_dump writes it); the ones it inherits come from the parents.
   */
  inherits: optional(array(tableReference, { min: 1, message: 'At least one parent table is required' })),
  /** PostgreSQL storage parameters (`WITH (fillfactor = 70)`), by name; values as the catalog spells them. */
  with: optional(storageParameters),
  /**
   * MySQL/MariaDB storage engine (`InnoDB`). Like every table option below, compared only when both
   * versions state it: absent means whatever the database has (other dialects ignore it).
   */
  engine: optional(label),
  /** MySQL/MariaDB default character set of the table (`utf8mb4`). */
  charset: optional(label),
  /**
   * MySQL/MariaDB default collation of the table (`utf8mb4_bin`): the collation of every column that
   * states none.
   */
  collation: optional(label),
  /** MySQL/MariaDB `ROW_FORMAT` (`DYNAMIC`, `COMPRESSED`). */
  rowFormat: optional(label),
  /** MySQL/MariaDB `KEY_BLOCK_SIZE` in KB (`8`; `0` for none declared): InnoDB compresses the table's pages to it. */
  keyBlockSize: optional(label),
  /**
   * MySQL/MariaDB: the partitions of a partitioned table, in order (they are not tables there).
   * Hash and key partitioning without names get `p0`, `p1`, ...
   */
  partitions: optional(array(partition)),
  /** MySQL/MariaDB `SUBPARTITION BY HASH|KEY` of a range or list partitioned table. */
  subpartitionBy: optional(partitionBy),
  /** MariaDB `WITH SYSTEM VERSIONING`: the table keeps the history of its rows. Absent means false. */
  systemVersioning: optional(yes),
  /**
   * SQLite `STRICT`: every column's type is one of INT, INTEGER, REAL, TEXT, BLOB or ANY and values are
   * checked against it. Absent means false. Other dialects ignore it: their columns are always typed.
   */
  strict: optional(yes),
  /**
   * SQLite `WITHOUT ROWID`: rows are stored in primary-key order with no rowid (the table needs a
   * primary key). Absent means false. Other dialects ignore it: they have no rowid to leave out.
   */
  withoutRowid: optional(yes),
  /**
   * SQLite: the table's one integer primary key column is an ordinary column, not an alias of the
   * rowid (declared `INT PRIMARY KEY`, not `INTEGER PRIMARY KEY`): no value is assigned for a missing
   * key. Needs a rowid table whose primary key is one signed integer column without autoincrement.
   * Absent means false. Other dialects ignore it: they have no rowid.
   */
  noRowidAlias: optional(yes),
  /**
   * SQLite: the primary key columns keep their own `nullable` (a rowid table's key column that is not
   * the rowid's alias accepts NULL unless declared NOT NULL, a legacy SQLite behaviour); without it
   * every key column is NOT NULL. Needs a rowid table and a nullable key column that is not the
   * rowid's alias. Absent means false. Other dialects make every key column NOT NULL.
   */
  nullableKey: optional(yes),
  /**
   * SQLite: the one primary key column is declared `PRIMARY KEY DESC`, so the key's index keeps it in
   * descending order. An `INTEGER` key declared so is no alias of the rowid (a documented SQLite quirk):
   * like `noRowidAlias`, no value is assigned for a missing key. Needs a one-column primary key without
   * autoincrement. Absent means false. Other dialects ignore it.
   */
  descendingKey: optional(yes),
  /**
   * PostgreSQL row-level security: `enabled` (`ENABLE ROW LEVEL SECURITY`: policies apply to every
   * role but the owner) or `forced` (also `FORCE`: they apply to the owner too); absent means off.
   */
  rowSecurity: optional(oneOf('enabled', 'forced')),
  /** PostgreSQL row-level security policies, sorted by name. */
  policies: optional(array(policy)),
  /**
   * Privileges granted on the table to roles other than its owner, sorted by grantee. Compared only
   * with the diff's `comparePrivileges` option.
   */
  grants: optional(array(grant)),
  /**
   * PostgreSQL: the role that owns it (`ALTER ... OWNER TO`). Compared only when both versions state
   * one (absent means whoever owns it); introspection reads it with the `owners` option.
   */
  owner: optional(label),
  /** Unknown keys of the input, kept verbatim. */
  extra,
}

/** Fields of {@link EnumDefinition}. @internal */
export const enumFields = {
  /** Type name. */
  name,
  /** Namespace of the type when it differs from the schema's. */
  schema: optional(label),
  /** Labels in declared order (order is meaningful: it defines sorting). */
  values: array(label),
  /** Comment on the type. */
  comment: optional(label),
  /** Unknown keys of the input, kept verbatim. */
  extra,
}

/** A table. @internal */
export const tableShape = object(tableFields)
const table: Shape<Table> = named('table', tableShape)

/** An enum type. @internal */
export const enumShape = object(enumFields)
const enumDefinition: Shape<EnumDefinition> = named('enumDefinition', enumShape)

/** Fields of {@link Schema}. @internal */
export const schemaFields = {
  /** The schema (namespace) name, SQLAlchemy `schema_name`; absent means the default one. */
  name: optional(label),
  /** Tables, sorted by qualified name. */
  tables: array(table),
  /** Schema-level enum types (PostgreSQL `CREATE TYPE ... AS ENUM`), sorted by name. */
  enums: array(enumDefinition),
  // The other database objects (object-description.ts), each list sorted by name and absent when empty.
  /** Namespaces (`CREATE SCHEMA`), the default one included when a database lists it. */
  namespaces: optional(array(namedObjectShapes.namespace)),
  /** Extensions (`CREATE EXTENSION`). */
  extensions: optional(array(namedObjectShapes.extension)),
  /** Composite types (`CREATE TYPE ... AS (...)`). */
  types: optional(array(namedObjectShapes.type)),
  /** Domains (`CREATE DOMAIN`). */
  domains: optional(array(namedObjectShapes.domain)),
  /** Sequences (`CREATE SEQUENCE`); not those of serial and identity columns, which their columns describe. */
  sequences: optional(array(namedObjectShapes.sequence)),
  /** Functions and procedures. */
  functions: optional(array(namedObjectShapes.function)),
  /** Views and materialized views. */
  views: optional(array(namedObjectShapes.view)),
  /** Triggers. */
  triggers: optional(array(namedObjectShapes.trigger)),
  /** MySQL/MariaDB scheduled events (`CREATE EVENT`). */
  events: optional(array(namedObjectShapes.event)),
  /** Unknown top-level keys of the input, kept verbatim. Not compared by the diff. */
  extra,
}

/** A schema. @internal */
export const schemaShape = object(schemaFields)

/**
 * The model's objects as JSON Schema definitions (`column`, `constraint`, `index`, `table`,
 * `enumDefinition`, `columnType`), for schemas of documents that hold model objects (the report).
 * @internal
 */
export function modelJsonDefs(defs: JsonDefs): void {
  for (const shape of [table, enumDefinition, ...Object.values(namedObjectShapes)]) shape.toJson(defs)
}

/** `shape`'s fields but the given ones and `extra`. */
const fieldsBut = <K extends string, B extends K = never>(shape: { readonly keys: readonly K[] }, ...but: B[]) =>
  shape.keys.filter((k): k is Exclude<K, B | 'extra'> => k !== 'extra' && !(but as string[]).includes(k))

type ConstraintKey = (typeof constraintShapes)[keyof typeof constraintShapes]['keys'][number]

/**
 * The fields of each kind of object that an `alter_*` change of the diff can list: all but its name
 * and namespace (which identify it), its lists of children, and `extra`.
 * @internal
 */
export const alterableFields = {
  table: fieldsBut(tableShape, 'name', 'schema', 'columns', 'constraints', 'indexes'),
  column: fieldsBut(columnShape, 'name'),
  constraint: [...new Set(Object.values(constraintShapes).flatMap((s) => fieldsBut<ConstraintKey, 'type'>(s, 'type')))],
  index: fieldsBut(indexShape),
  enum: fieldsBut(enumShape, 'name', 'schema'),
  namespace: fieldsBut(objectShapes.namespace, 'name'),
  extension: fieldsBut(objectShapes.extension, 'name', 'schema'),
  type: fieldsBut(objectShapes.type, 'name', 'schema'),
  domain: fieldsBut(objectShapes.domain, 'name', 'schema'),
  sequence: fieldsBut(objectShapes.sequence, 'name', 'schema'),
  function: fieldsBut(objectShapes.function, 'name', 'schema', 'dependsOn'),
  view: fieldsBut(objectShapes.view, 'name', 'schema', 'dependsOn'),
  trigger: fieldsBut(objectShapes.trigger, 'name', 'schema', 'table'),
  event: fieldsBut(objectShapes.event, 'name', 'schema', 'dependsOn'),
}
