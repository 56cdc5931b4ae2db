import { InvalidOptionError } from '../errors.js'
import type { Dialect } from './dialect.js'
import type { DialectImpactFacts } from './dialect-facts.js'
import { byDialectAlias } from './dialect-names.js'
import { mysqlImpactFacts } from './mysql/impact.js'
import { postgresImpactFacts } from './postgres/impact.js'
import { sqliteImpactFacts } from './sqlite/impact.js'

/**
 * The impact facts of the built-in dialects by name (`postgresql` and `mariadb` are aliases).
 *
 * @example
 * ```ts
 * const cockroach = { ...impactFacts.postgres, dialect: 'postgres', defaultVersion: '16' }
 * ```
 */
export const impactFacts: Readonly<Record<string, DialectImpactFacts>> = byDialectAlias({
  postgres: postgresImpactFacts,
  mysql: mysqlImpactFacts,
  sqlite: sqliteImpactFacts,
})

/**
 * The impact facts for a dialect: the ones given, else the built-in ones of its name.
 *
 * @example
 * ```ts
 * impactFactsFor('mariadb').dialect // 'mysql'
 * ```
 */
export function impactFactsFor(dialect: Dialect | string, given?: DialectImpactFacts): DialectImpactFacts {
  if (given) return given
  const name = (typeof dialect === 'string' ? dialect : dialect.name).toLowerCase()
  const found = Object.hasOwn(impactFacts, name) ? impactFacts[name] : undefined
  if (!found) {
    throw new InvalidOptionError(
      'facts',
      `no impact facts for dialect "${name}": pass analyzeImpact(diff, { dialect, facts }) (see DialectImpactFacts)`,
    )
  }
  return found
}
