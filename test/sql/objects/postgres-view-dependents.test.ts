import { expect, it } from 'vitest'
import { diffSchemas, parseSchema } from '../../../src/index.js'
import { toCanonicalDocument } from '../../../src/model/serialize-schema.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, resetDatabase, runMigration } from '../postgres/harness.js'

// The object framework on PostgreSQL, judged by pg_catalog: views are created after their tables and
// in dependency order (views on views), a column type change under a view drops the views that
// depend on the table and creates them again around it, and namespaces are created and dropped.

const doc = (over: { total: string; extraView?: boolean; namespaces?: string[] }) =>
  parseSchema({
    format: 'schemaledger/1',
    tables: [
      {
        name: 'orders',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'total', type: over.total, nullable: false },
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
    ...(over.namespaces ? { namespaces: over.namespaces.map((name) => ({ name })) } : {}),
    views: [
      // Named so that creation by name alone would put the dependent first.
      { name: 'a_big_orders', definition: 'SELECT id, total FROM z_order_totals WHERE total > 100' },
      { name: 'z_order_totals', definition: 'SELECT id, total FROM orders', comment: 'one row per order' },
      ...(over.extraView
        ? [{ name: 'report', schema: 'reporting', definition: 'SELECT count(*) AS n FROM orders' }]
        : []),
    ],
  })

const views = async (engine: Engine) =>
  (
    await engine.query(
      `SELECT n.nspname || '.' || c.relname AS name, format_type(a.atttypid, a.atttypmod) AS total
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'total'
        WHERE c.relkind = 'v' AND n.nspname IN ('public', 'reporting') ORDER BY 1`,
    )
  ).map((r) => `${r.name}:${r.total ?? '-'}`)

describeEngines('views and namespaces through the object planner', (engine) => {
  it('creates views after their tables, views on views in dependency order', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec('DROP SCHEMA IF EXISTS reporting CASCADE')
    const statements = createSchemaSQL(
      doc({ total: 'integer', extraView: true, namespaces: ['reporting'] }),
      'postgres',
    )
    expect(statements.map((s) => s.sql)).toEqual([
      'CREATE SCHEMA "reporting"',
      'CREATE TABLE "orders" (\n  "id" integer NOT NULL,\n  "total" integer NOT NULL,\n  CONSTRAINT "orders_pkey" PRIMARY KEY ("id")\n)',
      'CREATE VIEW "z_order_totals" AS SELECT id, total FROM orders',
      `COMMENT ON VIEW "z_order_totals" IS 'one row per order'`,
      'CREATE VIEW "a_big_orders" AS SELECT id, total FROM z_order_totals WHERE total > 100',
      'CREATE VIEW "reporting"."report" AS SELECT count(*) AS n FROM orders',
    ])
    await run(e, statements)
    expect(await views(e)).toEqual([
      'public.a_big_orders:integer',
      'public.z_order_totals:integer',
      'reporting.report:-',
    ])
  })

  it('re-creates the views over a column whose type changes, dependents first, and back', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec('DROP SCHEMA IF EXISTS reporting CASCADE')
    const from = doc({ total: 'integer', extraView: true, namespaces: ['reporting'] })
    const to = doc({ total: 'bigint', extraView: true, namespaces: ['reporting'] })
    await run(e, createSchemaSQL(from, 'postgres'))
    const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'DROP VIEW "reporting"."report"',
      'DROP VIEW "a_big_orders"',
      'DROP VIEW "z_order_totals"',
      'ALTER TABLE "orders" ALTER COLUMN "total" TYPE bigint',
      'CREATE VIEW "z_order_totals" AS SELECT id, total FROM orders',
      `COMMENT ON VIEW "z_order_totals" IS 'one row per order'`,
      'CREATE VIEW "a_big_orders" AS SELECT id, total FROM z_order_totals WHERE total > 100',
      'CREATE VIEW "reporting"."report" AS SELECT count(*) AS n FROM orders',
    ])
    expect(new Set(migration.up.map((s) => s.change?.path))).toEqual(new Set(['orders.total']))
    await runMigration(e, migration.up)
    expect(await views(e)).toEqual(['public.a_big_orders:bigint', 'public.z_order_totals:bigint', 'reporting.report:-'])
    await runMigration(e, migration.down)
    expect(await views(e)).toEqual([
      'public.a_big_orders:integer',
      'public.z_order_totals:integer',
      'reporting.report:-',
    ])
  })

  it('creates and drops a namespace with the view in it, and a changed query re-creates its dependents', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec('DROP SCHEMA IF EXISTS reporting CASCADE')
    const from = doc({ total: 'integer', namespaces: [] })
    const to = parseSchema({
      ...toCanonicalDocument(doc({ total: 'integer', namespaces: ['reporting'] })),
      views: [
        { name: 'a_big_orders', definition: 'SELECT id, total FROM z_order_totals WHERE total > 100' },
        {
          name: 'z_order_totals',
          definition: 'SELECT id, total FROM orders WHERE total > 0',
          comment: 'one row per order',
        },
        { name: 'report', schema: 'reporting', definition: 'SELECT count(*) AS n FROM orders' },
      ],
    })
    await run(e, createSchemaSQL(from, 'postgres'))
    const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      // a_big_orders has no change of its own: it is re-created because the view under it is.
      'namespace:reporting: CREATE SCHEMA "reporting"',
      'view:z_order_totals: DROP VIEW "a_big_orders"',
      'view:z_order_totals: DROP VIEW "z_order_totals"',
      'view:z_order_totals: CREATE VIEW "z_order_totals" AS SELECT id, total FROM orders WHERE total > 0',
      `view:z_order_totals: COMMENT ON VIEW "z_order_totals" IS 'one row per order'`,
      'view:z_order_totals: CREATE VIEW "a_big_orders" AS SELECT id, total FROM z_order_totals WHERE total > 100',
      'view:reporting.report: CREATE VIEW "reporting"."report" AS SELECT count(*) AS n FROM orders',
    ])
    await runMigration(e, migration.up)
    expect(await views(e)).toEqual([
      'public.a_big_orders:integer',
      'public.z_order_totals:integer',
      'reporting.report:-',
    ])
    const definition = await e.query(`SELECT pg_get_viewdef('z_order_totals'::regclass) AS d`)
    expect(String(definition[0]?.d)).toMatch(/WHERE \((orders\.)?total > 0\)/)
    await runMigration(e, migration.down)
    expect(await views(e)).toEqual(['public.a_big_orders:integer', 'public.z_order_totals:integer'])
    expect(await e.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'reporting'`)).toEqual([])
  })

  it('creates a view again after the DROP COLUMN under it: PostgreSQL expands SELECT * when it creates a view', async () => {
    const e = engine()
    await resetDatabase(e)
    const table = (columns: string[]) => ({
      name: 'items',
      columns: columns.map((name) => ({ name, type: 'integer', nullable: true })),
    })
    const from = parseSchema({
      format: 'schemaledger/1',
      tables: [table(['id', 'gone'])],
      views: [{ name: 'item_list', definition: 'SELECT id, gone FROM items' }],
    })
    const to = parseSchema({
      format: 'schemaledger/1',
      tables: [table(['id'])],
      views: [{ name: 'item_list', definition: 'SELECT * FROM items' }],
    })
    const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'DROP VIEW "item_list"',
      'ALTER TABLE "items" DROP COLUMN "gone"',
      'CREATE VIEW "item_list" AS SELECT * FROM items',
    ])
    await run(e, createSchemaSQL(from, 'postgres'))
    await runMigration(e, migration.up)
    const columns = await e.query(
      "SELECT attname FROM pg_attribute WHERE attrelid = 'item_list'::regclass AND attnum > 0 ORDER BY attnum",
    )
    expect(columns.map((r) => r.attname)).toEqual(['id'])
  })
})

it('refuses a view definition that is not exactly one query, naming its document path', () => {
  const s = parseSchema({
    format: 'schemaledger/1',
    tables: [],
    views: [{ name: 'v', definition: 'SELECT 1; DROP TABLE users' }],
  })
  expect(() => createSchemaSQL(s, 'postgres')).toThrow(/views\[0\]\.definition.*";" that would end the statement/s)
  const notQuery = parseSchema({
    format: 'schemaledger/1',
    tables: [],
    views: [{ name: 'v', definition: 'DELETE FROM users' }],
  })
  expect(() => createSchemaSQL(notQuery, 'postgres')).toThrow(/views\[0\]\.definition.*not a query/s)
})
