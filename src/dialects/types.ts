import type { ChangeKind } from '../diff/types.js'

/** Names of the built-in dialects. */
export type DialectName = 'postgres' | 'mysql' | 'sqlite'

/**
 * What a database can do, so shared code and tests can ask instead of naming a dialect.
 * `defineDialect` fills every flag not given with the conservative default shown.
 */
export interface DialectCapabilities {
  /** DDL can run inside a transaction and roll back (PostgreSQL, SQLite). Default false. */
  readonly transactionalDDL: boolean
  /** `ALTER TABLE ... ALTER/MODIFY COLUMN` can change type, nullability and default. Default true. */
  readonly alterColumn: boolean
  /** `ALTER TABLE ... ADD/DROP CONSTRAINT` works on existing tables. Default true. */
  readonly alterConstraints: boolean
  /** `CREATE INDEX CONCURRENTLY` (outside a transaction). Default false. */
  readonly concurrentIndexes: boolean
  /** `ADD CONSTRAINT ... NOT VALID` + `VALIDATE CONSTRAINT`. Default false. */
  readonly notValidConstraints: boolean
  /** Named enum types (`CREATE TYPE ... AS ENUM`). Default false. */
  readonly enumTypes: boolean
  /** Enums declared inline on the column (`ENUM('a','b')`). Default false. */
  readonly inlineEnums: boolean
  /** `COMMENT ON` / column and table comments. Default false. */
  readonly comments: boolean
  /** Identity columns (`GENERATED ... AS IDENTITY`). Default false. */
  readonly identityColumns: boolean
  /** Partial indexes (`WHERE`). Default false. */
  readonly partialIndexes: boolean
  /** Indexes on expressions. Default false. */
  readonly expressionIndexes: boolean
  /** `INCLUDE (...)` on indexes. Default false. */
  readonly indexInclude: boolean
  /** `DEFERRABLE` constraints. Default false. */
  readonly deferrableConstraints: boolean
  /** Array column types. Default false. */
  readonly arrays: boolean
  /** Namespaces (schemas) that qualify table names. Default false. */
  readonly namespaces: boolean
  /** Longest identifier, in `identifierLengthUnit`; longer names are truncated or rejected by the database. Default 64. */
  readonly maxIdentifierLength: number
  /**
   * What `maxIdentifierLength` counts: UTF-8 `bytes` (PostgreSQL's NAMEDATALEN) or `characters`
   * (MySQL). Absent means bytes, which never undercounts.
   */
  readonly identifierLengthUnit?: 'bytes' | 'characters'
}

/**
 * Where a statement goes in a migration. Statements run by stage, then in change order, so for
 * example foreign keys are dropped before the columns they use and added after the tables they
 * point at exist.
 *
 * @example
 * ```ts
 * // A statement a custom generator returns: planned with the other index creations.
 * const draft: StatementDraft = { sql: 'CREATE INDEX "ix_users_email" ON "users" ("email")', stage: Stage.addIndex }
 * Stage.addForeignKey > Stage.createTable // true: foreign keys are added after every table exists
 * ```
 */
export const Stage = {
  /** Namespaces first: everything else may live in one. */
  createNamespace: 1,
  /** Extensions next: their types and functions may be used by anything after. */
  createExtension: 2,
  /** Views and triggers that go (or must be re-created around a change under them), dependents first. */
  dropDependents: 5,
  /** Table and column renames come first, so everything after can use the new names. */
  renameTable: 10,
  renameColumn: 15,
  createEnum: 20,
  /** Enum values added (PostgreSQL commits them before they can be used). */
  alterEnum: 25,
  /** Composite types and domains (after enums, which they may use), then sequences, then routines: before the tables that use them. */
  createType: 26,
  createSequence: 27,
  createRoutine: 28,
  dropForeignKey: 30,
  dropIndex: 40,
  dropConstraint: 45,
  createTable: 50,
  /** MySQL table options that rebuild the table (engine, row format, CONVERT TO CHARACTER SET): before new columns. */
  convertTable: 55,
  addColumn: 60,
  alterColumn: 70,
  /** SQLite's copy-and-swap rebuild of a table. */
  rebuildTable: 75,
  addConstraint: 80,
  addIndex: 85,
  addForeignKey: 90,
  /** Objects that need the tables: routines whose SQL reads a table created here, sequence ownership, views, triggers. */
  createDependents: 95,
  comment: 100,
  dropColumn: 110,
  /**
   * Views and triggers created on a table that loses a column in this plan: after the column is gone,
   * so that none is created while it still exists (PostgreSQL and MySQL expand `SELECT *` when they
   * create a view; SQLite and PostgreSQL refuse a drop that a view still reads).
   */
  createAfterColumnDrops: 115,
  dropTable: 120,
  /** Routines, sequences, domains and composite types, after the tables that used them and before enums. */
  dropObjects: 125,
  dropEnum: 130,
  dropExtension: 135,
  dropNamespace: 138,
  /**
   * `VALIDATE CONSTRAINT` after a `NOT VALID` add: last, each outside the migration's transaction, so
   * the scan runs after the lock the ADD took is released.
   */
  validateConstraint: 140,
} as const

/** One of the {@link Stage} values. */
export type StageValue = (typeof Stage)[keyof typeof Stage]

/** A statement as a dialect generator returns it, before the planner places it. */
export interface StatementDraft {
  /** One SQL statement, without the trailing `;`. */
  readonly sql: string
  readonly stage: StageValue
  /** Loses data (drops a table or column, narrows a type). Default false. */
  readonly destructive?: boolean
  /**
   * May share the migration's transaction. False: it runs on its own after the statements before it
   * are committed (it cannot run in a transaction, or must not run under their locks). Default: the
   * dialect's `transactionalDDL`.
   */
  readonly transactional?: boolean
  /** Why the statement runs outside the transaction, when it does. */
  readonly reason?: string
  /** The change this statement implements, when a generator handles several at once (a table rebuild). */
  readonly change?: { readonly kind: ChangeKind; readonly path: string }
  /**
   * Names the statement takes (keys the dialect chooses, e.g. a namespace and a relation name): it
   * runs after any statement of the plan that `releases` one of them, whatever their stages.
   */
  readonly claims?: readonly string[]
  /** Names the statement frees (a dropped table's index names); see `claims`. */
  readonly releases?: readonly string[]
}

/**
 * One statement of a migration with what it does.
 *
 * @example
 * ```ts
 * for (const s of migration.up) console.log(s.sql, s.change?.path, s.destructive)
 * ```
 */
export interface Statement {
  /** One SQL statement, without the trailing `;`. */
  readonly sql: string
  /** The change it implements (absent for statements of `createSchemaSQL`). */
  readonly change?: { readonly kind: ChangeKind; readonly path: string }
  /** Loses data when it runs. */
  readonly destructive: boolean
  /**
   * May share the migration's transaction. False: it runs on its own, after the statements before it
   * are committed: it cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`), must not run
   * under the locks they hold (`VALIDATE CONSTRAINT`), or the dialect has no transactional DDL.
   */
  readonly transactional: boolean
  /** Why not, when `transactional` is false. */
  readonly reason?: string
}

/**
 * The statements that take a database from one schema to another (`up`) and back (`down`).
 *
 * @example
 * ```ts
 * const migration = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
 * console.log(toSQL(migration))
 * ```
 */
export interface Migration {
  readonly dialect: DialectName | string
  readonly up: readonly Statement[]
  readonly down: readonly Statement[]
}

/**
 * A statement of a phased migration; `breaking` marks statements of changes that no deploy order makes
 * safe (renames, type conversions, new required columns), which deserve a comment and a plan.
 *
 * @example
 * ```ts
 * for (const s of migration.phases.pre) if (s.breaking) console.warn('breaking:', s.change?.path)
 * ```
 */
export interface PhasedStatement extends Statement {
  readonly breaking?: true
}

/**
 * A migration's `up` statements split for a phased deploy: `pre` runs before the new application
 * version is deployed (expand changes, and breaking ones flagged), `post` after the old version is gone
 * (contract changes). Each keeps the planned order.
 *
 * @example
 * ```ts
 * const { pre, post } = planMigration(diff, { dialect: 'postgres', from: v1, phases: true }).phases
 * ```
 */
export interface MigrationPhases {
  readonly pre: readonly PhasedStatement[]
  readonly post: readonly Statement[]
}

/**
 * A {@link Migration} with its `up` statements also split into deploy phases.
 *
 * @example
 * ```ts
 * const migration: PhasedMigration = planMigration(diff, { dialect: 'postgres', from: v1, phases: true })
 * ```
 */
export interface PhasedMigration extends Migration {
  readonly phases: MigrationPhases
}
