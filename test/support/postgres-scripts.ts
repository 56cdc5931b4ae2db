import type { Engine } from '../engines/engines.js'

// SQL scripts on a PostgreSQL engine as a person would run them: split into statements, loaded in
// any order that works, and a database emptied completely between uses.

/**
 * Splits a script into statements at `;` outside quotes, dollar quotes, comments and `BEGIN ATOMIC`
 * bodies, so each runs on
 * its own (CREATE INDEX CONCURRENTLY cannot run inside the implicit transaction of a multi-statement
 * string).
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = []
  let start = 0
  let i = 0
  let atomic = 0
  const skipTo = (end: number) => {
    i = end < 0 ? sql.length : end
  }
  while (i < sql.length) {
    const ch = sql[i] as string
    const rest = sql.slice(i)
    if (ch === "'" || ch === '"') {
      let j = i + 1
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1
      skipTo(j + 1)
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(rest)) {
      const tag = (/^\$[A-Za-z_]*\$/.exec(rest) as RegExpExecArray)[0]
      const end = sql.indexOf(tag, i + tag.length)
      skipTo(end < 0 ? -1 : end + tag.length)
    } else if (rest.startsWith('--')) skipTo(sql.indexOf('\n', i))
    else if (rest.startsWith('/*')) skipTo(sql.indexOf('*/', i) < 0 ? -1 : sql.indexOf('*/', i) + 2)
    else if (/[A-Za-z_]/.test(ch) && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      // A SQL-standard body's `;` stay in it: BEGIN ATOMIC ... END, CASE ... END nested inside.
      const word = (/^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest) as RegExpExecArray)[0].toLowerCase()
      if (word === 'begin' && /^begin\s+atomic\b/i.test(rest)) atomic++
      else if (word === 'case' && atomic > 0) atomic++
      else if (word === 'end' && atomic > 0) atomic--
      skipTo(i + word.length)
    } else if (ch === ';' && atomic > 0) i++
    else if (ch === ';') {
      out.push(sql.slice(start, i))
      start = ++i
    } else i++
  }
  out.push(sql.slice(start))
  return out.map((x) => x.trim()).filter((x) => x.replace(/--[^\n]*/g, '').trim() !== '')
}

/**
 * Loads a script statement by statement. A statement that fails (a foreign key to a table created
 * further down, as sqldef reorders) is retried after the others, until no more succeed.
 */
export async function load(engine: Engine, sql: string): Promise<void> {
  let pending = splitStatements(sql)
  let lastError: unknown
  while (pending.length > 0) {
    const failed: string[] = []
    for (const statement of pending) {
      try {
        await engine.exec(statement)
      } catch (error) {
        failed.push(statement)
        lastError = error
      }
    }
    if (failed.length === pending.length) throw lastError
    pending = failed
  }
}

/** Empties a database completely: session settings, every user namespace, then a fresh `public`. */
export async function wipe(engine: Engine): Promise<void> {
  await engine.exec('RESET ALL')
  const namespaces = await engine.query(
    `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`,
  )
  for (const row of namespaces) await engine.exec(`DROP SCHEMA "${String(row.nspname).replaceAll('"', '""')}" CASCADE`)
  await engine.reset()
}
