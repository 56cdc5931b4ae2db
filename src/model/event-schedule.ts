import { EVENT_UNITS } from './object-description.js'
import type { EventSchedule } from './types.js'

/**
 * What is wrong with an event's schedule that its fields alone cannot say, as `[field, problem]`
 * (field under `schedule`, empty for the schedule itself): one of `at` (one time) or `every` (recurring),
 * `every` with its `unit`, `starts` and `ends` only for a recurring event. Read by the document
 * reader (issues with paths) and the MySQL generator (a schedule built in code). @internal
 */
export function eventScheduleProblems(s: EventSchedule): [field: string, problem: string][] {
  const out: [string, string][] = []
  if ((s.at === undefined) === (s.every === undefined))
    out.push(['', 'needs one of at (one time) or every (recurring), not both'])
  // The reader checks it already; a schedule built in code is written from it.
  if (s.unit !== undefined && !(EVENT_UNITS as readonly string[]).includes(s.unit))
    out.push(['unit', `${JSON.stringify(s.unit)} is not an interval unit`])
  if ((s.every === undefined) !== (s.unit === undefined))
    out.push(['unit', 'every needs its unit, and a unit needs every'])
  if (s.at !== undefined && (s.starts !== undefined || s.ends !== undefined))
    out.push(['', 'starts and ends are for a recurring event (every), not one at a time'])
  return out
}
