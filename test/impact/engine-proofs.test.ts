import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { ENGINES, type Engine, engineTitle } from '../engines/engines.js'
import { analysisTarget, applyMigration, plannedUp, populate, type Rows } from './engine-harness.js'
import { posts, schema, users } from './schemas.js'

// The claims findings make, proven on real engines (PGlite and SQLite always; the PostgreSQL server
// and MariaDB when their URLs are set): a change flagged as failing on existing rows fails on a table
// with such rows, and a change called safe succeeds on a populated table.

type Dialect = Engine['dialect']
interface Expectation {
  /** The severity of the rule's finding on this engine, or none. */
  readonly severity: 'danger' | 'warning' | 'info' | 'none'
  readonly outcome: 'fails' | 'succeeds'
  /** What the data looks like afterwards. */
  readonly after?: (engine: Engine) => Promise<void>
}
interface Proof {
  readonly name: string
  readonly code: string
  readonly from: Schema
  readonly to: Schema
  readonly rows: Rows
  readonly engines: Partial<Record<Dialect, Expectation>>
  readonly profile?: Parameters<typeof analyzeImpact>[1]['profile']
}

const twoUsers = {
  users: [
    { id: 1, email: 'a@x', name: 'ann' },
    { id: 2, email: 'b@x', name: null },
  ],
}
const base = schema([users(), posts()])
const everywhere = (e: Expectation): Partial<Record<Dialect, Expectation>> => ({ postgres: e, mysql: e, sqlite: e })
const values = async (engine: Engine, sql: string) => (await engine.query(sql)).map((r) => Object.values(r)[0])

const proofs: Proof[] = [
  {
    name: 'a NOT NULL column without default on a table with rows',
    code: 'DD003',
    from: base,
    to: schema([users({ age: 'integer!' }), posts()]),
    rows: twoUsers,
    engines: {
      postgres: { severity: 'danger', outcome: 'fails' },
      sqlite: { severity: 'danger', outcome: 'fails' },
      // MySQL accepts it and fills the implicit default, as the finding says.
      mysql: {
        severity: 'warning',
        outcome: 'succeeds',
        after: async (e) => expect(await values(e, 'SELECT `age` FROM `users` ORDER BY `id`')).toEqual([0, 0]),
      },
    },
  },
  {
    name: 'a unique index over duplicate values',
    code: 'DD001',
    from: base,
    to: schema([users({}, { indexes: [{ name: 'ix_users_name', columns: ['name'], unique: true }] }), posts()]),
    rows: {
      users: [
        { id: 1, email: 'a@x', name: 'ann' },
        { id: 2, email: 'b@x', name: 'ann' },
      ],
    },
    engines: everywhere({ severity: 'warning', outcome: 'fails' }),
  },
  {
    name: 'a unique index over duplicate values, with the profile that proves them',
    code: 'DD001',
    from: base,
    to: schema([users({}, { indexes: [{ name: 'ix_users_name', columns: ['name'], unique: true }] }), posts()]),
    rows: {
      users: [
        { id: 1, email: 'a@x', name: 'ann' },
        { id: 2, email: 'b@x', name: 'ann' },
      ],
    },
    profile: { tables: { users: { rows: 2, columns: { name: { nulls: 0, distinct: 1 } } } } },
    engines: everywhere({ severity: 'danger', outcome: 'fails' }),
  },
  {
    name: 'narrowing a column below its longest value',
    code: 'DS005',
    from: base,
    to: schema([users(), posts({ title: 'varchar(100)!' })]),
    rows: { ...twoUsers, posts: [{ id: 1, user_id: 1, title: 'x'.repeat(150) }] },
    engines: {
      postgres: { severity: 'warning', outcome: 'fails' },
      mysql: { severity: 'warning', outcome: 'fails' },
      // SQLite does not enforce lengths: no finding, and the value is kept.
      sqlite: {
        severity: 'none',
        outcome: 'succeeds',
        after: async (e) => expect(await values(e, 'SELECT length("title") FROM "posts"')).toEqual([150]),
      },
    },
  },
  {
    name: 'a foreign key over orphaned rows',
    code: 'DD006',
    from: schema([users(), posts({}, { fks: [] })]),
    to: base,
    rows: { ...twoUsers, posts: [{ id: 1, user_id: 99, title: 'orphan' }] },
    engines: {
      postgres: { severity: 'warning', outcome: 'fails' },
      mysql: { severity: 'warning', outcome: 'fails' },
      // The rebuild only reports orphans through PRAGMA foreign_key_check, as the finding says.
      sqlite: {
        severity: 'warning',
        outcome: 'succeeds',
        after: async (e) => expect((await e.query('PRAGMA foreign_key_check')).length).toBe(1),
      },
    },
  },
  {
    name: 'NOT NULL over rows that hold NULL',
    code: 'DD004',
    from: base,
    to: schema([users({ name: 'varchar(100)!' }), posts()]),
    rows: twoUsers,
    engines: everywhere({ severity: 'warning', outcome: 'fails' }),
  },
  {
    name: 'a CHECK over violating rows',
    code: 'DD005',
    from: base,
    to: schema([users({}, { checks: [{ name: 'ck_users_id', expression: 'id > 1' }] }), posts()]),
    rows: twoUsers,
    engines: everywhere({ severity: 'warning', outcome: 'fails' }),
  },
  {
    name: 'NOT NULL on a column the profile shows has no NULL (safe)',
    code: 'DD004',
    from: base,
    to: schema([users({ name: 'varchar(100)!' }), posts()]),
    rows: { users: [{ id: 1, email: 'a@x', name: 'ann' }] },
    profile: { tables: { users: { rows: 1, columns: { name: { nulls: 0 } } } } },
    engines: everywhere({ severity: 'info', outcome: 'succeeds' }),
  },
  {
    name: 'a NOT NULL column with a default (safe; every row gets it)',
    code: 'DD011',
    from: base,
    to: schema([users({ is_active: 'boolean! = true' }), posts()]),
    rows: twoUsers,
    engines: everywhere({
      severity: 'info',
      outcome: 'succeeds',
      after: async (e) => {
        const got = await values(
          e,
          e.dialect === 'mysql' ? 'SELECT `is_active` FROM `users`' : 'SELECT "is_active" FROM "users"',
        )
        expect(got.map((v) => v === true || v === 1)).toEqual([true, true])
      },
    }),
  },
  {
    name: 'a unique index on columns a unique key already covers (safe, no DD001)',
    code: 'DD001',
    from: schema([users({}, { unique: [['email']] }), posts()]),
    to: schema([users({}, { indexes: [{ name: 'ix_users_email', columns: ['email'], unique: true }] }), posts()]),
    rows: twoUsers,
    engines: everywhere({ severity: 'none', outcome: 'succeeds' }),
  },
  {
    name: 'a CHECK on a column the same migration adds (safe, no DD005)',
    code: 'DD005',
    from: base,
    to: schema([users({ score: 'integer' }, { checks: [{ name: 'ck_score', expression: 'score >= 0' }] }), posts()]),
    rows: twoUsers,
    engines: everywhere({ severity: 'none', outcome: 'succeeds' }),
  },
  {
    name: 'widening integer to bigint (safe for the data; LK009 is about the lock)',
    code: 'DS005',
    from: schema([users({ age: 'integer' }), posts()]),
    to: schema([users({ age: 'bigint' }), posts()]),
    rows: { users: [{ id: 1, email: 'a@x', age: 2147483647 }] },
    engines: everywhere({ severity: 'none', outcome: 'succeeds' }),
  },
]

describe('impact claims on real engines', () => {
  for (const factory of ENGINES) {
    describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'proofs'), () => {
      // One engine per kind, emptied before each proof (opening PGlite is slow).
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
      for (const proof of proofs) {
        const expected = proof.engines[factory.dialect]
        if (!expected) continue
        it(`${proof.code} ${expected.outcome}: ${proof.name}`, async () => {
          const report = analyzeImpact(diffSchemas(proof.from, proof.to), {
            ...analysisTarget(engine),
            from: proof.from,
            ...(proof.profile ? { profile: proof.profile } : {}),
          })
          const severities = report.findings.filter((f) => f.code === proof.code).map((f) => f.severity)
          expect(severities).toEqual(expected.severity === 'none' ? [] : [expected.severity])
          await populate(engine, proof.from, proof.rows)
          const migrate = applyMigration(engine, plannedUp(engine, proof.from, proof.to))
          if (expected.outcome === 'fails') await expect(migrate).rejects.toThrow()
          else await migrate
          await expected.after?.(engine)
        })
      }
    })
  }
})
