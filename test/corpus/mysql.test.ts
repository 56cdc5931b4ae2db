import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenameHints, Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { planMigration } from '../../src/sql/index.js'
import { type Engine, enginesFor, engineTitle, run } from '../engines/engines.js'

// The sqldef corpus on MariaDB: for every case whose features are all modelled (FEATURES) and with no
// expected error, load before_sql and after_sql into two fresh databases, introspect them as A and B,
// plan A -> B, apply it to the first database and require that it then introspects with no difference
// from B. Results go to docs/corpus/mysql.md, with counts per feature; the pass rate must not fall
// below the one reached.

const CORPUS = new URL('./data/sqldef/mysql.jsonl', import.meta.url)
const REPORT = new URL('../../docs/corpus/mysql.md', import.meta.url)
/** The pass rate reached (passed / applicable); a regression below it fails. */
const MIN_PASS_RATE = 1
/** The sqldef features the model covers: a case using only these (or none) runs. */
const FEATURES: ReadonlySet<string> = new Set([
  'generated_columns',
  'partitions',
  'views',
  'triggers',
  'events',
  'comments',
])

interface CorpusCase {
  readonly id: string
  readonly before_sql: string
  readonly after_sql: string
  readonly features: readonly string[]
  readonly expected_error?: string
  readonly meta: { readonly flavor?: string; readonly min_version?: string; readonly max_version?: string }
}

type Result =
  | { readonly result: 'passed' }
  | { readonly result: 'failed'; readonly reason: string }
  | { readonly result: 'not applicable'; readonly reason: string }

type Outcome = { readonly id: string; readonly features: readonly string[] } & Result

const mariadb = enginesFor('mysql')[0]!

/** Why a case cannot run on MariaDB 10.11 before anything of ours runs, or undefined. */
function notApplicable(c: CorpusCase): string | undefined {
  const outside = c.features.filter((f) => !FEATURES.has(f))
  if (outside.length > 0) return `uses features outside the core (${outside.join(', ')})`
  if (c.expected_error) return 'sqldef expects an error (it refuses the case)'
  const flavor = c.meta.flavor
  if (flavor === 'mysql' || flavor === 'tidb')
    return `needs ${flavor === 'mysql' ? 'MySQL' : 'TiDB'} (flavor=${flavor})`
  if (flavor === '!mariadb') return 'excluded on MariaDB by sqldef (flavor=!mariadb)'
  if (c.meta.max_version) return `needs MySQL <= ${c.meta.max_version}`
  return undefined
}

const NAME = '(`[^`]+`|"[^"]+"|[\\w$]+)'

/**
 * sqldef's rename annotations (`-- @renamed from=old`) on tables and columns of after_sql, kept only
 * where the old name exists in `from` (idempotency cases annotate an already renamed schema).
 */
function renameHints(sql: string, from: Schema): RenameHints {
  const tables: Record<string, string> = {}
  const columns: Record<string, string> = {}
  let table: string | undefined
  const bare = (s: string) => s.replace(/^[`"]|[`"]$/g, '')
  for (const line of sql.split('\n')) {
    const create = new RegExp(`CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i').exec(line)
    if (create?.[1]) table = bare(create[1])
    const old = new RegExp(`@renamed\\s+from=${NAME}`).exec(line)?.[1]
    if (!old || !table) continue
    const was = bare(old)
    if (create) {
      if (from.tables.some((t) => t.name === was)) tables[was] = table
      continue
    }
    const name = new RegExp(`^\\s*${NAME}\\s`).exec(line)?.[1]
    const source = from.tables.find(
      (t) => t.name === (Object.entries(tables).find(([, to]) => to === table)?.[0] ?? table),
    )
    // A hint key is `table.column`, so an old column name with a dot cannot be hinted (drop + add then).
    const hintable = !was.includes('.') && !/^(KEY|INDEX|UNIQUE|CONSTRAINT|PRIMARY|FULLTEXT)$/i.test(bare(name ?? ''))
    if (name && hintable && source?.columns.some((c) => c.name === was)) {
      columns[`${table}.${was}`] = bare(name)
    }
  }
  return { tables, columns }
}

const schemaOf = (engine: Engine): Promise<Schema> =>
  introspect((sql, params) => engine.query(sql, params), { dialect: 'mysql' })

async function load(engine: Engine, sql: string): Promise<void> {
  await engine.reset()
  if (sql.trim() !== '') await engine.exec(sql)
}

async function runCase(c: CorpusCase, a: Engine, b: Engine): Promise<Outcome> {
  return { ...(await runCaseOutcome(c, a, b)), features: c.features }
}

async function runCaseOutcome(c: CorpusCase, a: Engine, b: Engine): Promise<{ readonly id: string } & Result> {
  const na = notApplicable(c)
  if (na) return { id: c.id, result: 'not applicable', reason: na }
  try {
    await load(a, c.before_sql)
    await load(b, c.after_sql)
  } catch (error) {
    return {
      id: c.id,
      result: 'not applicable',
      reason: `MariaDB 10.11 rejects the case's own DDL: ${firstLine(error)}`,
    }
  }
  try {
    const from = await schemaOf(a)
    const to = await schemaOf(b)
    const diff = diffSchemas(from, to, { renames: renameHints(c.after_sql, from) })
    const migration = planMigration(diff, { dialect: 'mysql', from, to })
    await run(a, migration.up)
    const left = diffSchemas(await schemaOf(a), to).changes
    if (left.length === 0) return { id: c.id, result: 'passed' }
    return {
      id: c.id,
      result: 'failed',
      reason: `differs after up: ${left.map((x) => `${x.kind} ${x.path}`).join(', ')}`,
    }
  } catch (error) {
    return { id: c.id, result: 'failed', reason: firstLine(error) }
  }
}

const firstLine = (error: unknown) =>
  String((error as Error).message ?? error)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .join(' / ')
    .replace(/\s+/g, ' ')
    .replace(/`sl_\w+`\./g, '') // the per-run database name
    .slice(0, 300)

/** One table row per feature (and `core`): how its cases fared. */
function featureRows(outcomes: readonly Outcome[]): string[] {
  const features = new Map<string, Outcome[]>()
  for (const o of outcomes)
    for (const f of o.features.length === 0 ? ['core'] : o.features) features.set(f, [...(features.get(f) ?? []), o])
  return [...features]
    .sort(([a], [b]) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : 1))
    .map(([feature, list]) => {
      const n = (r: Outcome['result']) => list.filter((o) => o.result === r).length
      const [passed, failed] = [n('passed'), n('failed')]
      return `| ${feature} | ${list.length} | ${passed + failed} | ${passed} | ${failed} | ${n('not applicable')} |`
    })
}

function report(outcomes: readonly Outcome[]): string {
  const by = (r: Outcome['result']) => outcomes.filter((o) => o.result === r)
  const [passed, failed, na] = [by('passed'), by('failed'), by('not applicable')]
  const applicable = passed.length + failed.length
  const reasons = new Map<string, string[]>()
  for (const o of na) {
    if (o.result !== 'not applicable') continue
    const group = o.reason.startsWith('MariaDB 10.11 rejects') ? "MariaDB 10.11 rejects the case's own DDL" : o.reason
    reasons.set(group, [...(reasons.get(group) ?? []), o.id])
  }
  const cell = (s: string) => s.replaceAll('|', '\\|')
  const lines = [
    '# sqldef corpus on MySQL/MariaDB',
    '',
    'Generated by `test/corpus/mysql.test.ts` on MariaDB 10.11 (`SCHEMALEDGER_MYSQL_URL`): each applicable case loads',
    '`before_sql` and `after_sql` into two fresh databases, introspects them as A and B, plans A -> B with',
    '`planMigration`, applies it to the first database and requires an empty `diffSchemas(introspected, B)`.',
    "sqldef's `-- @renamed from=` annotations are passed as rename hints.",
    '',
    '| total | applicable | passed | failed | not applicable | pass rate |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${outcomes.length} | ${applicable} | ${passed.length} | ${failed.length} | ${na.length} | ${applicable === 0 ? '-' : `${((100 * passed.length) / applicable).toFixed(1)}%`} |`,
    '',
    '## By feature',
    '',
    'Cases by the sqldef features they use (`core`: none); a case with several features counts under each.',
    '',
    '| feature | total | applicable | passed | failed | not applicable |',
    '| --- | --- | --- | --- | --- | --- |',
    ...featureRows(outcomes),
    '',
    '## Failed',
    '',
    ...(failed.length === 0
      ? ['None.']
      : [
          '| case | reason |',
          '| --- | --- |',
          ...failed.map((o) => `| ${cell(o.id)} | ${o.result === 'failed' ? cell(o.reason) : ''} |`),
        ]),
    '',
    '## Not applicable, by reason',
    '',
    '| reason | count | cases |',
    '| --- | --- | --- |',
    ...[...reasons]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([reason, ids]) =>
          `| ${cell(reason)} | ${ids.length} | ${ids.length > 12 ? `${ids.length} cases` : ids.map(cell).join('<br>')} |`,
      ),
    '',
  ]
  const rejected = na.filter((o) => o.result === 'not applicable' && o.reason.startsWith('MariaDB 10.11 rejects'))
  if (rejected.length > 0) {
    lines.push('### Rejected by MariaDB 10.11', '', '| case | server error |', '| --- | --- |')
    for (const o of rejected)
      if (o.result === 'not applicable') lines.push(`| ${cell(o.id)} | ${cell(o.reason.replace(/^[^:]*: /, ''))} |`)
    lines.push('')
  }
  return lines.join('\n')
}

describe.skipIf(mariadb.skipReason !== undefined || !existsSync(CORPUS))(engineTitle(mariadb, 'sqldef corpus'), () => {
  let a: Engine
  let b: Engine
  beforeAll(async () => {
    a = await mariadb.open()
    b = await mariadb.open()
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('applies every applicable case and reaches the recorded pass rate', async () => {
    const cases = readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as CorpusCase)
    const outcomes: Outcome[] = []
    for (const c of cases) outcomes.push(await runCase(c, a, b))
    mkdirSync(new URL('.', REPORT), { recursive: true })
    writeFileSync(REPORT, report(outcomes))
    const passed = outcomes.filter((o) => o.result === 'passed').length
    const applicable = passed + outcomes.filter((o) => o.result === 'failed').length
    expect(applicable).toBeGreaterThan(150)
    expect(passed / applicable).toBeGreaterThanOrEqual(MIN_PASS_RATE)
  }, 300_000)
})
