import { eventScheduleProblems } from '../../model/event-schedule.js'
import type { EventSchedule, ScheduledEvent } from '../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../dialect.js'
import { qualifiedName } from '../render.js'
import { refuse } from './objects.js'

// MySQL/MariaDB scheduled events: CREATE EVENT with the schedule, completion, status, comment and
// body the document states (DEFINER never written: the server makes the connecting user the
// definer), every change in place with ALTER EVENT but taking ENDS away (which ALTER cannot: the
// event is dropped and created again). A recurring event without STARTS starts when its
// schedule is set: the server fills in that time, and introspection reads a STARTS equal to the
// event's creation or last alteration as not stated. So every ALTER of such an event sets its
// schedule again, and the STARTS it reads back stays the time of the last alteration.

const nameOf = (ctx: GeneratorContext, e: ScheduledEvent) => qualifiedName(ctx.dialect, e.name, e.schema)

/** A schedule's problems, naming its fields (a schedule built in code; documents are checked when read). */
const scheduleProblems = (s: EventSchedule, at: string) =>
  eventScheduleProblems(s).map(([field, problem]) => `${at}.schedule${field === '' ? '' : `.${field}`}: ${problem}`)

/** `AT '...'` or `EVERY n UNIT [STARTS '...'] [ENDS '...']`: times and values checked by the model's patterns. */
function scheduleSQL(s: EventSchedule, ctx: GeneratorContext): string {
  if (s.at !== undefined) return `AT ${ctx.dialect.quoteLiteral(s.at)}`
  const value = /^\d+$/.test(s.every as string) ? (s.every as string) : ctx.dialect.quoteLiteral(s.every as string)
  return [
    `EVERY ${value} ${(s.unit as string).toUpperCase()}`,
    ...(s.starts === undefined ? [] : [`STARTS ${ctx.dialect.quoteLiteral(s.starts)}`]),
    ...(s.ends === undefined ? [] : [`ENDS ${ctx.dialect.quoteLiteral(s.ends)}`]),
  ].join(' ')
}

const STATUS = { disabled: 'DISABLE', disabled_on_slave: 'DISABLE ON SLAVE' } as const

const completionSQL = (e: ScheduledEvent) => `ON COMPLETION ${e.preserve ? '' : 'NOT '}PRESERVE`
const statusSQL = (e: ScheduledEvent) => (e.status ? STATUS[e.status] : 'ENABLE')
const bodySQL = (e: ScheduledEvent, ctx: GeneratorContext) =>
  ctx.dialect.checkBody?.(e.body, `event ${e.name}: body`) ?? e.body

/** `CREATE EVENT name ON SCHEDULE ... ON COMPLETION [NOT] PRESERVE ENABLE|DISABLE [COMMENT '...'] DO body`. */
function createEvent(e: ScheduledEvent, ctx: GeneratorContext): ObjectStatementDraft[] {
  refuse(scheduleProblems(e.schedule, `event:${e.name}`))
  const comment = e.comment === undefined ? '' : ` COMMENT ${ctx.dialect.quoteLiteral(e.comment)}`
  return [
    {
      sql: `CREATE EVENT ${nameOf(ctx, e)} ON SCHEDULE ${scheduleSQL(e.schedule, ctx)} ${completionSQL(e)} ${statusSQL(e)}${comment} DO ${bodySQL(e, ctx)}`,
    },
  ]
}

/** `ALTER EVENT name` with the clauses of the changed fields (the schedule also when it has no STARTS). */
function alterEvent(
  change: { readonly after: ScheduledEvent; readonly changes: readonly string[] },
  ctx: GeneratorContext,
): ObjectStatementDraft[] {
  const e = change.after
  refuse(scheduleProblems(e.schedule, `event:${e.name}`))
  const has = (f: string) => change.changes.includes(f)
  const restartsNow = e.schedule.every !== undefined && e.schedule.starts === undefined
  const clauses = [
    ...(has('schedule') || restartsNow ? [`ON SCHEDULE ${scheduleSQL(e.schedule, ctx)}`] : []),
    ...(has('preserve') ? [completionSQL(e)] : []),
    ...(has('status') ? [statusSQL(e)] : []),
    // An empty comment is no comment (what removes one).
    ...(has('comment') ? [`COMMENT ${ctx.dialect.quoteLiteral(e.comment ?? '')}`] : []),
    ...(has('body') ? [`DO ${bodySQL(e, ctx)}`] : []),
  ]
  return [{ sql: `ALTER EVENT ${nameOf(ctx, e)} ${clauses.join(' ')}` }]
}

/** MySQL/MariaDB scheduled events: created, dropped, and changed in place with ALTER EVENT. */
export const mysqlEvents: ObjectGenerator<'event'> = {
  create: createEvent,
  drop: (e, ctx) => [{ sql: `DROP EVENT ${nameOf(ctx, e)}` }],
  // ALTER EVENT cannot take ENDS away (a new schedule without one keeps the old): drop and create.
  alter: (change, ctx) =>
    change.before.schedule.ends !== undefined && change.after.schedule.ends === undefined
      ? undefined
      : alterEvent(change, ctx),
}
