import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenameHints, Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { planMigration } from '../../src/sql/index.js'
import { type Engine, enginesFor, engineTitle, run } from '../engines/engines.js'
import { catalogDifference, mysqlCatalogLines } from './mysql-catalog.js'

// The sqldef corpus on MariaDB: for every case that uses no excluded feature and expects no error,
// load before_sql and after_sql into two fresh databases, introspect them as A and B, plan A -> B,
// apply it to the first database and require that the two databases then have the same catalog
// (test/corpus/mysql-catalog.ts: information_schema's view, so weak introspection cannot hide a wrong
// plan) and that the first introspects with no difference from B. sqldef runs its cases in a database
// named `mysqldef_test` and some cases name it (`mysqldef_test.users`): that qualifier is rewritten to
// each run's own database, which is what it means there (a shared `mysqldef_test` could not be both A
// and B, nor serve two test runs at once). sqldef's flavor labels exclude nothing: every case is
// loaded, and one MariaDB refuses is not applicable with the server's error. Results go to
// docs/corpus/mysql.md, with counts per feature; no count may fall below the one reached.

const CORPUS = new URL('./data/sqldef/mysql.jsonl', import.meta.url)
/**
 * While iterating: `SCHEMALEDGER_CORPUS_ONLY=<regex>` runs only the cases whose id or features match
 * (then no results document is written, no floor is checked, and the outcomes are printed).
 */
const ONLY = process.env.SCHEMALEDGER_CORPUS_ONLY ? new RegExp(process.env.SCHEMALEDGER_CORPUS_ONLY) : undefined
const REPORT = new URL('../../docs/corpus/mysql.md', import.meta.url)
/** Applicable cases passed in all, as reached: a regression fails the test (raise it as more pass). */
const REQUIRED_PASSES = 274
/** sqldef features not run yet: a case using one of these is not applicable. */
const EXCLUDED_FEATURES: ReadonlySet<string> = new Set<string>()
/** Applicable cases passed per feature, as reached: a regression fails the test (raise them as more pass). */
const REQUIRED_FEATURE_PASSES: Readonly<Record<string, number>> = {
  core: 187,
  comments: 14,
  enums: 2,
  events: 12,
  generated_columns: 10,
  partitions: 18,
  triggers: 20,
  views: 18,
}

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
  | { readonly result: 'not applicable'; readonly reason: string; readonly label?: string }

type Outcome = { readonly id: string; readonly features: readonly string[] } & Result

const mariadb = enginesFor('mysql')[0]!

/**
 * Why a case cannot run before anything of ours runs, or undefined. sqldef's flavor labels
 * (`flavor=mysql`, `!mariadb`, `tidb`, `max_version=5.7`) say where sqldef's expected output holds, not
 * whether MariaDB can load the DDL, so they exclude nothing: every case is loaded, and one MariaDB
 * refuses is not applicable with the server's error (see {@link runCaseOutcome}).
 */
function notApplicable(c: CorpusCase): string | undefined {
  const excluded = c.features.filter((f) => EXCLUDED_FEATURES.has(f))
  if (excluded.length > 0) return `uses features not run yet (${excluded.join(', ')})`
  if (c.expected_error) return 'sqldef expects an error (it refuses the case)'
  return undefined
}

/** sqldef's label of where its expected output holds (`flavor=mysql`, `max_version=5.7`), or ''. */
function sqldefLabel(c: CorpusCase): string {
  const { flavor, min_version: min, max_version: max } = c.meta
  return [flavor && `flavor=${flavor}`, min && `min_version=${min}`, max && `max_version=${max}`]
    .filter(Boolean)
    .join(', ')
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

/** sqldef's own database, named by some cases. */
const SQLDEF_DATABASE = /`mysqldef_test`\.|\bmysqldef_test\./g

/**
 * Loads a case's SQL. It is a desired state, not a script: a table may name in a foreign key one
 * created later in the file (sqldef orders them itself). When MariaDB refuses such a key (errno 150),
 * the SQL is loaded again with `foreign_key_checks = 0`, as mysqldump does, and the key then holds
 * once the file is loaded.
 */
async function load(engine: Engine, sql: string): Promise<void> {
  await engine.reset()
  if (sql.trim() === '') return
  const database = String((await engine.query('SELECT DATABASE() AS db'))[0]?.db)
  const text = sql.replace(SQLDEF_DATABASE, `\`${database}\`.`)
  try {
    await engine.exec(text)
  } catch (error) {
    if (!/errno: 150/.test(String((error as Error).message))) throw error
    await engine.reset()
    try {
      await engine.exec(`SET SESSION foreign_key_checks = 0;\n${text}`)
    } finally {
      await engine.exec('SET SESSION foreign_key_checks = 1')
    }
    // Only the order was wrong: every key's table must exist once the whole file is loaded.
    const dangling = await engine.query(
      `SELECT k.CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE k
       LEFT JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = k.REFERENCED_TABLE_SCHEMA AND t.TABLE_NAME = k.REFERENCED_TABLE_NAME
       WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL AND t.TABLE_NAME IS NULL`,
    )
    if (dangling.length > 0) throw error
  }
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
      label: sqldefLabel(c),
    }
  }
  let step = 'introspect'
  try {
    const from = await schemaOf(a)
    const to = await schemaOf(b)
    step = 'plan'
    const diff = diffSchemas(from, to, { renames: renameHints(c.after_sql, from), comparePositions: true })
    const migration = planMigration(diff, { dialect: 'mysql', from, to })
    step = 'apply'
    await run(a, migration.up)
    step = 'catalog'
    const catalog = catalogDifference(await mysqlCatalogLines(a), await mysqlCatalogLines(b))
    if (catalog.length > 0) return { id: c.id, result: 'failed', reason: `catalogs differ: ${catalog.join(' / ')}` }
    step = 're-diff'
    const left = diffSchemas(await schemaOf(a), to, { comparePositions: true }).changes
    if (left.length === 0) return { id: c.id, result: 'passed' }
    return {
      id: c.id,
      result: 'failed',
      reason: `remaining diff: ${left.map((x) => `${x.kind} ${x.path}`).join(', ')}`,
    }
  } catch (error) {
    return { id: c.id, result: 'failed', reason: `${step}: ${firstLine(error)}` }
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
    .slice(0, 600)

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

const REJECTED = "MariaDB 10.11 rejects the case's own DDL"
const group = (reason: string) => reason === REJECTED

function report(outcomes: readonly Outcome[]): string {
  const by = (r: Outcome['result']) => outcomes.filter((o) => o.result === r)
  const [passed, failed, na] = [by('passed'), by('failed'), by('not applicable')]
  const applicable = passed.length + failed.length
  const reasons = new Map<string, string[]>()
  for (const o of na) {
    if (o.result !== 'not applicable') continue
    const key = o.reason.startsWith('MariaDB 10.11 rejects') ? REJECTED : o.reason
    reasons.set(key, [...(reasons.get(key) ?? []), o.id])
  }
  const cell = (s: string) => s.replaceAll('|', '\\|')
  const lines = [
    '# sqldef corpus on MySQL/MariaDB',
    '',
    'Generated by `test/corpus/mysql.test.ts` on MariaDB 10.11 (`SCHEMALEDGER_MYSQL_URL`): each applicable case loads',
    '`before_sql` and `after_sql` into two fresh databases, introspects them as A and B, plans A -> B with',
    '`planMigration` and applies it to the first database. The two databases must then have the same catalog',
    "(information_schema's TABLES options, COLUMNS with charset, collation and generation, STATISTICS, constraints",
    'and foreign keys, CHECK_CONSTRAINTS, VIEWS, TRIGGERS, ROUTINES, EVENTS and PARTITIONS, read by',
    '`test/corpus/mysql-catalog.ts`, not by schemaledger), and the first must introspect with an empty',
    "`diffSchemas(introspected, B)`. sqldef's `-- @renamed from=` annotations are passed as rename hints, and",
    'column positions are compared (`comparePositions`): on MySQL the order of columns is part of the schema',
    '(`SELECT *`, `INSERT` without a column list), and sqldef moves columns.',
    '',
    'sqldef runs its cases in a database named `mysqldef_test`, and some cases name it (`mysqldef_test.users`).',
    "That qualifier is rewritten to each run's own database, which is what it means in the case: a real",
    '`mysqldef_test` could not be both A and B, nor serve two test runs at once. A case is a desired state,',
    'not a script: when MariaDB refuses a foreign key to a table the file creates later (errno 150), the file',
    'is loaded again with `foreign_key_checks = 0`, as mysqldump does, and every key must then name a table',
    "that exists. sqldef's flavor labels (`flavor=mysql`, `!mariadb`, `tidb`, `max_version=5.7`) say where",
    "sqldef's own expected output holds, not whether MariaDB can load the DDL, so they exclude nothing: every",
    "case is loaded, and one MariaDB rejects is not applicable, listed with the server's error." +
      (EXCLUDED_FEATURES.size > 0
        ? ` Cases using a feature not run yet (${[...EXCLUDED_FEATURES].join(', ')}) are not applicable.`
        : ''),
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
          `| ${cell(reason)} | ${ids.length} | ${group(reason) ? 'listed below, with the reason' : ids.map(cell).join('<br>')} |`,
      ),
    '',
  ]
  const rejected = na.filter((o) => o.result === 'not applicable' && o.reason.startsWith('MariaDB 10.11 rejects'))
  if (rejected.length > 0) {
    lines.push(
      '### Rejected by MariaDB 10.11',
      '',
      "sqldef's label says where sqldef's own expected output holds; the case is loaded on MariaDB whatever it says.",
      '',
      "| case | sqldef's label | server error |",
      '| --- | --- | --- |',
    )
    for (const o of rejected)
      if (o.result === 'not applicable')
        lines.push(`| ${cell(o.id)} | ${cell(o.label ?? '')} | ${cell(o.reason.replace(/^[^:]*: /, ''))} |`)
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

  it('applies every applicable case, judged by information_schema, and reaches the recorded pass counts', async () => {
    const cases = readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as CorpusCase)
      .filter((c) => ONLY === undefined || ONLY.test(c.id) || c.features.some((f) => ONLY.test(f)))
    const outcomes: Outcome[] = []
    for (const c of cases) outcomes.push(await runCase(c, a, b))
    if (ONLY !== undefined) {
      for (const o of outcomes) console.log(`${o.result}: ${o.id}${o.result === 'passed' ? '' : ` -- ${o.reason}`}`)
      return
    }
    mkdirSync(new URL('.', REPORT), { recursive: true })
    writeFileSync(REPORT, report(outcomes))
    const passed = outcomes.filter((o) => o.result === 'passed').length
    const applicable = passed + outcomes.filter((o) => o.result === 'failed').length
    expect(applicable).toBeGreaterThan(150)
    const failures = (list: readonly Outcome[]) =>
      list.flatMap((o) => (o.result === 'failed' ? [`${o.id}: ${o.reason}`] : [])).join('\n')
    expect(passed, failures(outcomes)).toBeGreaterThanOrEqual(REQUIRED_PASSES)
    for (const [feature, required] of Object.entries(REQUIRED_FEATURE_PASSES)) {
      const list = outcomes.filter((o) => (feature === 'core' ? o.features.length === 0 : o.features.includes(feature)))
      expect(list.filter((o) => o.result === 'passed').length, `${feature}:\n${failures(list)}`).toBeGreaterThanOrEqual(
        required,
      )
    }
    // 313 cases, each loading two databases: minutes on a shared machine.
  }, 1_500_000)
})
