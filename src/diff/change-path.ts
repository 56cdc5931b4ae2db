import type { Constraint, Index } from '../model/types.js'
import { postgresConstraintName, postgresIndexName } from './postgres-object-names.js'
import type { ChangeWithoutPath } from './types.js'

/** Address of a table: its name, qualified with its namespace when it has one. */
export function tablePath(table: string, schema?: string): string {
  return schema === undefined ? table : `${schema}.${table}`
}

/**
 * The name a constraint is shown under: its own, or for an unnamed one the name PostgreSQL would give
 * it (`users_pkey`, `users_email_key`, `posts_user_id_fkey`, `users_check`), so paths stay readable.
 */
export function constraintDisplayName(table: string, c: Constraint): string {
  return c.name ?? postgresConstraintName(table, c)
}

/** The name an index is shown under: its own, or `table_col1_col2_idx` (`expr` for expressions). */
export function indexDisplayName(table: string, x: Index): string {
  return x.name ?? postgresIndexName(table, x)
}

/** The stable path of a change, computed from its own fields only. */
export function changePath(c: ChangeWithoutPath): string {
  switch (c.kind) {
    case 'create_enum':
    case 'drop_enum':
    case 'alter_enum':
      return `enum:${tablePath(c.enum, c.schema)}`
    case 'create_table':
    case 'drop_table':
    case 'rename_table':
    case 'alter_table':
      return tablePath(c.table, c.schema)
    case 'add_column':
    case 'drop_column':
    case 'rename_column':
    case 'alter_column':
      return `${tablePath(c.table, c.schema)}.${c.column}`
    case 'add_constraint':
    case 'alter_constraint':
      return `${tablePath(c.table, c.schema)}.${constraintDisplayName(c.table, c.after)}`
    case 'drop_constraint':
      return `${tablePath(c.table, c.schema)}.${constraintDisplayName(c.table, c.before)}`
    case 'add_index':
    case 'alter_index':
      return `${tablePath(c.table, c.schema)}.${indexDisplayName(c.table, c.after)}`
    case 'drop_index':
      return `${tablePath(c.table, c.schema)}.${indexDisplayName(c.table, c.before)}`
  }
}

/**
 * The key that names one change among a diff's changes: its kind and path (`drop_column posts.content`).
 * Findings, plan statements and report trees refer to a change by it.
 *
 * @example
 * ```ts
 * changeKey({ kind: 'drop_column', path: 'posts.content' }) // 'drop_column posts.content'
 * ```
 */
export function changeKey(change: { readonly kind: string; readonly path: string }): string {
  return `${change.kind} ${change.path}`
}
