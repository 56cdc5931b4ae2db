/**
 * The one table of dialect names: each name a caller may write, mapped to the built-in dialect it
 * means. The registries of dialect objects, impact facts and introspectors are all keyed through it.
 */
export const DIALECT_NAMES = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
} as const satisfies Record<DialectAlias, string>

/**
 * A name a caller may write for a built-in dialect (`postgresql` and `mariadb` are aliases). Options
 * that take a dialect name take this union, so a misspelt name does not compile.
 */
export type DialectAlias = 'postgres' | 'postgresql' | 'mysql' | 'mariadb' | 'sqlite'

/** The name of a built-in dialect object. */
export type BuiltinDialectName = (typeof DIALECT_NAMES)[DialectAlias]

/** Whether a text is a dialect name a caller may write (exact spelling). */
export function isDialectAlias(name: string): name is DialectAlias {
  return Object.hasOwn(DIALECT_NAMES, name)
}

/** The built-in dialect a name means (aliases resolved), if it is one; exact spelling. */
export function builtinDialectName(name: string): BuiltinDialectName | undefined {
  return Object.hasOwn(DIALECT_NAMES, name) ? DIALECT_NAMES[name as DialectAlias] : undefined
}

/** A table keyed by every alias, from one value per built-in dialect. */
export function byDialectAlias<T>(values: Readonly<Record<BuiltinDialectName, T>>): Readonly<Record<DialectAlias, T>> {
  const out = {} as Record<DialectAlias, T>
  for (const alias of Object.keys(DIALECT_NAMES) as DialectAlias[]) out[alias] = values[DIALECT_NAMES[alias]]
  return out
}
