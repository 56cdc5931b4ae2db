import type { NamingConvention } from '../../diff/naming-convention.js'
import { postgresConstraintName, postgresIndexName } from './object-names.js'

/**
 * Whether `name` is PostgreSQL's name `make(suffix)` for an object, numbered or not: PostgreSQL
 * resolves a clash by appending 1, 2, ... to the label before truncating (`users_check1`).
 */
function isPostgresName(name: string, make: (suffix: string) => string): boolean {
  return make(/\d*$/.exec(name)?.[0] ?? '') === name
}

/**
 * PostgreSQL's names for unnamed constraints and indexes: `users_pkey`, `users_email_key`,
 * `posts_user_id_fkey`, `users_check` or `users_score_check`, `users_email_idx` (`users_lower_idx` on
 * `lower(email)`, `users_expr_idx` as schemaledger creates it); cut to 63 bytes the way PostgreSQL
 * cuts them, and numbered on a clash (`users_check1`).
 */
export const postgresNamingConvention: NamingConvention = {
  name: 'postgres',
  isDefaultConstraintName: (table, c, name, columns) =>
    // A check's name with the one column it mentions is PostgreSQL's; without it, what the planner
    // of SQLite also creates.
    isPostgresName(name, (suffix) => postgresConstraintName(table, c, suffix, columns)) ||
    (c.type === 'check' && isPostgresName(name, (suffix) => postgresConstraintName(table, c, suffix))),
  isDefaultIndexName: (table, x, name) =>
    isPostgresName(name, (suffix) => postgresIndexName(table, x, suffix, false)) ||
    isPostgresName(name, (suffix) => postgresIndexName(table, x, suffix, true)),
}
