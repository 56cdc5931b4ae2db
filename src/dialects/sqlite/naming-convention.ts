import type { NamingConvention } from '../../diff/naming-convention.js'
import { sqliteConstraintName, sqliteIndexName } from './object-names.js'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * SQLite's names for unnamed objects (`sqlite_autoindex_users_1` for the index behind an inline
 * unique key) and those schemaledger's SQLite planner gives them (object-names.ts).
 */
export const sqliteNamingConvention: NamingConvention = {
  name: 'sqlite',
  isDefaultConstraintName: (table, c, name) =>
    name === sqliteConstraintName(table, c) ||
    (c.type === 'unique' && new RegExp(`^sqlite_autoindex_${escapeRegExp(table)}_\\d+$`).test(name)),
  isDefaultIndexName: (table, x, name) => name === sqliteIndexName(table, x),
}
