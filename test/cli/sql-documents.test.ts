import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaSQL, toSQL } from '../../src/sql/index.js'
import { cli, load, SEED_V1, SEED_V2 } from './run-cli.js'

// `.sql` files wherever a document is accepted: run on PGlite / sql.js (or a dev server) and read back.

const dir = mkdtempSync(join(tmpdir(), 'sl-sql-docs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const pgText = (path: string) => `-- PostgreSQL database dump\n${toSQL(createSchemaSQL(load(path), 'postgres'))}`

describe('document arguments may be .sql files', { timeout: 240_000 }, () => {
  it('diff of two PostgreSQL .sql files reports the changes their JSON documents do', async () => {
    const v1 = file('v1.sql', pgText(SEED_V1))
    const v2 = file('v2.sql', pgText(SEED_V2))
    const [fromSql, fromJson] = await Promise.all([
      cli(['diff', v1, v2, '--format', 'json']),
      cli(['diff', SEED_V1, SEED_V2, '--format', 'json']),
    ])
    expect(fromSql.stderr).toBe('')
    const changes = (out: string) =>
      (JSON.parse(out) as { diff: { changes: { kind: string; path: string }[] } }).diff.changes.map(
        (c) => `${c.kind} ${c.path}`,
      )
    expect(changes(fromSql.stdout)).toEqual(changes(fromJson.stdout))
    expect(changes(fromSql.stdout).length).toBeGreaterThan(5)
  })

  it('skipped statements are notes on standard error; a rejected one names file and line; --strict refuses', async () => {
    const roles = file(
      'roles.sql',
      'CREATE TABLE t (a serial);\nALTER TABLE t OWNER TO app;\nGRANT SELECT ON t TO app;\n',
    )
    const bad = file('bad.sql', 'CREATE TABLE t (a serial);\nCREATE INDEX i ON t (missing);\n')
    const [ok, failed, strict] = await Promise.all([
      cli(['validate', roles]),
      cli(['validate', bad, '--format', 'json']),
      cli(['sql', roles, '--dialect', 'sqlite', '--input-dialect', 'postgres', '--strict']),
    ])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toBe(
      `schemaledger: note: ${roles}:2: 2 statements skipped: role "app" does not exist (ALTER TABLE t OWNER TO app)\n`,
    )
    expect(failed.code).toBe(1)
    const verdict = JSON.parse(failed.stdout) as { documents: { issues: { code: string; message: string }[] }[] }
    expect(verdict.documents[0]?.issues).toEqual([
      {
        path: '',
        code: 'statement_failed',
        message: `${bad}:2: column "missing" does not exist\n  in: CREATE INDEX i ON t (missing)`,
      },
    ])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain(`${roles}:2: not run (skipped): role "app" does not exist;`)
  })

  it('what the model cannot hold is a note on standard error, and the rest is read', async () => {
    const rules = file(
      'rules.sql',
      'CREATE TABLE t (a int);\nCREATE RULE t_keep AS ON DELETE TO t DO INSTEAD NOTHING;\n',
    )
    const run = await cli(['sql', rules, '--dialect', 'postgres'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(
      `schemaledger: note: ${rules}: not in the document: rule public.t.t_keep: a rewrite rule: the model has no rules; not read\n`,
    )
    expect(run.stdout).toContain('CREATE TABLE "t" (')
  })

  it('SQLite text converts to PostgreSQL through the sql command', async () => {
    const lite = file(
      'lite.sql',
      'PRAGMA foreign_keys = ON;\nCREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n',
    )
    const run = await cli(['sql', lite, '--dialect', 'postgres'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout).toContain('CREATE TABLE "t" (')
  })

  it('says plainly when the dialect cannot be told, and what MySQL needs', async () => {
    const plain = file('plain.sql', 'CREATE TABLE t (a int);\n')
    const mixed = file('mixed.sql', "CREATE TABLE `t` (a int DEFAULT '1'::int);\n")
    const mysql = file('my.sql', 'CREATE TABLE t (a int) ENGINE=InnoDB;\n')
    const [p, m, my] = await Promise.all([
      cli(['validate', plain, '--format', 'json']),
      cli(['validate', mixed, '--format', 'json']),
      cli(['validate', mysql, '--format', 'json']),
    ])
    const message = (out: string) =>
      (JSON.parse(out) as { documents: { issues: { message: string }[] }[] }).documents[0]?.issues[0]?.message
    expect(message(p.stdout)).toBe(
      `${plain}: cannot tell which dialect this SQL is written in (no clue such as a dump header, ::casts or backquotes); pass --input-dialect postgres|mysql|sqlite`,
    )
    expect(message(m.stdout)).toBe(
      `${mixed}: cannot tell which dialect this SQL is written in: it has clues of postgres (::casts) and mysql (\`backquotes\`); pass --input-dialect postgres|mysql|sqlite`,
    )
    expect(message(my.stdout)).toBe(
      `${mysql}: MySQL and MariaDB have no embedded engine: give a dev server (devUrl / --dev-url mysql://user@host:3306) on which a scratch database is created and dropped`,
    )
  })
})
