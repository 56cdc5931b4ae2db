import type { AlterObjectChange, SchemaChange, TableChange, TableChangeKind } from '../diff/types.js'
import type { ColumnType } from '../model/column-type.js'
import type { ObjectKind, ObjectOfKind } from '../model/object-kinds.js'
import type { Column, Constraint, EnumDefinition, Index, Schema, Table } from '../model/types.js'
import type { PlanState } from './plan-state.js'
import type { DialectCapabilities, DialectName, StatementDraft } from './types.js'

/**
 * What a text written into SQL is, for {@link Dialect.textProblem}: a `name` (quoted identifier) of a
 * `table`, `index` or other object, an enum `label`, or a `comment` (a string literal).
 */
export type SqlTextKind = 'table' | 'index' | 'name' | 'label' | 'comment'

/** Options of {@link planMigration} that generators read. */
export interface PlanOptions {
  /** PostgreSQL: build new indexes on existing tables with `CREATE INDEX CONCURRENTLY` (outside the transaction). */
  readonly concurrently?: boolean
  /** PostgreSQL: add foreign keys and checks to existing tables `NOT VALID`, then `VALIDATE CONSTRAINT`. */
  readonly notValid?: boolean
  /** Major version of the target server (e.g. 16 for PostgreSQL 16, 8 for MySQL 8), when it matters. */
  readonly dialectVersion?: number
}

/** What a generator may ask the planner about the migration it is part of. */
export interface GeneratorContext {
  readonly dialect: Dialect
  readonly options: PlanOptions
  /** The full source schema, when the caller passed it. */
  readonly from?: Schema
  /** The full target schema, when the caller passed it (or it could be derived). */
  readonly to?: Schema
  /** Every change this direction of the plan implements, in diff order (renames included). */
  readonly changes: readonly SchemaChange[]
  /** Foreign keys of tables created in this migration that are added afterwards (cycles, forward references). */
  readonly deferredForeignKeys: ReadonlySet<Constraint>
  /** Tables created in this migration (indexes on them need no `CONCURRENTLY`, constraints no `NOT VALID`). */
  readonly createdTables: ReadonlySet<string>
  /** Tables this migration drops, as they were in `from` (computed once per plan). */
  readonly droppedTables: readonly Table[]
  /** A table of the full `from` schema by its `from` name, or undefined (constant time). */
  findSourceTable(table: string, schema?: string): Table | undefined
  /** A table of the full `to` schema by its `to` name, or undefined (constant time). */
  findTargetTable(table: string, schema?: string): Table | undefined
  /** The table's name before this migration renamed it (the same name when it was not renamed). */
  previousTableName(table: string, schema?: string): string
  /** The full `to` version of a table; throws a clear error when the caller did not pass the schemas. */
  targetTable(table: string, schema?: string, why?: string): Table
  /** The full `from` version of a table (by its old name); throws a clear error when unavailable. */
  sourceTable(table: string, schema?: string, why?: string): Table
  /** What the generators of this plan direction remember between changes, created empty per plan. */
  readonly state: PlanState
}

/** One generator per change kind of tables and enums: the statements that implement a change in this dialect. */
export type ChangeGenerators = {
  readonly [K in TableChangeKind]: (
    change: Extract<SchemaChange, { kind: K }>,
    ctx: GeneratorContext,
  ) => readonly StatementDraft[]
}

/**
 * A statement of an object beside tables and enums: the planner gives it its stage (the kind's
 * create or drop stage, refined by the objects' dependencies), unless it states one (a sequence's
 * `OWNED BY`, which needs its table).
 */
export type ObjectStatementDraft = Omit<StatementDraft, 'stage'> & { readonly stage?: StatementDraft['stage'] }

/** How a dialect creates, drops and alters the objects of one kind. */
export interface ObjectGenerator<K extends ObjectKind> {
  /** `CREATE ...` with its comment (and a materialized view's indexes). */
  create(object: ObjectOfKind[K], ctx: GeneratorContext): readonly ObjectStatementDraft[]
  /** `DROP ...`; nothing when something else this plan does drops it (a sequence owned by a dropped table). */
  drop(object: ObjectOfKind[K], ctx: GeneratorContext): readonly ObjectStatementDraft[]
  /**
   * Statements that change the object in place (`CREATE OR REPLACE`, `ALTER ... SET`), or undefined
   * when it must be dropped and created again (which also re-creates the views and triggers that
   * depend on it). Absent: always dropped and created.
   */
  alter?(change: AlterObjectChange<K>, ctx: GeneratorContext): readonly ObjectStatementDraft[] | undefined
}

/** A dialect's generators of the objects beside tables and enums, by kind; a kind it lacks is refused. */
export type ObjectGenerators = { readonly [K in ObjectKind]?: ObjectGenerator<K> }

/**
 * Everything schemaledger knows about one database: capabilities, quoting, type and default
 * rendering, and a generator per change kind. Only the dialect objects in `src/dialects/` implement it; everything else
 * asks it.
 *
 * @example
 * ```ts
 * const dialect = resolveDialect('postgres')
 * dialect.quoteIdentifier('order') // '"order"'
 * ```
 */
export interface Dialect {
  readonly name: DialectName | string
  readonly capabilities: DialectCapabilities
  /** Quotes a name so the database creates exactly that name (always quoted, never bare). */
  quoteIdentifier(name: string): string
  /** Quotes a string literal with every special character escaped. */
  quoteLiteral(value: string): string
  /**
   * Checks a text written verbatim into SQL (default, check, generated column, index expression or
   * predicate, custom type) with the dialect's own lexer and returns it as it will be written, or
   * throws `UnsafeExpressionError` naming `where`. Absent (custom dialects): the text must be one
   * expression to every built-in lexer.
   */
  checkExpression?(text: string, where: string): string
  /**
   * Checks a query written verbatim into SQL (a view's definition) as {@link checkExpression} checks an
   * expression, commas and clauses allowed, and returns it; `kind: 'clause'` drops the rule that it
   * starts like a query (a routine's argument list or return type). Absent (custom dialects): it must
   * pass every built-in lexer.
   */
  checkQuery?(text: string, where: string, kind?: 'query' | 'clause'): string
  /**
   * Checks a trigger's or routine's body written verbatim into SQL (MySQL/MariaDB, SQLite): exactly
   * one body (see `findBodyProblem`), nothing after its END; returns it. Absent: the dialect quotes
   * bodies (PostgreSQL's dollar quotes) or has none.
   */
  checkBody?(text: string, where: string): string
  /**
   * Checks a routine's SQL-standard body (`bodyKind`: PostgreSQL's `BEGIN ATOMIC ... END` statements
   * or `RETURN` expression), written unquoted: exactly one body to the engine and its client; returns
   * it. Absent: the dialect has no such bodies (its generator refuses `bodyKind`).
   */
  checkStandardBody?(text: string, kind: 'atomic' | 'return', where: string): string
  /**
   * Why the database would change or refuse a name, label or comment (too long, characters it cannot
   * store, trailing spaces, NUL), or undefined when it stores it exactly.
   */
  textProblem?(text: string, kind: SqlTextKind): string | undefined
  /** The dialect's spelling of a column type. */
  renderType(type: ColumnType, column?: Column): string
  /**
   * The dialect's spelling of a column default, checked by the dialect's lexer as it is written;
   * `where` names it in errors (a document path; default: the column's name).
   */
  renderDefault(expression: string, column: Column, where?: string): string
  /** The name a database-named (unnamed) constraint gets; constraints are always created under it. */
  constraintName(table: string, constraint: Constraint): string
  /** The name an unnamed index gets; indexes are always created under it. */
  indexName(table: string, index: Index): string
  /** `CREATE TYPE` (or nothing, for dialects without enum types). */
  createEnum(definition: EnumDefinition, ctx: GeneratorContext): readonly StatementDraft[]
  /**
   * `CREATE TABLE` with its constraints (except `omitForeignKeys`), then its indexes and comments.
   * Used by `createSchemaSQL` and for `create_table` changes.
   */
  createTable(table: Table, ctx: GeneratorContext, omitForeignKeys: ReadonlySet<Constraint>): readonly StatementDraft[]
  /** One generator per change kind of tables and enums. */
  readonly generators: ChangeGenerators
  /** The kinds of other objects it can create, drop and alter (views, routines, triggers, ...). */
  readonly objects?: ObjectGenerators
  /**
   * Whether a change to a table leaves the views and triggers that depend on the table to be dropped
   * first and created again after it (PostgreSQL: a column's type changed or a column dropped; SQLite:
   * a table rebuilt). Absent: never.
   */
  disturbsDependents?(change: TableChange, ctx: GeneratorContext): boolean
  /**
   * Optional: takes over all changes of one existing table (SQLite's table rebuild). Returns
   * undefined to let the per-change generators handle them.
   */
  planTable?(
    table: string,
    changes: readonly SchemaChange[],
    ctx: GeneratorContext,
  ): readonly StatementDraft[] | undefined
}

/**
 * The conservative defaults {@link defineDialect} fills in.
 *
 * @example
 * ```ts
 * defineDialect({ ...resolveDialect('postgres'), name: 'mine', capabilities: {} }).capabilities.transactionalDDL
 * // false, as DEFAULT_CAPABILITIES.transactionalDDL: DDL is not assumed to roll back unless the dialect says so
 * ```
 */
export const DEFAULT_CAPABILITIES: DialectCapabilities = {
  transactionalDDL: false,
  alterColumn: true,
  alterConstraints: true,
  concurrentIndexes: false,
  notValidConstraints: false,
  enumTypes: false,
  inlineEnums: false,
  comments: false,
  identityColumns: false,
  partialIndexes: false,
  expressionIndexes: false,
  indexInclude: false,
  deferrableConstraints: false,
  arrays: false,
  namespaces: false,
  maxIdentifierLength: 64,
}

/** A dialect as written: capabilities may be partial. */
export type DialectDefinition = Omit<Dialect, 'capabilities'> & { readonly capabilities?: Partial<DialectCapabilities> }

/**
 * Builds a {@link Dialect}, filling every capability not given with its conservative default.
 *
 * @example
 * ```ts
 * const cockroach = defineDialect({ ...postgres, name: 'cockroach', capabilities: { concurrentIndexes: false } })
 * ```
 */
export function defineDialect(definition: DialectDefinition): Dialect {
  return { ...definition, capabilities: { ...DEFAULT_CAPABILITIES, ...definition.capabilities } }
}
