import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'
import { profileDatabase } from '../../src/introspect/index.js'
import { ENGINES, type Engine, type EngineFactory, enginesFor, engineTitle } from '../engines/engines.js'
import { analysisTarget, applyMigration, plannedUp, populate } from './engine-harness.js'
import { posts, schema, users } from './schemas.js'

// Scenario proofs on real engines: SQLite rebuild cascades (DS009), enum values used before commit
// (TX001), foreign keys across integer sizes (BP015), the seed story on a populated database, and
// profileDatabase.

/** Runs `body` for each engine of `factories` on one shared engine, emptied before each test. */
function onEngines(factories: readonly EngineFactory[], body: (get: () => Engine, factory: EngineFactory) => void) {
  for (const factory of factories) {
    describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'scenarios'), () => {
      let engine: Engine
      beforeAll(async () => {
        engine = await factory.open()
      }, 120_000)
      afterAll(async () => {
        await engine?.close()
      })
      beforeEach(async () => {
        await engine.reset()
      }, 60_000)
      body(() => engine, factory)
    })
  }
}

const byDialect = (dialect: Engine['dialect']) => enginesFor(dialect)
const count = async (engine: Engine, sql: string) => Number(Object.values((await engine.query(sql))[0] ?? {})[0])

onEngines(byDialect('sqlite'), (engine) => {
  const cascading = posts({}, { fks: [{ columns: ['user_id'], table: 'users', onDelete: 'cascade' }] })
  const from = schema([users(), cascading])
  const to = schema([users({ name: 'varchar(150)' }), cascading])
  const rows = { users: [{ id: 1, email: 'a@x', name: 'ann' }], posts: [{ id: 1, user_id: 1, title: 'kept?' }] }

  it('DS009: the rebuild keeps child rows when run as planned, and deletes them inside one transaction', async () => {
    const report = analyzeImpact(diffSchemas(from, to), { dialect: 'sqlite', from })
    expect(report.findings.map((f) => `${f.severity} ${f.code} ${f.change.path}`)).toEqual(['warning DS009 users.name'])
    await populate(engine(), from, rows)
    await applyMigration(engine(), plannedUp(engine(), from, to))
    expect(await count(engine(), 'SELECT count(*) FROM "posts"')).toBe(1)

    await engine().reset()
    await populate(engine(), from, rows)
    await applyMigration(engine(), plannedUp(engine(), from, to), true)
    expect(await count(engine(), 'SELECT count(*) FROM "posts"')).toBe(0)
  })
})

onEngines(byDialect('postgres'), (engine) => {
  const withMood = (values: string[], fallback?: string) =>
    schema([users({ mood: fallback ? `mood = '${fallback}'` : 'mood' }), posts()], [{ name: 'mood', values }])
  const from = withMood(['sad', 'ok'])
  const to = withMood(['sad', 'ok', 'meh'], 'meh')

  it('TX001: a new enum value used in the same migration works as planned and fails in one transaction', async () => {
    const report = analyzeImpact(diffSchemas(from, to), { ...analysisTarget(engine()), from })
    expect(report.findings.filter((f) => f.code === 'TX001').map((f) => f.change.path)).toEqual(['enum:mood'])
    await populate(engine(), from, {})
    await applyMigration(engine(), plannedUp(engine(), from, to))
    await engine().reset()
    await populate(engine(), from, {})
    await expect(applyMigration(engine(), plannedUp(engine(), from, to), true)).rejects.toThrow(
      /unsafe use of new value/,
    )
  })

  it('BP015: PostgreSQL accepts a foreign key from integer to bigint (warning, not danger)', async () => {
    const base = schema([users(), posts()])
    const wide = schema([users({ id: 'bigint!' }), posts()])
    const report = analyzeImpact(diffSchemas(base, wide), { ...analysisTarget(engine()), from: base })
    expect(report.findings.filter((f) => f.code === 'BP015').map((f) => f.severity)).toEqual(['warning'])
    await populate(engine(), base, { users: [{ id: 1, email: 'a@x' }], posts: [{ id: 1, user_id: 1, title: 't' }] })
    await applyMigration(engine(), plannedUp(engine(), base, wide))
  })

  const load = (name: string): Schema =>
    parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')))

  it('the seed story applies to a populated v1 as the findings say: rows filled with the defaults, email index built', async () => {
    const v1 = load('seed-v1.json')
    const v2 = load('seed-v2.json')
    await populate(engine(), v1, {
      users: [
        { id: 1, username: 'ann', email: 'ann@x' },
        { id: 2, username: 'bob', email: 'bob@x' },
      ],
      posts: [{ id: 1, user_id: 1, title: 'short title', content: 'lost unless renamed' }],
    })
    await applyMigration(engine(), plannedUp(engine(), v1, v2))
    expect(await engine().query('SELECT "is_active", "role"::text AS role FROM "users" ORDER BY "id"')).toEqual([
      { is_active: true, role: 'member' },
      { is_active: true, role: 'member' },
    ])
    await expect(engine().exec(`INSERT INTO "users" ("username", "email") VALUES ('cy', 'ann@x')`)).rejects.toThrow()
  })
})

onEngines(byDialect('mysql'), (engine) => {
  it('BP015: MariaDB rejects a foreign key from integer to bigint (danger)', async () => {
    const base = schema([users(), posts()])
    const wide = schema([users({ id: 'bigint!' }), posts()])
    const report = analyzeImpact(diffSchemas(base, wide), { ...analysisTarget(engine()), from: base })
    expect(report.findings.filter((f) => f.code === 'BP015').map((f) => f.severity)).toEqual(['danger'])
    await populate(engine(), base, {})
    await expect(engine().exec('ALTER TABLE `users` MODIFY COLUMN `id` BIGINT NOT NULL')).rejects.toThrow()
  })
})

onEngines(ENGINES, (engine) => {
  it('profileDatabase reads rows, NULLs, distinct values and the longest value with one query per table', async () => {
    const base = schema([users(), posts()])
    await populate(engine(), base, {
      users: [
        { id: 1, email: 'a@x.io', name: 'ann' },
        { id: 2, email: 'b@x.io', name: 'ann' },
        { id: 3, email: 'c@xyz.io', name: null },
      ],
    })
    const queries: string[] = []
    const query = (sql: string, params?: readonly unknown[]) => {
      queries.push(sql)
      return engine().query(sql, params)
    }
    const profile = await profileDatabase(query, { dialect: engine().dialect, tables: ['users', 'posts'] })
    expect(profile).toEqual({
      tables: {
        posts: {
          rows: 0,
          columns: {
            id: { nulls: 0, distinct: 0 },
            user_id: { nulls: 0, distinct: 0 },
            title: { nulls: 0, distinct: 0 },
            body: { nulls: 0, distinct: 0 },
          },
        },
        users: {
          rows: 3,
          columns: {
            id: { nulls: 0, distinct: 3 },
            email: { nulls: 0, distinct: 3, maxLength: 8 },
            name: { nulls: 1, distinct: 1, maxLength: 3 },
          },
        },
      },
    })
    expect(queries.filter((q) => q.includes('count(*) AS')).length).toBe(2)
  })
})
