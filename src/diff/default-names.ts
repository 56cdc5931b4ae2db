import type { Constraint, Index } from '../model/types.js'

// The names databases give constraints and indexes declared without one. An unnamed object in one
// document and the same object under its default name in another (typically introspected) document
// describe the same database, so the diff treats the two names as equal. The conventions of all
// supported databases are accepted, because the diff itself is dialect-neutral.

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `name` is a name a database gives `c` on table `table` when none is declared. */
export function isDefaultConstraintName(table: string, c: Constraint, name: string): boolean {
  const t = escapeRegExp(table)
  const cols = c.type === 'check' ? '' : escapeRegExp(c.columns.join('_'))
  const first = c.type === 'check' ? '' : escapeRegExp(c.columns[0] ?? '')
  const patterns: Record<Constraint['type'], string[]> = {
    // PostgreSQL users_pkey; MySQL PRIMARY.
    primary_key: [`${t}_pkey`, 'PRIMARY'],
    // PostgreSQL users_email_key; MySQL names the unique index after its first column (email, email_2).
    unique: [`${t}_${cols}_key\\d*`, `${first}(_\\d+)?`, `sqlite_autoindex_${t}_\\d+`],
    // PostgreSQL posts_user_id_fkey; MySQL posts_ibfk_1.
    foreign_key: [`${t}_${cols}_fkey\\d*`, `${t}_ibfk_\\d+`],
    // PostgreSQL users_check, users_score_check1; MySQL users_chk_1.
    check: [`${t}(_\\w+)?_check\\d*`, `${t}_chk_\\d+`],
  }
  return patterns[c.type].some((p) => new RegExp(`^(?:${p})$`).test(name))
}

/** Whether `name` is a name a database gives index `x` on table `table` when none is declared. */
export function isDefaultIndexName(table: string, x: Index, name: string): boolean {
  const cols = x.parts.map((p) => p.column ?? 'expr').join('_')
  const first = x.parts[0]?.column ?? ''
  // PostgreSQL users_email_idx (users_email_idx1 on a clash); MySQL names it after its first column.
  const patterns = [`${escapeRegExp(table)}_${escapeRegExp(cols)}_idx\\d*`, `${escapeRegExp(first)}(_\\d+)?`]
  return patterns.some((p) => new RegExp(`^(?:${p})$`).test(name))
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
