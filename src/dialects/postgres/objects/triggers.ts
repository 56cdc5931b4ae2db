import { UnsafeExpressionError } from '../../../errors.js'
import type { Trigger } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { expression } from '../../render.js'
import { tableName } from '../context.js'

// Triggers. Whether a trigger fires (`ENABLE`, `DISABLE`, `ENABLE REPLICA | ALWAYS`) and its comment
// change in place; anything else drops it and creates it again (PostgreSQL 15 has no CREATE OR
// REPLACE for constraint triggers and it would change nothing here). The planner also re-creates a
// trigger whose function is dropped and created again, or whose table is disturbed.

const onTable = (ctx: GeneratorContext, t: Trigger) => tableName(ctx, t.table, t.schema)
const quoted = (ctx: GeneratorContext, t: Trigger) => ctx.dialect.quoteIdentifier(t.name)

const TIMING = { before: 'BEFORE', after: 'AFTER', instead_of: 'INSTEAD OF' } as const
const EVENT_ORDER = ['insert', 'update', 'delete', 'truncate'] as const
const ENABLE = {
  origin: 'ENABLE',
  disabled: 'DISABLE',
  replica: 'ENABLE REPLICA',
  always: 'ENABLE ALWAYS',
} as const

/** The function a trigger executes, each part quoted (`"audit"."log_change"`). */
function functionName(ctx: GeneratorContext, t: Trigger): string {
  const fn = t.function
  if (fn === undefined || fn.trim() === '')
    throw new UnsafeExpressionError(
      `trigger ${t.table}.${t.name}: function`,
      'missing: a PostgreSQL trigger executes a function',
      '',
    )
  const dot = fn.indexOf('.')
  return dot < 0 ? ctx.dialect.quoteIdentifier(fn) : tableName(ctx, fn.slice(dot + 1), fn.slice(0, dot))
}

/** `BEFORE INSERT OR UPDATE OF "a" ON "t" FOR EACH ROW WHEN (...) EXECUTE FUNCTION "f"('x')`. */
function createTriggerSQL(t: Trigger, ctx: GeneratorContext): string {
  const d = ctx.dialect
  const events = EVENT_ORDER.filter((e) => t.events.includes(e)).map((e) =>
    e === 'update' && t.columns && t.columns.length > 0
      ? `UPDATE OF ${t.columns.map((c) => d.quoteIdentifier(c)).join(', ')}`
      : e.toUpperCase(),
  )
  const when = t.when === undefined ? '' : ` WHEN (${expression(d, t.when, `trigger ${t.table}.${t.name}: when`)})`
  const args = (t.arguments ?? []).map((a) => d.quoteLiteral(a)).join(', ')
  return (
    `CREATE TRIGGER ${quoted(ctx, t)} ${TIMING[t.timing]} ${events.join(' OR ')} ON ${onTable(ctx, t)}` +
    ` FOR EACH ${t.level === 'statement' ? 'STATEMENT' : 'ROW'}${when} EXECUTE FUNCTION ${functionName(ctx, t)}(${args})`
  )
}

const enabledSQL = (ctx: GeneratorContext, t: Trigger): ObjectStatementDraft => ({
  sql: `ALTER TABLE ${onTable(ctx, t)} ${ENABLE[t.enabled ?? 'origin']} TRIGGER ${quoted(ctx, t)}`,
})

function commentSQL(ctx: GeneratorContext, t: Trigger): ObjectStatementDraft {
  const text = t.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(t.comment)
  return { sql: `COMMENT ON TRIGGER ${quoted(ctx, t)} ON ${onTable(ctx, t)} IS ${text}` }
}

const IN_PLACE = new Set(['enabled', 'comment'])

/** PostgreSQL triggers. */
export const postgresTriggers: ObjectGenerator<'trigger'> = {
  create: (t, ctx) => [
    { sql: createTriggerSQL(t, ctx) },
    ...(t.enabled === undefined ? [] : [enabledSQL(ctx, t)]),
    ...(t.comment === undefined ? [] : [commentSQL(ctx, t)]),
  ],
  // Runs before the table changes (stage dropDependents), so also before a DROP TABLE that would drop it.
  drop: (t, ctx) => [{ sql: `DROP TRIGGER ${quoted(ctx, t)} ON ${onTable(ctx, t)}` }],
  alter: (change, ctx) => {
    if (!change.changes.every((f) => IN_PLACE.has(f))) return undefined
    return [
      ...(change.changes.includes('enabled') ? [enabledSQL(ctx, change.after)] : []),
      ...(change.changes.includes('comment') ? [commentSQL(ctx, change.after)] : []),
    ]
  },
}
