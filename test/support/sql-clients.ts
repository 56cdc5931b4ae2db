import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The command-line clients CI jobs pipe generated SQL into, run for real: `psql -v ON_ERROR_STOP=1`,
// `mariadb` (stops at the first error) and `sqlite3 -bail`. Each database is fresh and each run has its
// own working directory, so a payload such as `\! touch pwned` leaves a file there to find.

/** What a client run printed and how it ended. */
export interface ClientRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
  /** Files that appeared in the working directory besides the script (created by shell escapes). */
  readonly strayFiles: readonly string[]
}

/** A fresh database reached through a command-line client. */
export interface ClientDatabase {
  /** Runs a script through the client, the way `client < script.sql` would. */
  run(script: string): ClientRun
  /** One query through the client; rows as lines, columns separated by tabs. */
  query(sql: string): string[]
  close(): void
}

/** A command-line client, with why it is unavailable when it is. */
export interface SqlClient {
  readonly name: 'psql' | 'mariadb' | 'sqlite3'
  readonly dialect: 'postgres' | 'mysql' | 'sqlite'
  readonly skipReason: string | undefined
  open(): ClientDatabase
}

const SCRIPT = 'script.sql'

const has = (command: string) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0

function spawn(command: string, args: readonly string[], input: string, cwd: string) {
  const result = spawnSync(command, args, { input, cwd, encoding: 'utf8', timeout: 60_000 })
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' }
}

/** Runs `script` from a fresh working directory and reports the files that appeared in it. */
function runIn(
  command: string,
  args: (script: string) => readonly string[],
  script: string,
  stdin: boolean,
): ClientRun {
  const cwd = mkdtempSync(join(tmpdir(), 'sl-client-'))
  try {
    writeFileSync(join(cwd, SCRIPT), script)
    const result = spawn(command, args(join(cwd, SCRIPT)), stdin ? script : '', cwd)
    return { ...result, strayFiles: readdirSync(cwd).filter((f) => f !== SCRIPT) }
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
}

const uniqueName = () => `sl_cli_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

function openPsql(url: string): ClientDatabase {
  const name = uniqueName()
  const admin = (sql: string) =>
    spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], '', tmpdir())
  const created = admin(`CREATE DATABASE ${name}`)
  if (created.status !== 0) throw new Error(`psql could not create a database: ${created.stderr}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const db = target.toString()
  return {
    run: (script) =>
      runIn('psql', (file) => ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file], script, false),
    query: (sql) =>
      spawn('psql', ['-X', '-A', '-t', '-F', '\t', '-d', db, '-c', sql], '', tmpdir())
        .stdout.split('\n')
        .filter((l) => l !== ''),
    close: () => {
      admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

function mariadbArgs(url: string): string[] {
  const u = new URL(url)
  return [
    '-h',
    u.hostname,
    '-P',
    u.port || '3306',
    '-u',
    decodeURIComponent(u.username || 'root'),
    ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []),
    '--default-character-set=utf8mb4',
  ]
}

function openMariadb(url: string): ClientDatabase {
  const name = uniqueName()
  const base = mariadbArgs(url)
  const created = spawn('mariadb', [...base, '-e', `CREATE DATABASE ${name}`], '', tmpdir())
  if (created.status !== 0) throw new Error(`mariadb could not create a database: ${created.stderr}`)
  return {
    run: (script) => runIn('mariadb', () => [...base, name], script, true),
    query: (sql) =>
      spawn('mariadb', [...base, '-N', '-B', name, '-e', sql], '', tmpdir())
        .stdout.split('\n')
        .filter((l) => l !== ''),
    close: () => {
      spawn('mariadb', [...base, '-e', `DROP DATABASE IF EXISTS ${name}`], '', tmpdir())
    },
  }
}

function openSqlite3(): ClientDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite3-'))
  const file = join(dir, 'db.sqlite')
  return {
    run: (script) => runIn('sqlite3', () => ['-bail', file], script, true),
    query: (sql) =>
      spawn('sqlite3', ['-separator', '\t', file, sql], '', tmpdir())
        .stdout.split('\n')
        .filter((l) => l !== ''),
    close: () => rmSync(dir, { recursive: true, force: true }),
  }
}

const PG_URL = process.env.SCHEMALEDGER_PG_URL
const MYSQL_URL = process.env.SCHEMALEDGER_MYSQL_URL

/** The three clients; each skips with the reason when its program or server is missing. */
export const CLIENTS: readonly SqlClient[] = [
  {
    name: 'psql',
    dialect: 'postgres',
    skipReason: !has('psql')
      ? 'psql is not installed'
      : PG_URL
        ? undefined
        : 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server for psql',
    open: () => openPsql(PG_URL as string),
  },
  {
    name: 'mariadb',
    dialect: 'mysql',
    skipReason: !has('mariadb')
      ? 'the mariadb client is not installed'
      : MYSQL_URL
        ? undefined
        : 'SCHEMALEDGER_MYSQL_URL is not set: no MariaDB server for the mariadb client',
    open: () => openMariadb(MYSQL_URL as string),
  },
  {
    name: 'sqlite3',
    dialect: 'sqlite',
    skipReason: has('sqlite3') ? undefined : 'sqlite3 is not installed (apt-get install sqlite3)',
    open: openSqlite3,
  },
]

/** Runs `body` on a fresh database of `client`, dropping it afterwards. */
export function withClient<T>(client: SqlClient, body: (db: ClientDatabase) => T): T {
  const db = client.open()
  try {
    return body(db)
  } finally {
    db.close()
  }
}
