import { SchemaLedgerError } from '../../errors.js'
import type { Routine, Trigger, View } from '../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../dialect.js'
import { qualifiedName, query } from '../render.js'

// MySQL/MariaDB views, triggers, procedures and functions. DEFINER is never written (the server
// makes the connecting user the definer). A view changes in place with CREATE OR REPLACE VIEW (views
// are bound late: nothing that reads it needs re-creating); triggers and routines are dropped and
// created again; a routine's comment, data access and SQL SECURITY change with ALTER. Bodies are
// checked to be one statement or one BEGIN ... END block (src/dialects/body-guard.ts).

/** Throws `unsupported_feature` listing the problems (`view:v.comment: ...`), if any. @internal */
export function refuse(problems: readonly string[]): void {
  if (problems.length === 0) return
  throw new SchemaLedgerError(
    'unsupported_feature',
    `MySQL/MariaDB cannot store ${problems.length === 1 ? 'this part' : 'these parts'} of the schema:\n${problems.map((p) => `  ${p}`).join('\n')}`,
  )
}

/** A problem for each field of `o` that is set although MySQL has no such thing. @internal */
export function absent<T extends object>(o: T, at: string, fields: readonly [keyof T, string][]): string[] {
  return fields.flatMap(([f, what]) => (o[f] === undefined ? [] : [`${at}.${String(f)}: ${what}: not in MySQL`]))
}

const nameOf = (ctx: GeneratorContext, o: { name: string; schema?: string }) =>
  qualifiedName(ctx.dialect, o.name, o.schema)

/** `CREATE [OR REPLACE] [ALGORITHM = ...] [SQL SECURITY INVOKER] VIEW name [(cols)] AS query [WITH ... CHECK OPTION]`. */
function viewSQL(v: View, ctx: GeneratorContext, replace: boolean): ObjectStatementDraft {
  refuse(
    absent(v, `view:${v.name}`, [
      ['materialized', 'a materialized view'],
      ['securityBarrier', 'security_barrier'],
      ['securityInvoker', 'security_invoker (SQL SECURITY is sqlSecurity)'],
      ['withNoData', 'WITH NO DATA'],
      ['indexes', 'indexes on a view'],
      ['comment', 'a view comment'],
      ['owner', "an owner role (owners are modelled as PostgreSQL's; a MySQL view has a DEFINER)"],
    ]),
  )
  const body = query(ctx.dialect, v.definition, `view ${v.name}: definition`)
  const algorithm = v.algorithm ? ` ALGORITHM = ${v.algorithm.toUpperCase()}` : ''
  const security = v.sqlSecurity ? ' SQL SECURITY INVOKER' : ''
  const columns = v.columns ? ` (${v.columns.map((c) => ctx.dialect.quoteIdentifier(c)).join(', ')})` : ''
  const check = v.checkOption ? ` WITH ${v.checkOption.toUpperCase()} CHECK OPTION` : ''
  return {
    sql: `CREATE${replace ? ' OR REPLACE' : ''}${algorithm}${security} VIEW ${nameOf(ctx, v)}${columns} AS ${body}${check}`,
  }
}

/** MySQL/MariaDB views: every change in place with CREATE OR REPLACE VIEW. */
export const mysqlViews: ObjectGenerator<'view'> = {
  create: (v, ctx) => [viewSQL(v, ctx, false)],
  drop: (v, ctx) => [{ sql: `DROP VIEW ${nameOf(ctx, v)}` }],
  alter: (change, ctx) => [viewSQL(change.after, ctx, true)],
}

/** The trigger this one FOLLOWS: the one of `order - 1` on the same table, timing and event. */
function follows(t: Trigger, ctx: GeneratorContext): string {
  if (t.order === undefined || t.order <= 1) return ''
  const before = (ctx.to?.triggers ?? []).find(
    (o) =>
      o.table === t.table &&
      o.schema === t.schema &&
      o.timing === t.timing &&
      o.events[0] === t.events[0] &&
      (o.order ?? 1) === (t.order as number) - 1,
  )
  return before ? ` FOLLOWS ${ctx.dialect.quoteIdentifier(before.name)}` : ''
}

/** `CREATE TRIGGER name BEFORE|AFTER event ON table FOR EACH ROW [FOLLOWS other] body`. */
function createTrigger(t: Trigger, ctx: GeneratorContext): ObjectStatementDraft[] {
  const at = `trigger:${t.table}.${t.name}`
  refuse([
    ...(t.events.length !== 1 ? [`${at}.events: one event per trigger in MySQL, not ${t.events.length}`] : []),
    ...(t.events.includes('truncate') ? [`${at}.events: TRUNCATE: not in MySQL`] : []),
    ...(t.timing === 'instead_of' ? [`${at}.timing: INSTEAD OF: not in MySQL`] : []),
    ...(t.body === undefined ? [`${at}.body: a trigger needs its body in MySQL`] : []),
    ...absent(t, at, [
      ['columns', 'UPDATE OF columns'],
      ['level', 'FOR EACH STATEMENT'],
      ['when', 'WHEN'],
      ['function', 'a trigger function'],
      ['arguments', 'trigger function arguments'],
      ['enabled', 'disabled triggers'],
      ['comment', 'a trigger comment'],
    ]),
  ])
  const body = ctx.dialect.checkBody?.(t.body as string, `trigger ${t.name}: body`) ?? (t.body as string)
  const table = qualifiedName(ctx.dialect, t.table, t.schema)
  const event = (t.events[0] as string).toUpperCase()
  return [
    {
      sql: `CREATE TRIGGER ${nameOf(ctx, t)} ${t.timing.toUpperCase()} ${event} ON ${table} FOR EACH ROW${follows(t, ctx)} ${body}`,
    },
  ]
}

/** MySQL/MariaDB triggers: a change drops and creates again. */
export const mysqlTriggers: ObjectGenerator<'trigger'> = {
  create: createTrigger,
  drop: (t, ctx) => [{ sql: `DROP TRIGGER ${nameOf(ctx, t)}` }],
}

const kindWord = (r: Routine) => (r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION')

const DATA_ACCESS = { no_sql: 'NO SQL', reads_sql_data: 'READS SQL DATA', modifies_sql_data: 'MODIFIES SQL DATA' }

/** Characteristics ALTER can change too: comment, data access, SQL SECURITY (written always: the model's default is INVOKER). */
function characteristics(r: Routine, ctx: GeneratorContext, alter = false): string {
  return [
    r.dataAccess ? DATA_ACCESS[r.dataAccess] : 'CONTAINS SQL',
    `SQL SECURITY ${r.securityDefiner ? 'DEFINER' : 'INVOKER'}`,
    // An empty comment is no comment (what ALTER writes to remove one).
    ...(r.comment === undefined && !alter ? [] : [`COMMENT ${ctx.dialect.quoteLiteral(r.comment ?? '')}`]),
  ].join(' ')
}

/** `CREATE PROCEDURE|FUNCTION name (args) [RETURNS type] [NOT] DETERMINISTIC characteristics body`. */
function createRoutine(r: Routine, ctx: GeneratorContext): ObjectStatementDraft[] {
  const at = `function:${r.name}`
  refuse([
    ...(r.language !== undefined && r.language.toLowerCase() !== 'sql'
      ? [`${at}.language: ${r.language}: MySQL routines are SQL`]
      : []),
    ...(r.kind !== 'procedure' && r.returns === undefined ? [`${at}.returns: a function needs RETURNS`] : []),
    ...(r.kind === 'procedure' && r.returns !== undefined ? [`${at}.returns: a procedure returns nothing`] : []),
    ...absent(r, at, [
      ['volatility', 'IMMUTABLE / STABLE (DETERMINISTIC is deterministic)'],
      ['strict', 'STRICT'],
      ['leakproof', 'LEAKPROOF'],
      ['parallel', 'PARALLEL'],
      ['cost', 'COST'],
      ['rows', 'ROWS'],
      ['config', 'SET settings'],
      ['bodyKind', "a SQL-standard body (PostgreSQL's BEGIN ATOMIC / RETURN)"],
      ['grants', "grants to roles (privileges are modelled as PostgreSQL's)"],
      ['publicExecute', "PUBLIC's EXECUTE (privileges are modelled as PostgreSQL's)"],
    ]),
  ])
  const args = r.arguments === '' ? '' : query(ctx.dialect, r.arguments, `routine ${r.name}: arguments`, 'clause')
  const returns =
    r.returns === undefined ? '' : ` RETURNS ${query(ctx.dialect, r.returns, `routine ${r.name}: returns`, 'clause')}`
  const body = ctx.dialect.checkBody?.(r.body, `routine ${r.name}: body`) ?? r.body
  const deterministic = r.deterministic ? 'DETERMINISTIC' : 'NOT DETERMINISTIC'
  return [
    {
      sql: `CREATE ${kindWord(r)} ${nameOf(ctx, r)}(${args})${returns} ${deterministic} ${characteristics(r, ctx)} ${body}`,
    },
  ]
}

const ALTERABLE = new Set(['comment', 'dataAccess', 'securityDefiner'])

/** MySQL/MariaDB procedures and functions: characteristics with ALTER, anything else drop and create. */
export const mysqlRoutines: ObjectGenerator<'function'> = {
  create: createRoutine,
  drop: (r, ctx) => [{ sql: `DROP ${kindWord(r)} ${nameOf(ctx, r)}` }],
  alter: (change, ctx) =>
    change.changes.every((f) => ALTERABLE.has(f))
      ? [
          {
            sql: `ALTER ${kindWord(change.after)} ${nameOf(ctx, change.after)} ${characteristics(change.after, ctx, true)}`,
          },
        ]
      : undefined,
}
