import { type DialectAlias, isDialectAlias } from '../dialects/dialect-names.js'
import { MIGRATION_LAYOUTS, type MigrationLayout } from '../sources/migration-layouts.js'
import { UsageError } from './cli-errors.js'
import type { OptionSpec } from './command.js'

// Flags several commands share, spelled and described once.

/**
 * The database dialects the commands accept (`postgresql` and `mariadb` are aliases).
 *
 * @example
 * ```ts
 * DIALECTS.includes('sqlite') // true
 * ```
 */
export const DIALECTS: readonly DialectAlias[] = ['postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite']

/**
 * `-h, --help`, added to every command.
 *
 * @example
 * ```ts
 * const options = { ...HELP_OPTION, ...OUTPUT_OPTION }
 * ```
 */
export const HELP_OPTION = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Record<string, OptionSpec>

/**
 * `--color` / `--no-color`, for commands that can colour their output.
 *
 * @example
 * ```ts
 * const options = { ...COLOR_OPTIONS, format: FORMAT }
 * ```
 */
export const COLOR_OPTIONS = {
  color: { type: 'boolean', description: 'colour the output even when it is not a terminal' },
  'no-color': { type: 'boolean', description: 'never colour the output (as does NO_COLOR=1)' },
} as const satisfies Record<string, OptionSpec>

/**
 * `-o, --output <file>`.
 *
 * @example
 * ```ts
 * await writeOutput(io, text, values.output)
 * ```
 */
export const OUTPUT_OPTION = {
  output: {
    type: 'string',
    short: 'o',
    value: 'file',
    description: 'write to this file (atomically) instead of standard output',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * `--store <dir|url>`, where `store:name@ref` documents are read from.
 *
 * @example
 * ```ts
 * const reader = createDocumentReader(io, { storeDir: values.store })
 * ```
 */
export const STORE_OPTION = {
  store: {
    type: 'string',
    value: 'dir|url',
    default: '.schemaledger',
    description:
      'the store that store:name@ref documents come from (a directory, postgres://, mysql://, redis://, sqlite:)',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * `--max-input-size <size>`: the largest document (or renames or profile file) a command reads.
 *
 * @example
 * ```ts
 * const reader = createDocumentReader(io, { storeDir: values.store, maxInputSize: values['max-input-size'] })
 * ```
 */
export const MAX_INPUT_OPTION = {
  'max-input-size': {
    type: 'string',
    value: 'size',
    description: 'largest input read, e.g. 16MiB (default 64MiB, or SCHEMALEDGER_MAX_INPUT_SIZE)',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * `--dialect <name>` (required by the commands that write SQL, optional for `diff`).
 *
 * @example
 * ```ts
 * const options = { ...DIALECT_OPTION }
 * ```
 */
export const DIALECT_OPTION = {
  dialect: { type: 'string', value: 'name', choices: DIALECTS, description: 'the target database' },
} as const satisfies Record<string, OptionSpec>

/**
 * `--dialect-version <version>`: the target server version that rules and SQL depend on.
 *
 * @example
 * ```ts
 * analyzeImpact(diff, { dialect, dialectVersion: values['dialect-version'] })
 * ```
 */
export const DIALECT_VERSION_OPTION = {
  'dialect-version': {
    type: 'string',
    value: 'version',
    description: 'server version of the target (15, 8.0.12, 10.11-MariaDB); default: the dialect’s documented one',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * The major version in a `--dialect-version` value (`8.0.12` -> 8), for `planMigration`.
 *
 * @example
 * ```ts
 * majorVersion('10.11.6-MariaDB') // 10
 * ```
 */
export function majorVersion(version: string | undefined): number | undefined {
  const major = version === undefined ? undefined : /^\s*(\d+)/.exec(version)?.[1]
  return major === undefined ? undefined : Number(major)
}

/**
 * The `--dialect` value of a command that cannot work without one.
 *
 * @example
 * ```ts
 * const dialect = requireDialect(values.dialect) // throws UsageError when missing
 * ```
 */
export function requireDialect(dialect: string | undefined): DialectAlias {
  if (dialect === undefined) throw new UsageError(`--dialect is required (${DIALECTS.join(', ')})`)
  if (!isDialectAlias(dialect)) throw new UsageError(`--dialect ${dialect} is not one of ${DIALECTS.join(', ')}`)
  return dialect
}

/**
 * The `--dialect` value, if given, as the library's dialect name.
 *
 * @example
 * ```ts
 * dialectFlag('mariadb') // 'mariadb'; dialectFlag('oracle') throws UsageError
 * ```
 */
export function dialectFlag(dialect: string | undefined): DialectAlias | undefined {
  if (dialect === undefined || isDialectAlias(dialect)) return dialect
  throw new UsageError(`--dialect ${dialect} is not one of ${DIALECTS.join(', ')}`)
}

/**
 * `--input-dialect`, `--dev-url` and `--strict`: how `.sql` document arguments are read (run on an
 * embedded engine or a dev server's scratch database, then introspected).
 *
 * @example
 * ```ts
 * const options = { ...STORE_OPTION, ...SQL_INPUT_OPTIONS }
 * ```
 */
export const SQL_INPUT_OPTIONS = {
  'input-dialect': {
    type: 'string',
    value: 'name',
    choices: DIALECTS,
    description: 'the dialect .sql documents are written in (default: detected from the text, else --dialect)',
  },
  'dev-url': {
    type: 'string',
    value: 'url',
    description: 'a server on which .sql documents run in a scratch database (needed for MySQL/MariaDB)',
  },
  strict: {
    type: 'boolean',
    description: 'statements of .sql documents that are not run (roles, grants, CREATE DATABASE) are errors',
  },
  layout: {
    type: 'string',
    value: 'layout',
    choices: MIGRATION_LAYOUTS,
    description: 'the layout of migration folders given as <dir>@<migration> (default: detected)',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * How `.sql` documents are read, from a command's flags: for {@link createDocumentReader}'s `sql`.
 *
 * @example
 * ```ts
 * createDocumentReader(io, { storeDir: values.store, sql: sqlInputOf(values) })
 * ```
 */
export function sqlInputOf(values: {
  readonly 'input-dialect'?: string | undefined
  readonly 'dev-url'?: string | undefined
  readonly strict?: boolean | undefined
  readonly dialect?: string | undefined
  readonly layout?: string | undefined
}): SqlInput {
  return {
    dialect: values['input-dialect'],
    fallbackDialect: values.dialect,
    devUrl: values['dev-url'],
    strict: values.strict === true,
    layout: values.layout as MigrationLayout | undefined,
  }
}

/**
 * How `.sql` documents are read: the dialect given (else detected, else the fallback), the dev
 * server, strictness.
 *
 * @example
 * ```ts
 * const sql: SqlInput = { dialect: undefined, fallbackDialect: 'postgres', devUrl: undefined, strict: false }
 * ```
 */
export interface SqlInput {
  readonly dialect: string | undefined
  readonly fallbackDialect: string | undefined
  readonly devUrl: string | undefined
  readonly strict: boolean
  /** The layout of migration folders (detected when undefined). */
  readonly layout?: MigrationLayout | undefined
}
