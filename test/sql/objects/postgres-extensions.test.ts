import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, enginesFor, type Row, run } from '../../engines/engines.js'
import { plan, read, runMigration } from '../postgres/harness.js'

// Extensions on PostgreSQL, judged by pg_extension and pg_indexes: created before the columns and
// indexes that use their types and operator classes, dropped after them, read back without plpgsql
// and without the types, domains and functions they create themselves.

/** The contrib extensions the tests create; PGlite loads them as modules when it starts. */
const CONTRIB = ['citext', 'pg_trgm', 'cube', 'earthdistance'] as const

async function openPgliteWithExtensions(): Promise<Engine> {
  const { PGlite } = await import('@electric-sql/pglite')
  const [{ citext }, { pg_trgm }, { cube }, { earthdistance }] = await Promise.all([
    import('@electric-sql/pglite/contrib/citext'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/cube'),
    import('@electric-sql/pglite/contrib/earthdistance'),
  ])
  const db = await PGlite.create({ extensions: { citext, pg_trgm, cube, earthdistance } })
  return {
    name: 'pglite',
    dialect: 'postgres',
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async (sql, params) => (await db.query<Row>(sql, params ? [...params] : undefined)).rows,
    reset: async () => {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
    },
    close: () => db.close(),
  }
}

const reset = async (e: Engine) => {
  await e.reset()
  for (const x of CONTRIB) await e.exec(`DROP EXTENSION IF EXISTS ${x} CASCADE`)
}

const installed = async (e: Engine) =>
  (await e.query(`SELECT extname || '@' || extnamespace::regnamespace::text AS x FROM pg_extension ORDER BY 1`)).map(
    (r) => String(r.x),
  )

const indexes = async (e: Engine) =>
  (await e.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`)).map((r) =>
    String(r.indexdef),
  )

const people = (withExtensions: boolean): Schema =>
  parseSchema({
    format: 'schemaledger/1',
    ...(withExtensions ? { extensions: [{ name: 'citext' }, { name: 'pg_trgm', comment: 'trigrams' }] } : {}),
    tables: [
      {
        name: 'people',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          ...(withExtensions
            ? [
                { name: 'email', type: 'citext', nullable: true },
                { name: 'name', type: 'text', nullable: true },
              ]
            : []),
        ],
        indexes: withExtensions
          ? [{ name: 'people_name_trgm', using: 'gin', columns: [{ column: 'name', opclass: 'gin_trgm_ops' }] }]
          : [],
      },
    ],
  })

for (const factory of enginesFor('postgres')) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name}: extensions`, () => {
    let engine: Engine | undefined
    beforeAll(async () => {
      engine = factory.name === 'pglite' ? await openPgliteWithExtensions() : await factory.open()
    }, 120_000)
    afterAll(async () => {
      await engine?.close()
    })
    const e = () => engine as Engine

    it('creates extensions before the column and index that use them, drops them after', async () => {
      await reset(e())
      const from = people(false)
      const to = people(true)
      await run(e(), createSchemaSQL(from, 'postgres'))
      const migration = plan(from, to)
      expect(migration.up.map((s) => s.sql)).toEqual([
        'CREATE EXTENSION "citext"',
        'CREATE EXTENSION "pg_trgm"',
        `COMMENT ON EXTENSION "pg_trgm" IS 'trigrams'`,
        'ALTER TABLE "people" ADD COLUMN "email" citext',
        'ALTER TABLE "people" ADD COLUMN "name" text',
        'CREATE INDEX "people_name_trgm" ON "people" USING gin ("name" gin_trgm_ops)',
      ])
      await runMigration(e(), migration.up)
      expect(await installed(e())).toEqual(['citext@public', 'pg_trgm@public', 'plpgsql@pg_catalog'])
      expect(await indexes(e())).toEqual([
        'CREATE INDEX people_name_trgm ON public.people USING gin (name gin_trgm_ops)',
      ])
      const back = await read(e())
      // citext's comment is the one its control file gives: not the schema's.
      expect(back.extensions).toEqual([
        { name: 'citext', version: expect.any(String) },
        { name: 'pg_trgm', version: expect.any(String), comment: 'trigrams' },
      ])
      expect(diffSchemas(back, to).changes).toEqual([])
      const down = plan(to, from).up
      expect(down.map((s) => s.sql)).toEqual([
        'DROP INDEX "people_name_trgm"',
        'ALTER TABLE "people" DROP COLUMN "email"',
        'ALTER TABLE "people" DROP COLUMN "name"',
        'DROP EXTENSION "pg_trgm"',
        'DROP EXTENSION "citext"',
      ])
      await runMigration(e(), down)
      expect(await installed(e())).toEqual(['plpgsql@pg_catalog'])
      expect(diffSchemas(await read(e()), from).changes).toEqual([])
    })

    it("never reads an extension's own types, domains and functions as the schema's", async () => {
      await reset(e())
      await e().exec('CREATE EXTENSION cube; CREATE EXTENSION earthdistance')
      await e().exec('CREATE DOMAIN here AS earth; CREATE TABLE places (id int, at here)')
      const s = await read(e())
      expect(s.extensions?.map((x) => x.name)).toEqual(['cube', 'earthdistance'])
      // earthdistance's own domain `earth` is not read; the schema's domain over it is.
      expect(s.domains).toEqual([{ name: 'here', type: 'earth' }])
      await reset(e())
      const statements = createSchemaSQL(s, 'postgres')
      expect(statements.map((x) => x.sql)).toEqual([
        'CREATE EXTENSION "cube"',
        'CREATE EXTENSION "earthdistance"',
        'CREATE DOMAIN "here" AS earth',
        'CREATE TABLE "places" (\n  "id" integer,\n  "at" here\n)',
      ])
      await run(e(), statements)
      expect(diffSchemas(await read(e()), s).changes).toEqual([])
    })
  })
}
