import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema, SchemaDefinition } from '../../../src/index.js'
import { defineSchema, diffSchemas } from '../../../src/index.js'
import { createSchemaSQL, planMigration } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from '../mysql/harness.js'

// MariaDB sequences (the `sequence` kind PostgreSQL has too) through the object planner, judged by
// information_schema.TABLES (TABLE_TYPE = 'SEQUENCE') and the options a SELECT of each sequence
// gives: created before the tables whose defaults call NEXT VALUE FOR them, dropped after, options
// changed with ALTER SEQUENCE, up and down; read back so that a read plans nothing. MySQL has none.

type Definition = SchemaDefinition & Partial<Pick<Schema, 'sequences'>>

const TICKET = { name: 'ticket', type: 'bigint', nullable: false, default: 'NEXT VALUE FOR tickets' }

const db = (over: Partial<Definition> = {}, ticket = false): Schema =>
  defineSchema({
    tables: [
      {
        name: 'orders',
        columns: [
          { name: 'id', type: 'bigint', nullable: false, default: 'NEXT VALUE FOR order_ids' },
          { name: 'total', type: 'integer', nullable: false },
          ...(ticket ? [TICKET] : []),
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
    sequences: [
      { name: 'order_ids', start: '100', increment: '10' },
      { name: 'countdown', increment: '-1', minValue: '-50', cache: '20', cycle: true, comment: 'ticks' },
    ],
    ...over,
  } as SchemaDefinition)

/** Each sequence as the server holds it: `name:min:max:start:increment:cache:cycle:comment`. */
async function catalog(e: Engine): Promise<string[]> {
  const names = await e.query(
    "SELECT TABLE_NAME AS n, TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME",
  )
  const out: string[] = []
  for (const { n, c } of names) {
    const [r] = await e.query(
      `SELECT CONCAT_WS(':', minimum_value, maximum_value, start_value, increment, cache_size, cycle_option) AS x FROM \`${String(n)}\``,
    )
    out.push(`${String(n)}:${String(r?.x)}:${String(c)}`)
  }
  return out
}

const CREATED = ['countdown:-50:-1:-1:-1:20:1:ticks', 'order_ids:1:9223372036854775806:100:10:1:0:']

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'sequences'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates sequences before the tables whose defaults use them, and the default draws from it', async () => {
    await engine.reset()
    const statements = createSchemaSQL(db(), 'mysql')
    expect(statements.map((x) => x.sql)).toEqual([
      "CREATE SEQUENCE `countdown` INCREMENT BY -1 MINVALUE -50 CACHE 20 CYCLE COMMENT = 'ticks'",
      'CREATE SEQUENCE `order_ids` INCREMENT BY 10 START WITH 100 CACHE 1',
      'CREATE TABLE `orders` (\n  `id` BIGINT NOT NULL DEFAULT (NEXT VALUE FOR order_ids),\n  `total` INT NOT NULL,\n  PRIMARY KEY (`id`)\n)',
    ])
    await run(engine, statements)
    expect(await catalog(engine)).toEqual(CREATED)
    await engine.exec('INSERT INTO orders (total) VALUES (1), (2)')
    expect(await engine.query('SELECT id FROM orders ORDER BY id')).toEqual([{ id: 100 }, { id: 110 }])
  })

  it('changes options in place, adds a sequence a new column default uses, up and down; each side reads back as planned', async () => {
    const from = db()
    const to = db(
      {
        sequences: [
          { name: 'countdown', increment: '-2', cache: '5', comment: 'slower' },
          { name: 'order_ids', start: '100', increment: '10', maxValue: '100000' },
          { name: 'tickets' },
        ],
      },
      true,
    )
    const m = plan(from, to)
    // The sequence a new column's default calls is created first.
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      'sequence:tickets: CREATE SEQUENCE `tickets` CACHE 1',
      'sequence:countdown: ALTER SEQUENCE `countdown` INCREMENT BY -2 MINVALUE -9223372036854775807 CACHE 5 NOCYCLE',
      "sequence:countdown: ALTER TABLE `countdown` COMMENT = 'slower'",
      'sequence:order_ids: ALTER SEQUENCE `order_ids` MAXVALUE 100000',
      'orders.ticket: ALTER TABLE `orders` ADD COLUMN `ticket` BIGINT NOT NULL DEFAULT (NEXT VALUE FOR tickets)',
    ])
    // The column that calls the sequence goes before the sequence.
    expect(m.down.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      'sequence:countdown: ALTER SEQUENCE `countdown` INCREMENT BY -1 MINVALUE -50 CACHE 20 CYCLE',
      "sequence:countdown: ALTER TABLE `countdown` COMMENT = 'ticks'",
      'sequence:order_ids: ALTER SEQUENCE `order_ids` MAXVALUE 9223372036854775806',
      'orders.ticket: ALTER TABLE `orders` DROP COLUMN `ticket`',
      'sequence:tickets: DROP SEQUENCE `tickets`',
    ])
    await engine.reset()
    await run(engine, createSchemaSQL(from, 'mysql'))
    await run(engine, m.up)
    expect(await catalog(engine)).toEqual([
      'countdown:-9223372036854775807:-1:-1:-2:5:0:slower',
      'order_ids:1:100000:100:10:1:0:',
      'tickets:1:9223372036854775806:1:1:1:0:',
    ])
    expect(diffSchemas(await introspectEngine(engine), to).changes).toEqual([])
    await run(engine, m.down)
    expect(await catalog(engine)).toEqual(CREATED)
    expect(diffSchemas(await introspectEngine(engine), from).changes).toEqual([])
  })

  it('reads sequences back (the bounds MariaDB cannot reach as none); a read re-created from itself reads the same and plans nothing', async () => {
    await engine.reset()
    await run(engine, createSchemaSQL(db(), 'mysql'))
    // One created outside: MariaDB's own defaults (cache 1000).
    await engine.exec('CREATE SEQUENCE plain')
    const first = await introspectEngine(engine)
    expect(first.sequences).toEqual([
      { name: 'countdown', increment: '-1', minValue: '-50', cache: '20', cycle: true, comment: 'ticks' },
      { name: 'order_ids', start: '100', increment: '10' },
      { name: 'plain', cache: '1000' },
    ])
    expect(first.tables.map((t) => t.name)).toEqual(['orders'])
    expect(first.tables[0]?.columns[0]?.default).toBe('nextval(order_ids)')
    expect(
      diffSchemas(first, db({ sequences: [...(db().sequences ?? []), { name: 'plain', cache: '1000' }] })).changes,
    ).toEqual([])
    expect(plan(first, first).up).toEqual([])
    await engine.reset()
    await run(engine, createSchemaSQL(first, 'mysql'))
    const second = await introspectEngine(engine)
    expect(second).toEqual(first)
  })

  it('refuses sequences for MySQL 8 and what MariaDB sequences lack, naming the sequence', () => {
    const from = defineSchema({ tables: [] })
    const to = db({ tables: [] })
    expect(() => planMigration(diffSchemas(from, to), { dialect: 'mysql', dialectVersion: 8, from, to })).toThrow(
      /sequence:countdown: MySQL has no sequences \(MariaDB 10\.3\+ has/,
    )
    const typed = db({ tables: [], sequences: [{ name: 's', type: 'integer', ownedBy: 'orders.id' }] })
    expect(() => createSchemaSQL(typed, 'mysql')).toThrow(/sequence:s\.type: AS integer[\s\S]*sequence:s\.ownedBy/)
    // Built in code, past the reader's checks: still refused before any SQL is written.
    const built: Schema = { tables: [], enums: [], sequences: [{ name: 's', increment: '1; DROP TABLE orders' }] }
    expect(() => createSchemaSQL(built, 'mysql')).toThrow(/sequence:s\.increment: not an integer/)
  })
})
