import { describe, expect, it } from 'vitest'
import { diffSchemas, type Schema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import type { Engine, Row } from '../../engines/engines.js'
import { run } from '../../engines/engines.js'
import type { MigrationCase } from './cases.js'
import { REAL_CASES } from './cases-real.js'
import { describeEngines, plan, read, remainingChanges, resetDatabase, runMigration, schema } from './harness.js'

// Plans PostgreSQL rejected on real projects' migration histories (issue 16), and expressions it
// stores with casts of its own. Each migration is applied on every PostgreSQL engine and judged by
// pg_catalog, then read back: nothing left to change, and a new plan is empty.

const planned = (c: MigrationCase) => plan(schema(c.from), schema(c.to), c.plan, c.diff)
const byTitle = (start: string) => REAL_CASES.find((c) => c.title.startsWith(start)) as MigrationCase

describe('postgres: plans of real migrations, exact SQL', () => {
  for (const c of REAL_CASES) {
    it(c.title, () => {
      const migration = planned(c)
      expect(migration.up.map((s) => s.sql)).toEqual(c.up)
      expect(migration.down.map((s) => s.sql)).toEqual(c.down)
    })
  }
})

/** Rows of a catalog query. */
const rows = (engine: Engine, sql: string): Promise<Row[]> => engine.query(sql)

/** Nothing differs from `expected` any more, and planning again gives no statement. */
async function settled(engine: Engine, expected: Schema, other: Schema): Promise<void> {
  expect(await remainingChanges(engine, expected, other)).toEqual([])
  expect(plan(await read(engine), expected).up).toEqual([])
}

/**
 * Creates `from`, runs `up` and hands the catalog to `afterUp`, then runs `down` and hands it to
 * `afterDown`; each time the database reads back as the version it should hold.
 */
async function apply(
  engine: Engine,
  c: MigrationCase,
  afterUp: () => Promise<void>,
  afterDown: () => Promise<void> = async () => {},
): Promise<void> {
  const [from, to] = [schema(c.from), schema(c.to)]
  const migration = plan(from, to, c.plan, c.diff)
  await resetDatabase(engine)
  await run(engine, createSchemaSQL(from, 'postgres'))
  await runMigration(engine, migration.up)
  await afterUp()
  await settled(engine, to, from)
  await runMigration(engine, migration.down)
  await afterDown()
  await settled(engine, from, to)
}

const relations = `SELECT c.relname AS name, c.relkind AS kind, coalesce(t.relname, '') AS owner
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'S') ORDER BY c.relname`

const foreignKeys = `SELECT conname AS name, conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
  FROM pg_catalog.pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`

const columnType = (table: string, column: string) =>
  `SELECT format_type(atttypid, atttypmod) AS type FROM pg_catalog.pg_attribute
   WHERE attrelid = '${table}'::regclass AND attname = '${column}'`

describeEngines('real migrations judged by pg_catalog', (engine) => {
  it('a table renamed without a hint: its names pass to the new table', async () => {
    const names = (owner: string) => [
      { name: 'members_email_key', kind: 'i', owner },
      { name: 'members_lower_idx', kind: 'i', owner },
      { name: 'members_pkey', kind: 'i', owner },
    ]
    await apply(
      engine(),
      byTitle('a table renamed without a hint'),
      async () =>
        expect(await rows(engine(), relations)).toEqual([...names('users'), { name: 'users', kind: 'r', owner: '' }]),
      async () =>
        expect(await rows(engine(), relations)).toEqual([
          { name: 'members', kind: 'r', owner: '' },
          ...names('members'),
        ]),
    )
  })

  for (const [start, type] of [
    ['both columns of a foreign key change', 'text'],
    ['both columns of a foreign key widen', 'bigint'],
  ] as const) {
    it(`${start}: the key joins two ${type} columns afterwards`, async () => {
      const key = async (expected: string) => {
        expect(await rows(engine(), foreignKeys)).toEqual([
          {
            name: 'posts_account_id_fkey',
            table: 'posts',
            definition: 'FOREIGN KEY (account_id) REFERENCES accounts(id)',
          },
        ])
        expect(await rows(engine(), columnType('accounts', 'id'))).toEqual([{ type: expected }])
        expect(await rows(engine(), columnType('posts', 'account_id'))).toEqual([{ type: expected }])
      }
      await apply(
        engine(),
        byTitle(start),
        () => key(type),
        () => key('integer'),
      )
    })
  }

  it('an enum loses a value: its partial index and check are there again, over the new type', async () => {
    const dependents = `SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate,
        (SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE conname = 'tickets_not_closed') AS "check"
      FROM pg_catalog.pg_index i WHERE i.indexrelid = 'tickets_open_idx'::regclass`
    const labels = `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
      FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`
    const expectDependents = async (values: string) => {
      expect(await rows(engine(), dependents)).toEqual([
        { predicate: "(state = 'open'::state)", check: "CHECK ((state <> 'closed'::state))" },
      ])
      expect(await rows(engine(), labels)).toEqual([{ name: 'state', labels: values }])
    }
    await apply(
      engine(),
      byTitle('an enum loses a value'),
      () => expectDependents('{open,pending,closed}'),
      () => expectDependents('{open,pending,closed,spam}'),
    )
  })

  it('a serial column moves to a standalone sequence: the sequence stays, owned by nobody, and back', async () => {
    const sequence = `SELECT s.relname AS name, d.deptype AS owned,
        (SELECT pg_get_expr(adbin, adrelid) FROM pg_catalog.pg_attrdef WHERE adrelid = 'events'::regclass) AS "default"
      FROM pg_catalog.pg_class s
      LEFT JOIN pg_catalog.pg_depend d ON d.objid = s.oid AND d.refobjid = 'events'::regclass AND d.deptype = 'a'
      WHERE s.relkind = 'S'`
    await apply(
      engine(),
      byTitle('a serial column moves'),
      async () => {
        expect(await rows(engine(), sequence)).toEqual([
          { name: 'events_id_seq', owned: null, default: "nextval('events_id_seq'::regclass)" },
        ])
        await engine().exec('INSERT INTO events DEFAULT VALUES')
      },
      async () => {
        expect(await rows(engine(), sequence)).toEqual([
          { name: 'events_id_seq', owned: 'a', default: "nextval('events_id_seq'::regclass)" },
        ])
        // The rows inserted in between keep counting from the same sequence.
        await engine().exec('INSERT INTO events DEFAULT VALUES')
        expect(await rows(engine(), 'SELECT id FROM events ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }])
      },
    )
  })

  const sequences = `SELECT a.attname AS "column", s.seqstart::int AS start, s.seqincrement::int AS increment,
      s.seqmin::text AS min, s.seqmax::text AS max
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i'
    JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
    WHERE a.attrelid = 'ledger'::regclass ORDER BY a.attname`
  const BIGINT_MIN = '-9223372036854775808'
  const BIGINT_MAX = '9223372036854775807'

  it('identity columns starting at -100, and at 10 counting down, count from there', async () => {
    await apply(engine(), byTitle('identity columns starting'), async () => {
      expect(await rows(engine(), sequences)).toEqual([
        { column: 'countdown', start: 10, increment: -1, min: BIGINT_MIN, max: '10' },
        { column: 'id', start: -100, increment: 1, min: '-100', max: '2147483647' },
      ])
      await engine().exec("INSERT INTO ledger (note) VALUES ('a'), ('b')")
      expect(await rows(engine(), 'SELECT id, countdown::int FROM ledger ORDER BY id')).toEqual([
        { id: -100, countdown: 10 },
        { id: -99, countdown: 9 },
      ])
    })
  })

  it('an identity starts below 1, another turns to count down: their sequences follow', async () => {
    await apply(
      engine(),
      byTitle('an identity starts below 1'),
      async () =>
        expect(await rows(engine(), sequences)).toEqual([
          { column: 'countdown', start: -1, increment: -1, min: BIGINT_MIN, max: '-1' },
          { column: 'id', start: -100, increment: 1, min: '-100', max: '2147483647' },
        ]),
      async () =>
        expect(await rows(engine(), sequences)).toEqual([
          { column: 'countdown', start: 1, increment: 1, min: '1', max: BIGINT_MAX },
          { column: 'id', start: 1, increment: 1, min: '1', max: '2147483647' },
        ]),
    )
  })
})

/** A public table whose new column uses an enum of the `billing` namespace, which holds no table. */
const foreignEnum = {
  from: schema({ tables: [{ name: 'orders', columns: [{ name: 'id', type: 'integer' }] }] }),
  to: schema({
    enums: [{ name: 'state', schema: 'billing', values: ['open', 'paid'] }],
    tables: [
      {
        name: 'orders',
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'state', type: 'state' },
        ],
      },
    ],
  }),
}

describe('postgres: an enum of another namespace', () => {
  it('is created only when missing, and never dropped: columns elsewhere may use it', () => {
    const migration = plan(foreignEnum.from, foreignEnum.to)
    expect(migration.up.map((s) => s.sql)).toEqual([
      `DO $schemaledger$ BEGIN CREATE TYPE "billing"."state" AS ENUM ('open', 'paid'); EXCEPTION WHEN duplicate_object THEN NULL; END $schemaledger$`,
      'ALTER TABLE "orders" ADD COLUMN "state" "billing"."state"',
    ])
    expect(migration.down.map((s) => s.sql)).toEqual(['ALTER TABLE "orders" DROP COLUMN "state"'])
  })

  it('is created as usual with a table of its namespace', () => {
    const to = schema({
      enums: [{ name: 'state', schema: 'billing', values: ['open'] }],
      tables: [{ name: 'invoices', schema: 'billing', columns: [{ name: 'state', type: 'state' }] }],
    })
    expect(plan(schema({ tables: [] }), to).up[0]?.sql).toBe(`CREATE TYPE "billing"."state" AS ENUM ('open')`)
    expect(plan(to, schema({ tables: [] })).down[0]?.sql).toBe(`CREATE TYPE "billing"."state" AS ENUM ('open')`)
    expect(plan(to, schema({ tables: [] })).up.at(-1)?.sql).toBe('DROP TYPE "billing"."state"')
  })
})

describeEngines('an enum of another namespace', (engine) => {
  const types = `SELECT n.nspname AS namespace, t.typname AS name FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e'`
  for (const existing of [true, false]) {
    it(existing ? 'already there: the plan uses it' : 'not there yet: the plan creates it', async () => {
      const e = engine()
      const { from, to } = foreignEnum
      await resetDatabase(e)
      await e.exec('CREATE SCHEMA billing')
      if (existing) await e.exec(`CREATE TYPE billing.state AS ENUM ('open', 'paid')`)
      await run(e, createSchemaSQL(from, 'postgres'))
      const migration = plan(from, to)
      await runMigration(e, migration.up)
      expect(await rows(e, types)).toEqual([{ namespace: 'billing', name: 'state' }])
      expect(await rows(e, columnType('orders', 'state'))).toEqual([{ type: 'billing.state' }])
      expect(diffSchemas(await read(e), to).changes).toEqual([])
      expect(plan(await read(e), to).up).toEqual([])
      await runMigration(e, migration.down)
      // The type stays: another namespace owns it.
      expect(await rows(e, types)).toEqual([{ namespace: 'billing', name: 'state' }])
      expect(diffSchemas(await read(e), from).changes).toEqual([])
    })
  }
})

/** Checks and partial indexes comparing enum columns with labels, in `public` and `billing`. */
const enumChecks = schema({
  enums: [
    { name: 'status', values: ['live', 'dead'] },
    { name: 'Status', values: ['x', 'y'] },
    { name: 'phase', schema: 'billing', values: ['a', 'b'] },
  ],
  tables: [
    {
      name: 'orders',
      columns: [
        { name: 'st', type: 'status' },
        { name: 'big', type: '"Status"' },
        { name: 'ph', type: 'phase' },
      ],
      constraints: [
        { type: 'check', name: 'orders_live', expression: "st = 'live'" },
        { type: 'check', name: 'orders_known', expression: "st = ANY ('{live,dead}')" },
        { type: 'check', name: 'orders_big', expression: `big <> 'x'` },
        { type: 'check', name: 'orders_phase', expression: "ph = 'a'" },
      ],
      indexes: [{ name: 'orders_live_idx', columns: ['st'], where: "st = 'live'" }],
    },
    {
      name: 'invoices',
      schema: 'billing',
      columns: [{ name: 'ph', type: 'phase' }],
      indexes: [{ name: 'invoices_a_idx', columns: ['ph'], where: "ph = 'a'" }],
    },
  ],
})

describeEngines('expressions PostgreSQL stores with casts of its own', (engine) => {
  it('enum casts in checks and partial-index predicates are not changes', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec('CREATE SCHEMA billing')
    await run(e, createSchemaSQL(enumChecks, 'postgres'))
    const stored = `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_catalog.pg_constraint
      WHERE contype = 'c' AND conrelid <> 0 UNION ALL SELECT c.relname, pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indpred IS NOT NULL ORDER BY 1`
    expect(await rows(e, stored)).toEqual([
      { name: 'invoices_a_idx', definition: "(ph = 'a'::billing.phase)" },
      { name: 'orders_big', definition: `CHECK ((big <> 'x'::"Status"))` },
      { name: 'orders_known', definition: "CHECK ((st = ANY ('{live,dead}'::status[])))" },
      { name: 'orders_live', definition: "CHECK ((st = 'live'::status))" },
      { name: 'orders_live_idx', definition: "(st = 'live'::status)" },
      { name: 'orders_phase', definition: "CHECK ((ph = 'a'::billing.phase))" },
    ])
    expect(await remainingChanges(e, enumChecks)).toEqual([])
  })

  it('a default keeps its varchar cast after the column becomes text: not a change', async () => {
    const e = engine()
    const columns = (text: string, array: string, scalarDefault: string, arrayDefault: string) =>
      schema({
        tables: [
          {
            name: 'notes',
            columns: [
              { name: 'body', type: text, default: scalarDefault },
              { name: 'tags', type: array, default: arrayDefault },
            ],
          },
        ],
      })
    await resetDatabase(e)
    await run(e, createSchemaSQL(columns('varchar(20)', 'varchar(20)[]', "'x'", 'ARRAY[]::varchar[]'), 'postgres'))
    // The project's own migration changes the types and leaves the defaults alone.
    await e.exec('ALTER TABLE notes ALTER COLUMN body TYPE text, ALTER COLUMN tags TYPE text[]')
    const defaults = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
        pg_get_expr(d.adbin, d.adrelid) AS "default"
      FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
      WHERE d.adrelid = 'notes'::regclass ORDER BY a.attnum`
    expect(await rows(e, defaults)).toEqual([
      { name: 'body', type: 'text', default: "'x'::character varying" },
      { name: 'tags', type: 'text[]', default: 'ARRAY[]::character varying[]' },
    ])
    expect(await remainingChanges(e, columns('text', 'text[]', "'x'::text", 'ARRAY[]::text[]'))).toEqual([])
  })
})
