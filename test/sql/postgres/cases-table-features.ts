import type { ColumnDefinition, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import type { MigrationCase } from '../migration-case.js'

// PostgreSQL table features (issue 18): declarative partitioning (create, drop, attach, detach,
// sub-partitions), inheritance, UNLOGGED, storage parameters of tables and indexes, identity sequence
// options, CHECK ... NO INHERIT, a table in another namespace referencing one in `public`. Each case
// is applied on the engines up and down (table-features.test.ts).

const id: ColumnDefinition = { name: 'id', type: 'integer', nullable: false }
const at: ColumnDefinition = { name: 'at', type: 'date', nullable: false }
const events = (more: Partial<TableDefinition> = {}): TableDefinition => ({
  name: 'events',
  columns: [id, at],
  partitionBy: { method: 'range', key: ['at'] },
  ...more,
})
const partition = (name: string, bound: string, more: Partial<TableDefinition> = {}): TableDefinition => ({
  name,
  columns: [],
  partitionOf: { table: 'events', bound },
  ...more,
})
const Y2024 = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
const one = (...tables: TableDefinition[]): SchemaDefinition => ({ tables })
const plain = (name: string, more: Partial<TableDefinition> = {}): TableDefinition => ({
  name,
  columns: [id, { name: 'note', type: 'text' }],
  ...more,
})

export const PARTITION_CASES: readonly MigrationCase[] = [
  {
    title: 'create a partitioned table with range, default and sub-partitioned partitions',
    from: one(),
    to: one(
      events({ constraints: [{ type: 'primary_key', columns: ['id', 'at'] }], indexes: [{ columns: ['at'] }] }),
      partition('events_2024', Y2024, { indexes: [{ name: 'events_2024_id_idx', columns: ['id'] }] }),
      partition('events_2025', "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", {
        partitionBy: { method: 'hash', key: ['id'] },
      }),
      {
        name: 'events_2025_a',
        columns: [],
        partitionOf: { table: 'events_2025', bound: 'FOR VALUES WITH (MODULUS 2, REMAINDER 0)' },
      },
      {
        name: 'events_2025_b',
        columns: [],
        partitionOf: { table: 'events_2025', bound: 'FOR VALUES WITH (MODULUS 2, REMAINDER 1)' },
      },
      partition('events_other', 'DEFAULT'),
    ),
    up: [
      'CREATE TABLE "events" (\n  "id" integer NOT NULL,\n  "at" date NOT NULL,\n  CONSTRAINT "events_pkey" PRIMARY KEY ("id", "at")\n) PARTITION BY RANGE (at)',
      'CREATE INDEX "events_at_idx" ON "events" ("at")',
      'CREATE TABLE "events_2024" PARTITION OF "events" FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\')',
      'CREATE INDEX "events_2024_id_idx" ON "events_2024" ("id")',
      'CREATE TABLE "events_2025" PARTITION OF "events" FOR VALUES FROM (\'2025-01-01\') TO (\'2026-01-01\') PARTITION BY HASH (id)',
      'CREATE TABLE "events_2025_a" PARTITION OF "events_2025" FOR VALUES WITH (MODULUS 2, REMAINDER 0)',
      'CREATE TABLE "events_2025_b" PARTITION OF "events_2025" FOR VALUES WITH (MODULUS 2, REMAINDER 1)',
      'CREATE TABLE "events_other" PARTITION OF "events" DEFAULT',
    ],
    down: [
      'DROP TABLE "events_other"',
      'DROP TABLE "events_2025_b"',
      'DROP TABLE "events_2025_a"',
      'DROP TABLE "events_2025"',
      'DROP TABLE "events_2024"',
      'DROP TABLE "events"',
    ],
  },
  {
    title: 'a list-partitioned table keyed by an expression',
    from: one(),
    to: one(
      {
        name: 'regions',
        columns: [id, { name: 'code', type: 'text', nullable: false }],
        partitionBy: { method: 'list', key: ['lower(code)'] },
      },
      {
        name: 'regions_eu',
        columns: [],
        partitionOf: { table: 'regions', bound: "FOR VALUES IN ('de', 'fr')" },
      },
    ),
    up: [
      'CREATE TABLE "regions" (\n  "id" integer NOT NULL,\n  "code" text NOT NULL\n) PARTITION BY LIST ((lower(code)))',
      'CREATE TABLE "regions_eu" PARTITION OF "regions" FOR VALUES IN (\'de\', \'fr\')',
    ],
    down: ['DROP TABLE "regions_eu"', 'DROP TABLE "regions"'],
  },
  {
    title: 'a table becomes a partition (ATTACH) and stops being one (DETACH)',
    from: one(events(), plain('archive', { columns: [id, at] })),
    to: one(events(), partition('archive', "FOR VALUES FROM ('2000-01-01') TO ('2024-01-01')")),
    up: ['ALTER TABLE "events" ATTACH PARTITION "archive" FOR VALUES FROM (\'2000-01-01\') TO (\'2024-01-01\')'],
    down: ['ALTER TABLE "events" DETACH PARTITION "archive"'],
  },
  {
    title: 'a partition moves to another bound',
    from: one(events(), partition('events_2024', Y2024)),
    to: one(events(), partition('events_2024', "FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')")),
    up: [
      'ALTER TABLE "events" DETACH PARTITION "events_2024"',
      'ALTER TABLE "events" ATTACH PARTITION "events_2024" FOR VALUES FROM (\'2024-01-01\') TO (\'2024-07-01\')',
    ],
    down: [
      'ALTER TABLE "events" DETACH PARTITION "events_2024"',
      'ALTER TABLE "events" ATTACH PARTITION "events_2024" FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\')',
    ],
  },
]

export const TABLE_OPTION_CASES: readonly MigrationCase[] = [
  {
    title: 'create and drop an unlogged table with storage parameters and an index with its own',
    from: one(),
    to: one(
      plain('cache', {
        unlogged: true,
        with: { fillfactor: '70', autovacuum_enabled: 'false' },
        indexes: [{ columns: ['note'], with: { fillfactor: '80' } }],
      }),
    ),
    up: [
      'CREATE UNLOGGED TABLE "cache" (\n  "id" integer NOT NULL,\n  "note" text\n) WITH (fillfactor=70, autovacuum_enabled=false)',
      'CREATE INDEX "cache_note_idx" ON "cache" ("note") WITH (fillfactor=80)',
    ],
    down: ['DROP TABLE "cache"'],
  },
  {
    title: 'SET UNLOGGED / SET LOGGED',
    from: one(plain('cache')),
    to: one(plain('cache', { unlogged: true })),
    up: ['ALTER TABLE "cache" SET UNLOGGED'],
    down: ['ALTER TABLE "cache" SET LOGGED'],
  },
  {
    title: 'storage parameters set, changed and reset on a table and an index',
    from: one(plain('t', { with: { fillfactor: '70' }, indexes: [{ name: 'ix_note', columns: ['note'] }] })),
    to: one(
      plain('t', {
        with: { fillfactor: '90', autovacuum_enabled: 'off' },
        indexes: [{ name: 'ix_note', columns: ['note'], with: { fillfactor: '50' } }],
      }),
    ),
    up: ['ALTER TABLE "t" SET (fillfactor=90, autovacuum_enabled=off)', 'ALTER INDEX "ix_note" SET (fillfactor=50)'],
    down: [
      'ALTER TABLE "t" RESET (autovacuum_enabled)',
      'ALTER TABLE "t" SET (fillfactor=70)',
      'ALTER INDEX "ix_note" RESET (fillfactor)',
    ],
  },
  {
    title:
      'identity with every sequence option, then changed (a MINVALUE above the current value would fail: PostgreSQL checks it)',
    from: one({
      name: 'tickets',
      columns: [{ ...id, identity: { generation: 'always' } }],
    }),
    to: one({
      name: 'tickets',
      columns: [
        {
          ...id,
          identity: {
            generation: 'always',
            start: 10,
            increment: 5,
            minValue: 0,
            maxValue: 100000,
            cache: 20,
            cycle: true,
          },
        },
      ],
    }),
    up: [
      'ALTER TABLE "tickets" ALTER COLUMN "id" SET START WITH 10 SET INCREMENT BY 5 SET MINVALUE 0 SET MAXVALUE 100000 SET CACHE 20 SET CYCLE',
    ],
    down: [
      'ALTER TABLE "tickets" ALTER COLUMN "id" SET START WITH 1 SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET CACHE 1 SET NO CYCLE',
    ],
  },
  {
    title: 'inheritance: a child with its own column, and a CHECK ... NO INHERIT on the parent',
    from: one(),
    to: one(
      plain('cities', {
        constraints: [
          { type: 'check', name: 'cities_id_check', expression: 'id > 0' },
          { type: 'check', name: 'cities_only_check', expression: 'id < 1000', noInherit: true },
        ],
      }),
      { name: 'capitals', columns: [{ name: 'country', type: 'text' }], inherits: [{ table: 'cities' }] },
    ),
    up: [
      'CREATE TABLE "cities" (\n  "id" integer NOT NULL,\n  "note" text,\n  CONSTRAINT "cities_id_check" CHECK (id > 0),\n  CONSTRAINT "cities_only_check" CHECK (id < 1000) NO INHERIT\n)',
      'CREATE TABLE "capitals" (\n  "country" text\n) INHERITS ("cities")',
    ],
    down: ['DROP TABLE "capitals"', 'DROP TABLE "cities"'],
  },
  {
    title: 'a table starts and stops inheriting (INHERIT / NO INHERIT; its columns stay its own)',
    from: one(
      plain('cities'),
      plain('capitals', { columns: [id, { name: 'note', type: 'text' }, { name: 'country', type: 'text' }] }),
    ),
    to: one(
      plain('cities'),
      plain('capitals', {
        columns: [id, { name: 'note', type: 'text' }, { name: 'country', type: 'text' }],
        inherits: [{ table: 'cities' }],
      }),
    ),
    up: ['ALTER TABLE "capitals" INHERIT "cities"'],
    down: ['ALTER TABLE "capitals" NO INHERIT "cities"'],
  },
  {
    title: 'a table in another namespace references one in public',
    from: one(plain('users', { constraints: [{ type: 'primary_key', columns: ['id'] }] })),
    to: one(plain('users', { constraints: [{ type: 'primary_key', columns: ['id'] }] }), {
      name: 'invoices',
      schema: 'billing',
      columns: [id, { name: 'user_id', type: 'integer' }],
      constraints: [
        {
          type: 'foreign_key',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedSchema: 'public',
          referencedColumns: ['id'],
        },
      ],
      partitionBy: { method: 'hash', key: ['id'] },
    }),
    up: [
      'CREATE TABLE "billing"."invoices" (\n  "id" integer NOT NULL,\n  "user_id" integer,\n  CONSTRAINT "invoices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id")\n) PARTITION BY HASH (id)',
    ],
    down: ['DROP TABLE "billing"."invoices"'],
  },
  {
    title:
      'identity bounds that leave out the old start: the sequence restarts at the new start (sqldef IdentitySequenceOptionsIgnored)',
    from: one({
      name: 'voltages',
      columns: [{ ...id, identity: { generation: 'by_default', start: -200, increment: 10, maxValue: 200 } }],
    }),
    to: one({
      name: 'voltages',
      columns: [{ ...id, identity: { generation: 'by_default', start: -100, increment: 5, maxValue: 100 } }],
    }),
    up: [
      'ALTER TABLE "voltages" ALTER COLUMN "id" SET START WITH -100 SET INCREMENT BY 5 SET MINVALUE -100 SET MAXVALUE 100 RESTART',
    ],
    down: [
      'ALTER TABLE "voltages" ALTER COLUMN "id" SET START WITH -200 SET INCREMENT BY 10 SET MINVALUE -200 SET MAXVALUE 200',
    ],
  },
  {
    title: "comments on a new table's constraints and indexes (sqldef CommentOnIndex, CommentOnConstraint)",
    from: one(),
    to: one(
      plain('test', {
        constraints: [
          { type: 'primary_key', columns: ['id'], comment: 'Primary key constraint' },
          { type: 'check', name: 'my.constraint', expression: 'id > 0', comment: "it's positive" },
        ],
        indexes: [{ name: 'idx_test', columns: ['note'], comment: 'Index comment' }],
      }),
    ),
    up: [
      'CREATE TABLE "test" (\n  "id" integer NOT NULL,\n  "note" text,\n  CONSTRAINT "test_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "my.constraint" CHECK (id > 0)\n)',
      'CREATE INDEX "idx_test" ON "test" ("note")',
      `COMMENT ON CONSTRAINT "test_pkey" ON "test" IS 'Primary key constraint'`,
      `COMMENT ON CONSTRAINT "my.constraint" ON "test" IS 'it''s positive'`,
      `COMMENT ON INDEX "idx_test" IS 'Index comment'`,
    ],
    down: ['DROP TABLE "test"'],
  },
  {
    title:
      'an index renamed with a new comment, a comment added to an existing constraint and one removed (sqldef RenameIndexWithComment)',
    from: one(
      plain('test', {
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { type: 'check', name: 'test_id_check', expression: 'id > 0', comment: 'old' },
        ],
        indexes: [{ name: 'old_idx', columns: ['note'], comment: 'Old index' }],
      }),
    ),
    to: one(
      plain('test', {
        constraints: [
          { type: 'primary_key', columns: ['id'], comment: 'the key' },
          { type: 'check', name: 'test_id_check', expression: 'id > 0' },
        ],
        indexes: [{ name: 'new_idx', columns: ['note'], comment: 'New index' }],
      }),
    ),
    up: [
      'ALTER INDEX "old_idx" RENAME TO "new_idx"',
      'COMMENT ON CONSTRAINT "test_id_check" ON "test" IS NULL',
      `COMMENT ON CONSTRAINT "test_pkey" ON "test" IS 'the key'`,
      `COMMENT ON INDEX "new_idx" IS 'New index'`,
    ],
    down: [
      'ALTER INDEX "new_idx" RENAME TO "old_idx"',
      `COMMENT ON CONSTRAINT "test_id_check" ON "test" IS 'old'`,
      'COMMENT ON CONSTRAINT "test_pkey" ON "test" IS NULL',
      `COMMENT ON INDEX "old_idx" IS 'Old index'`,
    ],
  },
  {
    title:
      'a BRIN index built again when pages_per_range changes (the build writes it into the metapage), a fillfactor beside it set in place',
    from: one(
      plain('t', {
        indexes: [
          { name: 'ix_id', columns: ['id'], using: 'brin', with: { pages_per_range: '32' } },
          { name: 'ix_note', columns: ['note'] },
        ],
      }),
    ),
    to: one(
      plain('t', {
        indexes: [
          { name: 'ix_id', columns: ['id'], using: 'brin', with: { pages_per_range: '64', autosummarize: 'on' } },
          { name: 'ix_note', columns: ['note'], with: { fillfactor: '50' } },
        ],
      }),
    ),
    up: [
      'DROP INDEX "ix_id"',
      'ALTER INDEX "ix_note" SET (fillfactor=50)',
      'CREATE INDEX "ix_id" ON "t" USING brin ("id") WITH (pages_per_range=64, autosummarize=on)',
    ],
    down: [
      'DROP INDEX "ix_id"',
      'ALTER INDEX "ix_note" RESET (fillfactor)',
      'CREATE INDEX "ix_id" ON "t" USING brin ("id") WITH (pages_per_range=32)',
    ],
  },
  {
    title: 'a BRIN index whose autosummarize alone changes is altered in place',
    from: one(
      plain('t', { indexes: [{ name: 'ix_id', columns: ['id'], using: 'brin', with: { pages_per_range: '32' } }] }),
    ),
    to: one(
      plain('t', {
        indexes: [
          { name: 'ix_id', columns: ['id'], using: 'brin', with: { pages_per_range: '32', autosummarize: 'on' } },
        ],
      }),
    ),
    up: ['ALTER INDEX "ix_id" SET (autosummarize=on)'],
    down: ['ALTER INDEX "ix_id" RESET (autosummarize)'],
  },
  {
    title: "a bit column lengthened: the type's own length cast, no USING through text",
    from: one({ name: 't', columns: [id, { name: 'flags', type: 'bit(3)' }] }),
    to: one({ name: 't', columns: [id, { name: 'flags', type: 'bit(8)' }] }),
    up: ['ALTER TABLE "t" ALTER COLUMN "flags" TYPE bit(8)'],
    down: ['ALTER TABLE "t" ALTER COLUMN "flags" TYPE bit(3)'],
  },
]
