import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { planMigration } from '../../src/sql/plan-migration.js'
import { ENGINES, type Engine, type EngineFactory, engineTitle, pgliteWithContrib } from '../engines/engines.js'
import { runMigration } from '../sql/postgres/harness.js'
import { catalogDifference, catalogLines } from '../support/postgres-catalog.js'
import { ensureRoles, rolesNamed } from '../support/postgres-roles.js'
import { load, wipe } from '../support/postgres-scripts.js'

// The sqldef PostgreSQL corpus (test/corpus/data/sqldef/postgres.jsonl), every case: load before_sql
// into one database and read it as A, after_sql into another and read it as B, plan A -> B, apply it
// to the first, and require both an empty diff against B and the same catalog as the second database
// (test/support/postgres-catalog.ts: PostgreSQL's own view, so weak introspection cannot hide a wrong
// plan). Results, with pass counts per feature, go to docs/corpus/postgres.md; no count may fall
// below the one reached.

/** Every non-system namespace of a database, as introspection reads by default. */
const read = (engine: Engine): Promise<Schema> =>
  introspect((sql, params) => engine.query(sql, params), { dialect: 'postgres', owners: true })

/**
 * Privileges are part of what a case states (the corpus databases differ only in what the scripts
 * did), so they are compared; the catalog compares them too.
 */
const DIFF_OPTIONS = { comparePrivileges: true } as const

/** Pass rate of the applicable core cases (no `features`) reached; a regression fails the test. */
const REQUIRED_CORE_PASS_RATE = 1

/**
 * Applicable cases passed per feature, as reached: a regression fails the test (raise them as more
 * pass). On PGlite (PostgreSQL 18, with pgvector).
 */
const REQUIRED_FEATURE_PASSES: Readonly<Record<string, number>> = {
  comments: 45,
  domains: 53,
  enums: 50,
  exclusion_constraints: 12,
  extensions: 43,
  functions: 68,
  generated_columns: 4,
  identity_columns: 11,
  materialized_views: 18,
  partitions: 9,
  ownership: 4,
  policies: 16,
  privileges: 43,
  schemas: 28,
  sequences: 4,
  triggers: 18,
  views: 78,
}

/**
 * The same on the PostgreSQL 15 server, less the cases it cannot load (no pgvector, no PostgreSQL 18
 * temporal keys), and every one that applies passes.
 */
const REQUIRED_SERVER_FEATURE_PASSES: Readonly<Record<string, number>> = {
  ...REQUIRED_FEATURE_PASSES,
  domains: 52,
  extensions: 17,
  views: 76,
}

interface CorpusCase {
  readonly id: string
  readonly before_sql: string
  readonly after_sql: string
  readonly features: readonly string[]
  readonly expected_error?: string
  readonly notes?: string
  readonly meta: Readonly<Record<string, unknown>>
}

type Outcome = { readonly id: string; readonly features: readonly string[] } & (
  | { readonly status: 'passed'; readonly statements: number }
  | { readonly status: 'failed' | 'not_applicable'; readonly reason: string }
)

const CORPUS = new URL('./data/sqldef/postgres.jsonl', import.meta.url)
const RESULTS = new URL('../../docs/corpus/postgres.md', import.meta.url)

/**
 * While iterating: `SCHEMALEDGER_CORPUS_ONLY=<regex>` runs only the cases whose id or features match
 * (then no results document is written and no floor is checked).
 */
const ONLY = process.env.SCHEMALEDGER_CORPUS_ONLY ? new RegExp(process.env.SCHEMALEDGER_CORPUS_ONLY) : undefined
/** `SCHEMALEDGER_CORPUS_ENGINE=postgres-server` (or `pglite`) runs the corpus on that engine only. */
const ONLY_ENGINE = process.env.SCHEMALEDGER_CORPUS_ENGINE

const cases: CorpusCase[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusCase)
  .filter((c) => ONLY === undefined || ONLY.test(c.id) || c.features.some((f) => ONLY.test(f)))

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300)

/**
 * Loads after_sql. sqldef leaves alone the namespaces a desired state does not create: one that
 * before_sql created (the database has it) and after_sql only uses is there in both databases.
 */
async function loadAfter(first: Engine, second: Engine, sql: string): Promise<void> {
  const created = new Set<string>()
  for (;;) {
    try {
      return await load(second, sql)
    } catch (error) {
      const missing = /schema "([^"]+)" does not exist/.exec((error as Error).message)?.[1]
      const kept =
        missing !== undefined &&
        !created.has(missing) &&
        (await first.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [missing])).length > 0
      if (!kept) throw error
      created.add(missing)
      await wipe(second)
      for (const namespace of created) await second.exec(`CREATE SCHEMA "${namespace.replaceAll('"', '""')}"`)
    }
  }
}

const createNamespace = (name: string) => `CREATE SCHEMA "${name.replaceAll('"', '""')}"`

/**
 * The namespaces a case's SQL qualifies a created table or type with (`CREATE TABLE foo.users`,
 * `CREATE TYPE foo.lang`) but never creates with CREATE SCHEMA: the ones the environment provides.
 */
function namespacesUsedNotCreated(sql: string): string[] {
  const used = new Set(
    [...sql.matchAll(/\bCREATE\s+(?:TABLE|TYPE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)\./gi)].map((m) =>
      (m[1] as string).toLowerCase(),
    ),
  )
  for (const m of sql.matchAll(/\bCREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)/gi))
    used.delete((m[1] as string).toLowerCase())
  used.delete('public')
  return [...used].sort()
}

/** Why a case cannot apply here, before running it. */
function notApplicable(c: CorpusCase, serverVersion: number): string | undefined {
  if (c.expected_error) return `sqldef refuses this change (${oneLine(c.expected_error)})`
  const min = Number(c.meta.min_version ?? 0)
  if (min > serverVersion) return `needs PostgreSQL ${min}+`
  return undefined
}

async function runCase(c: CorpusCase, first: Engine, second: Engine): Promise<Outcome> {
  const outcome = await judgeCase(c, first, second)
  return { ...outcome, id: c.id, features: c.features } as Outcome
}

type Judgement =
  | { readonly status: 'passed'; readonly statements: number }
  | { readonly status: 'failed' | 'not_applicable'; readonly reason: string }

async function judgeCase(c: CorpusCase, first: Engine, second: Engine): Promise<Judgement> {
  await wipe(first)
  await wipe(second)
  // The roles the case grants to or hands objects to, as sqldef's harness creates them.
  const roles = rolesNamed([c.before_sql, c.after_sql])
  await ensureRoles(first, roles)
  await ensureRoles(second, roles)
  // sqldef runs the cases that name a `user` as its test user, whose own namespace exists in the
  // database beforehand: create a namespace such a case uses but does not create in both databases.
  const given = c.meta.user === undefined ? [] : namespacesUsedNotCreated(`${c.before_sql}\n${c.after_sql}`)
  for (const namespace of given) for (const engine of [first, second]) await engine.exec(createNamespace(namespace))
  for (const [engine, sql, which] of [
    [first, c.before_sql, 'before_sql'],
    [second, c.after_sql, 'after_sql'],
  ] as const) {
    try {
      if (engine === first) await load(engine, sql)
      else await loadAfter(first, second, sql)
    } catch (error) {
      return {
        status: 'not_applicable',
        reason: `${which} does not load on this server: ${oneLine((error as Error).message)}`,
      }
    }
  }
  let step = 'introspect'
  try {
    const a = await read(first)
    const b = await read(second)
    step = 'plan'
    const concurrently = (c.meta.config as Record<string, unknown> | undefined)?.create_index_concurrently === true
    const migration = planMigration(diffSchemas(a, b, DIFF_OPTIONS), {
      dialect: 'postgres',
      from: a,
      to: b,
      concurrently,
    })
    step = 'apply'
    await runMigration(first, migration.up)
    step = 'catalog'
    const catalog = catalogDifference(await catalogLines(first), await catalogLines(second))
    if (catalog.length > 0) return { status: 'failed', reason: `catalogs differ: ${catalog.join(' | ')}` }
    step = 're-diff'
    const remaining = diffSchemas(await read(first), b, DIFF_OPTIONS).changes
    if (remaining.length === 0) return { status: 'passed', statements: migration.up.length }
    const what = remaining.map((x) => `${x.kind} ${x.path}${'changes' in x ? ` [${x.changes.join(', ')}]` : ''}`)
    return { status: 'failed', reason: `remaining diff: ${what.join('; ')}` }
  } catch (error) {
    return { status: 'failed', reason: `${step}: ${oneLine((error as Error).message)}` }
  }
}

/** Pass counts of one group of cases. */
function tally(outcomes: readonly Outcome[]) {
  const count = (st: Outcome['status']) => outcomes.filter((o) => o.status === st).length
  const [passed, failed, na] = [count('passed'), count('failed'), count('not_applicable')]
  return { cases: outcomes.length, passed, failed, na, applicable: passed + failed }
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`

/** Outcomes by feature (a case counts under each of its features; `core` for none). */
function byFeature(outcomes: readonly Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>()
  for (const o of outcomes)
    for (const f of o.features.length === 0 ? ['core'] : o.features) groups.set(f, [...(groups.get(f) ?? []), o])
  return new Map([...groups].sort(([a], [b]) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : 1)))
}

function writeResults(engine: string, outcomes: readonly Outcome[]): void {
  const all = tally(outcomes)
  const reasons = new Map<string, string[]>()
  for (const o of outcomes) {
    if (o.status !== 'not_applicable') continue
    const group = o.reason.replace(/:.*$/, '')
    reasons.set(group, [...(reasons.get(group) ?? []), `${o.id} (${o.reason})`])
  }
  const failed = outcomes.filter((o) => o.status === 'failed')
  const lines = [
    '# sqldef corpus: PostgreSQL',
    '',
    `Generated by \`test/corpus/postgres.test.ts\` on ${engine}. Every case of`,
    '`test/corpus/data/sqldef/postgres.jsonl`: before_sql is loaded and read as A, after_sql is loaded into',
    'another database and read as B, the planned A -> B migration is applied to the first database, and',
    "the two databases must then have the same catalog (PostgreSQL's own: `pg_get_viewdef`,",
    '`pg_get_functiondef`, `pg_get_triggerdef`, `pg_get_constraintdef`, `pg_get_indexdef`, `pg_sequences`,',
    '`pg_policies`, types, partition keys and bounds, reloptions, comments, owners and the ACLs of',
    'relations, columns, routines, types and namespaces, in every non-system namespace) and the first',
    'must read back with an empty diff against B (privileges compared, owners read). The roles a case',
    "grants to or hands objects to are created first, as sqldef's own harness does. The server runs the",
    'same cases.',
    '',
    '| | cases |',
    '| --- | --- |',
    `| corpus cases | ${all.cases} |`,
    `| not applicable | ${all.na} |`,
    `| applicable | ${all.applicable} |`,
    `| passed | ${all.passed} (${percent(all.passed, all.applicable)}) |`,
    `| passed with a non-empty migration | ${outcomes.filter((o) => o.status === 'passed' && o.statements > 0).length} |`,
    `| failed | ${all.failed} |`,
    '',
    '## By feature',
    '',
    "A case counts under each of its `features` (sqldef's labels); `core` is the cases without any.",
    '',
    '| feature | cases | applicable | passed | failed |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[...byFeature(outcomes)].map(([feature, group]) => {
      const t = tally(group)
      return `| ${feature} | ${t.cases} | ${t.applicable} | ${t.passed} (${percent(t.passed, t.applicable)}) | ${t.failed} |`
    }),
    '',
    '## Extensions',
    '',
    'PGlite runs with every extension it can load (`PGLITE_CONTRIB` in test/engines/engines.ts, from the',
    "library's `PGLITE_EXTENSIONS` in src/sources/pglite-extensions.ts: `btree_gist`, `pg_trgm`,",
    '`pgcrypto`, `uuid-ossp`, `citext`, `hstore` and the rest of its contrib, and pgvector from the',
    'optional dev dependency `@electric-sql/pglite-pgvector`), so the `tests_pgvector.yml` cases (`vector`',
    'columns, HNSW and IVFFlat indexes with operator classes and build parameters, views over distance',
    'operators) run on PGlite. The PostgreSQL 15 server has the contrib modules of its package',
    "(`pg_available_extensions`) and no pgvector (Debian's PostgreSQL 15 has no pgvector package), so",
    'there they are not applicable. The `WITHOUT OVERLAPS` / `PERIOD` cases need PostgreSQL 18 (not',
    'applicable on the server).',
    '',
    '## Not applicable',
    '',
    ...(all.na === 0
      ? ['None.']
      : [...reasons].flatMap(([group, ids]) => [`- ${group}: ${ids.length}`, ...ids.map((id) => `  - ${id}`)])),
    '',
    '## Failed',
    '',
    ...(failed.length === 0
      ? ['None.']
      : failed.map((o) => `- ${o.id} (${o.features.join(', ') || 'core'}): ${o.status === 'failed' ? o.reason : ''}`)),
    '',
  ]
  writeFileSync(RESULTS, lines.join('\n'))
}

/** Runs the corpus on one engine kind: two databases, one for A (migrated) and one for B. */
async function runCorpus(factory: EngineFactory): Promise<Outcome[]> {
  const [first, second] = await Promise.all([factory.open(), factory.open()])
  try {
    const version = Math.floor(
      Number((await first.query(`SELECT current_setting('server_version_num') AS v`))[0]?.v) / 10000,
    )
    const outcomes: Outcome[] = []
    for (const c of cases) {
      const reason = notApplicable(c, version)
      outcomes.push(
        reason ? { id: c.id, features: c.features, status: 'not_applicable', reason } : await runCase(c, first, second),
      )
    }
    if (ONLY !== undefined || process.env.SCHEMALEDGER_CORPUS_VERBOSE)
      for (const o of outcomes)
        if (o.status !== 'passed') console.log(`${factory.name} ${o.status} ${o.id}: ${o.reason}`)
    console.log(
      [...byFeature(outcomes)]
        .map(([feature, group]) => {
          const t = tally(group)
          return `${factory.name} ${feature}: ${t.passed}/${t.applicable} applicable of ${t.cases}`
        })
        .join('\n'),
    )
    if (ONLY === undefined && factory.name === 'pglite') writeResults(`PGlite (PostgreSQL ${version})`, outcomes)
    return outcomes
  } finally {
    await Promise.all([first.close(), second.close()])
  }
}

// PGlite always (it writes the results document) and the server when configured, side by side:
// PGlite works in this thread while the server works in its own process.
describe.concurrent('postgres: sqldef corpus', () => {
  // PGlite with every contrib module it ships, so that the extension cases can load.
  for (const factory of ENGINES.filter(
    (e) => e.dialect === 'postgres' && (ONLY_ENGINE === undefined || e.name === ONLY_ENGINE),
  ).map((e) => (e.name === 'pglite' ? pgliteWithContrib : e))) {
    it.skipIf(factory.skipReason !== undefined)(
      engineTitle(factory, 'applies every applicable case with an empty re-diff'),
      async () => {
        const outcomes = await runCorpus(factory)
        const groups = byFeature(outcomes)
        const core = tally(groups.get('core') ?? [])
        const failures = (list: readonly Outcome[]) =>
          list.flatMap((o) => (o.status === 'failed' ? [`${o.id}: ${o.reason}`] : [])).join('\n')
        if (ONLY === undefined || core.applicable > 0)
          expect(core.passed / core.applicable, failures(groups.get('core') ?? [])).toBeGreaterThanOrEqual(
            REQUIRED_CORE_PASS_RATE,
          )
        if (ONLY !== undefined) return
        const floors = factory.name === 'pglite' ? REQUIRED_FEATURE_PASSES : REQUIRED_SERVER_FEATURE_PASSES
        for (const [feature, required] of Object.entries(floors)) {
          const group = groups.get(feature) ?? []
          expect(tally(group).passed, `${feature}:\n${failures(group)}`).toBeGreaterThanOrEqual(required)
        }
      },
      1_800_000,
    )
  }
})
