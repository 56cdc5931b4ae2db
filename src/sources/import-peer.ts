import { SchemaLedgerError } from '../errors.js'

/**
 * Imports an optional peer (`@electric-sql/pglite`, its contrib extensions, `sql.js`, `pg`,
 * `mysql2/promise`); the name is a variable so that bundlers leave it to run time. The one module of
 * `sources/` that loads engines: a bundled browser build (the web app's worker) puts a module with
 * literal imports in its place, since a bare name cannot be imported at run time in a browser.
 *
 * @example
 * ```ts
 * const { PGlite } = await importPeer<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', 'Reading PostgreSQL text')
 * ```
 * @internal
 */
export async function importPeer<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T
  } catch (error) {
    throw new SchemaLedgerError(
      'missing_dependency',
      `${purpose} needs the "${name}" package, which is not installed: npm install --save-dev ${packageOf(name)}`,
      { cause: error },
    )
  }
}

/** The package a module specifier belongs to (`mysql2/promise` -> `mysql2`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)
}
