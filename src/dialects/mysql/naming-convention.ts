import type { NamingConvention } from '../../diff/naming-convention.js'
import { columnsMentioned } from '../../sql-text/columns-mentioned.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const matches = (pattern: string, name: string) => new RegExp(`^(?:${pattern})$`).test(name)

/**
 * MySQL's and MariaDB's names for unnamed constraints and indexes, and those of schemaledger's MySQL
 * planner (object-names.ts): `PRIMARY`; a unique key or index named after its first column (`email`,
 * `email_2`); `posts_ibfk_1`; checks `users_chk_1` (MySQL 8), `CONSTRAINT_1` (MariaDB, table level)
 * or the column's name (MariaDB, column level); `functional_index` (MySQL 8, on an expression).
 */
export const mysqlNamingConvention: NamingConvention = {
  name: 'mysql',
  isDefaultConstraintName: (table, c, name, columns) => {
    if (name === mysqlConstraintName(table, c)) return true
    const t = escapeRegExp(table)
    switch (c.type) {
      case 'primary_key':
        return name === 'PRIMARY'
      case 'unique':
        return matches(`${escapeRegExp(c.columns[0] ?? '')}(_\\d+)?`, name)
      case 'foreign_key':
        return matches(`${t}_ibfk_\\d+`, name)
      case 'check':
        return matches(`${t}_chk_\\d+|CONSTRAINT_\\d+`, name) || columnsMentioned(columns, c.expression).has(name)
      case 'exclude':
        return false
    }
  },
  isDefaultIndexName: (table, x, name) =>
    name === mysqlIndexName(table, x) ||
    matches(`${escapeRegExp(x.parts[0]?.column ?? 'functional_index')}(_\\d+)?`, name),
}
