import type { NamingConvention } from '../diff/naming-convention.js'
import { mysqlNamingConvention } from './mysql/naming-convention.js'
import { postgresNamingConvention } from './postgres/naming-convention.js'
import { sqliteNamingConvention } from './sqlite/naming-convention.js'

/**
 * The naming conventions of the built-in dialects (PostgreSQL, MySQL and MariaDB with schemaledger's
 * MySQL planner, SQLite with its planner), in that order: what `diffSchemas` recognizes unless
 * `namingConventions` says otherwise. Each has a `name`, to keep some of them:
 *
 * @example
 * ```ts
 * const postgresOnly = builtInNamingConventions.filter((n) => n.name === 'postgres')
 * diffSchemas(documented, introspected, { namingConventions: postgresOnly })
 * ```
 */
export const builtInNamingConventions: readonly NamingConvention[] = Object.freeze([
  postgresNamingConvention,
  mysqlNamingConvention,
  sqliteNamingConvention,
])
