import type { Migration, Statement } from '../../../src/dialects/types.js'
import { type DiffOptions, defineSchema, diffSchemas, isSchemaLedgerError, type Schema } from '../../../src/index.js'
import { createSchemaSQL, planMigration, toSQL } from '../../../src/sql/index.js'
import type { Engine } from '../../engines/engines.js'
import type { ClientDatabase } from '../../support/sql-clients.js'
import { caseSchemas, type FuzzCase, type FuzzDialect } from './hostile-grammar.js'

// The differential SQL fuzzer: each hostile case that schemaledger accepts is run for real, and the
// engine's own catalog must then show exactly the intended objects under exactly the intended names,
// with the canary table still there and no `pwned` table or marker file anywhere. What schemaledger
// refuses is counted, never run.

type Dialect = FuzzDialect

/** How one case went on one engine. */
export type Outcome =
  | { readonly kind: 'invalid' | 'refused' }
  | { readonly kind: 'ran'; readonly engineError: boolean; readonly escapes: readonly string[] }

/** What a case plans, or why it plans nothing. */
export type Planned =
  | { readonly kind: 'invalid' | 'refused'; readonly reason: string }
  | {
      readonly kind: 'planned'
      readonly from: Schema
      readonly to: Schema
      readonly create: readonly Statement[]
      readonly migration: Migration
    }

/** Builds and plans a case: documents the model rejects are `invalid`, SQL schemaledger refuses `refused`. */
export function planCase(k: FuzzCase, dialect: Dialect): Planned {
  const { from: fromDoc, to: toDoc } = caseSchemas(k, dialect)
  let from: Schema
  let to: Schema
  try {
    from = defineSchema(fromDoc)
    to = defineSchema(toDoc)
  } catch (error) {
    if (isSchemaLedgerError(error)) return { kind: 'invalid', reason: error.message }
    throw error
  }
  try {
    // Hints by the names as parsed (documents lose leading and trailing whitespace of names).
    const [a, b] = [from.tables[0]!, to.tables[0]!]
    const renames = {
      tables: { [a.name]: b.name },
      columns: { [`${b.name}.${a.columns[1]!.name}`]: b.columns[1]!.name },
    }
    const diff = diffSchemas(from, to, { renames } satisfies DiffOptions)
    return {
      kind: 'planned',
      from,
      to,
      create: createSchemaSQL(from, dialect),
      migration: planMigration(diff, { dialect, from, to }),
    }
  } catch (error) {
    if (isSchemaLedgerError(error))
      return { kind: error.code === 'invalid_option' ? 'invalid' : 'refused', reason: error.message }
    throw error
  }
}

/** The names the catalog must show for a schema of one table: table, columns, indexes, checks, labels, comment. */
interface Expected {
  readonly table: string
  readonly columns: readonly string[]
  readonly indexes: readonly string[]
  readonly checks: readonly string[]
  readonly labels: readonly string[]
  readonly comment: string | undefined
}

function expected(schema: Schema): Expected {
  const t = schema.tables[0]!
  return {
    table: t.name,
    columns: t.columns.map((c) => c.name),
    indexes: t.indexes.map((x) => x.name ?? '').sort(),
    checks: t.constraints.flatMap((c) => (c.type === 'check' && c.name ? [c.name] : [])).sort(),
    labels: schema.enums[0]?.values ?? [],
    comment: t.comment,
  }
}

// Names come back hex-encoded: drivers decode text their own way (PGlite's TextDecoder drops a leading
// U+FEFF), and the catalog's bytes are what count.
const unhex = (value: unknown) => (value == null ? undefined : Buffer.from(String(value), 'hex').toString('utf8'))
const names = (rows: readonly Record<string, unknown>[]) => rows.map((r) => unhex(r.name) as string)
const sorted = (list: readonly string[]) => [...list].sort()

/** The catalog as the engine reports it, in the shape of {@link Expected}. */
async function catalog(engine: Engine, dialect: Dialect, table: string, enumName?: string) {
  const q = (sql: string, params: unknown[] = []) => engine.query(sql, params).then(names)
  if (dialect === 'postgres') {
    const ns = "c.relnamespace = 'public'::regnamespace"
    const h = (x: string) => `encode(convert_to(${x}, 'UTF8'), 'hex')`
    return {
      tables: await q(`SELECT ${h('c.relname')} AS name FROM pg_class c WHERE ${ns} AND c.relkind IN ('r', 'p')`),
      columns: await q(
        `SELECT ${h('a.attname')} AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE ${ns} AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [table],
      ),
      indexes: await q(
        `SELECT ${h('i.relname')} AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid WHERE ${ns} AND c.relname = $1`,
        [table],
      ),
      checks: await q(
        `SELECT ${h('k.conname')} AS name FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE ${ns} AND c.relname = $1 AND k.contype = 'c'`,
        [table],
      ),
      labels: enumName
        ? await q(
            `SELECT ${h('e.enumlabel')} AS name FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typnamespace = 'public'::regnamespace AND t.typname = $1 ORDER BY e.enumsortorder`,
            [enumName],
          )
        : [],
      comment: unhex(
        (
          await engine.query(
            `SELECT ${h("obj_description(c.oid, 'pg_class')")} AS name FROM pg_class c WHERE ${ns} AND c.relname = $1`,
            [table],
          )
        )[0]?.name,
      ),
    }
  }
  if (dialect === 'mysql') {
    const own = 'table_schema = DATABASE()'
    return {
      tables: await q(`SELECT HEX(table_name) AS name FROM information_schema.tables WHERE ${own}`),
      columns: await q(
        `SELECT HEX(column_name) AS name FROM information_schema.columns WHERE ${own} AND table_name = ? ORDER BY ordinal_position`,
        [table],
      ),
      indexes: await q(
        `SELECT DISTINCT HEX(index_name) AS name FROM information_schema.statistics WHERE ${own} AND table_name = ?`,
        [table],
      ),
      checks: await q(
        'SELECT HEX(constraint_name) AS name FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() AND table_name = ?',
        [table],
      ),
      labels: [],
      comment: unhex(
        (
          await engine.query(
            `SELECT HEX(table_comment) AS name FROM information_schema.tables WHERE ${own} AND table_name = ?`,
            [table],
          )
        )[0]?.name,
      ),
    }
  }
  return {
    tables: await q("SELECT hex(name) AS name FROM sqlite_schema WHERE type = 'table'"),
    columns: await q('SELECT hex(name) AS name FROM pragma_table_xinfo(?) ORDER BY cid', [table]),
    indexes: await q("SELECT hex(name) AS name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?", [table]),
    checks: [],
    labels: [],
    comment: undefined,
  }
}

/** Why the engine's state is not what it should be (empty when it is). */
async function inspect(
  engine: Engine,
  dialect: Dialect,
  want: Expected | undefined,
  allowedTables: ReadonlySet<string>,
  enumName: string | undefined,
): Promise<string[]> {
  const problems: string[] = []
  try {
    await engine.query('SELECT count(*) AS n FROM canary')
  } catch {
    problems.push('the canary table is gone')
  }
  const seen = await catalog(engine, dialect, want?.table ?? '', enumName)
  if (seen.tables.includes('pwned')) problems.push('a pwned table exists')
  for (const t of seen.tables)
    if (t !== 'canary' && !allowedTables.has(t)) problems.push(`unexpected table ${JSON.stringify(t)}`)
  if (!want) return problems
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      problems.push(`${what}: ${JSON.stringify(a)} instead of ${JSON.stringify(b)}`)
  }
  same('tables', sorted(seen.tables), sorted(['canary', want.table]))
  same('columns', seen.columns, want.columns)
  same('indexes', sorted(seen.indexes), want.indexes)
  if (dialect !== 'sqlite') same('checks', sorted(seen.checks), want.checks)
  if (dialect === 'postgres') same('labels', seen.labels, want.labels)
  if (dialect !== 'sqlite') same('comment', seen.comment ?? '', want.comment ?? '')
  return problems
}

/**
 * Runs statements as `toSQL` lays them out: consecutive transactional ones inside BEGIN/COMMIT, rolled
 * back when one fails (as psql and sqlite3 -bail leave a failed script). False when the engine refused one.
 */
async function runAll(engine: Engine, statements: readonly Statement[]): Promise<boolean> {
  let open = false
  try {
    for (const s of statements) {
      if (s.transactional !== open) await engine.exec(s.transactional ? 'BEGIN' : 'COMMIT')
      open = s.transactional
      await engine.exec(s.sql)
    }
    if (open) await engine.exec('COMMIT')
    return true
  } catch {
    if (open) await engine.exec('ROLLBACK')
    return false
  }
}

/**
 * Runs a planned case on an engine: the schema, then the migration up, then down, checking the
 * catalog after each. An engine error (an accepted but invalid expression) ends the case; the state
 * must still hold nothing it should not.
 */
export async function runCase(engine: Engine, dialect: Dialect, plan: Planned): Promise<Outcome> {
  if (plan.kind !== 'planned') return { kind: plan.kind }
  await engine.reset()
  await engine.exec('CREATE TABLE canary (x integer)')
  const allowed = new Set([plan.from.tables[0]!.name, plan.to.tables[0]!.name])
  const enumName = plan.from.enums[0]?.name
  const steps: [readonly Statement[], Schema][] = [
    [plan.create, plan.from],
    [plan.migration.up, plan.to],
    [plan.migration.down, plan.from],
  ]
  for (const [statements, schema] of steps) {
    const ok = await runAll(engine, statements)
    const escapes = await inspect(engine, dialect, ok ? expected(schema) : undefined, allowed, enumName)
    if (!ok || escapes.length > 0) return { kind: 'ran', engineError: !ok, escapes }
  }
  return { kind: 'ran', engineError: false, escapes: [] }
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toLowerCase()

/** Table names through a client, hex-encoded so any character survives the line-based output. */
function clientTables(db: ClientDatabase, dialect: Dialect): string[] {
  const sql = {
    postgres:
      "SELECT encode(convert_to(relname, 'UTF8'), 'hex') FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')",
    mysql: 'SELECT LOWER(HEX(table_name)) FROM information_schema.tables WHERE table_schema = DATABASE()',
    sqlite: "SELECT lower(hex(name)) FROM sqlite_schema WHERE type = 'table'",
  }[dialect]
  return db.query(sql).map((h) => h.trim())
}

/**
 * Runs a planned case through a command-line client: the schema and the migration up as one script
 * (as `toSQL` writes it, comments included), then down. No marker file may appear, the canary must
 * survive, and the tables must be exactly the intended ones.
 */
export function runCaseThroughClient(db: ClientDatabase, dialect: Dialect, plan: Planned): Outcome {
  if (plan.kind !== 'planned') return { kind: plan.kind }
  const create = [{ sql: 'CREATE TABLE canary (x integer)' }, ...plan.create].map((s) => `${s.sql};\n`).join('')
  const escapes: string[] = []
  let engineError = false
  const steps: [string, Schema][] = [
    [create + toSQL(plan.migration), plan.to],
    [toSQL(plan.migration, { direction: 'down' }), plan.from],
  ]
  for (const [script, schema] of steps) {
    const ran = db.run(script)
    if (ran.strayFiles.length > 0) escapes.push(`files appeared: ${ran.strayFiles.join(', ')}`)
    const tables = clientTables(db, dialect)
    if (!tables.includes(hex('canary'))) escapes.push('the canary table is gone')
    const allowed = new Set([hex('canary'), hex(plan.from.tables[0]!.name), hex(plan.to.tables[0]!.name)])
    for (const t of tables)
      if (!allowed.has(t)) escapes.push(`unexpected table ${Buffer.from(t, 'hex').toString('utf8')}`)
    if (ran.status !== 0) {
      engineError = true
      break
    }
    if (!tables.includes(hex(schema.tables[0]!.name))) escapes.push('the intended table is missing')
    if (escapes.length > 0) break
  }
  return { kind: 'ran', engineError, escapes }
}

/** Counts of one engine's run: the figures docs/sql-safety.md reports. */
export interface Tally {
  cases: number
  invalid: number
  refused: number
  ran: number
  engineErrors: number
  escapes: number
  examples: string[]
}

export const emptyTally = (): Tally => ({
  cases: 0,
  invalid: 0,
  refused: 0,
  ran: 0,
  engineErrors: 0,
  escapes: 0,
  examples: [],
})

/** Adds one outcome to a tally, keeping the first few escapes as examples. */
export function count(tally: Tally, outcome: Outcome, label: string): void {
  tally.cases++
  if (outcome.kind !== 'ran') {
    tally[outcome.kind]++
    return
  }
  tally.ran++
  if (outcome.engineError) tally.engineErrors++
  if (outcome.escapes.length > 0) {
    tally.escapes++
    if (tally.examples.length < 5) tally.examples.push(`${label}: ${outcome.escapes.join('; ')}`)
  }
}
