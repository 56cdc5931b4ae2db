// The web app's stand-in for the library's src/sources/import-peer.ts (swapped in by the Vite plugin in
// vite.config.ts). The library imports its optional engines by a name held in a variable, which a
// browser cannot resolve at run time; here each is a literal import that Vite bundles: PGlite, each of
// its contrib extensions and pgvector's package (each its own chunk, fetched only when a text creates
// it; the list is the library's PGLITE_EXTENSIONS) and sql.js, whose wasm file is an asset of the
// build. Everything comes from the app's own origin.
import { SchemaLedgerError } from 'schemaledger'
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url'

type SqlJsInit = typeof import('sql.js').default
type SqlJsConfig = Parameters<SqlJsInit>[0]

/**
 * Every module the library's sources may ask for in a browser, by the name it asks with.
 *
 * @example
 * ```ts
 * const { PGlite } = (await BROWSER_PEERS['@electric-sql/pglite']?.()) as typeof import('@electric-sql/pglite')
 * ```
 */
export const BROWSER_PEERS: Readonly<Record<string, () => Promise<unknown>>> = {
  '@electric-sql/pglite': () => import('@electric-sql/pglite'),
  '@electric-sql/pglite/contrib/amcheck': () => import('@electric-sql/pglite/contrib/amcheck'),
  '@electric-sql/pglite/contrib/bloom': () => import('@electric-sql/pglite/contrib/bloom'),
  '@electric-sql/pglite/contrib/btree_gin': () => import('@electric-sql/pglite/contrib/btree_gin'),
  '@electric-sql/pglite/contrib/btree_gist': () => import('@electric-sql/pglite/contrib/btree_gist'),
  '@electric-sql/pglite/contrib/citext': () => import('@electric-sql/pglite/contrib/citext'),
  '@electric-sql/pglite/contrib/cube': () => import('@electric-sql/pglite/contrib/cube'),
  '@electric-sql/pglite/contrib/dict_int': () => import('@electric-sql/pglite/contrib/dict_int'),
  '@electric-sql/pglite/contrib/dict_xsyn': () => import('@electric-sql/pglite/contrib/dict_xsyn'),
  '@electric-sql/pglite/contrib/earthdistance': () => import('@electric-sql/pglite/contrib/earthdistance'),
  '@electric-sql/pglite/contrib/file_fdw': () => import('@electric-sql/pglite/contrib/file_fdw'),
  '@electric-sql/pglite/contrib/fuzzystrmatch': () => import('@electric-sql/pglite/contrib/fuzzystrmatch'),
  '@electric-sql/pglite/contrib/hstore': () => import('@electric-sql/pglite/contrib/hstore'),
  '@electric-sql/pglite/contrib/intarray': () => import('@electric-sql/pglite/contrib/intarray'),
  '@electric-sql/pglite/contrib/isn': () => import('@electric-sql/pglite/contrib/isn'),
  '@electric-sql/pglite/contrib/lo': () => import('@electric-sql/pglite/contrib/lo'),
  '@electric-sql/pglite/contrib/ltree': () => import('@electric-sql/pglite/contrib/ltree'),
  '@electric-sql/pglite/contrib/moddatetime': () => import('@electric-sql/pglite/contrib/moddatetime'),
  '@electric-sql/pglite/contrib/pageinspect': () => import('@electric-sql/pglite/contrib/pageinspect'),
  '@electric-sql/pglite/contrib/pg_buffercache': () => import('@electric-sql/pglite/contrib/pg_buffercache'),
  '@electric-sql/pglite/contrib/pg_freespacemap': () => import('@electric-sql/pglite/contrib/pg_freespacemap'),
  '@electric-sql/pglite/contrib/pg_stat_statements': () => import('@electric-sql/pglite/contrib/pg_stat_statements'),
  '@electric-sql/pglite/contrib/pg_surgery': () => import('@electric-sql/pglite/contrib/pg_surgery'),
  '@electric-sql/pglite/contrib/pg_trgm': () => import('@electric-sql/pglite/contrib/pg_trgm'),
  '@electric-sql/pglite/contrib/pg_visibility': () => import('@electric-sql/pglite/contrib/pg_visibility'),
  '@electric-sql/pglite/contrib/pg_walinspect': () => import('@electric-sql/pglite/contrib/pg_walinspect'),
  '@electric-sql/pglite/contrib/pgcrypto': () => import('@electric-sql/pglite/contrib/pgcrypto'),
  '@electric-sql/pglite/contrib/seg': () => import('@electric-sql/pglite/contrib/seg'),
  '@electric-sql/pglite/contrib/tablefunc': () => import('@electric-sql/pglite/contrib/tablefunc'),
  '@electric-sql/pglite/contrib/tcn': () => import('@electric-sql/pglite/contrib/tcn'),
  '@electric-sql/pglite/contrib/tsm_system_rows': () => import('@electric-sql/pglite/contrib/tsm_system_rows'),
  '@electric-sql/pglite/contrib/tsm_system_time': () => import('@electric-sql/pglite/contrib/tsm_system_time'),
  '@electric-sql/pglite/contrib/unaccent': () => import('@electric-sql/pglite/contrib/unaccent'),
  '@electric-sql/pglite/contrib/uuid_ossp': () => import('@electric-sql/pglite/contrib/uuid_ossp'),
  '@electric-sql/pglite-pgvector': () => import('@electric-sql/pglite-pgvector'),
  // sql.js finds its wasm next to its script by default: in a worker that is the worker's folder.
  'sql.js': async () => {
    const init = (await import('sql.js')).default as SqlJsInit
    const located = (config?: SqlJsConfig) => init({ ...config, locateFile: () => sqlWasmUrl })
    return { default: located }
  },
}

/**
 * Imports an optional engine for the library's sources, as the library's own `importPeer` does; the
 * ones a browser cannot have (the `pg` and `mysql2` drivers of dev servers) are a plain error.
 *
 * @example
 * ```ts
 * const { default: init } = await importPeer<{ default: typeof import('sql.js').default }>('sql.js', 'Reading SQLite text')
 * ```
 */
export async function importPeer<T>(name: string, purpose: string): Promise<T> {
  const load = Object.hasOwn(BROWSER_PEERS, name) ? BROWSER_PEERS[name] : undefined
  if (!load) {
    throw new SchemaLedgerError(
      'not_in_browser',
      `${purpose} needs "${name}", which cannot run in a browser: use the command line for it`,
    )
  }
  return (await load()) as T
}
