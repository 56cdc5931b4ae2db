import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenameHints, Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { planMigration } from '../../src/sql/plan-migration.js'
import type { Engine } from '../engines/engines.js'
import { apply, read, sqliteFactory } from '../sql/sqlite/sqlite-helpers.js'

// The sqldef SQLite cases (test/corpus/data/sqldef/sqlite.jsonl): for each case with no special
// feature and no expected error, load before_sql and introspect it (A), load after_sql and introspect
// it (B), plan A -> B, apply it to A's database, introspect, and require an empty diff against B.
// sqldef's `@renamed from=` annotations are the case's own rename hints and are passed to the diff.
// Results go to docs/corpus/sqlite.md; the pass count may not drop below what was reached.

const CORPUS = new URL('./data/sqldef/sqlite.jsonl', import.meta.url)
const REPORT = new URL('../../docs/corpus/sqlite.md', import.meta.url)
/** Applicable cases that passed when this test was last tuned; fewer is a regression. */
const PASSED_AT_LEAST = 42

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

/** Features this dialect models, so such cases also run (reported apart, not counted). */
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
  await load(engine, c.before_sql)
  await apply(engine, migration.up)
  return diffSchemas(await read(engine), b, { caseInsensitiveNames: true }).changes.map((x) => `${x.kind} ${x.path}`)
}

async function runCase(engine: Engine, c: CorpusCase): Promise<Outcome> {
  const a = await load(engine, c.before_sql)
  const b = await load(engine, c.after_sql)
  const left = await migrate(engine, c, a, b, renameHints(c.after_sql)).catch((e: Error) => [
    e.message.replace(/\s+/g, ' ').trim(),
  ])
  if (left.length === 0) {
    const note = /STRICT|WITHOUT ROWID/i.test(c.after_sql + c.before_sql)
      ? 'STRICT / WITHOUT ROWID are not in the model: only columns, keys and indexes were compared'
      : undefined
    return { id: c.id, status: 'passed', ...(note ? { note } : {}) }
  }
  return { id: c.id, status: 'failed', reason: left.join('; ') }
}

function applicability(c: CorpusCase): string | undefined {
  if (c.expected_error) return `sqldef expects an error: ${c.expected_error}`
  if (c.features.length > 0) return `features: ${c.features.join(', ')}`
  return undefined
}

/** Per supported feature: the cases run and passed (a case with two features counts under both). */
function featureTable(extra: readonly (Outcome & { features: readonly string[] })[]): string[] {
  return [
    '| feature | run | passed |',
    '|---|---|---|',
    ...[...SUPPORTED_FEATURES].map((f) => {
      const mine = extra.filter((o) => o.features.includes(f))
      return `| ${f} | ${mine.length} | ${mine.filter((o) => o.status === 'passed').length} |`
    }),
  ]
}

function report(outcomes: readonly Outcome[], extra: readonly (Outcome & { features: readonly string[] })[]): string {
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
    'and introspect it (A), load `after_sql` and introspect it (B), plan A -> B, apply it to A, introspect,',
    "and require an empty diff against B. sqldef's `@renamed from=` annotations are passed as rename hints.",
    '',
    '| | cases |',
    '|---|---|',
    `| total | ${outcomes.length} |`,
    `| not applicable | ${na.length} |`,
    `| applicable | ${applicable} |`,
    `| passed | ${passed.length} (${rate.toFixed(1)}%) |`,
    `| failed | ${failed.length} |`,
    '',
    '## Failed',
    '',
    ...(failed.length === 0
      ? ['None.']
      : ['| case | reason |', '|---|---|', ...failed.map((o) => `| ${short(o.id)} | ${o.reason} |`)]),
    '',
    '## Not applicable',
    '',
    '| reason | cases |',
    '|---|---|',
    ...[...groups].map(([reason, ids]) => `| ${reason} (${ids.length}) | ${ids.map(short).join(', ')} |`),
    '',
    '## Passed',
    '',
    '| case | note |',
    '|---|---|',
    ...passed.map((o) => `| ${short(o.id)} | ${'note' in o && o.note ? o.note : ''} |`),
    '',
    '## Also run (not counted)',
    '',
    'Cases flagged with features this dialect models (generated columns, views, triggers: views and',
    'triggers compared as introspection reads them from sqlite_schema), run the same way:',
    '',
    ...featureTable(extra),
    '',
    '| case | result |',
    '|---|---|',
    ...extra.map(
      (o) => `| ${short(o.id)} | ${o.status === 'passed' ? 'passed' : `failed: ${'reason' in o ? o.reason : ''}`} |`,
    ),
    '',
  ]
  return lines.join('\n')
}

describe.skipIf(cases.length === 0)(
  `sqldef corpus on SQLite${cases.length === 0 ? ' (skipped: corpus not found)' : ''}`,
  () => {
    let engine: Engine
    const outcomes: Outcome[] = []
    const extra: (Outcome & { features: readonly string[] })[] = []
    beforeAll(async () => {
      engine = await sqliteFactory.open()
    })
    afterAll(async () => {
      await engine?.close()
    })

    it('runs every case and keeps the pass count', async () => {
      for (const c of cases) {
        const reason = applicability(c)
        if (reason) outcomes.push({ id: c.id, status: 'not applicable', reason })
        else outcomes.push(await runCase(engine, c))
        if (reason && !c.expected_error && c.features.every((f) => SUPPORTED_FEATURES.has(f)))
          extra.push({ ...(await runCase(engine, c)), features: c.features })
      }
      mkdirSync(new URL('.', REPORT), { recursive: true })
      writeFileSync(REPORT, report(outcomes, extra))
      const passed = outcomes.filter((o) => o.status === 'passed').length
      expect(passed).toBeGreaterThanOrEqual(PASSED_AT_LEAST)
    }, 180_000)
  },
)
