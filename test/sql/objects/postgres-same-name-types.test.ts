import { expect, it } from 'vitest'
import { diffSchemas, type Schema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import type { Engine } from '../../engines/engines.js'
import { catalogDifference, catalogLines } from '../../support/postgres-catalog.js'
import { describeEngines, resetDatabase, runMigration } from '../postgres/harness.js'

// User types of the same name in two namespaces, judged by pg_catalog: two enums `lang`, two domains,
// two composite types and two range types, with columns of each. The database read whole and
// re-created on an empty one holds the same catalog; adding a value to one `lang` is one statement,
// and the database then reads back with nothing left to change.

const NAMESPACES = ['schema1', 'schema2']

const readWhole = (e: Engine): Promise<Schema> =>
  introspect((sql, params) => e.query(sql, params), { dialect: 'postgres' })

async function reset(e: Engine): Promise<void> {
  await resetDatabase(e)
  for (const ns of NAMESPACES) await e.exec(`DROP SCHEMA IF EXISTS "${ns}" CASCADE`)
}

const SETUP = `
  CREATE SCHEMA schema1; CREATE SCHEMA schema2;
  CREATE TYPE schema1.lang AS ENUM ('ja', 'en');
  CREATE TYPE schema2.lang AS ENUM ('ja', 'en');
  CREATE DOMAIN schema1.code AS text CHECK (length(VALUE) = 2);
  CREATE DOMAIN schema2.code AS integer CHECK (VALUE > 0);
  CREATE TYPE schema1.pair AS (a integer, b integer);
  CREATE TYPE schema2.pair AS (x text, y schema2.lang);
  CREATE TYPE schema1.span AS RANGE (subtype = integer);
  CREATE TYPE schema2.span AS RANGE (subtype = date);
  CREATE TABLE schema1.posts (
    id integer PRIMARY KEY,
    l1 schema1.lang NOT NULL DEFAULT 'ja',
    l2 schema2.lang[],
    c1 schema1.code,
    c2 schema2.code,
    p1 schema1.pair,
    p2 schema2.pair,
    s1 schema1.span,
    s2 schema2.span
  );
  CREATE TABLE public.notes (id integer, l schema2.lang DEFAULT 'en');`

describeEngines('types of the same name in two namespaces', (engine) => {
  it('read whole and re-created on an empty database: the same catalog; a value added to one enum', async () => {
    const e = engine()
    await reset(e)
    await e.exec(SETUP)
    const written = await catalogLines(e)
    const db = await readWhole(e)
    expect(db.enums).toEqual([
      { name: 'lang', schema: 'schema1', values: ['ja', 'en'] },
      { name: 'lang', schema: 'schema2', values: ['ja', 'en'] },
    ])
    expect(db.tables.find((t) => t.name === 'posts')?.columns.map((c) => c.type)).toEqual([
      { kind: 'integer' },
      { kind: 'enum', name: 'lang', schema: 'schema1' },
      { kind: 'array', of: { kind: 'enum', name: 'lang', schema: 'schema2' } },
      { kind: 'custom', raw: 'schema1.code' },
      { kind: 'custom', raw: 'schema2.code' },
      { kind: 'custom', raw: 'schema1.pair' },
      { kind: 'custom', raw: 'schema2.pair' },
      { kind: 'custom', raw: 'schema1.span' },
      { kind: 'custom', raw: 'schema2.span' },
    ])
    expect(db.domains?.map((d) => [d.schema, d.name])).toEqual([
      ['schema1', 'code'],
      ['schema2', 'code'],
    ])
    expect(db.types?.map((t) => [t.schema, t.name])).toEqual([
      ['schema1', 'pair'],
      ['schema1', 'span'],
      ['schema2', 'pair'],
      ['schema2', 'span'],
    ])

    await reset(e)
    const empty = await readWhole(e)
    const create = planMigration(diffSchemas(empty, db), { dialect: 'postgres', from: empty, to: db })
    await runMigration(e, create.up)
    expect(catalogDifference(await catalogLines(e), written, 40)).toEqual([])
    expect(diffSchemas(await readWhole(e), db).changes).toEqual([])

    await e.exec(`ALTER TYPE schema2.lang ADD VALUE 'de'`)
    const added = await readWhole(e)
    await reset(e)
    await runMigration(e, create.up)
    const migration = planMigration(diffSchemas(db, added), { dialect: 'postgres', from: db, to: added })
    expect(migration.up.map((s) => s.sql)).toEqual([`ALTER TYPE "schema2"."lang" ADD VALUE 'de' AFTER 'en'`])
    await runMigration(e, migration.up)
    const after = await readWhole(e)
    expect(diffSchemas(after, added).changes).toEqual([])
    expect(after.enums.map((x) => [x.schema, x.values])).toEqual([
      ['schema1', ['ja', 'en']],
      ['schema2', ['ja', 'en', 'de']],
    ])
  })
})
