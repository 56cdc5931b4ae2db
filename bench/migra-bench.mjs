// Whole-database benchmark against migra (see docs/performance.md): two PostgreSQL databases of
// N tables with views, functions, triggers and sequences, the second with one change, on the
// PostgreSQL server; schemaledger's introspection of both + diff + plan against @pgkit/migra's
// (its TypeScript port) inspection of both + diff, each tool in a fresh child process so its peak
// RSS is its own.
//   SCHEMALEDGER_PG_URL=postgres://postgres@127.0.0.1:5432/test node bench/migra-bench.mjs [--tables 1000] [--runs 5] [--write]
//   node --expose-gc bench/migra-bench.mjs --child ours|migra --runs R      (internal; after npm run build)
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const DOC = new URL('../docs/performance.md', import.meta.url)
const START = '<!-- migra:start -->'
const END = '<!-- migra:end -->'
const BUDGET_MS = 120_000
const RESULT = 'bench-result: '

const { values: args } = parseArgs({
  options: {
    tables: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
})
const SERVER = process.env.SCHEMALEDGER_PG_URL
const urlOf = (db) => {
  const u = new URL(SERVER)
  u.pathname = `/${db}`
  return u.toString()
}
const DB_A = 'schemaledger_bench_a'
const DB_B = 'schemaledger_bench_b'

/**
 * The database: `tables` tables of 8 columns with a primary key, a foreign key to the previous table
 * and an index; one view per 5 tables (every fourth on another view), one SQL function per 5 tables
 * reading its table, one trigger per 10 tables on a shared plpgsql trigger function, and a sequence
 * per 10 tables used by a column default. `changed` alters one column type under a view.
 */
export function databaseSQL(tables, changed) {
  const out = [
    'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$',
  ]
  for (let i = 0; i < tables; i++) {
    const t = `t${i}`
    if (i % 10 === 0) out.push(`CREATE SEQUENCE ${t}_code_seq START 100 INCREMENT 5`)
    const amount = changed && i === 0 ? 'bigint' : 'integer'
    out.push(
      `CREATE TABLE ${t} (id integer PRIMARY KEY, name text NOT NULL, email varchar(200), amount ${amount} NOT NULL DEFAULT 0, ` +
        `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz, ` +
        `code integer${i % 10 === 0 ? ` DEFAULT nextval('${t}_code_seq')` : ''}, parent_id integer${i > 0 ? ` REFERENCES t${i - 1} (id)` : ''})`,
    )
    out.push(`CREATE INDEX ${t}_email_idx ON ${t} (email)`)
    if (i % 5 === 0) {
      const from = i % 20 === 5 ? `v${i - 5}` : t
      out.push(`CREATE VIEW v${i} AS SELECT id, name, amount FROM ${from} WHERE amount >= 0`)
      out.push(
        `CREATE FUNCTION total_${i}() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(amount), 0) FROM ${t} $$`,
      )
    }
    if (i % 10 === 0) out.push(`CREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION touch()`)
  }
  return out
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return {
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    min: sorted[0],
    count: sorted.length,
  }
}

async function measure(fn, runs) {
  const start = performance.now()
  const warm = await fn()
  const samples = []
  while (samples.length < runs && (samples.length === 0 || performance.now() - start < BUDGET_MS)) {
    globalThis.gc?.()
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  return { ...stats(samples), peakRssMb: process.resourceUsage().maxRSS / 1024, statements: warm }
}

async function oursChild(runs) {
  const pg = (await import('pg')).default
  const { introspect } = await import('../dist/introspect/index.js')
  const { diffSchemas } = await import('../dist/index.js')
  const { planMigration } = await import('../dist/sql/index.js')
  // A pool per database, as migra's client has: the introspector's catalog queries run side by side.
  const a = new pg.Pool({ connectionString: urlOf(DB_A), max: 4 })
  const b = new pg.Pool({ connectionString: urlOf(DB_B), max: 4 })
  const query = (c) => async (sql, params) => (await c.query(sql, params)).rows
  const result = await measure(async () => {
    const [from, to] = await Promise.all([
      introspect(query(a), { dialect: 'postgres' }),
      introspect(query(b), { dialect: 'postgres' }),
    ])
    return planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to }).up.length
  }, runs)
  await a.end()
  await b.end()
  return result
}

async function migraChild(runs) {
  const { run } = await import('@pgkit/migra')
  return measure(async () => {
    const m = await run(urlOf(DB_A), urlOf(DB_B), { unsafe: true })
    return m.statements.length
  }, runs)
}

async function setup(tables) {
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  for (const [db, changed] of [
    [DB_A, false],
    [DB_B, true],
  ]) {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`)
    await admin.query(`CREATE DATABASE ${db}`)
    const c = new pg.Client({ connectionString: urlOf(db) })
    await c.connect()
    await c.query(databaseSQL(tables, changed).join(';\n'))
    await c.end()
  }
  await admin.end()
}

async function teardown() {
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  for (const db of [DB_A, DB_B]) await admin.query(`DROP DATABASE IF EXISTS ${db}`)
  await admin.end()
}

const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`)

async function main() {
  if (!SERVER) throw new Error('set SCHEMALEDGER_PG_URL to a PostgreSQL server (the bench creates two databases on it)')
  const tables = Number(args.tables)
  await setup(tables)
  // A child prints its result on a line of its own: the peer's driver writes warnings to stdout.
  const runChild = (tool) => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), '--child', tool, '--runs', args.runs],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    )
    const line = out.split('\n').findLast((l) => l.startsWith(RESULT))
    if (!line) throw new Error(`${tool} printed no result:\n${out.slice(-2000)}`)
    return JSON.parse(line.slice(RESULT.length))
  }
  try {
    const ours = runChild('ours')
    const migra = runChild('migra')
    const n = tables
    const lines = [
      START,
      `Measured on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load ${loadavg()[0].toFixed(1)}, PostgreSQL server, ${new Date().toISOString().slice(0, 10)}: two databases of ${n} tables (8 columns, a primary key, a foreign key and an index each) with ${Math.ceil(n / 5)} views (a quarter of them on another view), ${Math.ceil(n / 5) + 1} functions, ${Math.ceil(n / 10)} triggers and ${Math.ceil(n / 10)} sequences; the second has one column type changed under a view. Each tool reads both databases and plans the migration; median of ${ours.count} and ${migra.count} runs after a warm-up.`,
      '',
      '| tool | median | min | peak RSS | statements |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| schemaledger (introspect both + diff + plan) | ${ms(ours.median)} | ${ms(ours.min)} | ${ours.peakRssMb.toFixed(0)} MB | ${ours.statements} |`,
      `| @pgkit/migra 0.6 (inspect both + diff) | ${ms(migra.median)} | ${ms(migra.min)} | ${migra.peakRssMb.toFixed(0)} MB | ${migra.statements} |`,
      '',
      `schemaledger is ${(migra.median / ours.median).toFixed(1)}x faster than migra on this pair.`,
      END,
    ].join('\n')
    console.log(lines)
    if (args.write) {
      const doc = readFileSync(DOC, 'utf8')
      const start = doc.indexOf(START)
      const end = doc.indexOf(END)
      if (start < 0 || end < 0) throw new Error(`docs/performance.md has no ${START} ... ${END} block`)
      writeFileSync(DOC, doc.slice(0, start) + lines + doc.slice(end + END.length))
    }
  } finally {
    await teardown()
  }
}

if (args.child) {
  const result = args.child === 'migra' ? await migraChild(Number(args.runs)) : await oursChild(Number(args.runs))
  process.stdout.write(`\n${RESULT}${JSON.stringify(result)}\n`)
} else await main()
