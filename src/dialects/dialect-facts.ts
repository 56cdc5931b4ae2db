import type { SchemaChange } from '../diff/types.js'
import type { ColumnType } from '../model/column-type.js'
import type { TypeRelation } from '../model/type-relation.js'
import type { Column, ConstraintType, Table } from '../model/types.js'
import type { Dialect } from './dialect.js'
import type { Statement } from './types.js'

/**
 * The server version findings are made for.
 *
 * @example
 * ```ts
 * const v: EngineVersion = { major: 15, minor: 0, patch: 0, label: 'PostgreSQL 15', assumed: true }
 * ```
 */
export interface EngineVersion {
  readonly major: number
  readonly minor: number
  readonly patch: number
  /** The product when one dialect covers several (`mariadb` under the mysql dialect). */
  readonly flavor?: string
  /** How messages name it: `PostgreSQL 15`, `MariaDB 10.11`. */
  readonly label: string
  /** True when the caller gave no version and the facts' default was taken. */
  readonly assumed: boolean
}

/**
 * What an operation does to a populated table: the work (`metadata` only, a `scan` of every row, a
 * `rewrite` or copy of the table, an index `build`) and what other sessions cannot do meanwhile.
 *
 * @example
 * ```ts
 * const cost: OperationCost = { work: 'rewrite', blocks: 'reads_and_writes', detail: 'rewrites the table under an ACCESS EXCLUSIVE lock' }
 * ```
 */
export interface OperationCost {
  readonly work: 'metadata' | 'scan' | 'rewrite' | 'build'
  readonly blocks: 'nothing' | 'writes' | 'reads_and_writes'
  /** How the engine does it, as a verb phrase for messages ("rewrites the table under an ACCESS EXCLUSIVE lock"). */
  readonly detail: string
}

/**
 * What a type change does to stored values that do not fit the new type: the statement `fails`, the
 * values are `truncated` (or rounded), or they are `kept` as they are (SQLite does not enforce types).
 * `castExists` is false when the engine has no conversion at all, so the change fails on any row.
 *
 * @example
 * ```ts
 * const c: ValueConversion = { onBadValue: 'fails', castExists: true }
 * ```
 */
export interface ValueConversion {
  readonly onBadValue: 'fails' | 'truncated' | 'kept'
  readonly castExists: boolean
}

/**
 * How a value of a fixed-width type sits in a row: its size and the alignment its offset needs.
 *
 * @example
 * ```ts
 * const timestamptz: ColumnStorage = { bytes: 8, align: 8 }
 * ```
 */
export interface ColumnStorage {
  readonly bytes: number
  readonly align: number
}

/**
 * Statements a dialect can write for safe alternatives that its change generators do not produce.
 * Each returns one statement without the trailing `;`.
 *
 * @example
 * ```ts
 * facts.saferSql?.uniqueUsingIndex?.(dialect, 'users', undefined, 'users_email_key', 'users_email_key')
 * ```
 */
export interface SaferSql {
  /** Attaches an index built concurrently as a unique constraint (`ADD CONSTRAINT ... UNIQUE USING INDEX`). */
  uniqueUsingIndex?(dialect: Dialect, table: string, schema: string | undefined, name: string, index: string): string
  /** Attaches an index built concurrently as the primary key. */
  primaryKeyUsingIndex?(
    dialect: Dialect,
    table: string,
    schema: string | undefined,
    name: string,
    index: string,
  ): string
  /** Drops an index without blocking writes. */
  dropIndexConcurrently?(dialect: Dialect, schema: string | undefined, index: string): string
  /** Session settings that make a lock wait fail fast instead of queueing traffic behind it. */
  lockTimeout?(milliseconds: number): string
}

/**
 * What one database engine does, by version, with each kind of schema change on a populated table.
 * Only the dialects' `impact.ts` files implement it; impact rules ask it and never name a dialect.
 * Custom dialects pass theirs through `analyzeImpact(diff, { facts })`.
 *
 * @example
 * ```ts
 * const facts = impactFactsFor('postgres')
 * facts.addColumn(column, facts.version(10, 'postgres'), { last: true }).work // 'rewrite' when column has a default
 * ```
 */
export interface DialectImpactFacts {
  /** Dialect name the facts describe. */
  readonly dialect: string
  /** Version assumed when the caller gives none. */
  readonly defaultVersion: string
  /** Reads the caller's version (and the dialect name they used, e.g. `mariadb`). */
  version(input: string | number | undefined, requested: string): EngineVersion
  /** `ALTER TABLE ... ADD COLUMN` on a populated table. */
  addColumn(column: Column, v: EngineVersion, placement: { readonly last: boolean }): OperationCost
  /** Changing a column's type (with its other attributes as they end up). */
  changeType(before: Column, after: Column, relation: TypeRelation, v: EngineVersion): OperationCost
  /** What happens to stored values that do not fit a type change. */
  convertValues(before: ColumnType, after: ColumnType, relation: TypeRelation, v: EngineVersion): ValueConversion
  /** An expression converting `expression` to `type` in an UPDATE (backfills); the plain expression when assignment converts. */
  convertExpression(dialect: Dialect, expression: string, type: ColumnType, column: Column): string
  /** An SQL expression for the length of a value in characters (strings) or bytes (binary). */
  lengthExpression(expression: string, unit: 'characters' | 'bytes'): string
  /** Making an existing column NOT NULL. */
  setNotNull(v: EngineVersion): OperationCost
  /** What SET NOT NULL does with rows that hold NULL (some rebuilds fill the column's default). */
  existingNullsOnSetNotNull(hasDefault: boolean, v: EngineVersion): 'fail' | 'get_default'
  /** Whether SET NOT NULL skips its scan when a validated `CHECK (c IS NOT NULL)` exists (PostgreSQL 12+). */
  setNotNullUsesCheck(v: EngineVersion): boolean
  /** Building an index on an existing table the way the plan does by default. */
  buildIndex(v: EngineVersion): OperationCost
  /** Dropping an index the way the plan does by default. */
  dropIndex(v: EngineVersion): OperationCost
  /** Adding a constraint to an existing table the way the plan does by default (validation included). */
  addConstraint(type: ConstraintType, v: EngineVersion): OperationCost
  /** What adding a NOT NULL column without default does to existing rows. */
  requiredColumnWithoutDefault(v: EngineVersion): 'fails' | 'fills_implicit_default'
  /** What adding a foreign key does with existing rows that reference no parent: the statement fails, or they are only reported. */
  foreignKeyOrphans(v: EngineVersion): 'fail' | 'reported'
  /** Whether CHECK constraints are enforced at this version. */
  enforcesChecks(v: EngineVersion): boolean
  /**
   * What the engine makes of a foreign key joining columns of these types: `rejected` (the statement
   * fails), `inconsistent` (accepted, but the ranges differ), or undefined when they agree.
   */
  foreignKeyTypes(referencing: Column, referenced: Column): 'rejected' | 'inconsistent' | undefined
  /** Whether the engine creates an index for every foreign key by itself. */
  readonly indexesForeignKeys: boolean
  /** What happens to names longer than the dialect's `maxIdentifierLength`. */
  readonly longIdentifiers: 'truncated' | 'rejected' | 'allowed'
  /** Whether the plan rebuilds (copies, drops, renames) the table for this change; `source` is the table before it. */
  rebuildsTable(change: SchemaChange, v: EngineVersion, source: Table | undefined): boolean
  /** A known engine bug that affects this operation at this version, in one sentence. */
  knownIssue(operation: 'concurrent_index', v: EngineVersion): string | undefined
  /**
   * Size and alignment of a fixed-width type in a row, for engines that align column values (padding
   * between columns); undefined for variable-length types. Absent when the engine does not align.
   */
  columnStorage?(type: ColumnType): ColumnStorage | undefined
  /** Whether values added to an enum type can be used before the adding transaction commits. */
  enumValueUsableInSameTransaction(v: EngineVersion): boolean
  readonly saferSql?: SaferSql
  /**
   * Whether the statements planned for one change add its foreign keys and checks without scanning
   * the rows under the ADD's lock: added unvalidated, then validated by a statement that does not share
   * the ADD's transaction. Rules read the plan through this rather than trust the options. Absent: never.
   */
  validatesAfterCommit?(statements: readonly Statement[]): boolean
  /** Whether the statements planned for one change build and drop its indexes without blocking writes. Absent: never. */
  indexesWithoutBlocking?(statements: readonly Statement[]): boolean
}

/**
 * Whether a version is at least `major.minor.patch`.
 *
 * @example
 * ```ts
 * atLeast({ major: 8, minor: 0, patch: 12, label: 'MySQL 8.0.12', assumed: false }, 8, 0, 12) // true
 * ```
 */
export function atLeast(v: EngineVersion, major: number, minor = 0, patch = 0): boolean {
  if (v.major !== major) return v.major > major
  if (v.minor !== minor) return v.minor > minor
  return v.patch >= patch
}

/**
 * Reads `15`, `'8.0.12'` or `'10.11.6-MariaDB-1:10.11.6+maria~deb12'` into numbers; undefined when no
 * number leads the text.
 *
 * @example
 * ```ts
 * parseVersionNumbers('8.0.12-log') // { major: 8, minor: 0, patch: 12 }
 * ```
 */
export function parseVersionNumbers(
  input: string | number,
): { major: number; minor: number; patch: number } | undefined {
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i.exec(String(input))
  if (!match) return undefined
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) }
}

/**
 * Whether an operation holds other sessions up for a time that grows with the table: real work on
 * the rows while something is blocked.
 *
 * @example
 * ```ts
 * stallsTable({ work: 'rewrite', blocks: 'writes', detail: '...' }) // true
 * ```
 */
export function stallsTable(cost: OperationCost): boolean {
  return cost.work !== 'metadata' && cost.blocks !== 'nothing'
}
