// Replay benchmark (see docs/performance.md): a generated PostgreSQL migration folder replayed on
// PGlite (time per migration, total, peak memory), and a generated `pg_dump -s`-style file of many
// tables read with readSQL. Each measurement runs in a fresh child process so its peak RSS is its own.
//   node bench/replay-bench.mjs [--migrations 300] [--tables 1000] [--write]     (after npm run build)
//   node bench/replay-bench.mjs --child replay|dump --size N                     (internal)
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const DOC = new URL('../docs/performance.md', import.meta.url)
const START = '<!-- replay:start -->'
const END = '<!-- replay:end -->'

const { values: args } = parseArgs({
  options: {
    migrations: { type: 'string', default: '300' },
    tables: { type: 'string', default: '1000' },
    write: { type: 'boolean', default: false },
    child: { type: 'string' },
    size: { type: 'string' },
  },
})

/**
 * `count` migrations in Prisma's layout that a real project could have written: tables, columns,
 * indexes, enums and their values, renames, and data backfills between them (deterministic).
 */
export function generateMigrations(count) {
  const files = []
  const tables = []
  let enums = 0
  for (let i = 0; i < count; i++) {
    const stamp = String(20240101000000 + i * 100)
    let sql
    const kind = i < 5 || tables.length === 0 ? 0 : i % 6
    const t = tables[(i * 7) % Math.max(tables.length, 1)]
    if (kind === 0) {
      const name = `t${tables.length}`
      tables.push({ name, columns: ['id', 'label'] })
      sql = `CREATE TABLE "${name}" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL DEFAULT '', "created_at" TIMESTAMPTZ NOT NULL DEFAULT now());`
    } else if (kind === 1) {
      const column = `c${i}`
      t.columns.push(column)
      sql = `ALTER TABLE "${t.name}" ADD COLUMN "${column}" INTEGER;`
    } else if (kind === 2) {
      sql = `INSERT INTO "${t.name}" ("label") SELECT 'row ' || g FROM generate_series(1, 20) g;\nUPDATE "${t.name}" SET "label" = upper("label");`
    } else if (kind === 3) {
      sql = `CREATE INDEX "${t.name}_i${i}" ON "${t.name}" ("label", "created_at" DESC);`
    } else if (kind === 4) {
      const type = `e${enums++}`
      sql = `CREATE TYPE "${type}" AS ENUM ('a', 'b');\nALTER TYPE "${type}" ADD VALUE 'c';\nALTER TABLE "${t.name}" ADD COLUMN "${type}" "${type}" NOT NULL DEFAULT 'a';`
    } else {
      const name = `t${tables.length}`
      tables.push({ name, columns: ['id', 'label'] })
      sql = `CREATE TABLE "${name}" ("id" BIGSERIAL PRIMARY KEY, "label" TEXT NOT NULL DEFAULT '', "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "parent_id" INTEGER REFERENCES "${t.name}" ("id") ON DELETE CASCADE);\nALTER TABLE "${t.name}" RENAME COLUMN "label" TO "label_${i}";\nALTER TABLE "${t.name}" RENAME COLUMN "label_${i}" TO "label";`
    }
    files.push({ path: `${stamp}_m${i}/migration.sql`, text: `${sql}\n` })
  }
  return files
}

/** A `pg_dump -s`-style script of `count` tables with keys, defaults, an index and a foreign key each. */
export function generateDump(count) {
  const lines = [
    '--\n-- PostgreSQL database dump\n--',
    'SET statement_timeout = 0;',
    "SET client_encoding = 'UTF8';",
    'SET standard_conforming_strings = on;',
    "SELECT pg_catalog.set_config('search_path', '', false);",
    'SET check_function_bodies = false;',
  ]
  for (let i = 0; i < count; i++) {
    lines.push(
      `CREATE TABLE public.t${i} (\n    id integer NOT NULL,\n    name character varying(100) DEFAULT ''::character varying NOT NULL,\n    amount numeric(12,2),\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    parent_id integer\n);`,
      `ALTER TABLE public.t${i} OWNER TO app;`,
      `ALTER TABLE ONLY public.t${i}\n    ADD CONSTRAINT t${i}_pkey PRIMARY KEY (id);`,
      `CREATE INDEX t${i}_name_idx ON public.t${i} USING btree (name);`,
    )
  }
  for (let i = 1; i < count; i++) {
    lines.push(
      `ALTER TABLE ONLY public.t${i}\n    ADD CONSTRAINT t${i}_parent_fkey FOREIGN KEY (parent_id) REFERENCES public.t${i - 1}(id);`,
    )
  }
  return `${lines.join('\n\n')}\n`
}

const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

async function child(kind, size) {
  const { readSQL, replayMigrations } = await import('../dist/sources/index.js')
  if (kind === 'replay') {
    const files = generateMigrations(size)
    const times = []
    let last = performance.now()
    const start = last
    const timeline = await replayMigrations(files, {
      dialect: 'postgres',
      onStep: () => {
        const now = performance.now()
        times.push(now - last)
        last = now
      },
    })
    if (timeline.failure) throw timeline.failure.error
    const total = performance.now() - start
    const sorted = [...times].sort((a, b) => a - b)
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    return { size, steps: timeline.steps.length, totalMs: total, medianMs: at(0.5), p95Ms: at(0.95), rssMb: maxRssMb() }
  }
  const text = generateDump(size)
  const start = performance.now()
  const { schema, notes } = await readSQL(text, { dialect: 'postgres', file: 'dump.sql' })
  return {
    size,
    bytes: text.length,
    tables: schema.tables.length,
    skipped: notes.reduce((n, note) => n + note.count, 0),
    totalMs: performance.now() - start,
    rssMb: maxRssMb(),
  }
}

if (args.child) {
  process.stdout.write(JSON.stringify(await child(args.child, Number(args.size))))
} else {
  const script = fileURLToPath(import.meta.url)
  const run = (kind, size) =>
    JSON.parse(execFileSync(process.execPath, [script, '--child', kind, '--size', String(size)], { encoding: 'utf8' }))
  const replay = run('replay', Number(args.migrations))
  const dump = run('dump', Number(args.tables))
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`
  const table = [
    `Measured on ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0].toFixed(1)}, Node ${process.version}.`,
    '',
    '| what | size | total | per step (median / p95) | peak RSS |',
    '| --- | --- | --- | --- | --- |',
    `| replay a migration folder on PGlite (\`replayMigrations\`) | ${replay.steps} migrations | ${s(replay.totalMs)} | ${Math.round(replay.medianMs)} ms / ${Math.round(replay.p95Ms)} ms | ${replay.rssMb} MB |`,
    `| read a \`pg_dump -s\`-style file on PGlite (\`readSQL\`) | ${dump.tables} tables, ${(dump.bytes / 1e6).toFixed(1)} MB, ${dump.skipped} owner statements skipped | ${s(dump.totalMs)} | | ${dump.rssMb} MB |`,
  ].join('\n')
  console.log(table)
  if (args.write) {
    const doc = readFileSync(DOC, 'utf8')
    const from = doc.indexOf(START)
    const to = doc.indexOf(END)
    if (from < 0 || to < 0) throw new Error(`docs/performance.md has no ${START} ... ${END} section`)
    writeFileSync(DOC, `${doc.slice(0, from + START.length)}\n\n${table}\n\n${doc.slice(to)}`)
  }
}
