import type { Constraint, Index } from '../model/types.js'
import { mysqlConstraintName, mysqlIndexName } from './mysql-object-names.js'
import { columnsMentioned, postgresConstraintName, postgresIndexName } from './postgres-object-names.js'

// The names databases give constraints and indexes declared without one. An unnamed object in one
// document and the same object under its default name in another (typically introspected) document
// describe the same database, so the diff treats the two names as equal. The conventions of all
// supported databases are accepted, because the diff itself is dialect-neutral:
// - PostgreSQL: `users_pkey`, `users_email_key`, `posts_user_id_fkey`, `users_check` or
//   `users_score_check`, `users_email_idx` (`users_lower_idx` on `lower(email)`); cut to 63 bytes the
//   way PostgreSQL cuts them, and numbered on a clash (`users_check1`).
// - MySQL and MariaDB: `PRIMARY`; a unique key or index named after its first column (`email`,
//   `email_2`); `posts_ibfk_1`; checks `users_chk_1` (MySQL 8), `CONSTRAINT_1` (MariaDB, table level)
//   or the column's name (MariaDB, column level); `functional_index` (MySQL 8, on an expression).
// - SQLite: `sqlite_autoindex_users_1`.
// - schemaledger's MySQL planner: its names (mysql-object-names.ts), `users_<hash>_check` for checks.

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const matches = (pattern: string, name: string) => new RegExp(`^(?:${pattern})$`).test(name)

/**
 * Whether `name` is PostgreSQL's name `make(suffix)` for an object, numbered or not: PostgreSQL
 * resolves a clash by appending 1, 2, ... to the label before truncating (`users_check1`).
 */
function isPostgresName(name: string, make: (suffix: string) => string): boolean {
  return make(/\d*$/.exec(name)?.[0] ?? '') === name
}

/**
 * Whether `name` is a name a database gives `c` on table `table` when none is declared. `columns` are
 * the table's column names: which of them a check mentions decides its default name.
 */
export function isDefaultConstraintName(
  table: string,
  c: Constraint,
  name: string,
  columns: ReadonlySet<string>,
): boolean {
  // A check's name with the one column it mentions is PostgreSQL's; without it, also what
  // schemaledger shows and SQLite's planner creates.
  if (isPostgresName(name, (suffix) => postgresConstraintName(table, c, suffix, columns))) return true
  if (c.type === 'check' && isPostgresName(name, (suffix) => postgresConstraintName(table, c, suffix))) return true
  if (name === mysqlConstraintName(table, c)) return true
  const t = escapeRegExp(table)
  switch (c.type) {
    case 'primary_key':
      return name === 'PRIMARY'
    case 'unique':
      return matches(`${escapeRegExp(c.columns[0] ?? '')}(_\\d+)?|sqlite_autoindex_${t}_\\d+`, name)
    case 'foreign_key':
      return matches(`${t}_ibfk_\\d+`, name)
    case 'check':
      return matches(`${t}_chk_\\d+|CONSTRAINT_\\d+`, name) || columnsMentioned(columns, c.expression).has(name)
  }
}

/** Whether `name` is a name a database gives index `x` on table `table` when none is declared. */
export function isDefaultIndexName(table: string, x: Index, name: string): boolean {
  // schemaledger creates unnamed expression indexes as `table_expr_idx`; PostgreSQL names them after
  // the expression (`users_lower_idx`).
  const isPostgres = (figure: boolean) => isPostgresName(name, (suffix) => postgresIndexName(table, x, suffix, figure))
  const first = x.parts[0]?.column ?? 'functional_index'
  return (
    isPostgres(false) ||
    isPostgres(true) ||
    name === mysqlIndexName(table, x) ||
    matches(`${escapeRegExp(first)}(_\\d+)?`, name)
  )
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
