import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cli, SEED_V1, SEED_V2 } from './run-cli.js'

// git:<rev>:<path> documents, read with the git command line from a repository made here.

const repoDir = mkdtempSync(join(tmpdir(), 'sl-git-docs-'))
afterAll(() => rmSync(repoDir, { recursive: true, force: true }))
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repoDir })
git('init', '-q')
mkdirSync(join(repoDir, 'migrations'))
copyFileSync(SEED_V1, join(repoDir, 'schema.json'))
writeFileSync(
  join(repoDir, 'migrations', '1_users.up.sql'),
  'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);\n',
)
git('add', '.')
git('commit', '-qm', 'v1')
copyFileSync(SEED_V2, join(repoDir, 'schema.json'))
writeFileSync(join(repoDir, 'migrations', '2_email.up.sql'), 'ALTER TABLE users ADD COLUMN email TEXT;\n')
git('add', '.')
git('commit', '-qm', 'v2')

const changes = (out: string) =>
  (JSON.parse(out) as { diff: { changes: { kind: string; path: string }[] } }).diff.changes.map(
    (c) => `${c.kind} ${c.path}`,
  )

describe('git:<rev>:<path> documents', { timeout: 120_000 }, () => {
  it('a JSON document at an older revision diffs against the working copy', async () => {
    const [fromGit, fromFiles] = await Promise.all([
      cli(['diff', 'git:HEAD~1:schema.json', 'schema.json', '--format', 'json'], { cwd: repoDir }),
      cli(['diff', SEED_V1, SEED_V2, '--format', 'json']),
    ])
    expect([fromGit.code, fromGit.stderr]).toEqual([0, ''])
    expect(changes(fromGit.stdout)).toEqual(changes(fromFiles.stdout))
  })

  it('a migration folder at two revisions, and one of its migrations', async () => {
    const run = await cli(['diff', 'git:HEAD~1:migrations', 'git:HEAD:migrations@2_email', '--format', 'json'], {
      cwd: repoDir,
    })
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(changes(run.stdout)).toEqual(['add_column users.email'])
  })

  it('a folder read from a subdirectory of the repository lists all its files (ls-tree --full-tree)', async () => {
    mkdirSync(join(repoDir, 'docs'), { recursive: true })
    const run = await cli(['diff', 'git:HEAD~1:../migrations', 'git:HEAD:../migrations', '--format', 'json'], {
      cwd: join(repoDir, 'docs'),
    })
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(changes(run.stdout)).toEqual(['add_column users.email'])
  })

  it('an unknown revision or path is one line naming the argument', async () => {
    const run = await cli(['validate', 'git:no-such-rev:schema.json', '--format', 'json'], { cwd: repoDir })
    expect(run.code).toBe(1)
    const message = (JSON.parse(run.stdout) as { documents: { issues: { message: string }[] }[] }).documents[0]
      ?.issues[0]?.message
    expect(message?.startsWith('git:no-such-rev:schema.json: ')).toBe(true)
    expect(message).not.toContain('\n')
    const bad = await cli(['validate', 'git:HEAD', '--format', 'json'], { cwd: repoDir })
    expect(bad.stdout).toContain('git:HEAD: a git document is git:<rev>:<path>')
  })
})
