import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffSchemas } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { planMigration, toSQL } from '../../src/sql/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { ENGINES, withEngine } from '../engines/engines.js'
import { cli, load, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const diff = diffSchemas(v1, v2)

/** seed-v1 changed in ways SQLite can express: a column renamed, a column and a table added. */
function sqliteVersion2(dir: string): string {
  const doc = JSON.parse(readFileSync(SEED_V1, 'utf8'))
  const posts = doc.metadata.tables.find((t: { name: string }) => t.name === 'posts')
  posts.columns.find((c: { name: string }) => c.name === 'content').name = 'body'
  doc.metadata.tables.find((t: { name: string }) => t.name === 'users').columns.push({ name: 'bio', type: 'Text' })
  doc.metadata.tables.push({
    name: 'tags',
    columns: [
      { name: 'id', type: 'Integer', primary_key: true, nullable: false },
      { name: 'name', type: 'VARCHAR(50)', nullable: false, unique: true },
    ],
  })
  const path = join(dir, 'sqlite-v2.json')
  writeFileSync(path, JSON.stringify(doc))
  return path
}

describe.concurrent('schemaledger migrate', () => {
  it('prints toSQL of planMigration, up by default and down with --down', async () => {
    const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2 })
    expect(await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres'])).toEqual({
      code: 0,
      stdout: toSQL(migration),
      stderr: '',
    })
    expect(await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgresql', '--down'])).toEqual({
      code: 0,
      stdout: toSQL(migration, { direction: 'down' }),
      stderr: '',
    })
  })

  it('--concurrently, --not-valid and --no-transaction reach the planner and the script', async () => {
    const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2, concurrently: true, notValid: true })
    const run = await cli([
      'migrate',
      SEED_V1,
      SEED_V2,
      '--dialect',
      'postgres',
      '--concurrently',
      '--not-valid',
      '--no-transaction',
    ])
    expect(run.stdout).toBe(toSQL(migration, { transaction: false }))
    expect(run.stdout).toContain('CREATE UNIQUE INDEX CONCURRENTLY "ix_users_email"')
    expect(run.stdout).not.toContain('BEGIN;')
  })

  it('--phases prints the pre-deploy and post-deploy scripts', async () => {
    const { phases } = planMigration(diff, { dialect: 'postgres', from: v1, to: v2, phases: true })
    const run = await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--phases'])
    expect(run).toEqual({
      code: 0,
      stdout: [
        '-- schemaledger migration: postgres, up, phase 1 of 2 (pre): run before deploying the new application version',
        toSQL(phases.pre),
        '-- schemaledger migration: postgres, up, phase 2 of 2 (post): run after the old application version is gone',
        toSQL(phases.post),
      ].join('\n'),
      stderr: '',
    })
    expect(run.stdout).toContain('ALTER TABLE "posts" DROP COLUMN "content";\nCOMMIT;\n')
  })

  it('renames confirmed on the command line become RENAME statements', async () => {
    const run = await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--rename', 'posts.content=body'])
    expect(run.stdout).toContain('ALTER TABLE "posts" RENAME COLUMN "content" TO "body";')
    expect(run.stdout).not.toContain('DROP COLUMN "content"')
  })

  it('a change the dialect cannot make is an error: one message, exit 1', async () => {
    const run = await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'mysql'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^schemaledger migrate: users\.id becomes bigint, but foreign key posts_user_id_fkey /)
    expect(run.stderr).not.toContain('    at ')
  })

  it('-o writes the script atomically', async () => {
    const out = join(tempDir(), 'migrations', '0002.sql')
    expect(await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '-o', out])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    })
    expect(readFileSync(out, 'utf8')).toBe(toSQL(planMigration(diff, { dialect: 'postgres', from: v1, to: v2 })))
  })
})

describe('sql + migrate on real engines: the database ends up at the new version', () => {
  const pglite = ENGINES.find((e) => e.name === 'pglite')!
  const sqlite = ENGINES.find((e) => e.name === 'sqlite')!

  it('PGlite: seed v1 -> v2', async () => {
    const create = await cli(['sql', SEED_V1, '--dialect', 'postgres'])
    const migrate = await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--rename', 'posts.content=body'])
    expect([create.code, migrate.code]).toEqual([0, 0])
    await withEngine(pglite, async (db) => {
      await db.exec(create.stdout)
      assertSchemaEqual(await introspect(db.query, { dialect: 'postgres' }), v1)
      await db.exec(`INSERT INTO users (username, email) VALUES ('ana', 'ana@example.org');
        INSERT INTO posts (title, content, user_id) VALUES ('hello', 'kept by the rename', 1)`)
      await db.exec(migrate.stdout)
      assertSchemaEqual(await introspect(db.query, { dialect: 'postgres' }), v2)
      expect(await db.query('SELECT title, body FROM posts')).toEqual([{ title: 'hello', body: 'kept by the rename' }])
    })
  })

  it('SQLite (sql.js): a rename, a new column, a new table', async () => {
    const to = sqliteVersion2(tempDir())
    const create = await cli(['sql', SEED_V1, '--dialect', 'sqlite'])
    const migrate = await cli(['migrate', SEED_V1, to, '--dialect', 'sqlite', '--rename', 'posts.content=body'])
    expect([create.code, migrate.code, migrate.stderr]).toEqual([0, 0, ''])
    expect(migrate.stdout).toContain('ALTER TABLE "posts" RENAME COLUMN "content" TO "body";')
    await withEngine(sqlite, async (db) => {
      await db.exec(create.stdout)
      await db.exec(migrate.stdout)
      assertSchemaEqual(await introspect(db.query, { dialect: 'sqlite' }), load(to))
    })
  })
})
