import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSchema, type Schema } from '../../src/index.js'
import { createSchemaSQL } from '../../src/sql/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { BIN, cli, load, repo, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

const require = createRequire(import.meta.url)
const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const PG_URL = process.env.SCHEMALEDGER_PG_URL
const MYSQL_URL = process.env.SCHEMALEDGER_MYSQL_URL
const uniqueName = () => `sl_cli_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
const withDatabase = (url: string, database: string) => {
  const target = new URL(url)
  target.pathname = `/${database}`
  return target.toString()
}

/** Why a server cannot be used here, or undefined when it answers. */
async function unreachable(
  kind: string,
  variable: string,
  url: string | undefined,
  probe: (url: string) => Promise<void>,
) {
  if (!url) return `${variable} is not set: no ${kind} server to test against`
  try {
    await probe(url)
    return undefined
  } catch (error) {
    return `the ${kind} server at ${variable} does not answer (${(error as Error).message})`
  }
}

const pgSkip = await unreachable('PostgreSQL', 'SCHEMALEDGER_PG_URL', PG_URL, async (url) => {
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  await client.end()
})
const mysqlSkip = await unreachable('MariaDB/MySQL', 'SCHEMALEDGER_MYSQL_URL', MYSQL_URL, async (url) => {
  const mysql = await import('mysql2/promise')
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000 })
  await connection.end()
})
const title = (skip: string | undefined, text: string) => (skip ? `${text} (skipped: ${skip})` : text)

/** The document the CLI printed, parsed. */
const printed = (stdout: string): Schema => parseSchema(JSON.parse(stdout))

describe('schemaledger introspect', () => {
  it.skipIf(pgSkip)(title(pgSkip, 'PostgreSQL server: --url, and --schema for another namespace'), async () => {
    const pg = (await import('pg')).default
    const database = uniqueName()
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    const url = withDatabase(PG_URL!, database)
    const db = new pg.Client({ connectionString: url })
    try {
      await db.connect()
      for (const s of createSchemaSQL(v2, 'postgres')) await db.query(s.sql)
      await db.query(
        'CREATE SCHEMA billing; CREATE TABLE billing.invoices (id bigint PRIMARY KEY, total numeric(10,2))',
      )
      const run = await cli(['introspect', '--url', url, '--schema', 'public'])
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      assertSchemaEqual(printed(run.stdout), v2)
      // Without --schema every namespace is read; repeated, the ones named (the first is the default).
      const all = await cli(['introspect', '--url', url])
      expect(all.code).toBe(0)
      expect(printed(all.stdout).tables.map((t) => `${t.schema ?? ''}.${t.name}`)).toEqual([
        ...v2.tables.map((t) => `.${t.name}`),
        'billing.invoices',
      ])
      const both = await cli(['introspect', '--url', url, '--schema', 'billing', '--schema', 'public'])
      expect(printed(both.stdout).tables.map((t) => `${t.schema ?? ''}.${t.name}`)).toEqual([
        '.invoices',
        ...v2.tables.map((t) => `public.${t.name}`),
      ])
      const billing = await cli(['introspect', '--url', url, '--schema', 'billing'])
      assertSchemaEqual(printed(billing.stdout), {
        metadata: {
          tables: [
            {
              name: 'invoices',
              columns: [
                { name: 'id', type: 'BIGINT', primary_key: true, nullable: false },
                { name: 'total', type: 'NUMERIC(10,2)' },
              ],
            },
          ],
        },
      })
    } finally {
      await db.end()
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.end()
    }
  })

  it.skipIf(pgSkip)(
    title(pgSkip, 'PostgreSQL server: --schema of a namespace that does not exist is an error'),
    async () => {
      const run = await cli(['introspect', '--url', PG_URL!, '--schema', 'nope'])
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(
        /^schemaledger introspect: --schema: the database has no namespace "nope" \(it has .*"public".*\)\n$/,
      )
    },
  )

  it.skipIf(mysqlSkip)(
    title(mysqlSkip, 'MariaDB/MySQL server: --schema of a database that does not exist is an error'),
    async () => {
      const run = await cli(['introspect', '--url', MYSQL_URL!, '--schema', 'nope_no_such_database'])
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: 'schemaledger introspect: --schema: the server has no database "nope_no_such_database"\n',
      })
    },
  )

  it.skipIf(mysqlSkip)(title(mysqlSkip, 'MariaDB/MySQL server: mysql:// and mariadb:// URLs, -o'), async () => {
    const mysql = await import('mysql2/promise')
    const database = uniqueName()
    const admin = await mysql.createConnection({ uri: MYSQL_URL! })
    await admin.query(`CREATE DATABASE ${database}`)
    const url = withDatabase(MYSQL_URL!, database)
    const db = await mysql.createConnection({ uri: url })
    try {
      for (const s of createSchemaSQL(v1, 'mysql')) await db.query(s.sql)
      const run = await cli(['introspect', '--url', url])
      expect([run.code, run.stderr]).toEqual([0, ''])
      assertSchemaEqual(printed(run.stdout), v1)
      const out = join(tempDir(), 'live.json')
      const viaMariadb = await cli(['introspect', '--url', url.replace(/^mysql:/, 'mariadb:'), '-o', out])
      expect(viaMariadb).toEqual({ code: 0, stdout: '', stderr: '' })
      const again = await cli(['validate', out])
      expect(again.code).toBe(0)
    } finally {
      await db.end()
      await admin.query(`DROP DATABASE IF EXISTS ${database}`)
      await admin.end()
    }
  })

  it('SQLite file written with sql.js: --sqlite (better-sqlite3 is not installed here: sql.js reads it)', async () => {
    const init = require('sql.js') as typeof import('sql.js').default
    const SQL = await init()
    const db = new SQL.Database()
    for (const s of createSchemaSQL(v1, 'sqlite')) db.exec(s.sql)
    const file = join(tempDir(), 'app.db')
    writeFileSync(file, db.export())
    db.close()
    const run = await cli(['introspect', '--sqlite', file])
    expect([run.code, run.stderr]).toEqual([0, ''])
    assertSchemaEqual(printed(run.stdout), v1)
    // The output is canonical: the same bytes as serializing what it describes.
    expect((await cli(['introspect', '--sqlite', file])).stdout).toBe(run.stdout)
  })

  it('connection problems are one line, with the password hidden; exit 1', async () => {
    expect(await cli(['introspect', '--url', 'postgres://app:s3cret@127.0.0.1:1/app'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger introspect: cannot connect to postgres://app:***@127.0.0.1:1/app: connect ECONNREFUSED 127.0.0.1:1\n',
    })
    expect(await cli(['introspect', '--sqlite', 'missing.db'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger introspect: cannot read missing.db: no such file or directory\n',
    })
  })

  it('a missing driver is named with its install command', async () => {
    // A copy of the bin next to a node_modules with the package's own dependencies only.
    const dir = tempDir()
    mkdirSync(join(dir, 'dist/cli'), { recursive: true })
    mkdirSync(join(dir, 'node_modules'))
    copyFileSync(BIN, join(dir, 'dist/cli/index.js'))
    for (const dep of ['zod', 'fast-deep-equal'])
      symlinkSync(repo(`node_modules/${dep}`), join(dir, 'node_modules', dep))
    const bin = join(dir, 'dist/cli/index.js')
    expect(await cli(['introspect', '--url', 'postgres://localhost/app'], { bin, cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger introspect: reading PostgreSQL needs the "pg" package, which is not installed: npm i pg\n',
    })
    expect(await cli(['introspect', '--url', 'mysql://localhost/app'], { bin, cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger introspect: reading MySQL and MariaDB needs the "mysql2" package, which is not installed: npm i mysql2\n',
    })
    writeFileSync(join(dir, 'app.db'), '')
    expect(await cli(['introspect', '--sqlite', 'app.db'], { bin, cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger introspect: reading SQLite files needs the "better-sqlite3" package (or "sql.js"), which is not installed: npm i better-sqlite3\n',
    })
    // The rest of the bin works without any driver.
    expect((await cli(['validate', SEED_V2], { bin, cwd: dir })).code).toBe(0)
  })
})
