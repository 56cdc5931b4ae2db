import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatText } from '../../../src/format/index.js'
import type { Schema, SchemaDefinition } from '../../../src/index.js'
import { defineSchema, diffSchemas, parseSchema } from '../../../src/index.js'
import { createSchemaSQL, planMigration } from '../../../src/sql/index.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from '../mysql/harness.js'

// MySQL/MariaDB scheduled events through the object planner, judged by information_schema.EVENTS:
// created after the tables and procedures their bodies use, changed in place with ALTER EVENT (up
// and down), read back with the STARTS the server fills in left out, so that a read plans nothing.
// The event scheduler may be off: creating and altering events works all the same.

type Definition = SchemaDefinition & Partial<Pick<Schema, 'functions' | 'events'>>

const PURGE = 'BEGIN DELETE FROM logs WHERE id < 10; CALL note_purge(); END'

const db = (over: Partial<Definition> = {}): Schema =>
  defineSchema({
    tables: [
      {
        name: 'logs',
        columns: [{ name: 'id', type: 'integer', nullable: false }],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
    functions: [
      { name: 'note_purge', kind: 'procedure', arguments: '', body: 'SELECT 1', dataAccess: 'reads_sql_data' },
    ],
    events: [
      { name: 'nightly', schedule: { every: '1', unit: 'day' }, comment: 'purge old rows', body: PURGE },
      { name: 'once', schedule: { at: '2035-01-01 00:00:00' }, preserve: true, body: 'DELETE FROM logs' },
    ],
    ...over,
  } as SchemaDefinition)

/** Each event as information_schema.EVENTS holds it (STARTS only whether the server filled it in). */
const catalog = async (e: Engine) =>
  (
    await e.query(
      `SELECT CONCAT_WS(':', EVENT_NAME, EVENT_TYPE, IFNULL(EXECUTE_AT, '-'), IFNULL(INTERVAL_VALUE, '-'),
              IFNULL(INTERVAL_FIELD, '-'), IF(STARTS IS NULL, '-', IF(STARTS IN (CREATED, LAST_ALTERED), 'now', STARTS)),
              IFNULL(ENDS, '-'), STATUS, ON_COMPLETION, EVENT_COMMENT, EVENT_DEFINITION) AS x
         FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME`,
    )
  ).map((r) => String(r.x))

const CREATED = [
  `nightly:RECURRING:-:1:DAY:now:-:ENABLED:NOT PRESERVE:purge old rows:${PURGE}`,
  'once:ONE TIME:2035-01-01 00:00:00:-:-:-:-:ENABLED:PRESERVE::DELETE FROM logs',
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'scheduled events'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates events after the tables and procedures their bodies use', async () => {
    await engine.reset()
    const statements = createSchemaSQL(db(), 'mysql')
    expect(statements.map((x) => x.sql)).toEqual([
      'CREATE PROCEDURE `note_purge`() NOT DETERMINISTIC READS SQL DATA SQL SECURITY INVOKER SELECT 1',
      'CREATE TABLE `logs` (\n  `id` INT NOT NULL,\n  PRIMARY KEY (`id`)\n)',
      `CREATE EVENT \`nightly\` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'purge old rows' DO ${PURGE}`,
      "CREATE EVENT `once` ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION PRESERVE ENABLE DO DELETE FROM logs",
    ])
    await run(engine, statements)
    expect(await catalog(engine)).toEqual(CREATED)
  })

  it('a client script puts DELIMITER around an event whose body holds ";"', () => {
    const script = toSQL(plan(db({ events: [] }), db()))
    expect(script).toContain(
      `DELIMITER $$\nCREATE EVENT \`nightly\` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'purge old rows' DO ${PURGE}$$\nDELIMITER ;\n`,
    )
    expect(script).toContain(
      "CREATE EVENT `once` ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION PRESERVE ENABLE DO DELETE FROM logs;\n",
    )
  })

  it('changes schedule, completion, status, comment and body in place, up and down; each side reads back as planned', async () => {
    const from = db()
    const to = db({
      events: [
        {
          name: 'nightly',
          schedule: { every: '1 4', unit: 'day_hour', starts: '2030-01-01 00:00:00', ends: '2031-01-01 00:00:00' },
          preserve: true,
          status: 'disabled',
          body: 'DELETE FROM logs WHERE id < 5',
        },
        {
          name: 'once',
          schedule: { at: '2036-06-01 12:00:00' },
          status: 'disabled_on_slave',
          body: 'DELETE FROM logs',
        },
        { name: 'weekly', schedule: { every: '1', unit: 'week' }, body: 'CALL note_purge()' },
      ],
    })
    const m = plan(from, to)
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      'event:weekly: CREATE EVENT `weekly` ON SCHEDULE EVERY 1 WEEK ON COMPLETION NOT PRESERVE ENABLE DO CALL note_purge()',
      "event:nightly: ALTER EVENT `nightly` ON SCHEDULE EVERY '1 4' DAY_HOUR STARTS '2030-01-01 00:00:00' ENDS '2031-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT '' DO DELETE FROM logs WHERE id < 5",
      "event:once: ALTER EVENT `once` ON SCHEDULE AT '2036-06-01 12:00:00' ON COMPLETION NOT PRESERVE DISABLE ON SLAVE",
    ])
    expect(m.down.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      // ALTER EVENT cannot take ENDS away: dropped and created again.
      'event:weekly: DROP EVENT `weekly`',
      'event:nightly: DROP EVENT `nightly`',
      `event:nightly: CREATE EVENT \`nightly\` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'purge old rows' DO ${PURGE}`,
      "event:once: ALTER EVENT `once` ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION PRESERVE ENABLE",
    ])
    await engine.reset()
    await run(engine, createSchemaSQL(from, 'mysql'))
    await run(engine, m.up)
    expect(await catalog(engine)).toEqual([
      "nightly:RECURRING:-:'1 4':DAY_HOUR:2030-01-01 00:00:00:2031-01-01 00:00:00:DISABLED:PRESERVE::DELETE FROM logs WHERE id < 5",
      'once:ONE TIME:2036-06-01 12:00:00:-:-:-:-:SLAVESIDE_DISABLED:NOT PRESERVE::DELETE FROM logs',
      'weekly:RECURRING:-:1:WEEK:now:-:ENABLED:NOT PRESERVE::CALL note_purge()',
    ])
    expect(diffSchemas(await introspectEngine(engine), to).changes).toEqual([])
    await run(engine, m.down)
    expect(await catalog(engine)).toEqual(CREATED)
    expect(diffSchemas(await introspectEngine(engine), from).changes).toEqual([])
  })

  it('sets the schedule again when altering an event without STARTS, so the STARTS the server fills in never reads as a change', async () => {
    await engine.reset()
    await run(engine, createSchemaSQL(db(), 'mysql'))
    // LAST_ALTERED then differs from CREATED by at least a second.
    await sleep(1100)
    const to = db({
      events: [
        { name: 'nightly', schedule: { every: '1', unit: 'day' }, body: PURGE },
        ...(db().events ?? []).slice(1),
      ],
    })
    const m = plan(db(), to)
    expect(m.up.map((s) => s.sql)).toEqual(["ALTER EVENT `nightly` ON SCHEDULE EVERY 1 DAY COMMENT ''"])
    await run(engine, m.up)
    const read = await introspectEngine(engine)
    expect(read.events?.[0]).toEqual({ name: 'nightly', schedule: { every: '1', unit: 'day' }, body: PURGE })
    expect(diffSchemas(read, to).changes).toEqual([])
  })

  it('reads the STARTS the server filled in as not stated when the event was created in another time zone', async () => {
    await engine.reset()
    // STARTS is shown in the event's time zone (+02:00), CREATED in the session's.
    await engine.exec(
      "SET STATEMENT time_zone = '+02:00' FOR CREATE EVENT `zoned` ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00' DO SELECT 1",
    )
    await engine.exec(
      "SET STATEMENT time_zone = '+02:00' FOR CREATE EVENT `zoned_now` ON SCHEDULE EVERY 1 HOUR DO SELECT 1",
    )
    const read = await introspectEngine(engine)
    expect(read.events).toEqual([
      { name: 'zoned', schedule: { every: '1', unit: 'hour', starts: '2030-01-01 00:00:00' }, body: 'SELECT 1' },
      { name: 'zoned_now', schedule: { every: '1', unit: 'hour' }, body: 'SELECT 1' },
    ])
  })

  it('reads events back; a read re-created from itself reads the same and plans nothing', async () => {
    await engine.reset()
    const to = db({
      events: [
        ...(db().events ?? []),
        {
          name: 'quarterly',
          schedule: { every: '1:30', unit: 'hour_minute', starts: '2030-01-01 00:00:00' },
          status: 'disabled',
          body: 'DELETE FROM logs',
        },
      ],
    })
    await run(engine, createSchemaSQL(to, 'mysql'))
    const first = await introspectEngine(engine)
    expect(first.events).toEqual([
      { name: 'nightly', schedule: { every: '1', unit: 'day' }, comment: 'purge old rows', body: PURGE },
      { name: 'once', schedule: { at: '2035-01-01 00:00:00' }, preserve: true, body: 'DELETE FROM logs' },
      {
        name: 'quarterly',
        schedule: { every: '1:30', unit: 'hour_minute', starts: '2030-01-01 00:00:00' },
        status: 'disabled',
        body: 'DELETE FROM logs',
      },
    ])
    expect(diffSchemas(first, to).changes).toEqual([])
    expect(plan(first, first).up).toEqual([])
    await engine.reset()
    await run(engine, createSchemaSQL(first, 'mysql'))
    const second = await introspectEngine(engine)
    expect(second).toEqual(first)
    expect(plan(second, first).up).toEqual([])
  })

  it('refuses a body that is not one statement or block, and a schedule that is neither AT nor EVERY, naming the path', () => {
    const body = db({
      events: [{ name: 'e', schedule: { every: '1', unit: 'day' }, body: 'DELETE FROM logs; DROP TABLE logs' }],
    })
    expect(() => createSchemaSQL(body, 'mysql')).toThrow(/events\[0\]\.body.*BEGIN/s)
    // A document is checked when read, with paths; a schema built in code when planned.
    const both = { name: 'e', schedule: { at: '2035-01-01 00:00:00', every: '1' }, body: 'DO 1' }
    expect(() => db({ events: [both] })).toThrow(
      /events\[0\]\.schedule: Schedule needs one of at \(one time\) or every[\s\S]*events\[0\]\.schedule\.unit: Schedule every needs its unit/,
    )
    const built: Schema = { tables: [], enums: [], events: [both] }
    expect(() => createSchemaSQL(built, 'mysql')).toThrow(/event:e\.schedule: needs one of at .* or every/)
    expect(() => createSchemaSQL(built, 'mysql')).toThrow(/event:e\.schedule\.unit: every needs its unit/)
    const unit: Schema = {
      tables: [],
      enums: [],
      events: [{ name: 'e', schedule: { every: '1', unit: 'day DO DROP TABLE logs' as 'day' }, body: 'DO 1' }],
    }
    expect(() => createSchemaSQL(unit, 'mysql')).toThrow(
      /event:e\.schedule\.unit: "day DO DROP TABLE logs" is not an interval unit/,
    )
  })
})

describe('events on dialects without them', () => {
  const doc = {
    tables: [],
    events: [{ name: 'nightly', schedule: { every: '1', unit: 'day' }, body: 'DELETE FROM logs' }],
  }

  it('reads and checks an event document: a bad time or unit is an issue at its path', () => {
    expect(parseSchema(doc).events?.[0]?.schedule).toEqual({ every: '1', unit: 'day' })
    expect(() =>
      parseSchema({
        tables: [],
        events: [{ name: 'x', schedule: { at: 'tomorrow', unit: 'fortnight' }, body: 'DO 1' }],
      }),
    ).toThrow(/events\[0\]\.schedule\.at[\s\S]*events\[0\]\.schedule\.unit/)
  })

  it('reports an event change field by field, the schedule in words', () => {
    const to = parseSchema({
      tables: [],
      events: [
        {
          name: 'nightly',
          schedule: { every: '1 4', unit: 'day_hour', starts: '2030-01-01 00:00:00' },
          status: 'disabled',
          body: 'DELETE FROM logs',
        },
      ],
    })
    const text = formatText(diffSchemas(parseSchema(doc), to))
    expect(text).toContain('~ event nightly')
    expect(text).toContain("schedule: every 1 day -> every '1 4' day_hour from 2030-01-01 00:00:00")
    expect(text).toContain('status: (none) -> disabled')
  })

  it.each(['postgres', 'sqlite'] as const)('%s refuses a plan with an event, naming it', (dialect) => {
    const to = parseSchema(doc)
    const from = parseSchema({ tables: [] })
    expect(() => planMigration(diffSchemas(from, to), { dialect, from, to })).toThrow(
      new RegExp(`event:nightly: ${dialect === 'postgres' ? 'postgres' : 'sqlite'} has no events`),
    )
    expect(() => createSchemaSQL(to, dialect)).toThrow(/event:nightly: .* has no events that schemaledger can plan/)
  })
})
