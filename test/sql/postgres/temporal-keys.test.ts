import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../../src/impact/index.js'
import { diffSchemas, type SchemaDefinition } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { ENGINES, type Engine, run } from '../../engines/engines.js'
import {
  describeEngines,
  plan,
  proveMigration,
  read,
  remainingChanges,
  resetDatabase,
  runMigration,
  schema,
} from './harness.js'

// PostgreSQL 18 temporal keys: a primary key or unique constraint WITHOUT OVERLAPS on its last
// (range) column, a foreign key with PERIOD on its last columns. Exact SQL, the diff, the refusal for
// older servers, and the round trip on PGlite (PostgreSQL 18), read from pg_catalog.

const daterange = (name: string) => ({ name, type: 'daterange', nullable: false })
const int = (name: string) => ({ name, type: 'integer', nullable: false })

/** parents(id, valid) keyed WITHOUT OVERLAPS (or not), children(parent_id, valid) referencing it with PERIOD (or not). */
function temporal(options: {
  overlaps: boolean
  period?: boolean
  unique?: Record<string, unknown>
}): SchemaDefinition {
  const period = options.period ?? options.overlaps
  return {
    extensions: [{ name: 'btree_gist' }],
    tables: [
      {
        name: 'parents',
        columns: [int('id'), daterange('valid')],
        constraints: [
          {
            type: 'primary_key',
            name: 'parents_pk',
            columns: ['id', 'valid'],
            ...(options.overlaps ? { withoutOverlaps: true } : {}),
          },
        ],
      },
      {
        name: 'children',
        columns: [int('id'), int('parent_id'), daterange('valid')],
        constraints: [
          {
            type: 'foreign_key',
            name: 'children_fk',
            columns: ['parent_id', 'valid'],
            referencedTable: 'parents',
            referencedColumns: ['id', 'valid'],
            ...(period ? { period: true } : {}),
          },
          ...(options.unique ? [options.unique] : []),
        ],
      },
    ],
  }
}

/** teams with a unique key (NULLS NOT DISTINCT or not) that players' foreign key uses. */
const keyed = (nullsNotDistinct: boolean): SchemaDefinition => ({
  tables: [
    {
      name: 'teams',
      columns: [int('id')],
      constraints: [
        {
          type: 'unique',
          name: 'teams_id_key',
          columns: ['id'],
          ...(nullsNotDistinct ? { nullsNotDistinct: true } : {}),
        },
      ],
    },
    {
      name: 'players',
      columns: [int('team_id')],
      constraints: [
        {
          type: 'foreign_key',
          name: 'players_team_fk',
          columns: ['team_id'],
          referencedTable: 'teams',
          referencedColumns: ['id'],
        },
      ],
    },
  ],
})

const temporalSchema = schema(temporal({ overlaps: true }))
const plainSchema = schema(temporal({ overlaps: false }))

describe('postgres: temporal keys (WITHOUT OVERLAPS, PERIOD)', () => {
  it('creates them as PostgreSQL 18 writes them', () => {
    expect(createSchemaSQL(temporalSchema, 'postgres').map((s) => s.sql)).toEqual([
      'CREATE EXTENSION "btree_gist"',
      'CREATE TABLE "parents" (\n  "id" integer NOT NULL,\n  "valid" daterange NOT NULL,\n  CONSTRAINT "parents_pk" PRIMARY KEY ("id", "valid" WITHOUT OVERLAPS)\n)',
      'CREATE TABLE "children" (\n  "id" integer NOT NULL,\n  "parent_id" integer NOT NULL,\n  "valid" daterange NOT NULL,\n  CONSTRAINT "children_fk" FOREIGN KEY ("parent_id", PERIOD "valid") REFERENCES "parents" ("id", PERIOD "valid")\n)',
    ])
  })

  it('adds a unique key WITHOUT OVERLAPS under its default name', () => {
    const to = schema(
      temporal({ overlaps: true, unique: { type: 'unique', columns: ['id', 'valid'], withoutOverlaps: true } }),
    )
    const migration = plan(temporalSchema, to)
    expect(migration.up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "children" ADD CONSTRAINT "children_id_valid_key" UNIQUE ("id", "valid" WITHOUT OVERLAPS)',
    ])
    expect(migration.down.map((s) => s.sql)).toEqual(['ALTER TABLE "children" DROP CONSTRAINT "children_id_valid_key"'])
  })

  it('diffs the marker as a field of the key and of the foreign key', () => {
    const changes = diffSchemas(plainSchema, temporalSchema).changes
    expect(changes.map((c) => [c.kind, c.path, 'changes' in c ? c.changes : undefined])).toEqual([
      ['alter_constraint', 'children.children_fk', ['period']],
      ['alter_constraint', 'parents.parents_pk', ['withoutOverlaps']],
    ])
  })

  it('re-creates a key that changes to WITHOUT OVERLAPS, its foreign key dropped first and added last', () => {
    const migration = plan(plainSchema, temporalSchema)
    expect(migration.up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "children" DROP CONSTRAINT "children_fk"',
      'ALTER TABLE "parents" DROP CONSTRAINT "parents_pk"',
      'ALTER TABLE "parents" ADD CONSTRAINT "parents_pk" PRIMARY KEY ("id", "valid" WITHOUT OVERLAPS)',
      'ALTER TABLE "children" ADD CONSTRAINT "children_fk" FOREIGN KEY ("parent_id", PERIOD "valid") REFERENCES "parents" ("id", PERIOD "valid")',
    ])
    expect(migration.down.map((s) => s.sql)).toEqual([
      'ALTER TABLE "children" DROP CONSTRAINT "children_fk"',
      'ALTER TABLE "parents" DROP CONSTRAINT "parents_pk"',
      'ALTER TABLE "parents" ADD CONSTRAINT "parents_pk" PRIMARY KEY ("id", "valid")',
      'ALTER TABLE "children" ADD CONSTRAINT "children_fk" FOREIGN KEY ("parent_id", "valid") REFERENCES "parents" ("id", "valid")',
    ])
  })

  it('drops and adds back a foreign key the migration keeps when the key it uses is re-created', () => {
    expect(plan(schema(keyed(false)), schema(keyed(true))).up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "players" DROP CONSTRAINT "players_team_fk"',
      'ALTER TABLE "teams" DROP CONSTRAINT "teams_id_key"',
      'ALTER TABLE "teams" ADD CONSTRAINT "teams_id_key" UNIQUE NULLS NOT DISTINCT ("id")',
      'ALTER TABLE "players" ADD CONSTRAINT "players_team_fk" FOREIGN KEY ("team_id") REFERENCES "teams" ("id")',
    ])
  })

  it('refuses them for a server older than PostgreSQL 18, naming the key', () => {
    expect(() => plan(plainSchema, temporalSchema, { dialectVersion: 15 })).toThrow(
      expect.objectContaining({
        code: 'unsupported_feature',
        message: "children.children_fk: PERIOD needs PostgreSQL 18 (the plan's dialectVersion is 15)",
      }),
    )
    const onlyKey = schema(temporal({ overlaps: true, period: false }))
    expect(() => plan(plainSchema, onlyKey, { dialectVersion: 17 })).toThrow(
      "parents.parents_pk: WITHOUT OVERLAPS needs PostgreSQL 18 (the plan's dialectVersion is 17)",
    )
    expect(plan(plainSchema, temporalSchema, { dialectVersion: 18 }).up).toHaveLength(4)
  })

  it('refuses them on MySQL/MariaDB and SQLite', () => {
    const { extensions: _, tables } = temporal({ overlaps: true })
    const keyOnly = schema({ tables: tables?.slice(0, 1) ?? [] })
    const periodOnly = schema({ tables: temporal({ overlaps: false, period: true }).tables ?? [] })
    expect(() => createSchemaSQL(keyOnly, 'mysql')).toThrow(
      "parents.parents_pk: WITHOUT OVERLAPS on a range column is PostgreSQL 18's (MySQL has none; MariaDB's applies to application-time periods)",
    )
    expect(() => createSchemaSQL(periodOnly, 'mysql')).toThrow(
      'children.children_fk: MySQL/MariaDB have no PERIOD foreign keys',
    )
    expect(() => createSchemaSQL(keyOnly, 'sqlite')).toThrow(
      'parents.parents_pk: WITHOUT OVERLAPS: not in SQLite (it has no range types)',
    )
    expect(() => createSchemaSQL(periodOnly, 'sqlite')).toThrow('children.children_fk: PERIOD: not in SQLite')
  })
})

const pglite = ENGINES.find((e) => e.name === 'pglite')

/** Each constraint of the public tables as PostgreSQL prints it. */
const constraintDefinitions = (engine: Engine) =>
  engine.query(
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line, conperiod
     FROM pg_catalog.pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f')
     ORDER BY 1`,
  )

describe('postgres: temporal keys on PGlite (PostgreSQL 18)', () => {
  let opened: Engine | undefined
  beforeAll(async () => {
    opened = await (pglite as NonNullable<typeof pglite>).open()
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })

  it('applies, reads back from pg_catalog and re-plans nothing', async () => {
    const engine = opened as Engine
    {
      await resetDatabase(engine)
      await run(engine, createSchemaSQL(temporalSchema, 'postgres'))
      expect(await constraintDefinitions(engine)).toEqual([
        {
          line: 'children children_fk FOREIGN KEY (parent_id, PERIOD valid) REFERENCES parents(id, PERIOD valid)',
          conperiod: true,
        },
        { line: 'parents parents_pk PRIMARY KEY (id, valid WITHOUT OVERLAPS)', conperiod: true },
      ])
      const back = await read(engine)
      expect(back.tables.flatMap((t) => t.constraints)).toEqual([
        {
          type: 'foreign_key',
          name: 'children_fk',
          columns: ['parent_id', 'valid'],
          referencedTable: 'parents',
          referencedColumns: ['id', 'valid'],
          period: true,
        },
        { type: 'primary_key', name: 'parents_pk', columns: ['id', 'valid'], withoutOverlaps: true },
      ])
      expect(await remainingChanges(engine, temporalSchema)).toEqual([])
      expect(diffSchemas(back, temporalSchema).changes).toEqual([])
    }
  }, 60_000)

  it('takes a key to WITHOUT OVERLAPS and back, with the foreign key that uses it', async () => {
    const engine = opened as Engine
    await proveMigration(engine, plainSchema, temporalSchema)
    // The key's rows now may share an id while their ranges do not overlap.
    await resetDatabase(engine)
    await run(engine, createSchemaSQL(plainSchema, 'postgres'))
    await engine.exec(`INSERT INTO parents VALUES (1, '[2026-01-01,2026-02-01)'), (1, '[2026-02-01,2026-03-01)')`)
    await runMigration(engine, plan(plainSchema, temporalSchema).up)
    await expect(engine.exec(`INSERT INTO parents VALUES (1, '[2026-01-15,2026-01-20)')`)).rejects.toThrow(
      /conflicting key value violates exclusion constraint "parents_pk"/,
    )
  }, 60_000)

  it('DD012: the key fails on overlapping or empty ranges, as the finding says, and its queries find them', async () => {
    const engine = opened as Engine
    const diff = diffSchemas(plainSchema, temporalSchema)
    const findings = analyzeImpact(diff, { dialect: 'postgres', from: plainSchema }).findings.filter(
      (f) => f.code === 'DD012' || f.code === 'DD001',
    )
    expect(findings.map((f) => [f.severity, f.code, f.message])).toEqual([
      [
        'warning',
        'DD012',
        'parents.parents_pk WITHOUT OVERLAPS on parents(id, valid) fails if two existing rows of one id have overlapping valid ranges, or one valid is empty',
      ],
    ])
    const [overlapping, empty] = findings[0]?.fix.sql ?? []
    for (const [rows, refusal] of [
      [`(1, '[2026-01-01,2026-02-01)'), (1, '[2026-01-15,2026-03-01)')`, 'could not create exclusion constraint'],
      [`(1, 'empty')`, 'empty WITHOUT OVERLAPS value found in column "valid"'],
    ] as const) {
      await resetDatabase(engine)
      await run(engine, createSchemaSQL(plainSchema, 'postgres'))
      await engine.exec(`INSERT INTO parents VALUES ${rows}`)
      const found = [...(await engine.query(overlapping as string)), ...(await engine.query(empty as string))]
      expect(found.length).toBeGreaterThan(0)
      await expect(runMigration(engine, plan(plainSchema, temporalSchema).up)).rejects.toThrow(refusal)
    }
  }, 60_000)
})

describeEngines('postgres: a re-created key with a foreign key that uses it', (engine) => {
  it('applies up and down, the foreign key dropped and added around the key', async () => {
    await proveMigration(engine(), schema(keyed(false)), schema(keyed(true)))
  }, 60_000)
})
