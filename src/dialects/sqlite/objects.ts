import type { Trigger, View } from '../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../dialect.js'
import { expression, query } from '../render.js'
import { unsupported } from './subset.js'

// SQLite views and triggers. SQLite has no ALTER VIEW or ALTER TRIGGER: every change drops the object
// and creates it again (the planner re-creates what depends on it). The texts are checked before any
// SQL is written: a view's query is one query, a trigger's WHEN one expression, its body one
// `BEGIN ... END` block (src/dialects/body-guard.ts).

const q = (ctx: GeneratorContext, name: string) => ctx.dialect.quoteIdentifier(name)

/** The parts of a view SQLite cannot store, by field. */
function viewProblems(v: View): string[] {
  const at = `view:${v.name}`
  const fields: [keyof View, string][] = [
    ['schema', 'a namespace'],
    ['materialized', 'a materialized view'],
    ['checkOption', 'WITH CHECK OPTION'],
    ['securityBarrier', 'security_barrier'],
    ['securityInvoker', 'security_invoker'],
    ['withNoData', 'WITH NO DATA'],
    ['indexes', 'indexes on a view'],
    ['algorithm', 'ALGORITHM'],
    ['sqlSecurity', 'SQL SECURITY'],
    ['comment', 'a comment'],
    ['owner', 'an owner role'],
  ]
  return fields.flatMap(([f, what]) => (v[f] === undefined ? [] : [`${at}.${f}: ${what}: not in SQLite`]))
}

/** The parts of a trigger SQLite cannot store, by field. */
function triggerProblems(t: Trigger): string[] {
  const at = `trigger:${t.table}.${t.name}`
  const out: string[] = []
  if (t.events.length !== 1) out.push(`${at}.events: one event per trigger in SQLite, not ${t.events.length}`)
  if (t.events.includes('truncate')) out.push(`${at}.events: TRUNCATE: not in SQLite`)
  if (t.columns !== undefined && !t.events.includes('update')) out.push(`${at}.columns: OF columns is for UPDATE`)
  if (t.body === undefined) out.push(`${at}.body: a trigger needs its BEGIN ... END body in SQLite`)
  const fields: [keyof Trigger, string][] = [
    ['schema', 'a namespace'],
    ['level', 'FOR EACH STATEMENT'],
    ['function', 'a trigger function'],
    ['arguments', 'trigger function arguments'],
    ['enabled', 'disabled triggers'],
    ['order', 'FOLLOWS / PRECEDES'],
    ['comment', 'a comment'],
  ]
  for (const [f, what] of fields) if (t[f] !== undefined) out.push(`${at}.${f}: ${what}: not in SQLite`)
  return out
}

function check(problems: string[]): void {
  if (problems.length > 0) throw unsupported(problems)
}

/** `CREATE VIEW "name" [("col", ...)] AS query`. */
function createView(v: View, ctx: GeneratorContext): ObjectStatementDraft[] {
  check(viewProblems(v))
  const body = query(ctx.dialect, v.definition, `view ${v.name}: definition`)
  const columns = v.columns ? ` (${v.columns.map((c) => q(ctx, c)).join(', ')})` : ''
  return [{ sql: `CREATE VIEW ${q(ctx, v.name)}${columns} AS ${body}` }]
}

const TIMING = { before: 'BEFORE', after: 'AFTER', instead_of: 'INSTEAD OF' } as const

/** `CREATE TRIGGER "name" timing event [OF cols] ON "table" FOR EACH ROW [WHEN expr] BEGIN ... END`. */
function createTrigger(t: Trigger, ctx: GeneratorContext): ObjectStatementDraft[] {
  check(triggerProblems(t))
  const event = (t.events[0] as string).toUpperCase()
  const columns = t.columns ? ` OF ${t.columns.map((c) => q(ctx, c)).join(', ')}` : ''
  const when = t.when === undefined ? '' : ` WHEN ${expression(ctx.dialect, t.when, `trigger ${t.name}: when`)}`
  const body = ctx.dialect.checkBody?.(t.body as string, `trigger ${t.name}: body`) ?? (t.body as string)
  return [
    {
      sql: `CREATE TRIGGER ${q(ctx, t.name)} ${TIMING[t.timing]} ${event}${columns} ON ${q(ctx, t.table)} FOR EACH ROW${when} ${body}`,
    },
  ]
}

/** SQLite views: created and dropped; a change drops and creates again. */
export const sqliteViews: ObjectGenerator<'view'> = {
  create: createView,
  drop: (v, ctx) => [{ sql: `DROP VIEW ${q(ctx, v.name)}` }],
}

/** SQLite triggers: created and dropped; a change drops and creates again. */
export const sqliteTriggers: ObjectGenerator<'trigger'> = {
  create: createTrigger,
  drop: (t, ctx) => [{ sql: `DROP TRIGGER ${q(ctx, t.name)}` }],
}
