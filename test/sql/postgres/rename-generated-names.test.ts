import { expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { describeEngines, plan, read, resetDatabase, runMigration } from './harness.js'

// A table renamed on a real PostgreSQL keeps the names PostgreSQL derived from the old name
// (people_pkey, people_id_seq, people_email_key, people_email_idx) unless the migration renames them
// too. Both versions are read from the engine around a real rename; the plan of the inferred rename
// must give the database exactly the target's names (kept or renamed, as the target says), and
// planning again from the result is empty.

const CREATE = [
  'CREATE TABLE people (id serial PRIMARY KEY, email text UNIQUE, full_name text, team_id integer)',
  'CREATE INDEX ON people (full_name)',
  'CREATE TABLE teams (id integer PRIMARY KEY, label text)',
  'ALTER TABLE people ADD FOREIGN KEY (team_id) REFERENCES teams (id)',
]

const RENAME_ONLY = ['ALTER TABLE people RENAME TO persons']

const RENAME_ALL = [
  ...RENAME_ONLY,
  'ALTER TABLE persons RENAME CONSTRAINT people_pkey TO persons_pkey',
  'ALTER TABLE persons RENAME CONSTRAINT people_email_key TO persons_email_key',
  'ALTER TABLE persons RENAME CONSTRAINT people_team_id_fkey TO persons_team_id_fkey',
  'ALTER INDEX people_full_name_idx RENAME TO persons_full_name_idx',
  'ALTER SEQUENCE people_id_seq RENAME TO persons_id_seq',
]

describeEngines('generated names through a table rename', (engine) => {
  const catalogNames = async () =>
    (
      await engine().query(
        `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND relkind IN ('r', 'i', 'S') ORDER BY relname`,
      )
    ).map((r) => String(r.name))

  for (const [title, migration] of [
    ['the target keeps the old names', RENAME_ONLY],
    ['the target renames them with the table', RENAME_ALL],
  ] as const) {
    it(`plans an inferred rename: ${title}`, async () => {
      const e = engine()
      await resetDatabase(e)
      for (const sql of CREATE) await e.exec(sql)
      const from = await read(e)
      for (const sql of migration) await e.exec(sql)
      const to = await read(e)
      const expectedNames = await catalogNames()
      await resetDatabase(e)
      for (const sql of CREATE) await e.exec(sql)

      const diff = diffSchemas(from, to, { inferRenames: 'apply' })
      expect(diff.changes.filter((c) => c.kind === 'rename_table').map((c) => c.path)).toEqual(['persons'])
      const m = plan(from, to, {}, { inferRenames: 'apply' })
      await runMigration(e, m.up)
      expect(await catalogNames()).toEqual(expectedNames)
      expect(diffSchemas(await read(e), to).changes).toEqual([])
      await runMigration(e, m.down)
      expect(diffSchemas(await read(e), from).changes).toEqual([])
    })
  }

  it('as a drop and a create (renames off), frees the names the old table holds before taking them', async () => {
    const e = engine()
    await resetDatabase(e)
    for (const sql of CREATE) await e.exec(sql)
    const from = await read(e)
    for (const sql of RENAME_ONLY) await e.exec(sql)
    const to = await read(e)
    await resetDatabase(e)
    for (const sql of CREATE) await e.exec(sql)
    const m = plan(from, to, {}, { inferRenames: 'off' })
    await runMigration(e, m.up)
    expect(diffSchemas(await read(e), to).changes).toEqual([])
    await runMigration(e, m.down)
    expect(diffSchemas(await read(e), from).changes).toEqual([])
  })
})
