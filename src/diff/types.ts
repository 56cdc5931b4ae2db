import type { ObjectKind, ObjectOfKind } from '../model/object-kinds.js'
import type { Column, Constraint, EnumDefinition, Index, Table } from '../model/types.js'
import type { NamingConvention } from './naming-convention.js'

/**
 * Fields of a column an `alter_column` change can list. `position` is listed only when
 * {@link DiffOptions.comparePositions} is on, `sequenceGrants` (the grants on a serial or identity
 * column's sequence) only with {@link DiffOptions.comparePrivileges}.
 */
export type ColumnField =
  | 'type'
  | 'nullable'
  | 'default'
  | 'autoincrement'
  | 'identity'
  | 'generated'
  | 'collation'
  | 'comment'
  | 'invisible'
  | 'onUpdate'
  | 'sequenceGrants'
  | 'position'

/**
 * Fields of a table an `alter_table` change can list. The MySQL table options (`engine`, `charset`,
 * `collation`, `rowFormat`, `keyBlockSize`) are listed only when both versions state them; the PostgreSQL ones
 * (`unlogged`, `partitionBy`, `partitionOf`, `inherits`, `with`) and the SQLite ones (`strict`,
 * `withoutRowid`, `noRowidAlias`, `nullableKey`, `descendingKey`) whenever they differ; `grants` only
 * with {@link DiffOptions.comparePrivileges}.
 */
export type TableField =
  | 'comment'
  | 'unlogged'
  | 'partitionBy'
  | 'partitionOf'
  | 'inherits'
  | 'with'
  | 'engine'
  | 'charset'
  | 'collation'
  | 'rowFormat'
  | 'keyBlockSize'
  | 'partitions'
  | 'subpartitionBy'
  | 'systemVersioning'
  | 'strict'
  | 'withoutRowid'
  | 'noRowidAlias'
  | 'nullableKey'
  | 'descendingKey'
  | 'rowSecurity'
  | 'policies'
  | 'grants'
  | 'owner'

/** Fields of a constraint an `alter_constraint` change can list. */
export type ConstraintField =
  | 'name'
  | 'columns'
  | 'referencedTable'
  | 'referencedSchema'
  | 'referencedColumns'
  | 'onDelete'
  | 'onUpdate'
  | 'match'
  | 'expression'
  | 'using'
  | 'elements'
  | 'where'
  | 'nullsNotDistinct'
  | 'withoutOverlaps'
  | 'period'
  | 'notValid'
  | 'noInherit'
  | 'deferrable'
  | 'initiallyDeferred'
  | 'comment'

/** Fields of an index an `alter_index` change can list. */
export type IndexField =
  | 'name'
  | 'parts'
  | 'unique'
  | 'where'
  | 'using'
  | 'include'
  | 'nullsNotDistinct'
  | 'with'
  | 'ignored'
  | 'comment'

/** Fields of an enum an `alter_enum` change can list. */
export type EnumField = 'values' | 'comment'

/**
 * Fields every change carries. `before` objects are exactly as in the `from` schema and `after`
 * objects exactly as in `to` (a renamed column's `before` keeps its old name).
 */
interface ChangeBase {
  /**
   * Stable address of the changed object: `users`, `users.email`, `users.ix_users_email`,
   * `enum:mood`; tables outside the default namespace are qualified (`billing.invoices`). Names are
   * those of the `to` schema, except for drops.
   */
  readonly path: string
}

/** Fields of a change inside a table. */
interface TableScoped extends ChangeBase {
  /** Table name (in `to`; in `from` for a dropped table). */
  readonly table: string
  /** Table namespace, when not the default one. */
  readonly schema?: string
}

/** A table that exists only in `to`. Its columns, constraints and indexes come with it. */
export interface CreateTableChange extends TableScoped {
  readonly kind: 'create_table'
  readonly after: Table
}

/** A table that exists only in `from`. */
export interface DropTableChange extends TableScoped {
  readonly kind: 'drop_table'
  readonly before: Table
}

/**
 * A table renamed (by a hint or an applied candidate). Changes inside it follow as their own changes,
 * addressed by the new name.
 */
export interface RenameTableChange extends TableScoped {
  readonly kind: 'rename_table'
  /** The old name. */
  readonly from: string
  readonly before: Table
  readonly after: Table
}

/** A table-level property changed (its comment, a MySQL table option, its partitioning or system versioning). */
export interface AlterTableChange extends TableScoped {
  readonly kind: 'alter_table'
  readonly before: Table
  readonly after: Table
  readonly changes: readonly TableField[]
}

/** A column that exists only in `to`. */
export interface AddColumnChange extends TableScoped {
  readonly kind: 'add_column'
  readonly column: string
  /** Zero-based position in the `to` table. */
  readonly position: number
  readonly after: Column
}

/** A column that exists only in `from`. */
export interface DropColumnChange extends TableScoped {
  readonly kind: 'drop_column'
  readonly column: string
  /** Zero-based position in the `from` table. */
  readonly position: number
  readonly before: Column
}

/** A column renamed (by a hint or an applied candidate); other changes to it follow as `alter_column`. */
export interface RenameColumnChange extends TableScoped {
  readonly kind: 'rename_column'
  /** The new name. */
  readonly column: string
  /** The old name. */
  readonly from: string
  /** Zero-based position in the `to` table. */
  readonly position: number
  /** Zero-based position in the `from` table. */
  readonly previousPosition: number
  readonly before: Column
  readonly after: Column
}

/** A column whose definition changed; `changes` lists the fields, `before`/`after` are complete. */
export interface AlterColumnChange extends TableScoped {
  readonly kind: 'alter_column'
  /** Column name in `to` (`before.name` differs when the column was also renamed). */
  readonly column: string
  /** Zero-based position in the `to` table. */
  readonly position: number
  /** Zero-based position in the `from` table. */
  readonly previousPosition: number
  readonly before: Column
  readonly after: Column
  readonly changes: readonly ColumnField[]
}

/** A constraint that exists only in `to`. */
export interface AddConstraintChange extends TableScoped {
  readonly kind: 'add_constraint'
  readonly after: Constraint
}

/** A constraint that exists only in `from`. */
export interface DropConstraintChange extends TableScoped {
  readonly kind: 'drop_constraint'
  readonly before: Constraint
}

/** A constraint whose definition or name changed (the SQL layer turns it into drop + add, or a rename). */
export interface AlterConstraintChange extends TableScoped {
  readonly kind: 'alter_constraint'
  readonly before: Constraint
  readonly after: Constraint
  readonly changes: readonly ConstraintField[]
}

/** An index that exists only in `to`. */
export interface AddIndexChange extends TableScoped {
  readonly kind: 'add_index'
  readonly after: Index
}

/** An index that exists only in `from`. */
export interface DropIndexChange extends TableScoped {
  readonly kind: 'drop_index'
  readonly before: Index
}

/** An index whose definition or name changed. */
export interface AlterIndexChange extends TableScoped {
  readonly kind: 'alter_index'
  readonly before: Index
  readonly after: Index
  readonly changes: readonly IndexField[]
}

/** Fields of an enum change. */
interface EnumScoped extends ChangeBase {
  /** Enum type name. */
  readonly enum: string
  /** Enum namespace, when not the default one. */
  readonly schema?: string
}

/** An enum type that exists only in `to`. */
export interface CreateEnumChange extends EnumScoped {
  readonly kind: 'create_enum'
  readonly after: EnumDefinition
}

/** An enum type that exists only in `from`. */
export interface DropEnumChange extends EnumScoped {
  readonly kind: 'drop_enum'
  readonly before: EnumDefinition
}

/** A value added to an enum, with where it goes (PostgreSQL `ADD VALUE ... BEFORE/AFTER`). */
export interface EnumValueAddition {
  readonly value: string
  /** Zero-based position in the `to` values. */
  readonly position: number
  /** The existing value it is placed after, if any. */
  readonly after?: string
  /** The existing value it is placed before, if any. */
  readonly before?: string
}

/** An enum whose values or comment changed. */
export interface AlterEnumChange extends EnumScoped {
  readonly kind: 'alter_enum'
  readonly before: EnumDefinition
  readonly after: EnumDefinition
  readonly changes: readonly EnumField[]
  /** Values present only in `to`. */
  readonly added: readonly EnumValueAddition[]
  /** Values present only in `from`. */
  readonly removed: readonly string[]
  /** Whether values present on both sides changed their relative order. */
  readonly reordered: boolean
}

/** Fields of an object of kind `K` that an `alter_<kind>` change can list (all but its identity, `dependsOn` and `extra`). */
export type ObjectField<K extends ObjectKind = ObjectKind> = keyof ObjectOfKind[K] extends infer F
  ? F extends 'name' | 'schema' | 'extra' | 'dependsOn' | 'table'
    ? never
    : F & string
  : never

/** Fields of a change to an object beside tables and enums. */
interface ObjectScoped<K extends ObjectKind> extends ChangeBase {
  /** The object's kind. */
  readonly object: K
  /** Its name as paths show it (`reporting.totals`, `slugify(text)`, `users.audit_row`): see `objectName`. */
  readonly name: string
}

/** An object (view, function, trigger, ...) that exists only in `to`. */
export interface CreateObjectChange<K extends ObjectKind = ObjectKind> extends ObjectScoped<K> {
  readonly kind: `create_${K}`
  readonly after: ObjectOfKind[K]
}

/** An object that exists only in `from`. */
export interface DropObjectChange<K extends ObjectKind = ObjectKind> extends ObjectScoped<K> {
  readonly kind: `drop_${K}`
  readonly before: ObjectOfKind[K]
}

/**
 * An object whose definition changed; `changes` lists the fields. The plan alters it in place where
 * the database can (`CREATE OR REPLACE`, `ALTER ...`), else drops and re-creates it.
 */
export interface AlterObjectChange<K extends ObjectKind = ObjectKind> extends ObjectScoped<K> {
  readonly kind: `alter_${K}`
  readonly before: ObjectOfKind[K]
  readonly after: ObjectOfKind[K]
  readonly changes: readonly ObjectField<K>[]
}

/** Any change to an object beside tables and enums, by kind (`create_view`, `alter_function`, ...). */
export type ObjectChange = {
  [K in ObjectKind]: CreateObjectChange<K> | DropObjectChange<K> | AlterObjectChange<K>
}[ObjectKind]

/** Change kinds of tables, their parts and enums: the kinds every dialect plans. */
export type TableChange =
  | CreateTableChange
  | DropTableChange
  | RenameTableChange
  | AlterTableChange
  | AddColumnChange
  | DropColumnChange
  | RenameColumnChange
  | AlterColumnChange
  | AddConstraintChange
  | DropConstraintChange
  | AlterConstraintChange
  | AddIndexChange
  | DropIndexChange
  | AlterIndexChange
  | CreateEnumChange
  | DropEnumChange
  | AlterEnumChange

/**
 * One difference between two schemas, discriminated by `kind` (snake_case verb_noun).
 *
 * @example
 * ```ts
 * for (const change of diff.changes) if (change.kind === 'alter_column') console.log(change.path, change.changes)
 * ```
 */
export type SchemaChange = TableChange | ObjectChange

/** A change without its `path` (as built before the path is computed). @internal */
export type ChangeWithoutPath = SchemaChange extends infer C
  ? C extends SchemaChange
    ? Omit<C, 'path'>
    : never
  : never

/** Every `kind` a {@link SchemaChange} can have. */
export type ChangeKind = SchemaChange['kind']

/** The kinds of {@link TableChange}. */
export type TableChangeKind = TableChange['kind']

/** A possible rename found by the diff, with how sure it is and why. */
export interface RenameCandidate {
  /** What would be renamed. */
  readonly target: 'table' | 'column'
  /** For columns: the table (its name in `to`). */
  readonly table?: string
  /** Name in `from`. */
  readonly from: string
  /** Name in `to`. */
  readonly to: string
  /** Confidence from 0 to 1. */
  readonly score: number
  /** Why it looks like a rename, for people (`same type`, `same position`, ...). */
  readonly reasons: readonly string[]
  /** Whether the diff treated it as a rename (`inferRenames: 'apply'` and score at or above the threshold). */
  readonly applied: boolean
}

/** Added / removed / renamed / altered counts for one kind of object. */
export interface ChangeCounts {
  readonly added: number
  readonly removed: number
  readonly renamed: number
  readonly altered: number
}

/** Counts of a diff's changes by object kind. */
export interface DiffSummary {
  readonly tables: ChangeCounts
  readonly columns: ChangeCounts
  readonly constraints: ChangeCounts
  readonly indexes: ChangeCounts
  readonly enums: ChangeCounts
  /** Counts of the other object kinds (views, functions, ...), only those with changes; absent when none. */
  readonly objects?: Readonly<Partial<Record<ObjectKind, ChangeCounts>>>
  /** Number of changes. */
  readonly total: number
}

/**
 * Everything that differs between two schemas: a flat, deterministic, JSON-serializable list of
 * changes (enums by name, then tables by name; within a table: the table change, columns in order,
 * constraints and indexes by path), the rename candidates found, and summary counts.
 *
 * @example
 * ```ts
 * const diff = diffSchemas(v1, v2)
 * console.log(diff.summary.columns.added, diff.renameCandidates)
 * ```
 */
export interface SchemaDiff {
  readonly changes: readonly SchemaChange[]
  readonly renameCandidates: readonly RenameCandidate[]
  readonly summary: DiffSummary
}

/** Renames the caller knows about; they are applied without scoring. */
export interface RenameHints {
  /** Old table name -> new table name (qualify with the namespace as `billing.old` when needed). */
  readonly tables?: Readonly<Record<string, string>>
  /** `table.oldColumn` -> new column name; the table may be named by its old or its new name. */
  readonly columns?: Readonly<Record<string, string>>
}

/** Options of {@link diffSchemas}. */
export interface DiffOptions {
  /** Renames to apply, e.g. `{ tables: { people: 'users' }, columns: { 'users.fullname': 'name' } }`. */
  readonly renames?: RenameHints
  /**
   * What to do with likely renames that no hint covers: `suggest` (default) reports them in
   * `renameCandidates` and keeps drop + add; `apply` turns those scoring at least `renameThreshold`
   * into renames; `off` does not look for them.
   */
  readonly inferRenames?: 'suggest' | 'apply' | 'off'
  /** Minimum score (0-1) for `inferRenames: 'apply'`; default 0.8. */
  readonly renameThreshold?: number
  /** Report columns that moved relative to the others as `alter_column` with `position`; default false. */
  readonly comparePositions?: boolean
  /**
   * Pair tables and columns whose names differ only in letter case (SQLite, and MySQL with
   * `lower_case_table_names`, treat them as the same object). Such a pair is reported as a rename to
   * the `to` spelling. Default false: names are compared exactly.
   */
  readonly caseInsensitiveNames?: boolean
  /**
   * How databases name the constraints and indexes declared without a name: an unnamed object and
   * the same object under a name one of these gives it compare equal. Default: the built-in dialects'
   * conventions (`builtInNamingConventions`); `[]` compares names exactly.
   */
  readonly namingConventions?: readonly NamingConvention[]
  /** Report an extension whose installed version differs as a change; default false (versions are informational). */
  readonly compareExtensionVersions?: boolean
  /**
   * Compare privileges (`grants` of tables, sequences, routines and namespaces): report an object
   * whose grants differ as `alter_table` (`alter_sequence`, ...) with `grants`. Default false: grants are read and kept, but never make a change (which roles
   * exist and hold what usually differs between environments, unlike the schema).
   */
  readonly comparePrivileges?: boolean
}

/** {@link DiffOptions} with the naming conventions settled, as the diff's core takes them. */
export interface ResolvedDiffOptions extends DiffOptions {
  readonly namingConventions: readonly NamingConvention[]
}
