import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { IntrospectOptions, QueryFunction, Row } from '../../dialects/introspect-types.js'
import { InvalidOptionError, isSchemaLedgerError } from '../../errors.js'
import { introspectDatabase } from '../../introspect/index.js'
import { serializeSchema } from '../../model/serialize-schema.js'
import { redactUrl } from '../../sources/redact-url.js'
import { sqlJsQuery } from '../../verify/embedded-engines.js'
import { CliInputError, UsageError } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import { OUTPUT_OPTION } from '../common-options.js'
import { ExitCode } from '../exit-codes.js'
import { writeOutput } from '../write-output.js'

/** A database connection opened with the user's driver. */
interface Connection {
  readonly dialect: IntrospectOptions['dialect']
  readonly query: QueryFunction
  close(): Promise<void>
}

/**
 * Imports an optional peer dependency; undefined when it is not installed (or cannot load).
 * The name is a variable so bundlers and type checkers leave the import to run time.
 */
async function importOptional(name: string): Promise<unknown> {
  try {
    return await import(name)
  } catch {
    return undefined
  }
}

const missing = (what: string, pkg: string, alternative?: string) =>
  new CliInputError(
    'missing_driver',
    `reading ${what} needs the "${pkg}" package${alternative ? ` (or "${alternative}")` : ''}, which is not installed: npm i ${pkg}`,
  )

async function openPostgres(url: string): Promise<Connection> {
  const mod = (await importOptional('pg')) as { default: typeof import('pg') } | undefined
  if (!mod) throw missing('PostgreSQL', 'pg')
  // A pool, because the introspector runs its catalog queries concurrently.
  const pool = new mod.default.Pool({ connectionString: url, max: 4 })
  try {
    ;(await pool.connect()).release()
  } catch (error) {
    await pool.end()
    throw error
  }
  return {
    dialect: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params ? [...params] : undefined)).rows as Row[],
    close: () => pool.end(),
  }
}

async function openMysql(url: string): Promise<Connection> {
  const mod = (await importOptional('mysql2/promise')) as typeof import('mysql2/promise') | undefined
  if (!mod) throw missing('MySQL and MariaDB', 'mysql2')
  const mysql = (mod as { default?: typeof import('mysql2/promise') }).default ?? mod
  const mariadb = url.startsWith('mariadb:')
  const connection = await mysql.createConnection({ uri: mariadb ? `mysql:${url.slice('mariadb:'.length)}` : url })
  return {
    dialect: mariadb ? 'mariadb' : 'mysql',
    query: async (sql, params) => {
      const [rows] = await connection.query(sql, params ? [...params] : undefined)
      return rows as Row[]
    },
    close: () => connection.end(),
  }
}

interface BetterSqlite3Database {
  prepare(sql: string): { all(...params: unknown[]): unknown[] }
  close(): void
}

async function openSqlite(file: string): Promise<Connection> {
  const better = (await importOptional('better-sqlite3')) as
    | { default: new (file: string, options: object) => BetterSqlite3Database }
    | undefined
  if (better) {
    try {
      const db = new better.default(file, { readonly: true, fileMustExist: true })
      return {
        dialect: 'sqlite',
        query: async (sql, params) => db.prepare(sql).all(...(params ?? [])) as Row[],
        close: async () => db.close(),
      }
    } catch {
      // An install without its native binding: sql.js below reads the file too.
    }
  }
  const sqljs = (await importOptional('sql.js')) as { default: typeof import('sql.js').default } | undefined
  if (!sqljs) throw missing('SQLite files', 'better-sqlite3', 'sql.js')
  const { readFile } = await import('node:fs/promises')
  const SQL = await sqljs.default()
  const db = new SQL.Database(await readFile(file))
  return { dialect: 'sqlite', query: sqlJsQuery(db), close: async () => db.close() }
}

async function connect(url: string | undefined, sqlite: string | undefined, cwd: string): Promise<Connection> {
  if (sqlite !== undefined) {
    const file = resolve(cwd, sqlite)
    await access(file).catch(() => {
      throw new CliInputError('file_not_found', `cannot read ${sqlite}: no such file or directory`)
    })
    try {
      return await openSqlite(file)
    } catch (error) {
      if (isSchemaLedgerError(error)) throw error
      throw new CliInputError('cannot_open', `cannot open ${sqlite}: ${(error as Error).message}`, { cause: error })
    }
  }
  const target = url ?? ''
  const scheme = /^([a-z0-9+.-]+):/i.exec(target)?.[1]?.toLowerCase()
  const open =
    scheme === 'postgres' || scheme === 'postgresql'
      ? openPostgres
      : scheme === 'mysql' || scheme === 'mariadb'
        ? openMysql
        : undefined
  if (!open) throw new UsageError('--url must start with postgres://, postgresql://, mysql:// or mariadb://')
  try {
    return await open(target)
  } catch (error) {
    if (isSchemaLedgerError(error)) throw error
    throw new CliInputError(
      'connection_failed',
      `cannot connect to ${redactUrl(target)}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
}

/** `--schema` once is one namespace (or MySQL database); repeated, several PostgreSQL namespaces. */
function namespaceOptions(names: readonly string[] | undefined): { schema?: string; schemas?: readonly string[] } {
  if (!names || names.length === 0) return {}
  return names.length === 1 ? { schema: names[0] as string } : { schemas: names }
}

/**
 * `schemaledger introspect`: reads the schema of a live database (PostgreSQL, MySQL/MariaDB, SQLite)
 * with the driver installed next to schemaledger, and prints it as a canonical document.
 *
 * @example
 * ```ts
 * await introspectCommand.run({ positionals: [], values: { url: 'postgres://localhost/app', ... }, io })
 * ```
 */
export const introspectCommand = defineCommand({
  name: 'introspect',
  summary: 'read the schema of a live database into a document',
  usage: [
    'introspect --url postgres://... | mysql://... | mariadb://... [--schema <name>]... [-o doc.json]',
    'introspect --sqlite <file.db> [-o doc.json]',
  ],
  description:
    'Reads tables and the objects beside them (views, routines, triggers, sequences, types, policies,\n' +
    'events...) and prints the canonical JSON document; PostgreSQL: every namespace but its own by\n' +
    'default (--schema, repeatable, narrows it). What the model cannot hold (event triggers, rules,\n' +
    'foreign tables, MariaDB period columns...) is listed on standard error, one line each. Uses the\n' +
    'driver you installed: pg for PostgreSQL, mysql2 for MySQL and MariaDB, better-sqlite3 (or sql.js)\n' +
    'for SQLite; a missing one is named with its install command. The URL may carry a password; it is\n' +
    'never printed.',
  arguments: [],
  positionals: { min: 0, max: 0 },
  options: {
    url: { type: 'string', value: 'url', description: 'the database to read (postgres://, mysql://, mariadb://)' },
    sqlite: { type: 'string', value: 'file', description: 'a SQLite database file to read' },
    schema: {
      type: 'string',
      multiple: true,
      value: 'name',
      description:
        'PostgreSQL namespace to read (default: all; repeat for several, the first is the default one); MySQL database (default: the URL’s)',
    },
    ...OUTPUT_OPTION,
  },
  examples: [
    ['Snapshot production', 'introspect --url "$DATABASE_URL" -o schema/prod.json'],
    [
      'Has production drifted from the repository?',
      'introspect --url "$DATABASE_URL" | schemaledger diff schema.json - --exit-code',
    ],
    ['A MariaDB database', 'introspect --url mariadb://root@localhost:3306/shop'],
    ['A SQLite file', 'introspect --sqlite app.db'],
  ],
  async run({ values, io }) {
    if ((values.url === undefined) === (values.sqlite === undefined))
      throw new UsageError('give either --url or --sqlite')
    if ((values.schema?.length ?? 0) > 1 && values.url !== undefined && !/^postgres(ql)?:/i.test(values.url))
      throw new UsageError(
        '--schema may be repeated for PostgreSQL only (a MySQL/MariaDB connection reads one database)',
      )
    const connection = await connect(values.url, values.sqlite, io.cwd)
    let text: string
    try {
      const { schema, unmodelled } = await introspectDatabase(connection.query, {
        dialect: connection.dialect,
        ...namespaceOptions(values.schema),
      }).catch((error: unknown) => {
        if (error instanceof InvalidOptionError && (error.option === 'schema' || error.option === 'schemas'))
          throw new CliInputError('unknown_schema', `--schema${error.message.slice(error.option.length)}`, {
            cause: error,
          })
        if (isSchemaLedgerError(error)) throw error
        const where = values.sqlite ?? redactUrl(values.url ?? '')
        throw new CliInputError(
          'introspection_failed',
          `cannot read the schema of ${where}: ${(error as Error).message}`,
          {
            cause: error,
          },
        )
      })
      text = serializeSchema(schema)
      // What the model cannot hold is reported, never dropped silently; the document is still written.
      for (const u of unmodelled)
        io.error(`schemaledger introspect: not in the document: ${u.kind} ${u.name}: ${u.why}\n`)
    } finally {
      await connection.close()
    }
    await writeOutput(io, text, values.output)
    return ExitCode.ok
  },
})
