import { builtinDialectName } from '../dialects/dialect-names.js'
import type { IntrospectOptions, UnmodelledObject } from '../dialects/introspect-types.js'
import { InvalidOptionError } from '../errors.js'
import { introspectDatabase } from '../introspect/index.js'
import type { Schema } from '../model/types.js'
import { createScriptRunner, type SqlNote } from './run-script.js'
import { openScratchDatabase, type ScratchDatabase } from './scratch-database.js'
import { splitStatements } from './split-statements.js'

/**
 * Options of {@link readSQL}.
 *
 * @example
 * ```ts
 * const options: ReadSqlOptions = { dialect: 'mysql', devUrl: 'mysql://root@localhost:3306', file: 'schema.sql' }
 * ```
 */
export interface ReadSqlOptions {
  /** Which engine runs the text: PostgreSQL on PGlite, SQLite on sql.js, MySQL/MariaDB on `devUrl`. */
  readonly dialect: IntrospectOptions['dialect']
  /**
   * A server on which a scratch database is created, read and dropped: required for MySQL/MariaDB,
   * optional for PostgreSQL (instead of PGlite, e.g. for an extension PGlite lacks).
   */
  readonly devUrl?: string | undefined
  /** The file name errors and notes give (default `<sql>`). */
  readonly file?: string | undefined
  /** Statements that were not run (roles, grants, `CREATE DATABASE`) become errors instead of notes. */
  readonly strict?: boolean | undefined
  /** PostgreSQL namespace to read (default: every namespace the SQL creates, `public` included). */
  readonly schema?: string | undefined
}

/**
 * What {@link readSQL} read: the schema, what the database held that the model cannot, and the
 * statements that were not run.
 *
 * @example
 * ```ts
 * const { schema, notes } = await readSQL(text, { dialect: 'postgres' })
 * for (const n of notes) console.warn(`${n.file}:${n.line}: ${n.count} statement(s) skipped: ${n.reason}`)
 * ```
 */
export interface SqlReading {
  readonly schema: Schema
  readonly unmodelled: readonly UnmodelledObject[]
  readonly notes: readonly SqlNote[]
}

/** The built-in dialect a name means, or an error naming the choices. @internal */
export function scriptDialect(name: string): 'postgres' | 'mysql' | 'sqlite' {
  const dialect = builtinDialectName(name)
  if (!dialect) throw new InvalidOptionError('dialect', `"${name}" is not a dialect (postgres, mysql, mariadb, sqlite)`)
  return dialect
}

/** The extensions a PostgreSQL text creates, so that PGlite can load them before it starts. @internal */
export function extensionsCreatedBy(text: string): string[] {
  const names: string[] = []
  for (const { sql } of splitStatements(text, 'postgres')) {
    const m = /^CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"([^"]+)"|([A-Za-z_][\w-]*))/i.exec(sql)
    if (m) names.push((m[1] ?? (m[2] as string).toLowerCase()) as string)
  }
  return names
}

/**
 * Opens the scratch database SQL text runs on, with the extensions the texts create. @internal
 */
export function openFor(
  dialect: 'postgres' | 'mysql' | 'sqlite',
  texts: readonly string[],
  devUrl: string | undefined,
): Promise<ScratchDatabase> {
  const extensions = dialect === 'postgres' && devUrl === undefined ? texts.flatMap(extensionsCreatedBy) : []
  return openScratchDatabase({ dialect, devUrl, extensions })
}

/**
 * Reads SQL DDL (a `schema.sql`, `pg_dump -s` or `mysqldump --no-data` output) into the model by
 * running it on a real engine and introspecting the result: PostgreSQL on PGlite (its contrib
 * extensions loaded when the text creates them), SQLite on sql.js, MySQL/MariaDB in a scratch database
 * on `devUrl`, dropped afterwards. The engine does the parsing; statements that act outside the one
 * database or that it rejects without the schema changing (roles, grants, owners) are skipped and
 * listed in `notes`. A rejected statement throws {@link SqlScriptError} with the file, line and
 * the engine's message.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * import { readSQL } from 'schemaledger/sources'
 * const { schema } = await readSQL(await readFile('schema.sql', 'utf8'), { dialect: 'postgres', file: 'schema.sql' })
 * ```
 */
export async function readSQL(text: string, options: ReadSqlOptions): Promise<SqlReading> {
  const dialect = scriptDialect(options.dialect)
  const db = await openFor(dialect, [text], options.devUrl)
  try {
    const runner = createScriptRunner(db, { dialect, strict: options.strict, onServer: options.devUrl !== undefined })
    await runner.run(text, options.file ?? '<sql>')
    await runner.settle()
    const introspectOptions: IntrospectOptions = {
      ...db.introspect,
      ...(options.dialect === 'mariadb' ? { dialect: 'mariadb' as const } : {}),
      ...(options.schema !== undefined && dialect === 'postgres' ? { schema: options.schema } : {}),
    }
    const { schema, unmodelled } = await introspectDatabase(db.query, introspectOptions)
    return { schema, unmodelled, notes: runner.notes() }
  } finally {
    await db.close()
  }
}
