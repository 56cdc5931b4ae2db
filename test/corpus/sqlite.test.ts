import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenameHints, Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { planMigration } from '../../src/sql/plan-migration.js'
import type { Engine } from '../engines/engines.js'
import { apply, read, sqliteFactory } from '../sql/sqlite/sqlite-helpers.js'
import { catalogDifference, sqliteCatalog } from './sqlite-catalog.js'

// The sqldef SQLite cases (test/corpus/data/sqldef/sqlite.jsonl): for each case with no expected error
// and only features this dialect models (generated columns, views, triggers), load before_sql and
// introspect it (A), load after_sql and introspect it (B), plan A -> B and apply it to A's database.
// The case passes when SQLite's own catalog of the migrated database (sqlite-catalog.ts: sqlite_schema
// and the pragmas) equals the catalog of B's database, and the migrated database, introspected, has
// an empty diff against B. sqldef's `@renamed from=` annotations are the case's own rename hints.
// Results go to docs/corpus/sqlite.md; the pass counts may not drop below what was reached.

const CORPUS = new URL('./data/sqldef/sqlite.jsonl', import.meta.url)
const REPORT = new URL('../../docs/corpus/sqlite.md', import.meta.url)
/** Applicable cases that passed when this test was last tuned; fewer is a regression. */
const PASSED_AT_LEAST = 64
/** Per modelled feature, the cases that passed when this test was last tuned. */
const FEATURE_PASSED_AT_LEAST: Readonly<Record<string, number>> = { generated_columns: 4, views: 8, triggers: 12 }

interface CorpusCase {
  readonly id: string
  readonly before_sql: string
  readonly after_sql: string
  readonly features: readonly string[]
  readonly expected_error?: string
  readonly notes?: string
}

type Outcome =
  | { readonly id: string; readonly status: 'passed'; readonly note?: string }
  | { readonly id: string; readonly status: 'failed'; readonly reason: string }
  | { readonly id: string; readonly status: 'not applicable'; readonly reason: string }

/** Features this dialect models: cases flagged with only these run like the others. */
const SUPPORTED_FEATURES = new Set(['generated_columns', 'views', 'triggers'])

const cases: CorpusCase[] = existsSync(CORPUS)
  ? readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as CorpusCase)
  : []

const unquote = (name: string) => name.replace(/^["'`[](.*)["'`\]]$/, '$1')

/** sqldef's rename annotations: `CREATE TABLE new ( -- @renamed from=old` and `col type, -- @renamed from=old`. */
function renameHints(sql: string): RenameHints {
  const tables: Record<string, string> = {}
  const columns: Record<string, string> = {}
  let table = ''
  for (const line of sql.split('\n')) {
    const created = /CREATE TABLE\s+(?:IF NOT EXISTS\s+)?("[^"]+"|\S+?)\s*(?:\(|\/\*|$)/i.exec(line)
    if (created?.[1]) table = unquote(created[1])
    const from = /@renamed\s+from=("[^"]+"|\S+)/.exec(line)?.[1]
    if (!from || /CREATE\s+(UNIQUE\s+)?INDEX/i.test(line)) continue
    if (created) tables[unquote(from)] = table
    else {
      const column = /^\s*("[^"]+"|\S+)/.exec(line)?.[1]
      if (column) columns[`${table}.${unquote(from)}`] = unquote(column)
    }
  }
  return { tables, columns }
}

async function load(engine: Engine, sql: string): Promise<Schema> {
  await engine.reset()
  if (sql.trim() !== '') await engine.exec(sql)
  return read(engine)
}

async function migrate(engine: Engine, c: CorpusCase, a: Schema, b: Schema, renames: RenameHints): Promise<string[]> {
  const migration = planMigration(diffSchemas(a, b, { renames, caseInsensitiveNames: true }), {
    dialect: 'sqlite',
    from: a,
    to: b,
  })
  await load(engine, c.after_sql)
  const expected = await sqliteCatalog(engine)
  await load(engine, c.before_sql)
  await apply(engine, migration.up)
  const catalog = catalogDifference(await sqliteCatalog(engine), expected)
  const rediff = diffSchemas(await read(engine), b, { caseInsensitiveNames: true }).changes
  return [...catalog.map((l) => `catalog ${l}`), ...rediff.map((x) => `re-diff ${x.kind} ${x.path}`)]
}

async function runCase(engine: Engine, c: CorpusCase): Promise<Outcome> {
  const a = await load(engine, c.before_sql)
  const b = await load(engine, c.after_sql)
  const left = await migrate(engine, c, a, b, renameHints(c.after_sql)).catch((e: Error) => [
    e.message.replace(/\s+/g, ' ').trim(),
  ])
  if (left.length === 0) return { id: c.id, status: 'passed' }
  return { id: c.id, status: 'failed', reason: left.join('; ').replaceAll('|', '\\|') }
}

function applicability(c: CorpusCase): string | undefined {
  if (c.expected_error) return `sqldef expects an error: ${c.expected_error}`
  const unmodelled = c.features.filter((f) => !SUPPORTED_FEATURES.has(f))
  if (unmodelled.length > 0) return `features: ${unmodelled.join(', ')}`
  return undefined
}

/** Per modelled feature: the cases run and passed (a case with two features counts under both). */
function featureCounts(outcomes: readonly Outcome[]): Map<string, { run: number; passed: number }> {
  const counts = new Map<string, { run: number; passed: number }>()
  for (const f of ['(none)', ...SUPPORTED_FEATURES]) {
    const mine = outcomes.filter((o) => o.status !== 'not applicable' && featuresOf(o.id).includes(f))
    counts.set(f, { run: mine.length, passed: mine.filter((o) => o.status === 'passed').length })
  }
  return counts
}

const featuresOf = (id: string): readonly string[] => {
  const features = cases.find((c) => c.id === id)?.features ?? []
  return features.length === 0 ? ['(none)'] : features
}

function report(outcomes: readonly Outcome[]): string {
  const passed = outcomes.filter((o) => o.status === 'passed')
  const failed = outcomes.filter((o): o is Outcome & { reason: string } => o.status === 'failed')
  const na = outcomes.filter((o): o is Outcome & { reason: string } => o.status === 'not applicable')
  const applicable = passed.length + failed.length
  const rate = applicable === 0 ? 0 : (100 * passed.length) / applicable
  const groups = new Map<string, string[]>()
  for (const o of na) groups.set(o.reason, [...(groups.get(o.reason) ?? []), o.id])
  const short = (id: string) => id.replace(/^sqldef:cmd\/sqlite3def\//, '')
  const lines = [
    '# sqldef corpus: SQLite',
    '',
    'Generated by `test/corpus/sqlite.test.ts` (SQLite 3.54 through sql.js). For each case: load `before_sql`',
    'and introspect it (A), load `after_sql` and introspect it (B), plan A -> B and apply it to A. The case',
    "passes when SQLite's own catalog of the migrated database equals that of B's database (sqlite_schema:",
    'view, trigger and index SQL normalised, CHECKs, constraint names, collations and generated expressions',
    'of the CREATE TABLE text; pragmas table_list (STRICT, WITHOUT ROWID), table_xinfo, index_list,',
    'index_xinfo, foreign_key_list; see `test/corpus/sqlite-catalog.ts`) and the migrated database, read',
    "back, has an empty diff against B. sqldef's `@renamed from=` annotations are passed as rename hints.",
    '',
    '| | cases |',
    '|---|---|',
    `| total | ${outcomes.length} |`,
    `| not applicable | ${na.length} |`,
    `| applicable | ${applicable} |`,
    `| passed | ${passed.length} (${rate.toFixed(1)}%) |`,
    `| failed | ${failed.length} |`,
    '',
    '## By feature',
    '',
    '| feature | run | passed |',
    '|---|---|---|',
    ...[...featureCounts(outcomes)].map(([f, n]) => `| ${f} | ${n.run} | ${n.passed} |`),
    '',
    '## Failed',
    '',
    ...(failed.length === 0
      ? ['None.']
      : ['| case | reason |', '|---|---|', ...failed.map((o) => `| ${short(o.id)} | ${o.reason} |`)]),
    '',
    '## Not applicable',
    '',
    ...(groups.size === 0
      ? ['None.']
      : [
          '| reason | cases |',
          '|---|---|',
          ...[...groups].map(([reason, ids]) => `| ${reason} (${ids.length}) | ${ids.map(short).join(', ')} |`),
        ]),
    '',
    '## Passed',
    '',
    '| case | features |',
    '|---|---|',
    ...passed.map((o) => `| ${short(o.id)} | ${featuresOf(o.id).join(', ')} |`),
    '',
  ]
  return lines.join('\n')
}

describe.skipIf(cases.length === 0)(
  `sqldef corpus on SQLite${cases.length === 0 ? ' (skipped: corpus not found)' : ''}`,
  () => {
    let engine: Engine
    const outcomes: Outcome[] = []
    beforeAll(async () => {
      engine = await sqliteFactory.open()
    })
    afterAll(async () => {
      await engine?.close()
    })

    it('runs every case and keeps the pass counts', async () => {
      for (const c of cases) {
        const reason = applicability(c)
        outcomes.push(reason ? { id: c.id, status: 'not applicable', reason } : await runCase(engine, c))
      }
      mkdirSync(new URL('.', REPORT), { recursive: true })
      writeFileSync(REPORT, report(outcomes))
      const passed = outcomes.filter((o) => o.status === 'passed').length
      expect(passed).toBeGreaterThanOrEqual(PASSED_AT_LEAST)
      const counts = featureCounts(outcomes)
      for (const [feature, floor] of Object.entries(FEATURE_PASSED_AT_LEAST))
        expect({ feature, passed: counts.get(feature)?.passed ?? 0 }).toEqual({
          feature,
          passed: expect.toSatisfy((n: number) => n >= floor),
        })
    }, 180_000)
  },
)
