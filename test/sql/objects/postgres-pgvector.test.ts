import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, pgliteWith, run } from '../../engines/engines.js'
import { plan, read, runMigration } from '../postgres/harness.js'

// pgvector on PGlite (its optional package @electric-sql/pglite-pgvector; the PostgreSQL 15 server of
// CI has no pgvector): vector, halfvec, sparsevec and bit columns, HNSW and IVFFlat indexes with their
// operator classes and build parameters, judged by pg_indexes and pg_class.

const factory = await pgliteWith(['vector', 'pageinspect'])

type IndexSpec = { name: string; using: string; columns: unknown[]; with?: Record<string, string> }

const items = (indexes: IndexSpec[], dimensions = 3): Schema =>
  parseSchema({
    format: 'schemaledger/1',
    extensions: [{ name: 'vector' }],
    tables: [
      {
        name: 'items',
        columns: [
          { name: 'id', type: 'bigint', nullable: false },
          { name: 'embedding', type: `vector(${dimensions})`, nullable: true },
          { name: 'half', type: 'halfvec(3)', nullable: true },
          { name: 'sparse', type: 'sparsevec(5)', nullable: true },
          { name: 'bits', type: 'bit(3)', nullable: true },
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
        indexes,
      },
    ],
  })

const hnswCosine = (options: Record<string, string>): IndexSpec => ({
  name: 'items_embedding_hnsw',
  using: 'hnsw',
  columns: [{ column: 'embedding', opclass: 'vector_cosine_ops' }],
  with: options,
})
const ivfflat = (lists: string): IndexSpec => ({
  name: 'items_embedding_ivfflat',
  using: 'ivfflat',
  columns: ['embedding'],
  with: { lists },
})
const others: IndexSpec[] = [
  { name: 'items_half_hnsw', using: 'hnsw', columns: [{ column: 'half', opclass: 'halfvec_l2_ops' }] },
  { name: 'items_sparse_hnsw', using: 'hnsw', columns: [{ column: 'sparse', opclass: 'sparsevec_ip_ops' }] },
  { name: 'items_bits_hnsw', using: 'hnsw', columns: [{ column: 'bits', opclass: 'bit_hamming_ops' }] },
]

const indexes = async (e: Engine) =>
  (await e.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`)).map((r) =>
    String(r.indexdef),
  )
/**
 * What the builds wrote into the metapages (pgvector's IvfflatMetaPageData and HnswMetaPageData after
 * the 24-byte page header: IVFFlat's `lists` at byte 34, HNSW's `m` and `ef_construction` at 36 and 38),
 * and what pg_class.reloptions says.
 */
async function built(e: Engine) {
  await e.exec('CREATE EXTENSION pageinspect')
  const u16 = (at: number) => `get_byte(p, ${at}) + 256 * get_byte(p, ${at + 1})`
  const [ivf] = await e.query(`SELECT ${u16(34)} AS lists FROM get_raw_page('items_embedding_ivfflat', 0) p`)
  const [hnsw] = await e.query(
    `SELECT ${u16(36)} AS m, ${u16(38)} AS ef FROM get_raw_page('items_embedding_hnsw', 0) p`,
  )
  const options = await e.query(
    `SELECT array_to_string(reloptions, ',') AS o FROM pg_class WHERE relname IN ('items_embedding_hnsw', 'items_embedding_ivfflat') ORDER BY relname`,
  )
  await e.exec('DROP EXTENSION pageinspect')
  return { lists: ivf?.lists, m: hnsw?.m, ef: hnsw?.ef, reloptions: options.map((r) => r.o) }
}

const SLOW = 120_000 // PGlite loading pgvector, on a busy machine

describe.skipIf(factory.skipReason !== undefined)(
  `pglite: pgvector${factory.skipReason ? ` (${factory.skipReason})` : ''}`,
  () => {
    let engine: Engine | undefined
    beforeAll(async () => {
      engine = await factory.open()
    }, SLOW)
    afterAll(async () => {
      await engine?.close()
    })
    const e = () => engine as Engine
    const fresh = async () => {
      await e().reset()
      await e().exec('DROP EXTENSION IF EXISTS vector CASCADE')
    }

    it(
      'creates the extension, vector columns and HNSW / IVFFlat indexes with operator classes and parameters',
      async () => {
        await fresh()
        const to = items([hnswCosine({ m: '16', ef_construction: '64' }), ivfflat('100'), ...others])
        const statements = createSchemaSQL(to, 'postgres')
        expect(statements.map((s) => s.sql)).toEqual([
          'CREATE EXTENSION "vector"',
          'CREATE TABLE "items" (\n  "id" bigint NOT NULL,\n  "embedding" vector(3),\n  "half" halfvec(3),\n  "sparse" sparsevec(5),\n  "bits" bit(3),\n  CONSTRAINT "items_pkey" PRIMARY KEY ("id")\n)',
          'CREATE INDEX "items_bits_hnsw" ON "items" USING hnsw ("bits" bit_hamming_ops)',
          'CREATE INDEX "items_embedding_hnsw" ON "items" USING hnsw ("embedding" vector_cosine_ops) WITH (m=16, ef_construction=64)',
          'CREATE INDEX "items_embedding_ivfflat" ON "items" USING ivfflat ("embedding") WITH (lists=100)',
          'CREATE INDEX "items_half_hnsw" ON "items" USING hnsw ("half" halfvec_l2_ops)',
          'CREATE INDEX "items_sparse_hnsw" ON "items" USING hnsw ("sparse" sparsevec_ip_ops)',
        ])
        await run(e(), statements)
        expect(await indexes(e())).toEqual([
          'CREATE INDEX items_bits_hnsw ON public.items USING hnsw (bits bit_hamming_ops)',
          "CREATE INDEX items_embedding_hnsw ON public.items USING hnsw (embedding vector_cosine_ops) WITH (m='16', ef_construction='64')",
          "CREATE INDEX items_embedding_ivfflat ON public.items USING ivfflat (embedding) WITH (lists='100')",
          'CREATE INDEX items_half_hnsw ON public.items USING hnsw (half halfvec_l2_ops)',
          'CREATE UNIQUE INDEX items_pkey ON public.items USING btree (id)',
          'CREATE INDEX items_sparse_hnsw ON public.items USING hnsw (sparse sparsevec_ip_ops)',
        ])
        expect(diffSchemas(await read(e()), to).changes).toEqual([])
      },
      SLOW,
    )

    it(
      'builds an HNSW or IVFFlat index again when a build parameter changes: SET alone would not',
      async () => {
        await fresh()
        const from = items([hnswCosine({ m: '16' }), ivfflat('100')])
        const to = items([hnswCosine({ m: '32', ef_construction: '80' }), ivfflat('200')])
        await run(e(), createSchemaSQL(from, 'postgres'))
        await e().exec(`INSERT INTO items (id, embedding) VALUES (1, '[1,2,3]'), (2, '[3,2,1]')`)
        expect(await built(e())).toEqual({ lists: 100, m: 16, ef: 64, reloptions: ['m=16', 'lists=100'] })
        // ALTER INDEX ... SET is accepted, but the built indexes keep their parameters.
        await e().exec('BEGIN')
        await e().exec('ALTER INDEX items_embedding_ivfflat SET (lists = 200)')
        await e().exec('ALTER INDEX items_embedding_hnsw SET (m = 32, ef_construction = 80)')
        expect(await built(e())).toEqual({
          lists: 100,
          m: 16,
          ef: 64,
          reloptions: ['m=32,ef_construction=80', 'lists=200'],
        })
        await e().exec('ROLLBACK')
        const migration = plan(from, to)
        expect(migration.up.map((s) => s.sql)).toEqual([
          'DROP INDEX "items_embedding_hnsw"',
          'DROP INDEX "items_embedding_ivfflat"',
          'CREATE INDEX "items_embedding_hnsw" ON "items" USING hnsw ("embedding" vector_cosine_ops) WITH (m=32, ef_construction=80)',
          'CREATE INDEX "items_embedding_ivfflat" ON "items" USING ivfflat ("embedding") WITH (lists=200)',
        ])
        await runMigration(e(), migration.up)
        expect(await built(e())).toEqual({
          lists: 200,
          m: 32,
          ef: 80,
          reloptions: ['m=32,ef_construction=80', 'lists=200'],
        })
        expect(diffSchemas(await read(e()), to).changes).toEqual([])
      },
      SLOW,
    )

    it(
      'changes the operator class and the dimensions, the index built again with the column',
      async () => {
        await fresh()
        const from = items([hnswCosine({})])
        const l2: IndexSpec = { ...hnswCosine({}), columns: [{ column: 'embedding', opclass: 'vector_l2_ops' }] }
        const to = items([l2], 4)
        await run(e(), createSchemaSQL(from, 'postgres'))
        const migration = plan(from, to)
        expect(migration.up.map((s) => s.sql)).toEqual([
          'DROP INDEX "items_embedding_hnsw"',
          'ALTER TABLE "items" ALTER COLUMN "embedding" TYPE vector(4)',
          'CREATE INDEX "items_embedding_hnsw" ON "items" USING hnsw ("embedding" vector_l2_ops)',
        ])
        await runMigration(e(), migration.up)
        expect(await indexes(e())).toContain(
          'CREATE INDEX items_embedding_hnsw ON public.items USING hnsw (embedding vector_l2_ops)',
        )
        expect(diffSchemas(await read(e()), to).changes).toEqual([])
      },
      SLOW,
    )
  },
)
