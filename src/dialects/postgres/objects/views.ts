import type { View } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { query } from '../../render.js'
import { tableName } from '../context.js'

// Views and materialized views. A changed query is dropped and created again (CREATE OR REPLACE
// VIEW refuses to drop, rename or retype a column, and the planner re-creates the views that depend
// on this one around it); options and comments change in place.

const kindWord = (v: View) => (v.materialized ? 'MATERIALIZED VIEW' : 'VIEW')
const nameOf = (ctx: GeneratorContext, v: View) => tableName(ctx, v.name, v.schema)

/** `WITH (security_barrier, security_invoker)` options as `name=true`. */
function options(v: View): string[] {
  return [
    ...(v.securityBarrier ? ['security_barrier=true'] : []),
    ...(v.securityInvoker ? ['security_invoker=true'] : []),
  ]
}

function commentSQL(ctx: GeneratorContext, v: View): ObjectStatementDraft {
  const text = v.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(v.comment)
  return { sql: `COMMENT ON ${kindWord(v)} ${nameOf(ctx, v)} IS ${text}` }
}

/**
 * `CREATE [MATERIALIZED] VIEW name [(columns)] [WITH (options)] AS query [WITH ... CHECK OPTION |
 * WITH NO DATA]`, then its comment. The query is checked to be exactly one query first.
 */
function createViewSQL(v: View, ctx: GeneratorContext): ObjectStatementDraft[] {
  const body = query(ctx.dialect, v.definition, `view ${v.name}: definition`)
  const columns = v.columns ? ` (${v.columns.map((c) => ctx.dialect.quoteIdentifier(c)).join(', ')})` : ''
  const opts = options(v)
  const withOptions = opts.length > 0 ? ` WITH (${opts.join(', ')})` : ''
  const tail = v.materialized
    ? v.withNoData
      ? ' WITH NO DATA'
      : ''
    : v.checkOption
      ? ` WITH ${v.checkOption.toUpperCase()} CHECK OPTION`
      : ''
  return [
    { sql: `CREATE ${kindWord(v)} ${nameOf(ctx, v)}${columns}${withOptions} AS ${body}${tail}` },
    ...(v.comment === undefined ? [] : [commentSQL(ctx, v)]),
  ]
}

/** Option changes in place: `ALTER VIEW ... SET (...)` / `RESET (...)`. */
function optionChanges(before: View, after: View, ctx: GeneratorContext): ObjectStatementDraft[] {
  const out: ObjectStatementDraft[] = []
  const set: string[] = []
  const reset: string[] = []
  for (const [field, option] of [
    ['securityBarrier', 'security_barrier'],
    ['securityInvoker', 'security_invoker'],
  ] as const) {
    if (before[field] === after[field]) continue
    if (after[field]) set.push(`${option}=true`)
    else reset.push(option)
  }
  if (set.length > 0) out.push({ sql: `ALTER VIEW ${nameOf(ctx, after)} SET (${set.join(', ')})` })
  if (reset.length > 0) out.push({ sql: `ALTER VIEW ${nameOf(ctx, after)} RESET (${reset.join(', ')})` })
  return out
}

const IN_PLACE = new Set(['comment', 'securityBarrier', 'securityInvoker'])

/** PostgreSQL views and materialized views. */
export const postgresViews: ObjectGenerator<'view'> = {
  create: createViewSQL,
  drop: (v, ctx) => [{ sql: `DROP ${kindWord(v)} ${nameOf(ctx, v)}`, destructive: v.materialized === true }],
  alter: (change, ctx) => {
    const { before, after } = change
    if (!change.changes.every((f) => IN_PLACE.has(f)) || after.materialized) {
      // A materialized view's comment alone changes in place; anything else re-creates it.
      if (!(after.materialized && change.changes.every((f) => f === 'comment'))) return undefined
    }
    return [
      ...optionChanges(before, after, ctx),
      ...(change.changes.includes('comment') ? [commentSQL(ctx, after)] : []),
    ]
  },
}
