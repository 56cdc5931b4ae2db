import type { QueryFunction, Row } from '../introspect-types.js'

// MySQL/MariaDB views, triggers, procedures, functions and events from information_schema (VIEWS,
// TRIGGERS, ROUTINES, PARAMETERS, EVENTS), MariaDB's sequences from TABLES and the sequences themselves. The server keeps its own spelling: a view's query rewritten (qualified and
// backquoted; the database's own name is taken off here so two databases read alike), a routine's
// types as DTD_IDENTIFIER prints them. Two reads of the same objects are equal; a document written by
// hand compares equal once written in the server's spelling. DEFINER is never read.

type Doc = Record<string, unknown>

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
const byName = (a: Doc, b: Doc) => (str(a.name) < str(b.name) ? -1 : str(a.name) > str(b.name) ? 1 : 0)

/**
 * A query without the qualifier of its own database (`` `shop`.`orders`.`id` `` -> `` `orders`.`id` ``),
 * outside string literals.
 * @internal
 */
export function withoutDatabase(sql: string, database: string): string {
  const qualifier = `\`${database.replaceAll('`', '``')}\`.`
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] as string
    if (quote === undefined && ch === '`' && sql.startsWith(qualifier, i)) {
      i += qualifier.length - 1
      continue
    }
    if (quote === undefined && (ch === "'" || ch === '"' || ch === '`')) quote = ch
    else if (quote !== undefined && ch === '\\' && quote !== '`') {
      out += ch + (sql[i + 1] ?? '')
      i++
      continue
    } else if (ch === quote) quote = undefined
    out += ch
  }
  return out
}

async function readViews(query: QueryFunction, database: string): Promise<Doc[]> {
  let rows: readonly Row[]
  try {
    rows = await query(
      'SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?',
      [database],
    )
  } catch {
    // MySQL has no ALGORITHM column.
    rows = await query(
      'SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?',
      [database],
    )
  }
  return rows
    .map((r) => {
      const check = str(r.CHECK_OPTION).toLowerCase()
      const algorithm = str(r.ALGORITHM).toLowerCase()
      return {
        name: str(r.TABLE_NAME),
        definition: withoutDatabase(str(r.VIEW_DEFINITION).trim(), database),
        ...(check === 'local' || check === 'cascaded' ? { checkOption: check } : {}),
        ...(algorithm === 'merge' || algorithm === 'temptable' ? { algorithm } : {}),
        ...(str(r.SECURITY_TYPE).toUpperCase() === 'INVOKER' ? { sqlSecurity: 'invoker' } : {}),
      }
    })
    .sort(byName)
}

async function readTriggers(query: QueryFunction, database: string): Promise<Doc[]> {
  const rows = await query(
    `SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING, ACTION_STATEMENT, ACTION_ORDER
       FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?`,
    [database],
  )
  // The order matters only among triggers of the same table, timing and event.
  const group = (r: Row) =>
    `${str(r.EVENT_OBJECT_TABLE)}\u0000${str(r.ACTION_TIMING)}\u0000${str(r.EVENT_MANIPULATION)}`
  const sizes = new Map<string, number>()
  for (const r of rows) sizes.set(group(r), (sizes.get(group(r)) ?? 0) + 1)
  return rows
    .map((r) => ({
      name: str(r.TRIGGER_NAME),
      table: str(r.EVENT_OBJECT_TABLE),
      timing: str(r.ACTION_TIMING).toLowerCase(),
      events: [str(r.EVENT_MANIPULATION).toLowerCase()],
      body: str(r.ACTION_STATEMENT).trim(),
      ...((sizes.get(group(r)) ?? 0) > 1 ? { order: Number(r.ACTION_ORDER) } : {}),
    }))
    .sort(byName)
}

const DATA_ACCESS: Readonly<Record<string, string>> = {
  'NO SQL': 'no_sql',
  'READS SQL DATA': 'reads_sql_data',
  'MODIFIES SQL DATA': 'modifies_sql_data',
}

async function readRoutines(query: QueryFunction, database: string): Promise<Doc[]> {
  const rows = await query(
    `SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS,
            SECURITY_TYPE, ROUTINE_COMMENT
       FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
    [database],
  )
  const params = await query(
    `SELECT SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER
       FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? AND ORDINAL_POSITION > 0
      ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`,
    [database],
  )
  return rows
    .map((r) => {
      const procedure = str(r.ROUTINE_TYPE).toUpperCase() === 'PROCEDURE'
      const args = params
        .filter((p) => str(p.SPECIFIC_NAME) === str(r.ROUTINE_NAME) && str(p.ROUTINE_TYPE) === str(r.ROUTINE_TYPE))
        .map((p) =>
          [procedure ? str(p.PARAMETER_MODE) : '', `\`${str(p.PARAMETER_NAME)}\``, str(p.DTD_IDENTIFIER)]
            .filter((x) => x !== '')
            .join(' '),
        )
        .join(', ')
      const access = DATA_ACCESS[str(r.SQL_DATA_ACCESS).toUpperCase()]
      const comment = str(r.ROUTINE_COMMENT)
      return {
        name: str(r.ROUTINE_NAME),
        ...(procedure ? { kind: 'procedure' } : {}),
        arguments: args,
        ...(procedure ? {} : { returns: str(r.DTD_IDENTIFIER) }),
        body: str(r.ROUTINE_DEFINITION).trim(),
        ...(str(r.IS_DETERMINISTIC).toUpperCase() === 'YES' ? { deterministic: true } : {}),
        ...(access ? { dataAccess: access } : {}),
        ...(str(r.SECURITY_TYPE).toUpperCase() === 'DEFINER' ? { securityDefiner: true } : {}),
        ...(comment === '' ? {} : { comment }),
      }
    })
    .sort(byName)
}

const dateTime = (column: string) => `DATE_FORMAT(${column}, '%Y-%m-%d %H:%i:%s') AS ${column}`

const EVENT_STATUS: Readonly<Record<string, string>> = {
  DISABLED: 'disabled',
  SLAVESIDE_DISABLED: 'disabled_on_slave',
  // MySQL 8.0.22+ spelling.
  REPLICA_SIDE_DISABLED: 'disabled_on_slave',
}

/**
 * A recurring event's schedule. The server fills in STARTS when none is stated (the time the schedule
 * is set: creation or an ALTER EVENT ON SCHEDULE), so a STARTS equal to CREATED or LAST_ALTERED (in
 * one time zone) is read as not stated (the planner sets the schedule again in every ALTER of such an event). The
 * interval's value comes quoted when it is not a number (`'1 4'`): read without its quotes.
 */
function eventSchedule(r: Row): Doc {
  if (str(r.EVENT_TYPE).toUpperCase() === 'ONE TIME') return { at: str(r.EXECUTE_AT) }
  const starts = str(r.STARTS)
  // STARTS is shown in the event's time zone, CREATED and LAST_ALTERED in the session's: compared
  // in the session's (as shown when the server cannot convert, a named zone without its tables).
  const local = str(r.STARTS_SESSION) || starts
  const stated = starts !== '' && local !== str(r.CREATED) && local !== str(r.LAST_ALTERED)
  return {
    every: str(r.INTERVAL_VALUE).replace(/^'(.*)'$/s, '$1'),
    unit: str(r.INTERVAL_FIELD).toLowerCase(),
    ...(stated ? { starts } : {}),
    ...(str(r.ENDS) === '' ? {} : { ends: str(r.ENDS) }),
  }
}

async function readEvents(query: QueryFunction, database: string): Promise<Doc[]> {
  const rows = await query(
    `SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, STATUS, ON_COMPLETION,
            EVENT_COMMENT, ${['EXECUTE_AT', 'STARTS', 'ENDS', 'CREATED', 'LAST_ALTERED'].map(dateTime).join(', ')},
            DATE_FORMAT(CONVERT_TZ(STARTS, TIME_ZONE, @@session.time_zone), '%Y-%m-%d %H:%i:%s') AS STARTS_SESSION
       FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
    [database],
  )
  return rows
    .map((r) => {
      const status = EVENT_STATUS[str(r.STATUS).toUpperCase()]
      const comment = str(r.EVENT_COMMENT)
      return {
        name: str(r.EVENT_NAME),
        schedule: eventSchedule(r),
        ...(str(r.ON_COMPLETION).toUpperCase() === 'PRESERVE' ? { preserve: true } : {}),
        ...(status ? { status } : {}),
        ...(comment === '' ? {} : { comment }),
        body: str(r.EVENT_DEFINITION).trim(),
      }
    })
    .sort(byName)
}

const MARIADB_MAX = '9223372036854775806'
const MARIADB_MIN = '-9223372036854775807'

/**
 * MariaDB's sequences (TABLES of type SEQUENCE; their options from a SELECT of the sequence itself,
 * as text: bounds reach 2^63). An option is left out when it is the model's default, and so are the
 * bounds of the type that MariaDB cannot reach (its maximum is 2^63 - 2, its minimum -(2^63 - 1)): a
 * sequence created without them reads back without them. The cache is read as it is (MariaDB's
 * default is 1000, the model's 1: the planner always writes it).
 */
async function readSequences(query: QueryFunction, database: string): Promise<Doc[]> {
  const tables = await query(
    "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE'",
    [database],
  )
  const quoted = (name: string) => `\`${name.replaceAll('`', '``')}\``
  const out: Doc[] = []
  for (const t of tables) {
    const name = str(t.TABLE_NAME)
    const [r] = await query(
      `SELECT CAST(minimum_value AS CHAR) AS min, CAST(maximum_value AS CHAR) AS max, CAST(start_value AS CHAR) AS start,
              CAST(increment AS CHAR) AS step, CAST(cache_size AS CHAR) AS cache, cycle_option AS cycle
         FROM ${quoted(database)}.${quoted(name)}`,
    )
    if (r === undefined) continue
    const increment = str(r.step)
    const ascending = !increment.startsWith('-')
    const min = str(r.min)
    const max = str(r.max)
    const minValue = min === (ascending ? '1' : MARIADB_MIN) ? undefined : min
    const maxValue = max === (ascending ? MARIADB_MAX : '-1') ? undefined : max
    const start = str(r.start)
    const defaultStart = ascending ? (minValue ?? '1') : (maxValue ?? '-1')
    const comment = str(t.TABLE_COMMENT)
    out.push({
      name,
      ...(start === defaultStart ? {} : { start }),
      ...(increment === '1' ? {} : { increment }),
      ...(minValue === undefined ? {} : { minValue }),
      ...(maxValue === undefined ? {} : { maxValue }),
      ...(str(r.cache) === '1' ? {} : { cache: str(r.cache) }),
      ...(Number(r.cycle) === 1 ? { cycle: true } : {}),
      ...(comment === '' ? {} : { comment }),
    })
  }
  return out.sort(byName)
}

/**
 * The sequences, views, triggers, routines and events of one database, as the document's lists (absent when empty).
 * @internal
 */
export async function readMysqlObjects(query: QueryFunction, database: string): Promise<Doc> {
  const [sequences, views, triggers, functions, events] = await Promise.all([
    readSequences(query, database),
    readViews(query, database),
    readTriggers(query, database),
    readRoutines(query, database),
    readEvents(query, database),
  ])
  return {
    ...(sequences.length > 0 ? { sequences } : {}),
    ...(functions.length > 0 ? { functions } : {}),
    ...(views.length > 0 ? { views } : {}),
    ...(triggers.length > 0 ? { triggers } : {}),
    ...(events.length > 0 ? { events } : {}),
  }
}
