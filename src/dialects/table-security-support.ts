import { constraintDisplayName, tablePath } from '../diff/change-path.js'
import type { Table } from '../model/types.js'

// What only PostgreSQL has among a table's parts: row-level security, policies, privileges planned as
// GRANT/REVOKE on roles, exclusion constraints, NOT VALID and NO INHERIT. MySQL/MariaDB and SQLite
// refuse them (`unsupported_feature`) rather than leave the database different from the schema.

/**
 * Why a dialect other than PostgreSQL cannot create the table's PostgreSQL-only parts, one line
 * each, prefixed with the table's path (and the constraint's name).
 *
 * @example
 * ```ts
 * postgresOnlyProblems({ ...users, rowSecurity: 'enabled' }, 'SQLite') // ['users: row-level security: not in SQLite']
 * ```
 * @internal
 */
export function postgresOnlyProblems(table: Table, dialect: string): string[] {
  const at = tablePath(table.name, table.schema)
  const out: string[] = []
  if (table.rowSecurity) out.push(`${at}: row-level security: not in ${dialect}`)
  for (const p of table.policies ?? []) out.push(`${at}.${p.name}: a row-level security policy: not in ${dialect}`)
  if (table.owner !== undefined)
    out.push(`${at}: an owner role: not planned for ${dialect} (owners are modelled as PostgreSQL's)`)
  if ((table.grants ?? []).length > 0)
    out.push(`${at}: grants to roles: not planned for ${dialect} (privileges are modelled as PostgreSQL's)`)
  for (const c of table.columns)
    if ((c.sequenceGrants ?? []).length > 0)
      out.push(
        `${at}.${c.name}: grants on its sequence: not planned for ${dialect} (privileges are modelled as PostgreSQL's)`,
      )
  for (const c of table.constraints) {
    const where = `${at}.${constraintDisplayName(table.name, c)}`
    if (c.type === 'exclude') out.push(`${where}: an exclusion constraint (EXCLUDE): not in ${dialect}`)
    if ((c.type === 'check' || c.type === 'foreign_key') && c.notValid)
      out.push(`${where}: NOT VALID: not in ${dialect}`)
    if (c.type === 'check' && c.noInherit) out.push(`${where}: NO INHERIT: not in ${dialect} (no table inheritance)`)
  }
  return out
}

/**
 * The problems of an `alter_table` change's PostgreSQL-only fields (`rowSecurity`, `policies`,
 * `grants`) for a dialect that has none.
 * @internal
 */
export function postgresOnlyTableChanges(path: string, changes: readonly string[], dialect: string): string[] {
  const what: Readonly<Record<string, string>> = {
    rowSecurity: 'row-level security',
    policies: 'row-level security policies',
    grants: 'grants to roles',
    owner: 'an owner role',
  }
  return changes.flatMap((f) => (what[f] ? [`${path}: ${what[f]}: not in ${dialect}`] : []))
}
