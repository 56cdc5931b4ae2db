import { UnsafeExpressionError } from '../../../errors.js'
import type { Sequence } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { Stage } from '../../types.js'
import { tableKey, tableName } from '../context.js'
import { columnSequenceName } from '../names.js'
import { objectGrantsSQL } from './object-grants.js'

// Sequences: CREATE SEQUENCE with the options the document states (before the tables, whose
// defaults may call nextval of them), OWNED BY once its table exists, option changes in place with
// ALTER SEQUENCE, privileges with GRANT and REVOKE. A sequence owned by a table this plan drops goes with the table.

const nameOf = (ctx: GeneratorContext, s: Sequence) => tableName(ctx, s.name, s.schema)

const grantsOf = (ctx: GeneratorContext, s: Sequence, before: Sequence['grants']) =>
  objectGrantsSQL(ctx, 'sequence', `sequence ${s.name}`, `SEQUENCE ${nameOf(ctx, s)}`, before, s.grants)

/** The owning column split into table (maybe qualified) and column. */
function owner(s: Sequence): { table: string; schema?: string; column: string } | undefined {
  if (s.ownedBy === undefined) return undefined
  const parts = s.ownedBy.split('.')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === ''))
    throw new UnsafeExpressionError(`sequence ${s.name}: ownedBy`, 'not table.column or schema.table.column', s.ownedBy)
  const column = parts.at(-1) as string
  const table = parts.at(-2) as string
  return parts.length === 3 ? { schema: parts[0] as string, table, column } : { table, column }
}

function ownedBySQL(ctx: GeneratorContext, s: Sequence): ObjectStatementDraft {
  const o = owner(s)
  const target = o ? `${tableName(ctx, o.table, o.schema)}.${ctx.dialect.quoteIdentifier(o.column)}` : 'NONE'
  // After the tables: the owning column may be created by this plan.
  return { sql: `ALTER SEQUENCE ${nameOf(ctx, s)} OWNED BY ${target}`, stage: Stage.createDependents }
}

function commentSQL(ctx: GeneratorContext, s: Sequence): ObjectStatementDraft {
  const text = s.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(s.comment)
  return { sql: `COMMENT ON SEQUENCE ${nameOf(ctx, s)} IS ${text}` }
}

/** The option clauses a document states (`AS integer`, `INCREMENT BY 5`, ...). Values are integer text (checked by the model). */
function options(s: Sequence): string[] {
  return [
    ...(s.type ? [`AS ${s.type}`] : []),
    ...(s.increment ? [`INCREMENT BY ${s.increment}`] : []),
    ...(s.minValue ? [`MINVALUE ${s.minValue}`] : []),
    ...(s.maxValue ? [`MAXVALUE ${s.maxValue}`] : []),
    ...(s.start ? [`START WITH ${s.start}`] : []),
    ...(s.cache ? [`CACHE ${s.cache}`] : []),
    ...(s.cycle ? ['CYCLE'] : []),
  ]
}

/**
 * The clauses that take a sequence from `before`'s options to `after`'s: a stated option, or its
 * default back (`NO MINVALUE`, `AS bigint`, ...). `START WITH` without a value is the minimum (the
 * maximum when descending), as in CREATE SEQUENCE.
 */
function optionChanges(after: Sequence, fields: readonly string[]): string[] {
  const out: string[] = []
  const has = (f: string) => fields.includes(f)
  if (has('type')) out.push(`AS ${after.type ?? 'bigint'}`)
  if (has('increment')) out.push(`INCREMENT BY ${after.increment ?? '1'}`)
  if (has('minValue')) out.push(after.minValue ? `MINVALUE ${after.minValue}` : 'NO MINVALUE')
  if (has('maxValue')) out.push(after.maxValue ? `MAXVALUE ${after.maxValue}` : 'NO MAXVALUE')
  if (has('start')) out.push(after.start ? `START WITH ${after.start}` : defaultStart(after))
  if (has('cache')) out.push(`CACHE ${after.cache ?? '1'}`)
  if (has('cycle')) out.push(after.cycle ? 'CYCLE' : 'NO CYCLE')
  return out
}

/** `START WITH` the value CREATE SEQUENCE would pick: the minimum, or the maximum when descending. */
function defaultStart(s: Sequence): string {
  const ascending = !(s.increment ?? '1').startsWith('-')
  return `START WITH ${ascending ? (s.minValue ?? '1') : (s.maxValue ?? '-1')}`
}

const OPTION_FIELDS = new Set(['type', 'increment', 'minValue', 'maxValue', 'start', 'cache', 'cycle'])

/**
 * Whether a column change of this plan hands the sequence over: a serial column that stops being
 * serial keeps its sequence (`OWNED BY NONE`, the alter-column generator writes it) when `to` lists
 * that sequence, and a column that becomes serial adopts a listed one that goes (`OWNED BY column`).
 * Such a sequence is neither created nor dropped.
 */
function handedOver(s: Sequence, ctx: GeneratorContext, verb: 'create' | 'drop'): boolean {
  return ctx.changes.some(
    (c) =>
      c.kind === 'alter_column' &&
      c.schema === s.schema &&
      (verb === 'create'
        ? c.before.autoincrement && !c.after.autoincrement
        : !c.before.autoincrement && c.after.autoincrement) &&
      columnSequenceName(c.table, verb === 'create' ? c.before : c.after) === s.name,
  )
}

/** PostgreSQL sequences. */
export const postgresSequences: ObjectGenerator<'sequence'> = {
  create: (s, ctx) => {
    if (handedOver(s, ctx, 'create')) return []
    const opts = options(s)
    return [
      { sql: `CREATE SEQUENCE ${nameOf(ctx, s)}${opts.length > 0 ? ` ${opts.join(' ')}` : ''}` },
      ...(s.ownedBy === undefined ? [] : [ownedBySQL(ctx, s)]),
      ...(s.comment === undefined ? [] : [commentSQL(ctx, s)]),
      ...grantsOf(ctx, s, []),
    ]
  },
  drop: (s, ctx) => {
    if (handedOver(s, ctx, 'drop')) return []
    const o = owner(s)
    // DROP TABLE drops the sequences its columns own, and runs before this stage.
    if (o && ctx.droppedTables.some((t) => tableKey(t.name, t.schema) === tableKey(o.table, o.schema))) return []
    return [{ sql: `DROP SEQUENCE ${nameOf(ctx, s)}` }]
  },
  alter: (change, ctx) => {
    const { after } = change
    const fields = change.changes as readonly string[]
    const opts = optionChanges(
      after,
      fields.filter((f) => OPTION_FIELDS.has(f)),
    )
    return [
      ...(opts.length > 0 ? [{ sql: `ALTER SEQUENCE ${nameOf(ctx, after)} ${opts.join(' ')}` }] : []),
      ...(fields.includes('ownedBy') ? [ownedBySQL(ctx, after)] : []),
      ...(fields.includes('comment') ? [commentSQL(ctx, after)] : []),
      ...(fields.includes('grants') ? grantsOf(ctx, after, change.before.grants) : []),
    ]
  },
}
