import { expect, it } from 'vitest'
import { introspect, introspectDatabase } from '../../../src/introspect/index.js'
import { describeEngines, resetDatabase, schema } from './harness.js'

// Introspection of what the model cannot hold: partitioning. A partitioned table is read as a plain
// table; its partitions are not read; a foreign key that references a partition cannot be in the
// schema and is listed with why; one that references the partitioned table is kept once (PostgreSQL
// stores a copy per referenced partition). Nothing throws, and every listed object is in pg_catalog.

const DDL = `
CREATE TABLE events (id integer NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (id);
CREATE TABLE events_2025_low PARTITION OF events_2025 FOR VALUES IN (1, 2);
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
const expected = schema({
  tables: [
    {
      name: 'events',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'at', type: 'date', nullable: false },
      ],
      constraints: [{ type: 'primary_key', name: 'events_pkey', columns: ['id', 'at'] }],
    },
    table('notes', {
      type: 'foreign_key',
      name: 'notes_event_fkey',
      columns: ['event_id', 'event_at'],
      referencedTable: 'events',
      referencedColumns: ['id', 'at'],
    }),
    { ...table('pins'), indexes: [{ name: 'ix_pins_event', columns: ['event_id'] }] },
  ],
})

describeEngines('introspection of partitions and keys that reference them', (engine) => {
  it('reads the partitioned table as a plain one and lists what the model cannot hold', async () => {
    const db = engine()
    await resetDatabase(db)
    await db.exec('CREATE SCHEMA audit')
    await db.exec(DDL)
    const query = (sql: string, params?: readonly unknown[]) => db.query(sql, params)
    const read = await introspectDatabase(query, { dialect: 'postgres' })
    expect(read.schema).toEqual(expected)
    expect(read.unmodelled).toEqual([
      {
        kind: 'partitioning',
        name: 'events',
        why: 'PARTITION BY RANGE (at): the model has no partitioning; read as a plain table, without its partitions events_2024, events_2025',
      },
      {
        kind: 'partitioning',
        name: 'events_2025',
        why: 'PARTITION BY LIST (id): the model has no partitioning, without its partitions events_2025_low',
      },
      {
        kind: 'foreign_key',
        name: 'pins.pins_event_fkey',
        why: 'references "events_2024", which is not read: a partition of "events" (the model has no partitions); left out of the schema',
      },
    ])
    expect(await introspect(query, { dialect: 'postgres' })).toEqual(expected)
    // The partition in another namespace is listed when that namespace is read.
    const audit = await introspectDatabase(query, { dialect: 'postgres', schema: 'audit' })
    expect(audit.schema.tables).toEqual([])
    expect(audit.unmodelled).toEqual([
      {
        kind: 'partition',
        name: 'events_old',
        why: 'a partition of "public"."events" FOR VALUES FROM (\'2000-01-01\') TO (\'2024-01-01\'): the model has no partitions; not read',
      },
    ])
    // What is listed is what the engine holds: the key to the partition, and one key per referenced
    // partition behind the one to the partitioned table.
    const keys = await db.query(
      `SELECT conrelid::regclass::text AS t, confrelid::regclass::text AS ref, conparentid <> 0 AS copy
       FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('notes'::regclass, 'pins'::regclass)
       ORDER BY conrelid::regclass::text COLLATE "C", confrelid::regclass::text COLLATE "C"`,
    )
    expect(keys).toEqual([
      { t: 'notes', ref: 'audit.events_old', copy: true },
      { t: 'notes', ref: 'events', copy: false },
      { t: 'notes', ref: 'events_2024', copy: true },
      { t: 'notes', ref: 'events_2025', copy: true },
      { t: 'notes', ref: 'events_2025_low', copy: true },
      { t: 'pins', ref: 'events_2024', copy: false },
    ])
  })
})
