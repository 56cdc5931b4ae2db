import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { railsStructureSql } from '../fixtures/rails-structure.js'
import { cli, cliOnTty } from './run-cli.js'

// `schemaledger history --git <path>`, on a repository made here: a JSON document, a SQLite migration
// folder and a Rails db/structure.sql (a pg_dump, read on PGlite) change over six commits, one of
// which breaks the document and the folder, and one of which touches none of them.

const repo = mkdtempSync(join(tmpdir(), 'sl-history-git-'))
afterAll(() => rmSync(repo, { recursive: true, force: true }))

function commit(date: string, subject: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, env })
  git('add', '-A')
  git('commit', '-qm', subject)
  return git('rev-parse', 'HEAD').toString().trim()
}

const column = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, ...extra })
const doc = (...columns: object[]) =>
  `${JSON.stringify({ metadata: { tables: [{ name: 'users', columns }] } }, null, 2)}\n`
const ID = column('id', 'Integer', { primary_key: true, nullable: false })
const EMAIL = column('email', 'String', { length: 120, nullable: false })
const NAME = column('name', 'String', { length: 80 })

execFileSync('git', ['init', '-q'], { cwd: repo })
const shas = [
  commit('2024-01-05T12:00:00+01:00', 'Create users', {
    'schema.json': doc(ID, EMAIL),
    'migrations/1_users.up.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL);\n',
    'migrations/1_users.down.sql': 'DROP TABLE users;\n',
    'db/structure.sql': railsStructureSql(1),
  }),
  commit('2024-02-10T09:30:00Z', 'Add orders', {
    'schema.json': doc(ID, EMAIL, NAME),
    'migrations/2_email.up.sql': 'CREATE INDEX users_email ON users (email);\n',
    'db/structure.sql': railsStructureSql(2),
  }),
  commit('2024-02-20T08:00:00Z', 'Half-done edit', {
    'schema.json': '{\n  "metadata": {\n    "tables": [,\n',
    'migrations/3_name.up.sql': '-- the name\nALTER TABLE nope ADD COLUMN name TEXT;\n',
  }),
  commit('2024-03-01T10:00:00Z', 'Fix the name migration', {
    'schema.json': doc(ID, NAME),
    'migrations/3_name.up.sql': '-- the name\nALTER TABLE users ADD COLUMN name TEXT;\n',
  }),
  commit('2024-03-05T10:00:00Z', 'Readme', { 'README.md': '# app\n' }),
  commit('2024-03-15T10:15:00Z', 'Add users.name and the shipped status', {
    'db/structure.sql': railsStructureSql(3),
  }),
]
const short = shas.map((s) => s.slice(0, 7))
const hash12 = / {2}[0-9a-f]{12}$/

type Line = Record<string, unknown> & { type: string }
const jsonLines = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)

describe('schemaledger history --git', { timeout: 600_000 }, () => {
  it('a JSON document: one version per commit that changed it, oldest first; a broken commit is reported and skipped', async () => {
    // An absolute path from outside the repository: git runs in the file's folder.
    const path = join(repo, 'schema.json')
    const run = await cli(['history', '--git', path, '--dialect', 'postgres'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(
      `schemaledger history: ${short[2]}: ${path}:3: not valid JSON: Unexpected token ',' (commit skipped)\n`,
    )
    const lines = run.stdout.split('\n').map((l) => l.replace(hash12, '  <hash>'))
    expect(lines.slice(0, 2)).toEqual([
      `${path}: 4 commits in git history, a JSON document read on postgres, 1 skipped`,
      '',
    ])
    expect(lines.filter((l) => /^\d+\. /.test(l))).toEqual([
      `1. ${short[0]} Create users  2024-01-05 11:00  <hash>`,
      `2. ${short[1]} Add orders  2024-02-10 09:30  <hash>`,
      `3. ${short[2]} Half-done edit  2024-02-20 08:00`,
      `4. ${short[3]} Fix the name migration  2024-03-01 10:00  <hash>`,
    ])
    expect(run.stdout).toContain(`3. ${short[2]} Half-done edit  2024-02-20 08:00\n   ! ${path}:3: not valid JSON`)
    // The step after the skipped commit is diffed from the last one that read.
    const after = run.stdout.slice(run.stdout.indexOf(`4. ${short[3]}`))
    expect(after).toContain('   - column users.email')
    expect(after).toMatch(/\[danger\] \w+ users\.email: /)
  })

  it('--format json streams a line per commit (steps and skipped ones), then how it ended', async () => {
    const run = await cli(['history', '--git', 'schema.json', '--format', 'json'], { cwd: repo })
    expect(run.code).toBe(0)
    const lines = jsonLines(run.stdout)
    expect(lines.map((l) => [l.type, l.index ?? null, l.name ?? null])).toEqual([
      ['step', 1, short[0]],
      ['step', 2, short[1]],
      ['error', 3, short[2]],
      ['step', 4, short[3]],
      ['end', null, null],
    ])
    expect(lines[0]).toMatchObject({
      commit: shas[0],
      subject: 'Create users',
      file: 'schema.json',
      time: '2024-01-05T11:00:00Z',
      changes: [{ kind: 'create_table', path: 'users', title: '+ table users' }],
    })
    expect(lines[0]?.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(lines[1]?.changes).toEqual([
      { kind: 'add_column', path: 'users.name', title: expect.stringContaining('+ column users.name') },
    ])
    expect(lines[2]).toEqual({
      type: 'error',
      index: 3,
      name: short[2],
      commit: shas[2],
      subject: 'Half-done edit',
      time: '2024-02-20T08:00:00Z',
      file: 'schema.json',
      line: 3,
      statement: null,
      message: "not valid JSON: Unexpected token ','",
    })
    expect(lines[4]).toEqual({
      type: 'end',
      source: 'git',
      path: 'schema.json',
      kind: 'document',
      layout: null,
      dialect: 'postgres',
      steps: 3,
      total: 4,
      errors: 1,
    })
  })

  it('a migration folder is replayed at each commit; a commit whose migration fails names the file, line and statement', async () => {
    const run = await cli(['history', '--git', 'migrations', '--dialect', 'sqlite', '--format', 'markdown'], {
      cwd: repo,
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(
      `schemaledger history: ${short[2]}: migrations/3_name.up.sql:2: no such table: nope (commit skipped)\n`,
    )
    const headings = run.stdout.split('\n').filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# History of `migrations`',
      `## 1. \`${short[0]}\` Create users`,
      `## 2. \`${short[1]}\` Add orders`,
      `## 3. \`${short[2]}\` Half-done edit`,
      `## 4. \`${short[3]}\` Fix the name migration`,
    ])
    expect(run.stdout).toContain(
      'migrations: 4 commits in git history, a migration folder (golang-migrate layout) read on sqlite, 1 skipped.',
    )
    expect(run.stdout).toContain('- **skipped**: `migrations/3_name.up.sql:2`: no such table: nope')
    const json = jsonLines(
      (await cli(['history', '--git', 'migrations', '--dialect', 'sqlite', '--format', 'json'], { cwd: repo })).stdout,
    )
    expect(
      json.map(
        (l) => (l.changes as { kind: string; path: string }[] | undefined)?.map((c) => `${c.kind} ${c.path}`) ?? l.type,
      ),
    ).toEqual([['create_table users'], ['add_index users.users_email'], 'error', ['add_column users.name'], 'end'])
    expect(json[2]).toMatchObject({
      file: 'migrations/3_name.up.sql',
      line: 2,
      statement: 'ALTER TABLE nope ADD COLUMN name TEXT',
    })
  })

  it('a Rails application: its db/structure.sql at each commit that changed it, read on PGlite', async () => {
    const run = await cli(['history', '--git', '.', '--format', 'json'], { cwd: repo })
    expect([run.code, run.stderr]).toEqual([0, ''])
    const lines = jsonLines(run.stdout)
    expect(lines.map((l) => [l.type, l.name ?? null, l.subject ?? null])).toEqual([
      ['step', short[0], 'Create users'],
      ['step', short[1], 'Add orders'],
      ['step', short[5], 'Add users.name and the shipped status'],
      ['end', null, null],
    ])
    const changes = (i: number) =>
      ((lines[i]?.changes ?? []) as { kind: string; path: string }[]).map((c) => `${c.kind} ${c.path}`)
    expect(changes(0)).toEqual([
      'create_table ar_internal_metadata',
      'create_table schema_migrations',
      'create_table users',
      'create_extension extension:citext',
    ])
    expect(changes(1)).toEqual(['create_enum enum:order_status', 'create_table orders'])
    expect(changes(2)).toEqual(['alter_enum enum:order_status', 'add_column users.name'])
    expect(lines.at(-1)).toMatchObject({
      kind: 'sql',
      layout: 'rails',
      path: '.',
      dialect: 'postgres',
      steps: 3,
      total: 3,
    })
    expect(lines[0]?.file).toBe('./db/structure.sql')
  })

  it('--format html: a self-contained page, one section per commit, the skipped one marked', async () => {
    const run = await cli(['history', '--git', 'migrations', '--dialect', 'sqlite', '--format', 'html'], { cwd: repo })
    expect(run.code).toBe(0)
    const html = run.stdout
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/<(script|img|iframe)[^>]*\ssrc=|<link\b|@import|url\(/)
    expect(html.match(/<li class="step( skipped)?" id="step-\d+"/g)).toEqual([
      '<li class="step" id="step-1"',
      '<li class="step" id="step-2"',
      '<li class="step skipped" id="step-3"',
      '<li class="step" id="step-4"',
    ])
    expect(html).toContain(`<code>${short[2]}</code> Half-done edit <span class="badge danger">skipped</span>`)
    expect(html).toContain('<p class="error"><code>migrations/3_name.up.sql:2</code>: no such table: nope</p>')
  })

  it('progress on a terminal, nothing on a pipe', async () => {
    const tty = cliOnTty(['history', '--git', join(repo, 'schema.json')])
    if (tty) {
      expect(tty.code).toBe(0)
      expect(tty.stdout).toContain(`\r\u001b[K[4/4] ${short[3]} Fix the name migration`)
    }
    const piped = await cli(['history', '--git', 'migrations', '--dialect', 'sqlite'], { cwd: repo })
    expect(piped.stderr).not.toContain('[1/4]')
  })

  it('--save keeps each commit as a version; re-running adds only new commits; a broken newest commit exits 1', async () => {
    const store = join(repo, '.store')
    const first = await cli(['history', '--git', 'schema.json', '--save', 'users', '--store', store], { cwd: repo })
    expect(first.stderr.split('\n').at(-2)).toBe(
      'schemaledger history: users: 3 version(s) added, 0 already saved, 0 without schema change; 3 in all',
    )
    const list = await cli(['store', 'list', 'users', '--store', store])
    expect(list.stdout).toContain(`commit ${shas[3]?.slice(0, 12)} Fix the name migration (sha256 `)
    const next = commit('2024-04-01T10:00:00Z', 'Add email back', { 'schema.json': doc(ID, NAME, EMAIL) })
    const second = await cli(['history', '--git', 'schema.json', '--save', 'users', '--store', store], { cwd: repo })
    expect(second.code).toBe(0)
    expect(second.stderr.split('\n').at(-2)).toBe(
      'schemaledger history: users: 1 version(s) added, 3 already saved, 0 without schema change; 4 in all',
    )
    expect(second.stdout).toContain(`5. ${next.slice(0, 7)} Add email back`)
    commit('2024-04-02T10:00:00Z', 'Oops', { 'schema.json': '{"metadata": {"tables": "users"}}\n' })
    const broken = await cli(['history', '--git', 'schema.json'], { cwd: repo })
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('schema.json: not a valid schema document: metadata.tables: ')
  })
})
