import { indexMeaning } from '../../../diff/semantic-keys.js'
import { SchemaLedgerError } from '../../../errors.js'
import { stableStringify } from '../../../model/assemble-table.js'
import type { Index, View } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { createIndexSQL, query } from '../../render.js'
import { tableName } from '../context.js'
import { ownerSQL } from '../security.js'

// Views and materialized views. A changed query is dropped and created again (CREATE OR REPLACE
// VIEW refuses to drop, rename or retype a column, and the planner re-creates the views that depend
// on this one around it); options and comments change in place. A materialized view's indexes are
// created after it (again whenever it is re-created: dropping it drops them) and otherwise change
// one by one.

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

const indexName = (ctx: GeneratorContext, v: View, x: Index) => x.name ?? ctx.dialect.indexName(v.name, x)

/** `CREATE INDEX ... ON` the materialized view, then its comment; its texts pass the index guards. */
function createIndex(ctx: GeneratorContext, v: View, x: Index): ObjectStatementDraft[] {
  const name = indexName(ctx, v, x)
  return [
    { sql: createIndexSQL(ctx.dialect, v.name, v.schema, { ...x, name }) },
    ...(x.comment === undefined ? [] : [indexComment(ctx, v, name, x.comment)]),
  ]
}

function indexComment(ctx: GeneratorContext, v: View, name: string, comment: string | undefined) {
  const text = comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(comment)
  return { sql: `COMMENT ON INDEX ${tableName(ctx, name, v.schema)} IS ${text}` }
}

/**
 * The index changes of a materialized view kept in place, by name: dropped, created (a changed one
 * both), or re-commented.
 */
function indexChanges(before: View, after: View, ctx: GeneratorContext): ObjectStatementDraft[] {
  const byName = (v: View) => new Map((v.indexes ?? []).map((x) => [indexName(ctx, v, x), x]))
  const [was, now] = [byName(before), byName(after)]
  const meaning = (x: Index) => stableStringify(indexMeaning(x))
  const drops: ObjectStatementDraft[] = []
  const creates: ObjectStatementDraft[] = []
  for (const [name, x] of was) {
    const next = now.get(name)
    if (next === undefined || meaning(next) !== meaning(x))
      drops.push({ sql: `DROP INDEX ${tableName(ctx, name, before.schema)}` })
  }
  for (const [name, x] of now) {
    const old = was.get(name)
    if (old === undefined || meaning(old) !== meaning(x)) creates.push(...createIndex(ctx, after, x))
    else if (old.comment !== x.comment) creates.push(indexComment(ctx, after, name, x.comment))
  }
  return [...drops, ...creates]
}

/**
 * `CREATE [MATERIALIZED] VIEW name [(columns)] [WITH (options)] AS query [WITH ... CHECK OPTION |
 * WITH NO DATA]`, then its comment and a materialized view's indexes. The query is checked to be
 * exactly one query first.
 */
function createViewSQL(v: View, ctx: GeneratorContext): ObjectStatementDraft[] {
  if (!v.materialized && (v.indexes ?? []).length > 0)
    throw new SchemaLedgerError(
      'unsupported_feature',
      `view ${v.name}: indexes: only a materialized view has indexes in PostgreSQL`,
    )
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
    ...(v.owner === undefined ? [] : [{ sql: ownerSQL(ctx, nameOf(ctx, v), v.owner, kindWord(v)) }]),
    ...(v.indexes ?? []).flatMap((x) => createIndex(ctx, v, x)),
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

const IN_PLACE = new Set(['comment', 'securityBarrier', 'securityInvoker', 'owner'])

/** PostgreSQL views and materialized views. */
export const postgresViews: ObjectGenerator<'view'> = {
  create: createViewSQL,
  drop: (v, ctx) => [{ sql: `DROP ${kindWord(v)} ${nameOf(ctx, v)}`, destructive: v.materialized === true }],
  alter: (change, ctx) => {
    const { before, after } = change
    if (!change.changes.every((f) => IN_PLACE.has(f)) || after.materialized) {
      // A materialized view's comment and indexes change in place; anything else re-creates it.
      if (!(after.materialized && change.changes.every((f) => f === 'comment' || f === 'indexes' || f === 'owner')))
        return undefined
    }
    return [
      ...optionChanges(before, after, ctx),
      ...(change.changes.includes('comment') ? [commentSQL(ctx, after)] : []),
      ...(change.changes.includes('indexes') ? indexChanges(before, after, ctx) : []),
      ...(change.changes.includes('owner') && after.owner !== undefined
        ? [{ sql: ownerSQL(ctx, nameOf(ctx, after), after.owner, kindWord(after)) }]
        : []),
    ]
  },
}
