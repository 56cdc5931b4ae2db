import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { ENGINES, type Engine, engineTitle } from '../engines/engines.js'
import { analysisTarget, applyMigration, plannedUp, populate } from './engine-harness.js'
import { posts, schema, users } from './schemas.js'

// The rules on changed routines, triggers, sequences, materialized views and types, proven on real
// engines: each finding exactly as reported (severity, code, path, message), then the migration run
// on a populated database, failing where the finding says it fails, and the state afterwards
// (a view that cannot be read, a call that no longer resolves).

interface Proof {
  readonly name: string
  readonly codes: readonly string[]
  readonly dialect: Engine['dialect']
  readonly from: Schema
  readonly to: Schema
  /** SQL run after the `from` schema is created (rows, sequence positions). */
  readonly setup?: readonly string[]
  readonly findings: readonly (readonly [string, string, string, string])[]
  /** `refused`: the planner refuses before any SQL is written; `refusedBy` is what the database would refuse. */
  readonly outcome: 'fails' | 'succeeds' | 'refused'
  readonly refusedBy?: string
  readonly after?: (engine: Engine) => Promise<void>
}

const base = schema([users(), posts()])
const withObjects = (s: Schema, objects: Record<string, unknown>): Schema => ({ ...s, ...objects }) as Schema
const price = (over: Record<string, unknown> = {}) => ({
  name: 'price',
  arguments: 'a integer',
  returns: 'integer',
  language: 'sql',
  body: 'SELECT a',
  ...over,
})
const myPrice = (over: Record<string, unknown> = {}) => ({
  name: 'price',
  arguments: 'a INT',
  returns: 'INT',
  body: 'RETURN a',
  deterministic: true,
  ...over,
})
const numbered = schema([users({ number: "bigint = nextval('numbers'::regclass)" }), posts()])
const counted = (over: Record<string, unknown> = {}) => ({
  name: 'counted',
  materialized: true,
  definition: 'SELECT id FROM users',
  ...over,
})
const oneUser = "INSERT INTO users (id, email) VALUES (1, 'a@x')"
const myTrigger = (body: string) => ({ name: 'posts_audit', table: 'posts', timing: 'after', events: ['insert'], body })

const proofs: Proof[] = [
  {
    name: 'a sequence a default still uses is dropped',
    codes: ['DS018'],
    dialect: 'postgres',
    from: withObjects(numbered, { sequences: [{ name: 'numbers' }] }),
    to: numbered,
    findings: [
      [
        'danger',
        'DS018',
        'sequence:numbers',
        'DROP SEQUENCE numbers fails: the default of users.number still takes its numbers from it',
      ],
    ],
    outcome: 'fails',
  },
  {
    name: 'a sequence past 32767 narrowed to smallint',
    codes: ['DS019'],
    dialect: 'postgres',
    from: withObjects(base, { sequences: [{ name: 'numbers' }] }),
    to: withObjects(base, { sequences: [{ name: 'numbers', type: 'smallint' }] }),
    setup: ["SELECT setval('numbers', 40000)"],
    findings: [
      [
        'warning',
        'DS019',
        'sequence:numbers',
        'the sequence numbers narrows: its highest value goes from 9223372036854775807 to 32767',
      ],
    ],
    outcome: 'fails',
  },
  {
    name: 'the base type of a domain a column uses changes',
    codes: ['LK031'],
    dialect: 'postgres',
    from: withObjects(schema([users({ age: 'posint' }), posts()]), { domains: [{ name: 'posint', type: 'integer' }] }),
    to: withObjects(schema([users({ age: 'posint' }), posts()]), { domains: [{ name: 'posint', type: 'bigint' }] }),
    findings: [['danger', 'LK031', 'domain:posint', 'DROP DOMAIN "posint" fails: users.age uses the domain posint']],
    outcome: 'refused',
    refusedBy: 'DROP DOMAIN "posint"',
  },
  {
    name: 'the return type of a function a column default calls changes',
    codes: ['LK028', 'BC016'],
    dialect: 'postgres',
    from: withObjects(schema([users({ score: 'integer = price(1)' }), posts()]), { functions: [price()] }),
    to: withObjects(schema([users({ score: 'integer = price(1)' }), posts()]), {
      functions: [price({ returns: 'bigint' })],
    }),
    findings: [
      [
        'warning',
        'BC016',
        'function:price(a integer)',
        'the function price returns bigint instead of integer: its callers read another type',
      ],
      [
        'danger',
        'LK028',
        'function:price(a integer)',
        'DROP FUNCTION price(a integer) fails: the default of users.score calls it',
      ],
    ],
    outcome: 'fails',
  },
  {
    name: 'the return type of a function a view calls changes: the view is re-created',
    codes: ['LK028'],
    dialect: 'postgres',
    from: withObjects(base, {
      functions: [price()],
      views: [{ name: 'prices', definition: 'SELECT price(id) AS p FROM users' }],
    }),
    to: withObjects(base, {
      functions: [price({ returns: 'bigint' })],
      views: [{ name: 'prices', definition: 'SELECT price(id) AS p FROM users' }],
    }),
    setup: [oneUser],
    findings: [
      [
        'info',
        'LK028',
        'function:price(a integer)',
        'price is dropped and created again, with 1 view(s) and trigger(s) that use it',
      ],
    ],
    outcome: 'succeeds',
    after: async (e) => expect((await e.query('SELECT p FROM prices')).map((r) => Number(r.p))).toEqual([1]),
  },
  {
    name: 'an argument changes from integer to text: integer calls no longer resolve',
    codes: ['BC016', 'DS016'],
    dialect: 'postgres',
    from: withObjects(base, { functions: [price()] }),
    to: withObjects(base, { functions: [price({ arguments: 'a text', returns: 'text' })] }),
    findings: [
      [
        'warning',
        'BC016',
        'function:price(a integer)',
        'the function price changes its arguments from (a integer) to (a text): calls written for price(a integer) fail unless their arguments convert to the new types',
      ],
    ],
    outcome: 'succeeds',
    after: async (e) => {
      await expect(e.query('SELECT price(1)')).rejects.toThrow(/does not exist/)
      expect(await e.query("SELECT price('x') AS p")).toEqual([{ p: 'x' }])
    },
  },
  {
    name: 'only the body of a function changes (CREATE OR REPLACE)',
    codes: ['BC016', 'LK028'],
    dialect: 'postgres',
    from: withObjects(base, { functions: [price()] }),
    to: withObjects(base, { functions: [price({ body: 'SELECT a + 1' })] }),
    findings: [],
    outcome: 'succeeds',
    after: async (e) => expect(await e.query('SELECT price(1) AS p')).toEqual([{ p: 2 }]),
  },
  {
    name: 'a materialized view re-created WITH NO DATA cannot be read',
    codes: ['BC018', 'LK030'],
    dialect: 'postgres',
    from: withObjects(base, { views: [counted()] }),
    to: withObjects(base, { views: [counted({ definition: 'SELECT id, email FROM users', withNoData: true })] }),
    setup: [oneUser],
    findings: [
      [
        'warning',
        'BC018',
        'view:counted',
        'the materialized view counted is created again WITH NO DATA: queries of it fail until it is refreshed',
      ],
    ],
    outcome: 'succeeds',
    after: async (e) => {
      await expect(e.query('SELECT * FROM counted')).rejects.toThrow(/has not been populated/)
    },
  },
  {
    name: 'a column type change under a materialized view re-fills it inside the migration',
    codes: ['LK030', 'BC018'],
    dialect: 'postgres',
    from: withObjects(base, { views: [counted()] }),
    to: withObjects(schema([users({ id: 'bigint!' }), posts({ user_id: 'bigint!' })]), { views: [counted()] }),
    setup: [oneUser],
    findings: [
      [
        'warning',
        'LK030',
        'users.id',
        'users.id: the materialized view counted is dropped and filled again inside the migration',
      ],
    ],
    outcome: 'succeeds',
    after: async (e) => expect((await e.query('SELECT id FROM counted')).map((r) => Number(r.id))).toEqual([1]),
  },
  {
    name: 'a table dropped under a SQLite view leaves the view unreadable',
    codes: ['BC014'],
    dialect: 'sqlite',
    from: withObjects(base, { views: [{ name: 'post_titles', definition: 'SELECT id, title FROM posts' }] }),
    to: withObjects(schema([users()]), { views: [{ name: 'post_titles', definition: 'SELECT id, title FROM posts' }] }),
    findings: [
      ['warning', 'BC014', 'posts', 'view post_titles reads posts, which this change drops: the view becomes invalid'],
    ],
    outcome: 'succeeds',
    after: async (e) => {
      await expect(e.query('SELECT * FROM post_titles')).rejects.toThrow(/no such table/)
      await expect(e.exec('ALTER TABLE users DROP COLUMN name')).rejects.toThrow(/error in view post_titles/)
    },
  },
  {
    name: 'a MySQL function body change is a DROP and a CREATE, each committed',
    codes: ['LK028', 'BC016'],
    dialect: 'mysql',
    from: withObjects(base, { functions: [myPrice()] }),
    to: withObjects(base, { functions: [myPrice({ body: 'RETURN a + 1' })] }),
    findings: [
      [
        'warning',
        'LK028',
        'function:price(a INT)',
        'the function price is dropped and created again: calls between the two statements fail',
      ],
    ],
    outcome: 'succeeds',
    after: async (e) => expect(await e.query('SELECT price(1) AS p')).toEqual([{ p: 2 }]),
  },
  {
    name: 'a MySQL trigger change runs writes without it between the DROP and the CREATE',
    codes: ['BC017'],
    dialect: 'mysql',
    from: withObjects(base, { triggers: [myTrigger('SET @n = 1')] }),
    to: withObjects(base, { triggers: [myTrigger('SET @n = 2')] }),
    findings: [
      [
        'warning',
        'BC017',
        'trigger:posts.posts_audit',
        'the changed after trigger posts_audit runs on every insert of posts by the running application',
      ],
    ],
    outcome: 'succeeds',
  },
]

/** The SQL of the plan between two schemas, with its transaction flags. */
const shape = (engine: Engine, from: Schema, to: Schema) =>
  plannedUp(engine, from, to).map((s) => `${s.transactional ? 'tx' : 'own'} ${s.sql.split(' ').slice(0, 2).join(' ')}`)

describe('object rules on real engines', () => {
  for (const factory of ENGINES) {
    const mine = proofs.filter((p) => p.dialect === factory.dialect)
    if (mine.length === 0) continue
    describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'object rule proofs'), () => {
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
      for (const proof of mine) {
        it(`${proof.codes.join(', ')} ${proof.outcome}: ${proof.name}`, async () => {
          const report = analyzeImpact(diffSchemas(proof.from, proof.to), {
            ...analysisTarget(engine),
            from: proof.from,
            to: proof.to,
          })
          const found = report.findings
            .filter((f) => proof.codes.includes(f.code))
            .map((f) => [f.severity, f.code, f.change.path, f.message])
          expect(found).toEqual(proof.findings)
          await populate(engine, proof.from, {})
          for (const sql of proof.setup ?? []) await engine.query(sql)
          if (proof.outcome === 'refused') {
            // The plan is refused up front, naming the columns; the statement it would need fails.
            expect(() => plannedUp(engine, proof.from, proof.to)).toThrow(/must be dropped and created again/)
            await expect(engine.query(proof.refusedBy as string)).rejects.toThrow()
            return
          }
          const migrate = applyMigration(engine, plannedUp(engine, proof.from, proof.to))
          if (proof.outcome === 'fails') await expect(migrate).rejects.toThrow()
          else await migrate
          await proof.after?.(engine)
        })
      }
      if (factory.dialect === 'mysql')
        it('BC017, LK028: a changed trigger and a changed routine are two statements, each committed on its own', () => {
          const trigger = proofs.find((p) => p.codes[0] === 'BC017') as Proof
          const routine = proofs.find((p) => p.dialect === 'mysql' && p.codes[0] === 'LK028') as Proof
          expect(shape(engine, trigger.from, trigger.to)).toEqual(['own DROP TRIGGER', 'own CREATE TRIGGER'])
          expect(shape(engine, routine.from, routine.to)).toEqual(['own DROP FUNCTION', 'own CREATE FUNCTION'])
        })
      if (factory.dialect === 'postgres')
        it('LK029: CREATE TRIGGER takes SHARE ROW EXCLUSIVE and DROP TRIGGER ACCESS EXCLUSIVE on the table', async () => {
          const audit = {
            name: 'audit',
            arguments: '',
            returns: 'trigger',
            language: 'plpgsql',
            body: 'BEGIN RETURN NEW; END',
          }
          const trigger = {
            name: 'posts_audit',
            table: 'posts',
            timing: 'before',
            events: ['insert'],
            function: 'audit',
          }
          const from = withObjects(base, { functions: [audit] })
          const to = withObjects(base, { functions: [audit], triggers: [trigger] })
          const report = analyzeImpact(diffSchemas(from, to), { ...analysisTarget(engine), from, to })
          expect(report.findings.filter((f) => f.code === 'LK029').map((f) => [f.severity, f.message])).toEqual([
            ['info', 'creating trigger posts_audit takes SHARE ROW EXCLUSIVE (writes wait) on posts'],
          ])
          await populate(engine, from, {})
          const locks = async (statements: readonly { sql: string }[]) => {
            await engine.exec('BEGIN')
            for (const s of statements) await engine.exec(s.sql)
            const rows = await engine.query(
              "SELECT mode FROM pg_locks WHERE relation = 'posts'::regclass AND mode LIKE '%Exclusive%' ORDER BY mode",
            )
            await engine.exec('COMMIT')
            return rows.map((r) => r.mode)
          }
          expect(await locks(plannedUp(engine, from, to))).toEqual(['ShareRowExclusiveLock'])
          expect(await locks(plannedUp(engine, to, from))).toEqual(['AccessExclusiveLock'])
        })
    })
  }
})
