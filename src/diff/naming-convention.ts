import type { Constraint, Index } from '../model/types.js'

// An unnamed constraint or index in one document and the same object under the name a database gave
// it in another (typically introspected) document describe the same database, so the diff treats the
// two names as equal. Which names count is dialect knowledge: each dialect folder implements this
// interface (src/dialects/<name>/naming-convention.ts) and the diff is handed the list to recognize,
// so that the diff itself names no database.

/**
 * How one database (or one planner) names the constraints and indexes declared without a name. The
 * diff is given a list of them (`namingConventions` of {@link DiffOptions}); a name any of them gives
 * an object equals no name.
 *
 * @example
 * ```ts
 * const legacy: NamingConvention = {
 *   name: 'legacy',
 *   isDefaultConstraintName: (table, c, name) => name === `${table}_${c.type}`,
 *   isDefaultIndexName: (table, _x, name) => name.startsWith(`ix_${table}_`),
 * }
 * diffSchemas(a, b, { namingConventions: [...builtInNamingConventions, legacy] })
 * ```
 */
export interface NamingConvention {
  /** Whose names these are (`postgres`, `mysql`, `sqlite`), for messages and docs. */
  readonly name: string
  /**
   * Whether `name` is a name this convention gives constraint `c` on table `table` when none is
   * declared. `columns` are the table's column names (which of them a check mentions can decide its
   * name).
   */
  isDefaultConstraintName(table: string, c: Constraint, name: string, columns: ReadonlySet<string>): boolean
  /** Whether `name` is a name this convention gives index `x` on table `table` when none is declared. */
  isDefaultIndexName(table: string, x: Index, name: string): boolean
}

/** Whether two names of the same object mean the same: equal, or one absent and the other its default. */
export function sameNameOrDefault(
  a: string | undefined,
  b: string | undefined,
  isDefault: (name: string) => boolean,
): boolean {
  if (a === b) return true
  if (a === undefined) return b !== undefined && isDefault(b)
  if (b === undefined) return isDefault(a)
  return false
}

/** Whether any of `conventions` gives constraint `c` the name `name`. */
export const isDefaultConstraintName =
  (conventions: readonly NamingConvention[]) =>
  (table: string, c: Constraint, name: string, columns: ReadonlySet<string>): boolean =>
    conventions.some((n) => n.isDefaultConstraintName(table, c, name, columns))

/** Whether any of `conventions` gives index `x` the name `name`. */
export const isDefaultIndexName =
  (conventions: readonly NamingConvention[]) =>
  (table: string, x: Index, name: string): boolean =>
    conventions.some((n) => n.isDefaultIndexName(table, x, name))
