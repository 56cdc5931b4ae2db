import type { Constraint, Index } from '../../model/types.js'
import { postgresConstraintName, postgresIndexName } from '../postgres/object-names.js'

// SQLite has no default names of its own for what the planner creates (only `sqlite_autoindex_*` for
// the indexes behind inline keys), so the planner names unnamed objects as PostgreSQL would: a
// document read back from a database the planner wrote compares equal on every dialect.

/** The name schemaledger's SQLite planner gives a constraint: its own, or `users_email_key`, `users_check`. @internal */
export function sqliteConstraintName(table: string, c: Constraint): string {
  return c.name ?? postgresConstraintName(table, c)
}

/** The name schemaledger's SQLite planner gives an index: its own, or `users_email_idx` (`expr` for an expression). @internal */
export function sqliteIndexName(table: string, x: Index): string {
  return x.name ?? postgresIndexName(table, x)
}
