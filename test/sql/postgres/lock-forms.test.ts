import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanOptions } from '../../../src/dialects/dialect.js'
import type { Statement } from '../../../src/dialects/types.js'
import { analyzeImpact } from '../../../src/impact/index.js'
import { defineSchema, diffSchemas, type Schema } from '../../../src/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'

// What the lock-friendly plans do on a real server, with a writer waiting at most 300 ms for a lock:
// a migration session runs the planned statements against 1M rows (as toSQL lays them out), and
// while the long statement of each plan is running (seen in pg_stat_activity, its table lock seen
// granted in pg_locks) a second session inserts. Inserts go through during VALIDATE CONSTRAINT and
// CREATE INDEX CONCURRENTLY, and time out during a plain ADD CONSTRAINT or CREATE INDEX. The
// impact rules agree: they report a lock finding exactly for the plans that made the insert wait.

const PG_URL = process.env.SCHEMALEDGER_PG_URL
const ROWS = 1_000_000
const LOCK_TIMEOUT = '300ms'
const ATTEMPTS = 3

const customers = {
  name: 'customers',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'email', type: 'text', nullable: false },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', name: 'customers_email_key', columns: ['email'] },
  ],
}
const orders = (extra: { constraints?: Record<string, unknown>[]; indexes?: Record<string, unknown>[] } = {}) => ({
  name: 'orders',
  columns: [
    { name: 'id', type: 'bigint', nullable: false },
    { name: 'customer_email', type: 'text', nullable: false },
    { name: 'amount', type: 'integer', nullable: false },
  ],
  constraints: extra.constraints ?? [],
  indexes: extra.indexes ?? [],
})
const v1 = defineSchema({ tables: [customers, orders()] })
// A text foreign key and a format check: each scan takes over a second here, far over the timeout.
const withCheck = defineSchema({
  tables: [
    customers,
    orders({
      constraints: [
        {
          type: 'check',
          name: 'ck_orders_email',
          expression: "customer_email ~ '^[^@[:space:]]+@[^@[:space:]]+[.][a-z]+$'",
        },
      ],
    }),
  ],
})
const withForeignKey = defineSchema({
  tables: [
    customers,
    orders({
      constraints: [
        {
          type: 'foreign_key',
          columns: ['customer_email'],
          referencedTable: 'customers',
          referencedColumns: ['email'],
        },
      ],
    }),
  ],
})
const withIndex = defineSchema({
  tables: [customers, orders({ indexes: [{ name: 'ix_orders_customer_email', columns: ['customer_email'] }] })],
})

interface Scenario {
  readonly name: string
  readonly to: Schema
  readonly options: PlanOptions
  /** The statement that does the long work, during which the writer inserts. */
  readonly long: RegExp
  readonly insertSucceeds: boolean
  /** What the impact rules say about the same plan. */
  readonly finding?: string
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'plain ADD CHECK',
    to: withCheck,
    options: {},
    long: /ADD CONSTRAINT/,
    insertSucceeds: false,
    finding: 'LK007',
  },
  {
    name: 'plain ADD FOREIGN KEY',
    to: withForeignKey,
    options: {},
    long: /ADD CONSTRAINT/,
    insertSucceeds: false,
    finding: 'LK006',
  },
  {
    name: 'VALIDATE CONSTRAINT of a check (notValid)',
    to: withCheck,
    options: { notValid: true },
    long: /VALIDATE CONSTRAINT/,
    insertSucceeds: true,
  },
  {
    name: 'VALIDATE CONSTRAINT of a foreign key (notValid)',
    to: withForeignKey,
    options: { notValid: true },
    long: /VALIDATE CONSTRAINT/,
    insertSucceeds: true,
  },
  {
    name: 'plain CREATE INDEX',
    to: withIndex,
    options: {},
    long: /CREATE INDEX/,
    insertSucceeds: false,
    finding: 'LK001',
  },
  {
    name: 'CREATE INDEX CONCURRENTLY (concurrently)',
    to: withIndex,
    options: { concurrently: true },
    long: /CREATE INDEX/,
    insertSucceeds: true,
  },
]

interface Outcome {
  /** The insert's result: `ok`, or the SQLSTATE it failed with (55P03: lock timeout). */
  readonly insert: string
  readonly insertMs: number
  /** Whether the long statement was still running when the insert had returned. */
  readonly stillRunning: boolean
  readonly stepMs: number
}

const now = () => performance.now()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('docs/sql.md names the rows and the lock timeout this test uses', () => {
  const doc = readFileSync(new URL('../../../docs/sql.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')
  expect(doc).toContain(
    `against ${ROWS / 1_000_000}M rows while a second session inserts with \`lock_timeout = '${LOCK_TIMEOUT}'\``,
  )
})

describe.skipIf(!PG_URL)(
  `postgres-server: inserts while the planned statements run on ${ROWS} rows${PG_URL ? '' : ' (skipped: SCHEMALEDGER_PG_URL is not set: no PostgreSQL server to test against)'}`,
  () => {
    const database = `sl_locks_${randomBytes(4).toString('hex')}`
    let admin: pg.Client
    let migrator: pg.Client
    let writer: pg.Client
    let observer: pg.Client
    let migratorPid: number
    const timings: string[] = []

    beforeAll(async () => {
      const { Client } = (await import('pg')).default
      admin = new Client({ connectionString: PG_URL })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${database}`)
      const url = new URL(PG_URL as string)
      url.pathname = `/${database}`
      const open = async () => {
        const c = new Client({ connectionString: url.toString() })
        await c.connect()
        return c
      }
      ;[migrator, writer, observer] = [await open(), await open(), await open()]
      migratorPid = Number((await migrator.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)
      await writer.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`)
      const started = now()
      await migrator.query(`CREATE TABLE customers (id integer NOT NULL, email text NOT NULL, CONSTRAINT customers_pkey PRIMARY KEY (id), CONSTRAINT customers_email_key UNIQUE (email));
        INSERT INTO customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 100000) g;
        CREATE TABLE orders (id bigint NOT NULL, customer_email text NOT NULL, amount integer NOT NULL);
        INSERT INTO orders SELECT g, 'c' || (g % 100000 + 1) || '@example.com', g % 1000 FROM generate_series(1, ${ROWS}) g;`)
      // VACUUM sets the visibility map, so the scans below read the table as a settled one would.
      await migrator.query('VACUUM ANALYZE orders')
      await migrator.query('VACUUM ANALYZE customers')
      timings.push(`setup: ${ROWS} orders rows and 100000 customers in ${Math.round(now() - started)} ms`)
    }, 120_000)

    afterAll(async () => {
      console.log(`lock test timings (lock_timeout ${LOCK_TIMEOUT}):\n  ${timings.join('\n  ')}`)
      for (const c of [migrator, writer, observer]) await c?.end()
      await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin?.end()
    })

    /** Waits until the migrator runs `sql` and holds a granted lock on "orders". */
    async function waitUntilRunning(sql: string, done: () => boolean): Promise<boolean> {
      while (!done()) {
        const { rows } = await observer.query(
          `SELECT 1 FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
           WHERE a.pid = $1 AND a.state = 'active' AND a.query = $2
             AND l.relation = 'orders'::regclass AND l.granted`,
          [migratorPid, sql],
        )
        if (rows.length > 0) return true
        await sleep(5)
      }
      return false
    }

    /** Whether the migrator is still running `sql`. */
    const stillRunning = async (sql: string) =>
      (
        await observer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query = $2`, [
          migratorPid,
          sql,
        ])
      ).rows.length > 0

    async function insertOnce(): Promise<{ result: string; ms: number }> {
      const started = now()
      try {
        // A valid row: it passes the constraints being added, so only a lock can stop it.
        await writer.query(`INSERT INTO orders VALUES (-1, 'c1@example.com', 1)`)
        return { result: 'ok', ms: now() - started }
      } catch (error) {
        return { result: (error as { code?: string }).code ?? String(error), ms: now() - started }
      }
    }

    /**
     * Runs the statements as toSQL lays them out (transactional ones between BEGIN and COMMIT), and
     * inserts from the writer while the long one runs.
     */
    async function runWithInsert(statements: readonly Statement[], long: RegExp): Promise<Outcome | undefined> {
      let open = false
      let outcome: Outcome | undefined
      for (const s of statements) {
        if (s.transactional && !open) await migrator.query('BEGIN')
        if (!s.transactional && open) await migrator.query('COMMIT')
        open = s.transactional
        if (!long.test(s.sql) || outcome) {
          await migrator.query(s.sql)
          continue
        }
        let finished = false
        const started = now()
        const step = migrator.query(s.sql).finally(() => {
          finished = true
        })
        const running = await waitUntilRunning(s.sql, () => finished)
        const insert = running ? await insertOnce() : undefined
        const after = running ? await stillRunning(s.sql) : false
        await step
        if (insert)
          outcome = { insert: insert.result, insertMs: insert.ms, stillRunning: after, stepMs: now() - started }
      }
      if (open) await migrator.query('COMMIT')
      return outcome
    }

    for (const scenario of SCENARIOS) {
      it(`${scenario.name}: the insert ${scenario.insertSucceeds ? 'goes through' : 'times out'}`, async () => {
        const migration = planMigration(diffSchemas(v1, scenario.to), {
          dialect: 'postgres',
          from: v1,
          to: scenario.to,
          ...scenario.options,
        })
        let outcome: Outcome | undefined
        for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
          outcome = await runWithInsert(migration.up, scenario.long)
          for (const s of migration.down) await migrator.query(s.sql)
          // Conclusive: the insert ended while the step still ran, or it timed out waiting on its lock.
          if (outcome && (outcome.stillRunning || outcome.insert !== 'ok')) break
        }
        if (!outcome) throw new Error(`${scenario.name}: the long statement was never seen running`)
        timings.push(
          `${scenario.name}: step ${Math.round(outcome.stepMs)} ms; insert ${outcome.insert === 'ok' ? 'succeeded' : `failed (${outcome.insert})`} after ${Math.round(outcome.insertMs)} ms`,
        )
        if (scenario.insertSucceeds) {
          expect(outcome.insert).toBe('ok')
          expect(outcome.stillRunning, 'the insert returned while the step was still running').toBe(true)
        } else {
          expect(outcome.insert).toBe('55P03')
        }
        const findings = analyzeImpact(diffSchemas(v1, scenario.to), {
          dialect: 'postgres',
          dialectVersion: 15,
          from: v1,
          plan: { concurrently: scenario.options.concurrently ?? false, notValid: scenario.options.notValid ?? false },
        }).findings.filter((f) => f.code.startsWith('LK'))
        expect(findings.map((f) => f.code)).toEqual(scenario.finding ? [scenario.finding] : [])
      }, 60_000)
    }
  },
)
