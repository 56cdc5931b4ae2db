import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema, SchemaDefinition } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { apply, create, plan, read, remaining, schema, script, sqliteFactory } from '../sqlite/sqlite-helpers.js'

// SQLite views and triggers through the object planner, judged by sqlite_schema: created after their
// tables, read back by introspection, and kept through a table rebuild (the old copy's triggers go
// with DROP TABLE, and a view naming the table makes the rebuild's RENAME fail): the planner drops
// them first and creates them again after the rebuild.

const AUDIT = 'BEGIN INSERT INTO "audit" ("order_id", "what") VALUES (NEW."id", \'insert\'); END'

/** A definition with objects (defineSchema validates them like the document's lists). */
type Definition = SchemaDefinition & Partial<Pick<Schema, 'views' | 'triggers'>>

const shop = (total: string, over: Partial<Definition> = {}): Definition => ({
  tables: [
    {
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'total', type: total, nullable: false },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
    },
    {
      name: 'audit',
      columns: [
        { name: 'order_id', type: 'integer' },
        { name: 'what', type: 'text' },
      ],
    },
  ],
  views: [
    {
      name: 'big_orders',
      columns: ['order_id', 'amount'],
      definition: 'SELECT id, total FROM orders WHERE total > 100',
    },
  ],
  triggers: [{ name: 'orders_audit', table: 'orders', timing: 'after', events: ['insert'], body: AUDIT }],
  ...over,
})

const catalog = async (e: Engine) =>
  (await e.query(`SELECT type, name, tbl_name FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY name`)).map(
    (r) => `${r.type}:${r.name}:${r.tbl_name}`,
  )

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'views and triggers'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates views and triggers after their tables and reads them back unchanged', async () => {
    const s = schema(shop('integer'))
    expect(createSchemaSQL(s, 'sqlite').map((x) => x.sql)).toEqual([
      'CREATE TABLE "audit" ("order_id" integer, "what" text)',
      'CREATE TABLE "orders" ("id" integer NOT NULL, "total" integer NOT NULL, PRIMARY KEY ("id"))',
      'CREATE VIEW "big_orders" ("order_id", "amount") AS SELECT id, total FROM orders WHERE total > 100',
      `CREATE TRIGGER "orders_audit" AFTER INSERT ON "orders" FOR EACH ROW ${AUDIT}`,
    ])
    await create(engine, s)
    expect(await catalog(engine)).toEqual(['view:big_orders:big_orders', 'trigger:orders_audit:orders'])
    await engine.exec('INSERT INTO orders (id, total) VALUES (1, 150)')
    expect(await engine.query('SELECT order_id, what FROM audit')).toEqual([{ order_id: 1, what: 'insert' }])
    expect(await engine.query('SELECT order_id, amount FROM big_orders')).toEqual([{ order_id: 1, amount: 150 }])
    const back = await read(engine)
    expect(back.views).toEqual(s.views)
    expect(back.triggers).toEqual(s.triggers)
    expect(await remaining(engine, s)).toEqual([])
  })

  it('keeps the triggers and views of a rebuilt table: dropped before the rebuild, created after it', async () => {
    const from = schema(shop('integer'))
    const to = schema(shop('numeric(12,2)'))
    const m = plan(from, to)
    expect(script(m)).toBe(
      [
        '-- schemaledger migration: sqlite, up',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement is off while tables are rebuilt so that dropping the old copy cannot cascade into other tables',
        'PRAGMA foreign_keys = OFF;',
        'BEGIN;',
        'DROP TRIGGER "orders_audit";',
        'DROP VIEW "big_orders";',
        'CREATE TABLE "new_orders" ("id" integer NOT NULL, "total" decimal(12,2) NOT NULL, PRIMARY KEY ("id"));',
        'INSERT INTO "new_orders" ("id", "total") SELECT "id", "total" FROM "orders";',
        '-- destructive: alter_column orders.total',
        'DROP TABLE "orders";',
        'ALTER TABLE "new_orders" RENAME TO "orders";',
        'CREATE VIEW "big_orders" ("order_id", "amount") AS SELECT id, total FROM orders WHERE total > 100;',
        `CREATE TRIGGER "orders_audit" AFTER INSERT ON "orders" FOR EACH ROW ${AUDIT};`,
        'PRAGMA foreign_key_check;',
        'COMMIT;',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement comes back on after the commit',
        'PRAGMA foreign_keys = ON;',
        '',
      ].join('\n'),
    )
    await create(engine, from)
    await engine.exec('INSERT INTO orders (id, total) VALUES (1, 150)')
    await apply(engine, m.up)
    expect(await catalog(engine)).toEqual(['view:big_orders:big_orders', 'trigger:orders_audit:orders'])
    await engine.exec('INSERT INTO orders (id, total) VALUES (2, 250)')
    expect(await engine.query('SELECT order_id FROM audit ORDER BY order_id')).toEqual([
      { order_id: 1 },
      { order_id: 2 },
    ])
    expect(await remaining(engine, to)).toEqual([])
    expect(plan(await read(engine), to).up).toEqual([])
    await apply(engine, m.down)
    expect(await catalog(engine)).toEqual(['view:big_orders:big_orders', 'trigger:orders_audit:orders'])
    expect(await remaining(engine, from)).toEqual([])
  })

  it('a changed trigger or view is dropped and created again, up and down', async () => {
    const from = schema(shop('integer'))
    const to = schema(
      shop('integer', {
        views: [{ name: 'big_orders', definition: 'SELECT id, total FROM orders WHERE total > 500' }],
        triggers: [
          {
            name: 'orders_audit',
            table: 'orders',
            timing: 'before',
            events: ['update'],
            columns: ['total'],
            when: 'NEW.total <> OLD.total',
            body: 'BEGIN INSERT INTO "audit" ("order_id", "what") VALUES (NEW."id", \'update\'); END',
          },
        ],
      }),
    )
    const m = plan(from, to)
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      'trigger:orders.orders_audit: DROP TRIGGER "orders_audit"',
      'view:big_orders: DROP VIEW "big_orders"',
      'view:big_orders: CREATE VIEW "big_orders" AS SELECT id, total FROM orders WHERE total > 500',
      `trigger:orders.orders_audit: CREATE TRIGGER "orders_audit" BEFORE UPDATE OF "total" ON "orders" FOR EACH ROW WHEN NEW.total <> OLD.total BEGIN INSERT INTO "audit" ("order_id", "what") VALUES (NEW."id", 'update'); END`,
    ])
    await create(engine, from)
    await apply(engine, m.up)
    expect(await remaining(engine, to)).toEqual([])
    await engine.exec('INSERT INTO orders (id, total) VALUES (1, 1)')
    await engine.exec('UPDATE orders SET total = 2')
    expect(await engine.query('SELECT what FROM audit')).toEqual([{ what: 'update' }])
    await apply(engine, m.down)
    expect(await remaining(engine, from)).toEqual([])
    // Dropping them all, and back.
    const bare = schema(shop('integer', { views: [], triggers: [] }))
    const gone = plan(from, bare)
    await apply(engine, gone.up)
    expect(await catalog(engine)).toEqual([])
    await apply(engine, gone.down)
    expect(await remaining(engine, from)).toEqual([])
  })

  it('refuses a trigger body that is not one BEGIN ... END block, naming its document path', () => {
    const bad = (body: string) =>
      schema(shop('integer', { triggers: [{ name: 'x', table: 'orders', timing: 'after', events: ['insert'], body }] }))
    expect(() => createSchemaSQL(bad('BEGIN SELECT 1; END; DROP TABLE orders'), 'sqlite')).toThrow(
      /triggers\[0\]\.body.*another statement/s,
    )
    expect(() => createSchemaSQL(bad('BEGIN SELECT 1; END -- x'), 'sqlite')).toThrow(/triggers\[0\]\.body.*comment/s)
    expect(() => createSchemaSQL(bad('DELETE FROM audit'), 'sqlite')).toThrow(/triggers\[0\]\.body.*BEGIN/s)
  })

  it('a view that stops reading a dropped column is created again after the DROP COLUMN, up and down', async () => {
    const from = schema(
      shop('integer', {
        tables: [
          {
            name: 'orders',
            columns: [
              { name: 'id', type: 'integer' },
              { name: 'total', type: 'integer' },
            ],
          },
        ],
        views: [{ name: 'big_orders', definition: 'SELECT id, total FROM orders WHERE total > 100' }],
        triggers: [],
      }),
    )
    const to = schema(
      shop('integer', {
        tables: [{ name: 'orders', columns: [{ name: 'id', type: 'integer' }] }],
        views: [{ name: 'big_orders', definition: 'SELECT * FROM orders' }],
        triggers: [],
      }),
    )
    const m = plan(from, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'DROP VIEW "big_orders"',
      'ALTER TABLE "orders" DROP COLUMN "total"',
      'CREATE VIEW "big_orders" AS SELECT * FROM orders',
    ])
    expect(m.down.map((s) => s.sql)).toEqual([
      'DROP VIEW "big_orders"',
      'ALTER TABLE "orders" ADD COLUMN "total" integer',
      'CREATE VIEW "big_orders" AS SELECT id, total FROM orders WHERE total > 100',
    ])
    await create(engine, from)
    await engine.exec('INSERT INTO orders (id, total) VALUES (1, 150)')
    await apply(engine, m.up)
    expect(await engine.query('SELECT * FROM big_orders')).toEqual([{ id: 1 }])
    expect(await remaining(engine, to)).toEqual([])
    await apply(engine, m.down)
    expect(await remaining(engine, from)).toEqual([])
  })
})
