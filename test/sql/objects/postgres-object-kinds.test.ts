import { expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, plan, read, resetDatabase, runMigration } from '../postgres/harness.js'

// Views, materialized views, domains and composite types on PostgreSQL, judged by pg_catalog: a
// hand-written database read back and created again from what was read has the same catalog, and
// each kind's changes plan up and down in place (re-planning after either is empty).

/** What the catalog holds of the objects: views, domains and their checks, composite types, columns. */
const catalog = async (e: Engine) =>
  (
    await e.query(`
SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relispopulated || ' [' ||
  coalesce(array_to_string(c.reloptions, ','), '') || '] ' || coalesce(obj_description(c.oid, 'pg_class'), '-') || ' ' ||
  pg_get_viewdef(c.oid) AS line
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = 'public'
UNION ALL
SELECT 'domain ' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod) || ' ' || t.typnotnull || ' ' ||
  coalesce(t.typdefault, '-') || ' ' || t.typcollation::regcollation::text || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '-')
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND n.nspname = 'public'
UNION ALL
SELECT 'check ' || t.typname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) || ' ' || con.convalidated
FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = 'public' AND con.contype = 'c'
UNION ALL
SELECT 'attribute ' || c.relname || '.' || (SELECT count(*) FROM pg_attribute b
    WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND b.attnum <= a.attnum AND NOT b.attisdropped) || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
  ' ' || a.attcollation::regcollation::text || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '-')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.typrelid = c.oid
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('c', 'r') AND n.nspname = 'public'
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.oid) || ' ' || coalesce(obj_description(i.oid, 'pg_class'), '-')
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND n.nspname = 'public'
ORDER BY 1`)
  ).map((r) => String(r.line))

const SQL = `
CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL, note text);
CREATE VIEW totals AS SELECT id, total FROM orders WHERE total > 0 WITH LOCAL CHECK OPTION;
CREATE VIEW big WITH (security_barrier) AS SELECT t.id FROM totals t WHERE t.total > 100;
COMMENT ON VIEW big IS 'the big ones';
CREATE MATERIALIZED VIEW counted AS SELECT count(*) AS n FROM orders;
CREATE MATERIALIZED VIEW later AS SELECT id FROM big WITH NO DATA;
COMMENT ON MATERIALIZED VIEW later IS 'filled at night';
CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CHECK (VALUE > 0);
ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 1000) NOT VALID;
COMMENT ON DOMAIN posint IS 'a count';
CREATE DOMAIN code AS text COLLATE "C";
CREATE TYPE address AS (street text, zip varchar(10), n posint, c code COLLATE "POSIX");
COMMENT ON TYPE address IS 'where';
CREATE TABLE people (id int, home address, age posint, tag code);
CREATE VIEW ages AS SELECT id, age, (home).zip AS zip FROM people`

const doc = (over: Record<string, unknown>): Schema =>
  parseSchema({ format: 'schemaledger/1', tables: [], ...over }) as Schema

/** Creates `from`, plans to `to` and back, runs both, and checks the re-plans are empty. */
async function upAndDown(e: Engine, from: Schema, to: Schema) {
  await resetDatabase(e)
  await run(e, createSchemaSQL(from, 'postgres'))
  const before = await catalog(e)
  const migration = plan(from, to)
  await runMigration(e, migration.up)
  const up = await read(e)
  expect(diffSchemas(up, to).changes).toEqual([])
  const after = await catalog(e)
  await runMigration(e, plan(to, from).up)
  expect(diffSchemas(await read(e), from).changes).toEqual([])
  expect(await catalog(e)).toEqual(before)
  return { up: migration.up.map((s) => s.sql), after }
}

describeEngines('views, materialized views, domains and composite types', (engine) => {
  it('reads a hand-written database back and creates the same catalog from what it read', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(SQL)
    const written = await catalog(e)
    const first = await read(e)
    expect(first.views?.map((v) => `${v.name}:${(v.dependsOn ?? []).join(',')}`)).toEqual([
      'ages:table:people',
      'big:view:totals',
      'counted:table:orders',
      'later:view:big',
      'totals:table:orders',
    ])
    expect(first.domains).toEqual([
      { name: 'code', type: 'text', collation: 'C' },
      {
        name: 'posint',
        type: 'integer',
        default: '1',
        notNull: true,
        checks: [{ expression: 'VALUE > 0' }, { name: 'small', expression: 'VALUE < 1000', notValid: true }],
        comment: 'a count',
      },
    ])
    expect(first.types).toEqual([
      {
        name: 'address',
        attributes: [
          { name: 'street', type: 'text' },
          { name: 'zip', type: 'character varying(10)' },
          { name: 'n', type: 'posint' },
          { name: 'c', type: 'code', collation: 'POSIX' },
        ],
        comment: 'where',
      },
    ])
    const statements = createSchemaSQL(first, 'postgres').map((s) => s.sql)
    // Domains and types before the tables that use them, views after, each after what it reads.
    const at = (prefix: string) => statements.findIndex((s) => s.startsWith(prefix))
    expect(at('CREATE DOMAIN "posint"')).toBeLessThan(at('CREATE TYPE "address"'))
    expect(at('CREATE TYPE "address"')).toBeLessThan(at('CREATE TABLE "people"'))
    expect(at('CREATE VIEW "totals"')).toBeLessThan(at('CREATE VIEW "big"'))
    expect(at('CREATE VIEW "big"')).toBeLessThan(at('CREATE MATERIALIZED VIEW "later"'))
    expect(statements).toContain(
      'CREATE DOMAIN "posint" AS integer DEFAULT 1 NOT NULL CONSTRAINT "posint_check" CHECK (VALUE > 0)',
    )
    expect(statements).toContain('ALTER DOMAIN "posint" ADD CONSTRAINT "small" CHECK (VALUE < 1000) NOT VALID')
    await resetDatabase(e)
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await catalog(e)).toEqual(written)
    expect(diffSchemas(first, await read(e)).changes).toEqual([])
  }, 120_000)

  it('changes a domain in place: default, NOT NULL, checks added and dropped, comment', async () => {
    const table = { name: 'people', columns: [{ name: 'age', type: 'posint', nullable: true }] }
    const from = doc({
      tables: [table],
      domains: [{ name: 'posint', type: 'integer', checks: [{ expression: 'VALUE > 0' }] }],
    })
    const to = doc({
      tables: [table],
      domains: [
        {
          name: 'posint',
          type: 'integer',
          default: '1',
          notNull: true,
          checks: [{ expression: 'VALUE > 0' }, { name: 'small', expression: 'VALUE < 1000' }],
          comment: 'a count',
        },
      ],
    })
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'ALTER DOMAIN "posint" SET DEFAULT 1',
      'ALTER DOMAIN "posint" SET NOT NULL',
      'ALTER DOMAIN "posint" ADD CONSTRAINT "small" CHECK (VALUE < 1000)',
      `COMMENT ON DOMAIN "posint" IS 'a count'`,
    ])
    expect(after.filter((l) => l.startsWith('check ') || l.startsWith('domain '))).toEqual([
      'check posint posint_check CHECK ((VALUE > 0)) true',
      'check posint small CHECK ((VALUE < 1000)) true',
      'domain posint integer true 1 - a count',
    ])
  })

  it('changes a composite type in place: attribute added, retyped, dropped', async () => {
    const from = doc({
      types: [
        {
          name: 'address',
          attributes: [
            { name: 'street', type: 'text' },
            { name: 'zip', type: 'character varying(10)' },
            { name: 'old', type: 'integer' },
          ],
        },
      ],
    })
    const to = doc({
      types: [
        {
          name: 'address',
          attributes: [
            { name: 'street', type: 'text' },
            { name: 'zip', type: 'varchar(20)' },
            { name: 'city', type: 'text' },
          ],
          comment: 'where',
        },
      ],
    })
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'ALTER TYPE "address" DROP ATTRIBUTE "old", ALTER ATTRIBUTE "zip" TYPE varchar(20), ADD ATTRIBUTE "city" text',
      `COMMENT ON TYPE "address" IS 'where'`,
    ])
    expect(after).toEqual([
      'attribute address.1 street text "default" where',
      'attribute address.2 zip character varying(20) "default" where',
      'attribute address.3 city text "default" where',
    ])
  })

  it('changes view options and a materialized view comment in place, a query by re-creating', async () => {
    const orders = {
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'total', type: 'integer', nullable: false },
      ],
    }
    const from = doc({
      tables: [orders],
      views: [
        { name: 'totals', definition: 'SELECT id, total FROM orders' },
        { name: 'counted', materialized: true, definition: 'SELECT count(*) AS n FROM orders', comment: 'a' },
      ],
    })
    const to = doc({
      tables: [orders],
      views: [
        { name: 'totals', definition: 'SELECT id, total FROM orders', securityBarrier: true },
        {
          name: 'counted',
          materialized: true,
          definition: 'SELECT count(*) AS n, max(orders.total) AS top FROM orders',
          withNoData: true,
        },
      ],
    })
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'DROP MATERIALIZED VIEW "counted"',
      'CREATE MATERIALIZED VIEW "counted" AS SELECT count(*) AS n, max(orders.total) AS top FROM orders WITH NO DATA',
      'ALTER VIEW "totals" SET (security_barrier=true)',
    ])
    expect(
      after.filter((l) => l.startsWith('view ')).map((l) => l.replace(/\s+/g, ' ').replace(/orders\./g, '')),
    ).toEqual([
      'view public.counted m false [] - SELECT count(*) AS n, max(total) AS top FROM orders;',
      'view public.totals v true [security_barrier=true] - SELECT id, total FROM orders;',
    ])
  })

  it("creates a materialized view's indexes after it, changes them one by one, re-creates them with it", async () => {
    const orders = {
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'total', type: 'integer', nullable: false },
      ],
    }
    const ranked = (definition: string, indexes: unknown[]) => ({
      name: 'ranked',
      materialized: true,
      definition,
      indexes,
    })
    const query = 'SELECT id, total FROM orders'
    const from = doc({
      tables: [orders],
      views: [
        ranked(query, [
          { name: 'ranked_id_idx', columns: ['id'], unique: true },
          { name: 'ranked_total_idx', columns: ['total'], comment: 'old' },
        ]),
      ],
    })
    const to = doc({
      tables: [orders],
      views: [
        ranked(query, [
          { name: 'ranked_id_idx', columns: ['id'], unique: true, comment: 'by id' },
          { name: 'ranked_total_idx', columns: [{ expression: 'total * 2' }] },
          { name: 'ranked_big_idx', columns: ['total'], where: 'total > 100' },
        ]),
      ],
    })
    const empty = doc({ tables: [orders] })
    expect(plan(empty, from).up.map((s) => s.sql)).toEqual([
      'CREATE MATERIALIZED VIEW "ranked" AS SELECT id, total FROM orders',
      'CREATE UNIQUE INDEX "ranked_id_idx" ON "ranked" ("id")',
      'CREATE INDEX "ranked_total_idx" ON "ranked" ("total")',
      `COMMENT ON INDEX "ranked_total_idx" IS 'old'`,
    ])
    expect(diffSchemas(from, to).changes).toEqual([
      expect.objectContaining({ kind: 'alter_view', path: 'view:ranked', changes: ['indexes'] }),
    ])
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'DROP INDEX "ranked_total_idx"',
      'CREATE INDEX "ranked_big_idx" ON "ranked" ("total") WHERE total > 100',
      `COMMENT ON INDEX "ranked_id_idx" IS 'by id'`,
      'CREATE INDEX "ranked_total_idx" ON "ranked" ((total * 2))',
    ])
    expect(after.filter((l) => l.startsWith('index '))).toEqual([
      'index CREATE INDEX ranked_big_idx ON public.ranked USING btree (total) WHERE (total > 100) -',
      'index CREATE INDEX ranked_total_idx ON public.ranked USING btree (((total * 2))) -',
      'index CREATE UNIQUE INDEX ranked_id_idx ON public.ranked USING btree (id) by id',
    ])
    // A changed query re-creates the view, and its indexes with it.
    const requeried = doc({
      tables: [orders],
      views: [ranked(`${query} WHERE (total > 0)`, [{ name: 'ranked_id_idx', columns: ['id'] }])],
    })
    const { up: again } = await upAndDown(engine(), from, requeried)
    expect(again).toEqual([
      'DROP MATERIALIZED VIEW "ranked"',
      'CREATE MATERIALIZED VIEW "ranked" AS SELECT id, total FROM orders WHERE (total > 0)',
      'CREATE INDEX "ranked_id_idx" ON "ranked" ("id")',
    ])
    // Index texts pass the index guards; a plain view has no indexes.
    const bad = doc({
      tables: [orders],
      views: [ranked(query, [{ name: 'x', columns: [{ expression: 'id); DROP TABLE orders; --' }] }])],
    })
    expect(() => createSchemaSQL(bad, 'postgres')).toThrow(/ranked index expression/)
    const plainView = doc({
      tables: [orders],
      views: [{ name: 'v', definition: query, indexes: [{ name: 'v_idx', columns: ['id'] }] }],
    })
    expect(() => createSchemaSQL(plainView, 'postgres')).toThrow(
      /view v: indexes: only a materialized view has indexes/,
    )
  })

  it('re-creates the views an introspected schema says read a column whose type changes (dependsOn)', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(`
CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL);
CREATE VIEW totals AS SELECT id, total FROM orders;
CREATE VIEW big AS SELECT t.id, t.total FROM totals t WHERE t.total > 100;
CREATE MATERIALIZED VIEW counted AS SELECT sum(total) AS s FROM orders;
CREATE TABLE other (id int)`)
    const from = await read(e)
    const to: Schema = {
      ...from,
      tables: from.tables.map((t) =>
        t.name !== 'orders'
          ? t
          : { ...t, columns: t.columns.map((c) => (c.name === 'total' ? { ...c, type: { kind: 'bigint' } } : c)) },
      ),
    } as Schema
    const migration = plan(from, to)
    expect(migration.up.map((s) => s.sql.split(' AS ')[0])).toEqual([
      'DROP MATERIALIZED VIEW "counted"',
      'DROP VIEW "big"',
      'DROP VIEW "totals"',
      'ALTER TABLE "orders" ALTER COLUMN "total" TYPE bigint',
      'CREATE VIEW "totals"',
      'CREATE VIEW "big"',
      'CREATE MATERIALIZED VIEW "counted"',
    ])
    await runMigration(e, migration.up)
    expect(diffSchemas(await read(e), to).changes).toEqual([])
    const types = await e.query(
      `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) AS line
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND a.attnum > 0 ORDER BY 1`,
    )
    expect(types.map((r) => r.line)).toEqual([
      'big.id integer',
      'big.total bigint',
      'counted.s numeric',
      'totals.id integer',
      'totals.total bigint',
    ])
    await runMigration(e, plan(to, from).up)
    expect(diffSchemas(await read(e), from).changes).toEqual([])
  })
})
