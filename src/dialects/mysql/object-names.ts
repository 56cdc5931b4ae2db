import { listedColumns } from '../../model/constraint-columns.js'
import type { Constraint, Index } from '../../model/types.js'
import { normalizeExpression } from '../../sql-text/normalize-expression.js'
import { postgresNameAddition, postgresObjectName } from '../postgres/object-names.js'

// The names schemaledger's MySQL planner creates unnamed constraints and indexes under. The diff
// accepts them as equal to no name (a database the planner wrote reads back as its document), and the
// planner finds objects it created by them, so both read them from here.

/**
 * The `extra` key under which introspection keeps the name MariaDB gave a check declared on a column
 * (the column's name): such a check is read as unnamed, and this name is the one to drop it by.
 * @internal
 */
export const CHECK_NAME_KEY = 'mysqlName'

/** FNV-1a of `text` as 8 hex digits. */
function shortHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/**
 * `table_columns_label` when it fits in 63 bytes (which fits MySQL's 64 characters): PostgreSQL's own
 * name for the object. A longer one is cut as PostgreSQL cuts names, with a hash of the whole name
 * before the label: two names cut to the same prefix (keys on columns that start alike) stay apart.
 */
function mysqlObjectName(table: string, columns: readonly string[], label: string): string {
  const addition = postgresNameAddition(columns)
  const plain = postgresObjectName(table, addition, label)
  const whole = `${table}_${columns.join('_')}_${label}`
  return plain === whole ? plain : postgresObjectName(table, addition, `${shortHash(whole)}_${label}`)
}

/**
 * The name schemaledger's MySQL planner gives an unnamed check: `table_<hash>_check`, the hash taken
 * from the normalized expression, so that a table's unnamed checks get distinct names that do not
 * depend on their neighbours (check names are unique per table on MariaDB and per database on MySQL).
 *
 * @example
 * ```ts
 * mysqlCheckName('users', 'score >= 0') // 'users_<8 hex digits>_check'
 * ```
 * @internal
 */
export function mysqlCheckName(table: string, expression: string): string {
  return postgresObjectName(table, shortHash(normalizeExpression(expression)), 'check')
}

/**
 * The name a constraint has in MySQL: its own; `PRIMARY` for the primary key (MySQL's only name for
 * it); for an unnamed check, the name MariaDB gave it (see {@link CHECK_NAME_KEY}) or {@link mysqlCheckName}; PostgreSQL's name (`users_email_key`,
 * `posts_user_id_fkey`) for other unnamed ones, with a hash when it had to be cut.
 *
 * @example
 * ```ts
 * mysqlConstraintName('users', { type: 'unique', columns: ['email'] }) // 'users_email_key'
 * ```
 * @internal
 */
export function mysqlConstraintName(table: string, c: Constraint): string {
  if (c.type === 'primary_key') return 'PRIMARY'
  if (c.name !== undefined) return c.name
  if (c.type === 'check') {
    const recorded = c.extra?.[CHECK_NAME_KEY]
    return typeof recorded === 'string' ? recorded : mysqlCheckName(table, c.expression)
  }
  return mysqlObjectName(table, listedColumns(c), c.type === 'unique' ? 'key' : c.type === 'exclude' ? 'excl' : 'fkey')
}

/**
 * The name an index has in MySQL: its own, or `table_col1_col2_idx` (`expr` for an expression), with
 * a hash when it had to be cut.
 *
 * @example
 * ```ts
 * mysqlIndexName('users', { parts: [{ column: 'email' }] }) // 'users_email_idx'
 * ```
 * @internal
 */
export function mysqlIndexName(table: string, x: Index): string {
  return (
    x.name ??
    mysqlObjectName(
      table,
      x.parts.map((p) => p.column ?? 'expr'),
      'idx',
    )
  )
}
