import { describe, expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { PARTITION_CASES, TABLE_OPTION_CASES } from './cases-table-features.js'
import { describeEngines, plan, proveMigration, read, resetDatabase, schema } from './harness.js'

// PostgreSQL table features: the exact SQL of each case, each applied up and down on the engines
// (proveMigration: the database reads back as the target, re-plans empty), and what the catalog
// holds after creating them, read from pg_catalog rather than through the introspector.

const GROUPS = [
  ['partitioning', PARTITION_CASES],
  ['table options', TABLE_OPTION_CASES],
] as const

describe('postgres table features: exact SQL', () => {
  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      for (const c of cases) {
        it(c.title, () => {
          const m = plan(schema(c.from), schema(c.to))
          expect(m.up.map((s) => s.sql)).toEqual(c.up)
          expect(m.down.map((s) => s.sql)).toEqual(c.down)
        })
      }
    })
  }
})

describe('postgres table features: what the planner refuses', () => {
  const events = (more: Record<string, unknown>) =>
    schema({ tables: [{ name: 'events', columns: [{ name: 'at', type: 'date' }], ...more }] })
  const partitionOf = (bound: string) =>
    schema({
      tables: [
        { name: 'events', columns: [{ name: 'at', type: 'date' }], partitionBy: { method: 'range', key: ['at'] } },
        { name: 'p', columns: [], partitionOf: { table: 'events', bound } },
      ],
    })
  it('a changed partition key (PostgreSQL cannot alter it)', () => {
    const from = events({ partitionBy: { method: 'range', key: ['at'] } })
    const to = events({ partitionBy: { method: 'list', key: ['at'] } })
    expect(() => plan(from, to)).toThrow(
      expect.objectContaining({
        code: 'unsupported_feature',
        message: expect.stringMatching(/^events: the partitioning/),
      }),
    )
  })
  it.each([
    [
      "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); DROP TABLE users",
      'a partition bound is DEFAULT or FOR VALUES',
    ],
    ["FOR VALUES IN ('a') -- x", 'a partition bound is DEFAULT or FOR VALUES'],
    ['FOR VALUES IN ((1); DROP TABLE users; SELECT (2))', 'a ";" that would end the statement'],
    ['FOR VALUES FROM (1) TO ((2) /* x */)', 'a comment'],
    ['FOR VALUES FROM (1) TO (2) PARTITION BY LIST (x)', 'expected a parenthesized list of values'],
    ['FOR VALUES LIKE (1)', 'a partition bound is DEFAULT or FOR VALUES'],
  ])('a partition bound that is not one bound: %s', (bound, problem) => {
    expect(() => createSchemaSQL(partitionOf(bound), 'postgres')).toThrow(problem)
  })
  it('a partition key part that is not one expression, and a storage parameter name that is not a name', () => {
    expect(() =>
      createSchemaSQL(events({ partitionBy: { method: 'hash', key: ['at); DROP TABLE x; --'] } }), 'postgres'),
    ).toThrow(/events\.partitionBy\.key\[0\]/)
    expect(() => createSchemaSQL(events({ with: { 'fillfactor=1) --': '70' } }), 'postgres')).toThrow(
      /is not a storage parameter name/,
    )
  })
})

/** What each created table is in pg_catalog: kind, persistence, options, key, bound, parents. */
const TABLES = `
SELECT c.oid::regclass::text AS t, c.relkind AS kind, c.relpersistence AS persistence, c.reloptions::text[] AS options,
  pg_get_partkeydef(c.oid) AS key, pg_get_expr(c.relpartbound, c.oid) AS bound,
  ARRAY(SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid ORDER BY i.inhseqno)::text[] AS parents
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('public', 'billing') AND c.relkind IN ('r', 'p', 'i', 'I') AND c.reloptions IS NOT NULL OR
  (n.nspname IN ('public', 'billing') AND c.relkind IN ('r', 'p'))
ORDER BY c.oid::regclass::text COLLATE "C"`

describeEngines('postgres table features applied', (engine) => {
  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      for (const c of cases) {
        it(c.title, async () => {
          await proveMigration(engine(), schema(c.from), schema(c.to))
        })
      }
    })
  }

  it('creates what pg_catalog says: partitions, bounds, persistence, storage parameters, parents', async () => {
    const db = engine()
    await resetDatabase(db)
    const [partitions, options] = [PARTITION_CASES[0], TABLE_OPTION_CASES[0]]
    const inheritance = TABLE_OPTION_CASES[4]
    if (!partitions || !options || !inheritance) throw new Error('cases missing')
    const all = schema({ tables: [...partitions.to.tables, ...options.to.tables, ...inheritance.to.tables] })
    await run(db, createSchemaSQL(all, 'postgres'))
    expect(await db.query(TABLES)).toEqual([
      {
        t: 'cache',
        kind: 'r',
        persistence: 'u',
        options: ['fillfactor=70', 'autovacuum_enabled=false'],
        key: null,
        bound: null,
        parents: [],
      },
      {
        t: 'cache_note_idx',
        kind: 'i',
        persistence: 'u',
        options: ['fillfactor=80'],
        key: null,
        bound: null,
        parents: [],
      },
      { t: 'capitals', kind: 'r', persistence: 'p', options: null, key: null, bound: null, parents: ['cities'] },
      { t: 'cities', kind: 'r', persistence: 'p', options: null, key: null, bound: null, parents: [] },
      { t: 'events', kind: 'p', persistence: 'p', options: null, key: 'RANGE (at)', bound: null, parents: [] },
      {
        t: 'events_2024',
        kind: 'r',
        persistence: 'p',
        options: null,
        key: null,
        bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        parents: ['events'],
      },
      {
        t: 'events_2025',
        kind: 'p',
        persistence: 'p',
        options: null,
        key: 'HASH (id)',
        bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        parents: ['events'],
      },
      {
        t: 'events_2025_a',
        kind: 'r',
        persistence: 'p',
        options: null,
        key: null,
        bound: 'FOR VALUES WITH (modulus 2, remainder 0)',
        parents: ['events_2025'],
      },
      {
        t: 'events_2025_b',
        kind: 'r',
        persistence: 'p',
        options: null,
        key: null,
        bound: 'FOR VALUES WITH (modulus 2, remainder 1)',
        parents: ['events_2025'],
      },
      {
        t: 'events_other',
        kind: 'r',
        persistence: 'p',
        options: null,
        key: null,
        bound: 'DEFAULT',
        parents: ['events'],
      },
    ])
    // NO INHERIT and the inherited check, as the catalog holds them.
    expect(
      await db.query(
        `SELECT conrelid::regclass::text AS t, conname AS name, connoinherit AS no_inherit, conislocal AS local
         FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0 ORDER BY 1, 2`,
      ),
    ).toEqual([
      { t: 'capitals', name: 'cities_id_check', no_inherit: false, local: false },
      { t: 'cities', name: 'cities_id_check', no_inherit: false, local: true },
      { t: 'cities', name: 'cities_only_check', no_inherit: true, local: true },
    ])
    // Identity sequence options, from pg_sequence.
    const identity = TABLE_OPTION_CASES[3]
    if (!identity) throw new Error('case missing')
    await resetDatabase(db)
    await run(db, createSchemaSQL(schema(identity.to), 'postgres'))
    expect(
      await db.query(
        `SELECT seqstart::text AS start, seqincrement::text AS increment, seqmin::text AS min, seqmax::text AS max,
           seqcache::text AS cache, seqcycle AS cycle FROM pg_sequence`,
      ),
    ).toEqual([{ start: '10', increment: '5', min: '0', max: '100000', cache: '20', cycle: true }])
    // And the database reads back as the schema that created it.
    expect(diffSchemas(await read(db), schema(identity.to)).changes).toEqual([])
  })
})
