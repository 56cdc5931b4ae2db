import { describe, expect, it } from 'vitest'
import { defineSchema, parseSchema, serializeSchema } from '../../src/index.js'

// The PostgreSQL table options in both document shapes: the canonical one holds them all, the
// SQLAlchemy one where SQLAlchemy has them (postgresql_partition_by, postgresql_with,
// postgresql_inherits, prefixes=['UNLOGGED'], Identity(...) options, an index's postgresql_with).

const canonical = defineSchema({
  tables: [
    {
      name: 'events',
      unlogged: true,
      partitionBy: { method: 'range', key: ['at', 'lower(kind)'] },
      with: { fillfactor: '70', autovacuum_enabled: 'false' },
      columns: [
        {
          name: 'id',
          type: 'bigint',
          nullable: false,
          identity: {
            generation: 'always',
            start: 10,
            increment: 5,
            minValue: 0,
            maxValue: 1000,
            cache: 20,
            cycle: true,
          },
        },
        { name: 'at', type: 'date', nullable: false },
        { name: 'kind', type: 'text' },
      ],
      indexes: [{ name: 'ix_events_at', columns: ['at'], with: { fillfactor: '80' } }],
    },
    {
      name: 'events_2024',
      columns: [],
      partitionOf: { table: 'events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" },
    },
    {
      name: 'capitals',
      columns: [{ name: 'country', type: 'text' }],
      inherits: [{ table: 'events' }],
      constraints: [{ type: 'check', expression: "country <> ''", noInherit: true }],
    },
  ],
})

describe('PostgreSQL table options in documents', () => {
  it('the canonical document writes and reads them back', () => {
    expect(parseSchema(JSON.parse(serializeSchema(canonical)))).toEqual(canonical)
  })

  it('the SQLAlchemy shape reads its spellings of them', () => {
    const read = parseSchema({
      metadata: {
        tables: [
          {
            name: 'events',
            prefixes: ['UNLOGGED'],
            postgresql_partition_by: 'RANGE (at, lower(kind))',
            postgresql_with: { fillfactor: 70, autovacuum_enabled: false },
            columns: [
              {
                name: 'id',
                type: 'BIGINT',
                nullable: false,
                identity: {
                  always: true,
                  start: 10,
                  increment: 5,
                  minvalue: 0,
                  maxvalue: 1000,
                  cache: 20,
                  cycle: true,
                },
              },
              { name: 'at', type: 'DATE', nullable: false },
              { name: 'kind', type: 'TEXT' },
            ],
            indexes: [
              { name: 'ix_events_at', columns: ['at'], dialect_options: { postgresql_with: { fillfactor: 80 } } },
            ],
          },
        ],
      },
    })
    expect(read.tables[0]).toEqual(canonical.tables.find((t) => t.name === 'events'))
  })

  it('a partition lists no columns, and one of its indexes may name its parent’s columns', () => {
    expect(() =>
      defineSchema({
        tables: [
          { name: 'p', columns: [{ name: 'a', type: 'int' }], partitionBy: { method: 'list', key: ['a'] } },
          { name: 'p1', columns: [{ name: 'a', type: 'int' }], partitionOf: { table: 'p', bound: 'DEFAULT' } },
        ],
      }),
    ).toThrow(/partition: its columns are its parent's, list none/)
    const ok = defineSchema({
      tables: [
        { name: 'p', columns: [{ name: 'a', type: 'int' }], partitionBy: { method: 'list', key: ['a'] } },
        { name: 'p1', columns: [], partitionOf: { table: 'p', bound: 'DEFAULT' }, indexes: [{ columns: ['a'] }] },
      ],
    })
    expect(ok.tables[1]?.indexes).toEqual([{ parts: [{ column: 'a' }] }])
  })

  it('a SQLAlchemy partition key that is none is an error at its path', () => {
    expect(() =>
      parseSchema({
        metadata: {
          tables: [{ name: 't', postgresql_partition_by: 'BY at', columns: [{ name: 'at', type: 'DATE' }] }],
        },
      }),
    ).toThrow(/metadata\.tables\[0\]\.postgresql_partition_by/)
  })
})
