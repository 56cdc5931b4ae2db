import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RAILS_VERSIONS, railsStructureSql } from '../fixtures/rails-structure.js'
import { cli, repo } from './run-cli.js'

// `schemaledger history <dir>` and `<dir>@<migration>` documents, on SQLite folders written here
// (sql.js is fast) and on the PostgreSQL Prisma fixture (PGlite).

const root = mkdtempSync(join(tmpdir(), 'sl-history-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const lite = folder('lite', {
  '1_create_users.up.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL);\n',
  '1_create_users.down.sql': 'DROP TABLE users;\n',
  '2_seed.up.sql': "INSERT INTO users (email) VALUES ('a@example.com');\n",
  '10_add_name.up.sql': 'ALTER TABLE users ADD COLUMN name TEXT;\nCREATE INDEX users_email ON users (email);\n',
})

describe('schemaledger history', { timeout: 240_000 }, () => {
  it('prints every migration as a version with its changes (text)', async () => {
    const run = await cli(['history', lite, '--dialect', 'sqlite'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(`${lite}: 3 migrations (golang-migrate layout), replayed on sqlite`)
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/ {2}[0-9a-f]{12}$/, ''))).toEqual([
      '1. 1_create_users',
      '2. 2_seed',
      '10. 10_add_name'.replace('10.', '3.'),
    ])
    expect(run.stdout).toContain('   (no schema change)')
    expect(run.stdout).toContain('   + table users')
  })

  it('--format json streams one line per migration, then how it ended', async () => {
    const run = await cli(['history', lite, '--dialect', 'sqlite', '--format', 'json'])
    expect(run.code).toBe(0)
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.type, l.name ?? null])).toEqual([
      ['step', '1_create_users'],
      ['step', '2_seed'],
      ['step', '10_add_name'],
      ['end', null],
    ])
    expect(lines[2]?.changes).toEqual([
      { kind: 'add_column', path: 'users.name', title: '+ column users.name text' },
      { kind: 'add_index', path: 'users.users_email', title: expect.stringContaining('users_email') },
    ])
    expect(lines[3]).toEqual({
      type: 'end',
      layout: 'golang-migrate',
      dialect: 'sqlite',
      steps: 3,
      total: 3,
      failure: null,
    })
  })

  it('a failing migration: the versions before it are printed, the error names file, line and statement, exit 1', async () => {
    const broken = folder('broken', {
      '20240101000000_a.sql': '-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n',
      '20240102000000_b.sql': '-- migrate:up\nALTER TABLE t ADD COLUMN b int;\n\nINSERT INTO missing VALUES (1);\n',
    })
    const run = await cli(['history', broken, '--dialect', 'sqlite', '--format', 'markdown'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('## 1. `20240101000000_a`')
    expect(run.stdout).not.toContain('## 2.')
    expect(run.stdout).toContain('**Stopped** at `20240102000000_b`: `20240102000000_b.sql:4`: no such table: missing')
    expect(run.stderr).toBe(
      `schemaledger history: ${broken}/20240102000000_b.sql:4: no such table: missing\n  in: INSERT INTO missing VALUES (1)\n`,
    )
  })

  it('<dir>@<migration> and <dir>@latest are documents: diff between two migrations of one folder', async () => {
    const run = await cli(['diff', `${lite}@1_create_users`, `${lite}@latest`, '--format', 'json'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    const changes = (JSON.parse(run.stdout) as { diff: { changes: { kind: string; path: string }[] } }).diff.changes
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['add_column users.name', 'add_index users.users_email'])
    const missing = await cli(['validate', `${lite}@nope`, '--input-dialect', 'sqlite'])
    expect(missing.code).toBe(1)
    expect(missing.stdout + missing.stderr).toContain(
      `${lite}@nope: no migration "nope" (give its name, its version or latest)`,
    )
  })

  it('--save keeps every migration as a version; re-running adds only new migrations', async () => {
    const store = join(root, 'store')
    const first = await cli(['history', lite, '--dialect', 'sqlite', '--save', 'lite', '--store', store])
    expect(first.stderr).toBe(
      'schemaledger history: lite: 2 version(s) added, 0 already saved, 1 without schema change; 2 in all\n',
    )
    writeFileSync(join(lite, '11_add_age.up.sql'), 'ALTER TABLE users ADD COLUMN age INTEGER;\n')
    const second = await cli(['history', lite, '--dialect', 'sqlite', '--save', 'lite', '--store', store])
    expect(second.stderr).toBe(
      'schemaledger history: lite: 1 version(s) added, 2 already saved, 1 without schema change; 3 in all\n',
    )
    const list = await cli(['store', 'list', 'lite', '--store', store])
    expect(list.stdout).toContain('migration 11_add_age (sha256 ')
    rmSync(join(lite, '11_add_age.up.sql'))
  })

  it('the PostgreSQL Prisma fixture on PGlite: diff from its first migration to the latest', async () => {
    const dir = repo('test/fixtures/migrations/prisma-shop')
    const run = await cli(['diff', `${dir}@20240103090000`, dir, '--format', 'json'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    const changes = (JSON.parse(run.stdout) as { diff: { changes: { kind: string; path: string }[] } }).diff.changes
    expect(changes.filter((c) => c.kind === 'create_table').map((c) => c.path)).toEqual([
      'audit_log',
      'orders',
      'post_tags',
      'posts',
      'profiles',
      'replies',
      'tags',
    ])
  })

  it('a Rails application: its db/structure.sql snapshot (db/migrate is Ruby), named by its newest migration', async () => {
    const app = folder('rails-app', {
      'db/structure.sql': railsStructureSql(3),
      'db/migrate/20240105120000_create_users.rb':
        'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n',
      'db/seeds.rb': '',
      'config/database.yml': 'development:\n  adapter: postgresql\n',
    })
    const run = await cli(['history', app])
    expect([run.code, run.stderr]).toEqual([0, ''])
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(`${app}: its db/structure.sql (rails layout), read on postgres`)
    expect(lines[2]?.replace(/ {2}[0-9a-f]{12}$/, '')).toBe(`1. ${RAILS_VERSIONS[2]}  2024-03-15 10:15`)
    expect(run.stdout).toContain('   + table schema_migrations')
    const at = await cli(['diff', `${app}@${RAILS_VERSIONS[2]}`, `${app}@latest`, '--format', 'json'])
    expect([at.code, at.stderr]).toEqual([0, ''])
    expect((JSON.parse(at.stdout) as { diff: { changes: unknown[] } }).diff.changes).toEqual([])
  })
})
