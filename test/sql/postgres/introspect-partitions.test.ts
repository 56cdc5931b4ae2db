import { expect, it } from 'vitest'
import { introspect, introspectDatabase } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { describeEngines, resetDatabase, schema } from './harness.js'

// Introspection of partitioned tables and their partitions, in every namespace: the key, the parent
// and bound of each partition (sub-partitions and a partition in another namespace included); what a
// partition gets from its parent (columns, the primary key, foreign keys, indexes) is the parent's and
// is not repeated; a foreign key to a partition is kept. Judged against pg_catalog, and the schema read
// creates the same catalog again.

const DDL = `
CREATE TABLE events (id integer NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (id);
CREATE TABLE events_2025_low PARTITION OF events_2025 FOR VALUES IN (1, 2);
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE INDEX events_other_id_idx ON events_other (id);
CREATE TABLE audit.events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
CREATE TABLE notes (id integer PRIMARY KEY, event_id integer, event_at date,
  CONSTRAINT notes_event_fkey FOREIGN KEY (event_id, event_at) REFERENCES events (id, at));
CREATE TABLE pins (id integer PRIMARY KEY, event_id integer, event_at date,
  CONSTRAINT pins_event_fkey FOREIGN KEY (event_id, event_at) REFERENCES events_2024 (id, at));
CREATE INDEX ix_pins_event ON pins (event_id);
`

const table = (name: string, fk?: Record<string, unknown>) => ({
  name,
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'event_id', type: 'integer' },
    { name: 'event_at', type: 'date' },
  ],
  constraints: [{ type: 'primary_key', name: `${name}_pkey`, columns: ['id'] }, ...(fk ? [fk] : [])],
})
const partition = (name: string, bound: string, more: Record<string, unknown> = {}) => ({
  name,
  columns: [],
  partitionOf: { table: 'events', bound },
  ...more,
})
const expected = schema({
  // Read whole, the database lists its namespaces besides the default one.
  namespaces: [{ name: 'audit' }],
  tables: [
    {
      name: 'events',
      partitionBy: { method: 'range', key: ['at'] },
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'at', type: 'date', nullable: false },
      ],
      constraints: [{ type: 'primary_key', name: 'events_pkey', columns: ['id', 'at'] }],
      indexes: [{ name: 'events_at_idx', columns: ['at'] }],
    },
    partition('events_2024', "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
    partition('events_2025', "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", {
      partitionBy: { method: 'list', key: ['id'] },
    }),
    {
      name: 'events_2025_low',
      columns: [],
      partitionOf: { table: 'events_2025', bound: 'FOR VALUES IN (1, 2)' },
    },
    partition('events_other', 'DEFAULT', { indexes: [{ name: 'events_other_id_idx', columns: ['id'] }] }),
    table('notes', {
      type: 'foreign_key',
      name: 'notes_event_fkey',
      columns: ['event_id', 'event_at'],
      referencedTable: 'events',
      referencedColumns: ['id', 'at'],
    }),
    {
      ...table('pins', {
        type: 'foreign_key',
        name: 'pins_event_fkey',
        columns: ['event_id', 'event_at'],
        referencedTable: 'events_2024',
        referencedColumns: ['id', 'at'],
      }),
      indexes: [{ name: 'ix_pins_event', columns: ['event_id'] }],
    },
    {
      name: 'events_old',
      schema: 'audit',
      columns: [],
      partitionOf: { table: 'events', schema: 'public', bound: "FOR VALUES FROM ('2000-01-01') TO ('2024-01-01')" },
    },
  ],
})

/** Partitions, keys, bounds, inherited flags and index counts as pg_catalog holds them. */
const CATALOG = `
SELECT c.oid::regclass::text AS t, c.relkind AS kind, pg_get_partkeydef(c.oid) AS key,
  pg_get_expr(c.relpartbound, c.oid) AS bound, p.oid::regclass::text AS parent,
  (SELECT count(*)::int FROM pg_index ix WHERE ix.indrelid = c.oid) AS indexes,
  (SELECT count(*)::int FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype <> 'n') AS constraints
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
WHERE n.nspname IN ('public', 'audit') AND c.relkind IN ('r', 'p')
ORDER BY c.oid::regclass::text COLLATE "C"`

describeEngines('introspection of partitioned tables', (engine) => {
  it('reads keys, partitions and bounds in every namespace, without what partitions get from their parent', async () => {
    const db = engine()
    await resetDatabase(db)
    await db.exec('CREATE SCHEMA audit')
    await db.exec(DDL)
    const query = (sql: string, params?: readonly unknown[]) => db.query(sql, params)
    const read = await introspectDatabase(query, { dialect: 'postgres' })
    expect(read.schema).toEqual(expected)
    expect(read.unmodelled).toEqual([])
    const catalog = await db.query(CATALOG)
    // The same schema creates the same catalog (`audit` included: the schema lists it).
    await resetDatabase(db)
    await run(db, createSchemaSQL(read.schema, 'postgres'))
    expect(await db.query(CATALOG)).toEqual(catalog)
    expect(await introspect(query, { dialect: 'postgres' })).toEqual(expected)
    // What partitions hold from their parent, in the catalog: the primary key and the index on each.
    expect(catalog.filter((r) => r.t === 'events_2024')).toEqual([
      {
        t: 'events_2024',
        kind: 'r',
        key: null,
        bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        parent: 'events',
        indexes: 2,
        constraints: 1,
      },
    ])
  })

  it('reads one namespace alone, or several, the first being the default one', async () => {
    const db = engine()
    await resetDatabase(db)
    await db.exec('CREATE SCHEMA audit')
    await db.exec(DDL)
    const query = (sql: string, params?: readonly unknown[]) => db.query(sql, params)
    const audit = await introspect(query, { dialect: 'postgres', schema: 'audit' })
    expect(audit.tables).toEqual(
      schema({
        tables: [
          {
            name: 'events_old',
            columns: [],
            partitionOf: {
              table: 'events',
              schema: 'public',
              bound: "FOR VALUES FROM ('2000-01-01') TO ('2024-01-01')",
            },
          },
        ],
      }).tables,
    )
    const both = await introspect(query, { dialect: 'postgres', schemas: ['audit', 'public'] })
    expect(both.tables.map((t) => `${t.schema ?? '-'}.${t.name}`)).toEqual([
      '-.events_old',
      'public.events',
      'public.events_2024',
      'public.events_2025',
      'public.events_2025_low',
      'public.events_other',
      'public.notes',
      'public.pins',
    ])
  })
})
