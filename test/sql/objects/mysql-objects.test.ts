import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema, SchemaDefinition } from '../../../src/index.js'
import { defineSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from '../mysql/harness.js'

// MySQL/MariaDB views, triggers and routines through the object planner, judged by
// information_schema (VIEWS, TRIGGERS, ROUTINES): created after their tables (routines before the
// views that call them), changed in place or dropped and created again, up and down; bodies with `;`
// get DELIMITER lines in a client script.

type Definition = SchemaDefinition & Partial<Pick<Schema, 'views' | 'triggers' | 'functions'>>

const STAMP = "BEGIN IF NEW.total < 0 THEN SET NEW.total = 0; END IF; SET NEW.note = concat('n;', NEW.id); END"

const shop = (over: Partial<Definition> = {}): Schema =>
  defineSchema({
    tables: [
      {
        name: 'orders',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'total', type: 'integer', nullable: false },
          { name: 'note', type: 'varchar(20)' },
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
    functions: [
      {
        name: 'doubled',
        arguments: 'n INT',
        returns: 'int(11)',
        body: 'RETURN n * 2',
        deterministic: true,
        dataAccess: 'no_sql',
      },
    ],
    views: [{ name: 'order_totals', definition: 'select `id`, `doubled`(`total`) AS `twice` from `orders`' }],
    triggers: [{ name: 'orders_stamp', table: 'orders', timing: 'before', events: ['insert'], body: STAMP }],
    ...over,
  } as SchemaDefinition)

const catalog = async (e: Engine) => {
  const rows = [
    ...(await e.query(
      `SELECT CONCAT('view:', TABLE_NAME, ':', CHECK_OPTION, ':', SECURITY_TYPE) AS x FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`,
    )),
    ...(await e.query(
      `SELECT CONCAT('trigger:', TRIGGER_NAME, ':', ACTION_TIMING, ':', EVENT_MANIPULATION, ':', EVENT_OBJECT_TABLE) AS x FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`,
    )),
    ...(await e.query(
      `SELECT CONCAT(LOWER(ROUTINE_TYPE), ':', ROUTINE_NAME, ':', IS_DETERMINISTIC, ':', SQL_DATA_ACCESS, ':', SECURITY_TYPE) AS x FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`,
    )),
  ]
  return rows.map((r) => String(r.x)).sort()
}

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'views, triggers and routines'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates routines, tables, views and triggers in order, and the trigger and view work', async () => {
    await engine.reset()
    const s = shop()
    const statements = createSchemaSQL(s, 'mysql')
    expect(statements.map((x) => x.sql)).toEqual([
      'CREATE FUNCTION `doubled`(n INT) RETURNS int(11) DETERMINISTIC NO SQL SQL SECURITY INVOKER RETURN n * 2',
      'CREATE TABLE `orders` (\n  `id` INT NOT NULL,\n  `total` INT NOT NULL,\n  `note` VARCHAR(20),\n  PRIMARY KEY (`id`)\n)',
      'CREATE VIEW `order_totals` AS select `id`, `doubled`(`total`) AS `twice` from `orders`',
      `CREATE TRIGGER \`orders_stamp\` BEFORE INSERT ON \`orders\` FOR EACH ROW ${STAMP}`,
    ])
    await run(engine, statements)
    expect(await catalog(engine)).toEqual([
      'function:doubled:YES:NO SQL:INVOKER',
      'trigger:orders_stamp:BEFORE:INSERT:orders',
      'view:order_totals:NONE:DEFINER',
    ])
    await engine.exec('INSERT INTO orders (id, total) VALUES (7, -5)')
    expect(await engine.query('SELECT id, twice FROM order_totals')).toEqual([{ id: 7, twice: 0 }])
    expect(await engine.query('SELECT note FROM orders')).toEqual([{ note: 'n;7' }])
  })

  it('a client script puts DELIMITER around the statements whose body holds ";"', () => {
    const script = toSQL(plan(shop({ triggers: [], views: [], functions: [] }), shop()))
    expect(script).toContain(
      `DELIMITER $$\nCREATE TRIGGER \`orders_stamp\` BEFORE INSERT ON \`orders\` FOR EACH ROW ${STAMP}$$\nDELIMITER ;\n`,
    )
    expect(script).toContain(
      'CREATE FUNCTION `doubled`(n INT) RETURNS int(11) DETERMINISTIC NO SQL SQL SECURITY INVOKER RETURN n * 2;\n',
    )
  })

  it('changes each kind up and down: view in place, trigger and function dropped and created, routine characteristics altered', async () => {
    const from = shop()
    const to = shop({
      functions: [
        {
          name: 'doubled',
          arguments: 'n INT',
          returns: 'int(11)',
          body: 'RETURN n * 2',
          deterministic: true,
          dataAccess: 'no_sql',
          securityDefiner: true,
          comment: 'twice n',
        },
        {
          name: 'reset_notes',
          kind: 'procedure',
          arguments: 'IN v VARCHAR(20)',
          body: 'BEGIN UPDATE orders SET note = v; END',
          dataAccess: 'modifies_sql_data',
        },
      ],
      views: [
        {
          name: 'order_totals',
          definition: 'select `id`, `total` from `orders` where `total` > 0',
          checkOption: 'cascaded',
          algorithm: 'merge',
          sqlSecurity: 'invoker',
        },
      ],
      triggers: [
        { name: 'orders_stamp', table: 'orders', timing: 'before', events: ['update'], body: "SET NEW.note = 'u'" },
      ],
    })
    const m = plan(from, to)
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      'trigger:orders.orders_stamp: DROP TRIGGER `orders_stamp`',
      'function:reset_notes(v VARCHAR(20)): CREATE PROCEDURE `reset_notes`(IN v VARCHAR(20)) NOT DETERMINISTIC MODIFIES SQL DATA SQL SECURITY INVOKER BEGIN UPDATE orders SET note = v; END',
      "function:doubled(n INT): ALTER FUNCTION `doubled` NO SQL SQL SECURITY DEFINER COMMENT 'twice n'",
      'view:order_totals: CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW `order_totals` AS select `id`, `total` from `orders` where `total` > 0 WITH CASCADED CHECK OPTION',
      "trigger:orders.orders_stamp: CREATE TRIGGER `orders_stamp` BEFORE UPDATE ON `orders` FOR EACH ROW SET NEW.note = 'u'",
    ])
    await engine.reset()
    await run(engine, createSchemaSQL(from, 'mysql'))
    await run(engine, m.up)
    expect(await catalog(engine)).toEqual([
      'function:doubled:YES:NO SQL:DEFINER',
      'procedure:reset_notes:NO:MODIFIES SQL DATA:INVOKER',
      'trigger:orders_stamp:BEFORE:UPDATE:orders',
      'view:order_totals:CASCADED:INVOKER',
    ])
    await engine.exec('INSERT INTO orders (id, total) VALUES (1, 5)')
    await engine.exec("CALL reset_notes('x')")
    expect(await engine.query('SELECT note FROM orders')).toEqual([{ note: 'u' }])
    await run(engine, m.down)
    expect(await catalog(engine)).toEqual([
      'function:doubled:YES:NO SQL:INVOKER',
      'trigger:orders_stamp:BEFORE:INSERT:orders',
      'view:order_totals:NONE:DEFINER',
    ])
    const none = plan(from, shop({ functions: [], views: [], triggers: [] }))
    await run(engine, none.up)
    expect(await catalog(engine)).toEqual([])
    await run(engine, none.down)
    expect(await catalog(engine)).toHaveLength(3)
  })

  it('reads views, triggers and routines back; a read re-created from itself reads the same, and plans nothing', async () => {
    await engine.reset()
    const to = shop({
      functions: [
        ...(shop().functions ?? []),
        {
          name: 'reset_notes',
          kind: 'procedure',
          arguments: 'IN v VARCHAR(20)',
          body: 'BEGIN UPDATE orders SET note = v; END',
          dataAccess: 'modifies_sql_data',
          comment: 'all notes',
        },
      ],
    })
    await run(engine, createSchemaSQL(to, 'mysql'))
    const first = await introspectEngine(engine)
    expect(first.views).toEqual([
      {
        name: 'order_totals',
        definition: 'select `orders`.`id` AS `id`,`doubled`(`orders`.`total`) AS `twice` from `orders`',
      },
    ])
    expect(first.triggers).toEqual([
      { name: 'orders_stamp', table: 'orders', timing: 'before', events: ['insert'], body: STAMP },
    ])
    expect(first.functions).toEqual([
      {
        name: 'doubled',
        arguments: '`n` int(11)',
        returns: 'int(11)',
        body: 'RETURN n * 2',
        deterministic: true,
        dataAccess: 'no_sql',
      },
      {
        name: 'reset_notes',
        kind: 'procedure',
        arguments: 'IN `v` varchar(20)',
        body: 'BEGIN UPDATE orders SET note = v; END',
        dataAccess: 'modifies_sql_data',
        comment: 'all notes',
      },
    ])
    expect(plan(first, first).up).toEqual([])
    // The read, created again from its own text, reads the same.
    await engine.reset()
    await run(engine, createSchemaSQL(first, 'mysql'))
    const second = await introspectEngine(engine)
    expect(second).toEqual(first)
    expect(plan(second, first).up).toEqual([])
  })

  it('refuses a body that is not one statement or one BEGIN ... END block, naming its document path', () => {
    const bad = shop({
      triggers: [
        {
          name: 't',
          table: 'orders',
          timing: 'before',
          events: ['insert'],
          body: 'BEGIN SET @a = 1; END; DROP TABLE orders',
        },
      ],
    })
    expect(() => createSchemaSQL(bad, 'mysql')).toThrow(/triggers\[0\]\.body.*another statement/s)
    const badFn = shop({
      functions: [{ name: 'f', arguments: '', returns: 'int', body: 'RETURN 1; DROP TABLE orders' }],
    })
    expect(() => createSchemaSQL(badFn, 'mysql')).toThrow(/functions\[0\]\.body.*BEGIN/s)
  })
})
