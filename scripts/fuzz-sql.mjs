#!/usr/bin/env node
// The long differential SQL fuzz run (docs/sql-safety.md): the same harness as
// test/sql/fuzz/differential.test.ts, with many more cases. Every hostile case schemaledger accepts
// runs on PGlite and SQLite (sql.js), on the PostgreSQL and MariaDB servers when
// SCHEMALEDGER_PG_URL / SCHEMALEDGER_MYSQL_URL are set, and every K-th planned case through psql,
// mariadb and sqlite3.
//
//   node scripts/fuzz-sql.mjs [--cases 1000] [--seed 2024] [--client-every 20] [--write]
//
// --write replaces the figures between the markers in docs/sql-safety.md. Exits 1 on any escape.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '2024' },
    'client-every': { type: 'string', default: '20' },
    write: { type: 'boolean', default: false },
  },
})
const DOC = new URL('../docs/sql-safety.md', import.meta.url)
const START = '<!-- fuzz-sql:start -->'
const END = '<!-- fuzz-sql:end -->'
const report = join(tmpdir(), `fuzz-sql-${process.pid}.json`)

const started = Date.now()
const run = spawnSync('npx', ['vitest', 'run', 'test/sql/fuzz/differential.test.ts'], {
  cwd: new URL('..', import.meta.url),
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_CASES: values.cases,
    FUZZ_SEED: values.seed,
    FUZZ_CLIENT_EVERY: values['client-every'],
    FUZZ_REPORT: report,
  },
})
const minutes = ((Date.now() - started) / 60_000).toFixed(1)
const { seed, cases, tallies } = JSON.parse(readFileSync(report, 'utf8'))
rmSync(report, { force: true })

const LABELS = {
  pglite: 'PGlite (PostgreSQL in WASM)',
  sqlite: 'SQLite (sql.js)',
  'postgres-server': 'PostgreSQL server',
  mariadb: 'MariaDB server',
  'psql client': '`psql -v ON_ERROR_STOP=1`',
  'mariadb client': '`mariadb`',
  'sqlite3 client': '`sqlite3 -bail`',
}
const rows = Object.entries(tallies).map(
  ([name, t]) =>
    `| ${LABELS[name] ?? name} | ${t.cases} | ${t.invalid + t.refused} | ${t.ran} | ${t.engineErrors} | ${t.escapes} |`,
)
const section = [
  START,
  `Seed ${seed}, ${cases} cases per engine, every ${values['client-every']}th planned case also through the`,
  `clients; ${minutes} minutes on ${new Date().toISOString().slice(0, 10)} (\`node scripts/fuzz-sql.mjs --cases ${cases} --seed ${seed} --write\`).`,
  '',
  '| Engine or client | Cases | Refused by schemaledger | Run | Engine rejected a statement | Escapes |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  END,
].join('\n')
console.log(`\n${section}\n`)

if (values.write) {
  const text = readFileSync(DOC, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error(`docs/sql-safety.md lacks the ${START} / ${END} markers`)
  writeFileSync(DOC, text.slice(0, start) + section + text.slice(end + END.length))
  console.log('updated docs/sql-safety.md')
}
const escapes = Object.values(tallies).reduce((n, t) => n + t.escapes, 0)
process.exit(run.status === 0 && escapes === 0 ? 0 : 1)
