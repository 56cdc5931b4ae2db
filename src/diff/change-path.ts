import type { Constraint, Index } from '../model/types.js'
import type { ChangeWithoutPath } from './types.js'

/** Address of a table: its name, qualified with its namespace when it has one. */
export function tablePath(table: string, schema?: string): string {
  return schema === undefined ? table : `${schema}.${table}`
}

// An unnamed constraint or index is addressed by a label built from its table, its columns and its
// kind. The label is the diff's own, the same on every dialect, and no database's name: it is not cut
// to any length limit (for names under 64 bytes it reads as PostgreSQL's would). What a database calls
// the object is its dialect's business (src/dialects/<name>/object-names.ts).

const LABELS: Readonly<Record<Constraint['type'], string>> = {
  primary_key: 'pkey',
  unique: 'key',
  foreign_key: 'fkey',
  check: 'check',
  exclude: 'excl',
}

/**
 * The name a constraint is shown under: its own, or for an unnamed one `table_columns_label`
 * (`users_pkey`, `users_email_key`, `posts_user_id_fkey`, `users_check`), so paths stay readable.
 */
export function constraintDisplayName(table: string, c: Constraint): string {
  if (c.name !== undefined) return c.name
  const columns =
    c.type === 'unique' || c.type === 'foreign_key'
      ? c.columns
      : c.type === 'exclude'
        ? c.elements.map((e) => e.column ?? 'expr')
        : []
  return [table, ...columns, LABELS[c.type]].join('_')
}

/** The name an index is shown under: its own, or `table_col1_col2_idx` (`expr` for expressions). */
export function indexDisplayName(table: string, x: Index): string {
  return x.name ?? [table, ...x.parts.map((p) => p.column ?? 'expr'), 'idx'].join('_')
}

/** The stable path of a change, computed from its own fields only. */
export function changePath(c: ChangeWithoutPath): string {
  if ('object' in c) return `${c.object}:${c.name}`
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
