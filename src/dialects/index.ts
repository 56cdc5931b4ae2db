import { InvalidOptionError } from '../errors.js'
import type { Dialect } from './dialect.js'
import { byDialectAlias, type DialectAlias } from './dialect-names.js'
import { mysql } from './mysql/dialect.js'
import { postgres } from './postgres/dialect.js'
import { sqlite } from './sqlite/dialect.js'

/**
 * The built-in dialects by name (`mariadb` is an alias of `mysql`).
 *
 * @example
 * ```ts
 * Object.keys(dialects) // ['postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite']
 * const ddl = createSchemaSQL(schema, dialects.sqlite)
 * ```
 */
export const dialects: Readonly<Record<DialectAlias, Dialect>> = byDialectAlias<Dialect>({ postgres, mysql, sqlite })

/**
 * A dialect object from a name (`postgres`, `mysql`, `mariadb`, `sqlite`) or a dialect itself.
 *
 * @example
 * ```ts
 * resolveDialect('postgres').capabilities.transactionalDDL // true
 * ```
 */
export function resolveDialect(dialect: Dialect | DialectAlias): Dialect {
  if (typeof dialect !== 'string') return dialect
  const name = dialect.toLowerCase()
  // Checked at run time too: a JavaScript caller (or a cast) may pass any text.
  const found = Object.hasOwn(dialects, name) ? dialects[name as DialectAlias] : undefined
  if (!found)
    throw new InvalidOptionError('dialect', `"${dialect}" is not a dialect (postgres, mysql, mariadb, sqlite)`)
  return found
}
