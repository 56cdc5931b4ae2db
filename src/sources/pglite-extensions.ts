/** An extension PGlite can load: the module that holds it and the name that module exports it by. @internal */
export interface PgliteExtension {
  /** The module to import: `@electric-sql/pglite/contrib/<name>`, or a package of its own. */
  readonly module: string
  /** The export of {@link module} that PGlite's `extensions` option takes. */
  readonly exported: string
}

/**
 * PGlite's contrib modules (`@electric-sql/pglite/contrib/<name>`), every one it ships but
 * `auto_explain`: that is a library loaded with `LOAD`, not an extension (it has no control file, so
 * `CREATE EXTENSION auto_explain` fails on every PostgreSQL). The module `uuid_ossp` holds the
 * `uuid-ossp` extension; `moddatetime` holds contrib's spi bundle (see {@link SPI_EXTENSIONS}).
 */
const CONTRIB_MODULES = [
  'amcheck',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'file_fdw',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'moddatetime',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_stat_statements',
  'pg_surgery',
  'pg_trgm',
  'pg_visibility',
  'pg_walinspect',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid_ossp',
] as const

/** Extensions of contrib's spi bundle, which PGlite loads whole with its `moddatetime` module. */
const SPI_EXTENSIONS = ['autoinc', 'insert_username', 'refint'] as const

/**
 * The package of pgvector for PGlite: optional, a separate package whose versions each name the one
 * PGlite release they were built with (an npm `overrides` entry lets it sit beside a newer PGlite).
 */
export const PGVECTOR_PACKAGE = '@electric-sql/pglite-pgvector'

/**
 * Every extension PGlite can load, by the name `CREATE EXTENSION` uses: its contrib modules, the
 * extensions of the spi bundle, and `vector` from {@link PGVECTOR_PACKAGE} when that is installed.
 * readSQL loads the ones a text creates; the web app bundles each module; the test engines load them all.
 *
 * @example
 * ```ts
 * PGLITE_EXTENSIONS['uuid-ossp'] // { module: '@electric-sql/pglite/contrib/uuid_ossp', exported: 'uuid_ossp' }
 * ```
 * @internal
 */
export const PGLITE_EXTENSIONS: Readonly<Record<string, PgliteExtension>> = Object.fromEntries([
  ...CONTRIB_MODULES.map((name) => [
    name === 'uuid_ossp' ? 'uuid-ossp' : name,
    { module: `@electric-sql/pglite/contrib/${name}`, exported: name },
  ]),
  ...SPI_EXTENSIONS.map((name) => [
    name,
    { module: '@electric-sql/pglite/contrib/moddatetime', exported: 'moddatetime' },
  ]),
  ['vector', { module: PGVECTOR_PACKAGE, exported: 'vector' }],
])
