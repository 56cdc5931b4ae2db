import type { Engine } from '../engines/engines.js'

// A SQLite database's schema as SQLite itself reports it, for judging a migration without
// schemaledger's introspection: one line per fact. Two databases hold the same schema when their
// lines are equal. The pragmas give tables (STRICT, WITHOUT ROWID: table_list), columns in order
// with declared type, NOT NULL, default, key position and hidden kind (table_xinfo: 2 = VIRTUAL and
// 3 = STORED generated), indexes with their origin and every key column with its order and collation
// (index_list, index_xinfo), and foreign keys (foreign_key_list). What only the CREATE text holds is
// read from sqlite_schema, normalised (see `normaliseSql`): views, triggers and CREATE INDEX
// statements whole; of a CREATE TABLE, its CHECK constraints, constraint names, column collations,
// generated expressions and AUTOINCREMENT. Internal tables (sqlite_%) are left out.

/** One SQL token as the judge reads it: a string literal, a quoted or bare name, or one other character. */
const TOKEN =
  /--[^\n]*|\/\*.*?(?:\*\/|$)|'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d+)?|\s+|./gs

/**
 * SQL text in a form that two spellings of one statement share: names unquoted and lower case
 * (SQLite compares them without case), keywords lower case, string literals as written, one space
 * between words and none around punctuation.
 *
 * @example
 * ```ts
 * normaliseSql('CREATE VIEW "V" AS SELECT  a FROM t') === normaliseSql('create view v as select a from "T"')
 * ```
 */
export function normaliseSql(sql: string): string {
  const tokens = (sql.match(TOKEN) ?? []).filter((t) => !/^(?:\s+|--.*|\/\*[\s\S]*)$/.test(t))
  const words = tokens.map((t) => {
    if (t.startsWith("'")) return t
    const quoted = /^(?:"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\])$/.exec(t)
    if (!quoted) return t.toLowerCase()
    const lower = (
      quoted[1]?.replaceAll('""', '"') ??
      quoted[2]?.replaceAll('``', '`') ??
      quoted[3] ??
      ''
    ).toLowerCase()
    // A quoted name that is not a plain word stays quoted, so its spaces and punctuation stay its own.
    return /^[a-z_][a-z0-9_$]*$/.test(lower) ? lower : `"${lower.replaceAll('"', '""')}"`
  })
  let out = ''
  for (const [i, w] of words.entries()) {
    const prev = words[i - 1]
    const isWord = (x: string | undefined) => x !== undefined && /^["'a-z_0-9]/.test(x)
    out += i > 0 && isWord(prev) && isWord(w) ? ` ${w}` : w
  }
  return out
}

/** Splits `text` at the commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (const [i, t] of [...text.matchAll(TOKEN)].map((m) => [m.index ?? 0, m[0]] as const)) {
    if (t === '(') depth++
    else if (t === ')') depth--
    else if (t === ',' && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

/** The text inside the first parenthesis of a normalised CREATE TABLE. */
function tableBody(normalised: string): string {
  const open = normalised.indexOf('(')
  let depth = 0
  for (const m of normalised.slice(open).matchAll(TOKEN)) {
    if (m[0] === '(') depth++
    if (m[0] === ')' && --depth === 0) return normalised.slice(open + 1, open + (m.index ?? 0))
  }
  return ''
}

/** The balanced parenthesised group starting at `from` in `text` (without the parentheses). */
function groupAt(text: string, from: number): string {
  let depth = 0
  for (const m of text.slice(from).matchAll(TOKEN)) {
    if (m[0] === '(') depth++
    if (m[0] === ')' && --depth === 0) return text.slice(from + 1, from + (m.index ?? 0))
  }
  return text.slice(from + 1)
}

/** A normalised CREATE INDEX with each key part's enclosing parentheses removed. */
function withoutKeyParentheses(sql: string): string {
  const open = sql.indexOf('(')
  const body = groupAt(sql, open)
  const parts = splitTop(body).map((p) => {
    let part = p
    while (part.startsWith('(') && groupAt(part, 0).length === part.length - 2) part = groupAt(part, 0)
    return part
  })
  return `${sql.slice(0, open)}(${parts.join(',')})${sql.slice(open + body.length + 2)}`
}

const TABLE_CONSTRAINT = /^(constraint|primary|unique|check|foreign)\b/

/** What only a CREATE TABLE's text says: checks, constraint names, collations, generated expressions. */
function tableTextLines(table: string, sql: string): string[] {
  const lines: string[] = []
  for (const part of splitTop(tableBody(normaliseSql(sql)))) {
    const column = TABLE_CONSTRAINT.test(part) ? undefined : /^("[^"]*"|[a-z_][a-z0-9_$]*)/.exec(part)?.[1]
    const at = column === undefined ? `table ${table}` : `column ${table}.${column}`
    for (const m of part.matchAll(/\bconstraint ("[^"]*"|[a-z_][a-z0-9_$]*)/g)) lines.push(`${at} constraint ${m[1]}`)
    // A column's CHECK is the table's (it may name any column): listed under the table either way.
    for (const m of part.matchAll(/\bcheck\(/g)) lines.push(`table ${table} check ${groupAt(part, (m.index ?? 0) + 5)}`)
    for (const m of part.matchAll(/\bcollate ("[^"]*"|[a-z_][a-z0-9_$]*)/g))
      lines.push(`${at} collate ${m[1]?.replace(/^"|"$/g, '')}`)
    if (/\bautoincrement\b/.test(part)) lines.push(`${at} autoincrement`)
    const generated = /\bas\(/.exec(part)
    if (column !== undefined && generated)
      lines.push(
        `${at} generated ${groupAt(part, generated.index + 2)} ${/\bstored\s*$/.test(part) || /\bstored\b/.test(part.slice(generated.index)) ? 'stored' : 'virtual'}`,
      )
  }
  return lines
}

const text = (v: unknown) => (v === null || v === undefined ? 'null' : String(v))

/**
 * The catalog lines of a SQLite database's `main` schema, sorted.
 *
 * @example
 * ```ts
 * expect(await sqliteCatalog(migrated)).toEqual(await sqliteCatalog(expected))
 * ```
 */
export async function sqliteCatalog(engine: Engine): Promise<string[]> {
  const lines: string[] = []
  const tables = await engine.query(
    "SELECT name, type, strict, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  )
  const master = await engine.query(
    "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  )
  for (const m of master) {
    const name = text(m.name).toLowerCase()
    if (m.type === 'table') lines.push(...tableTextLines(name, text(m.sql)))
    else if (m.sql !== null) {
      let sql = normaliseSql(text(m.sql))
      // SQLite has row triggers only: FOR EACH ROW may be written or not and changes nothing.
      if (m.type === 'trigger') sql = sql.replace(/ for each row\b/, '')
      // SQLite keeps no grouping parentheses in an expression: `((lower(x)))` is the key `lower(x)`.
      if (m.type === 'index') sql = withoutKeyParentheses(sql)
      lines.push(`${text(m.type)} ${name} on ${text(m.tbl_name).toLowerCase()}: ${sql}`)
    }
  }
  for (const t of tables) {
    const table = text(t.name).toLowerCase()
    lines.push(`relation ${table} ${text(t.type)} strict ${text(t.strict)} without rowid ${text(t.wr)}`)
    const columns = await engine.query('SELECT * FROM pragma_table_xinfo(?)', [t.name])
    const keyed = columns.filter((c) => Number(c.pk) > 0)
    const indexes = t.type === 'table' ? await engine.query('SELECT * FROM pragma_index_list(?)', [t.name]) : []
    // The rowid's alias (the one INTEGER PRIMARY KEY column of a rowid table) takes a new rowid for a
    // NULL whether NOT NULL is declared or not: its notnull flag means nothing. SQLite indexes it by the
    // rowid; a key with an index of its own (origin pk: `INTEGER PRIMARY KEY DESC`) is no alias.
    const rowidAlias =
      Number(t.wr) === 0 &&
      keyed.length === 1 &&
      text(keyed[0]?.type).toLowerCase() === 'integer' &&
      !indexes.some((x) => x.origin === 'pk')
        ? keyed[0]
        : undefined
    for (const c of columns)
      lines.push(
        `column ${table}.${text(c.name).toLowerCase()} #${text(c.cid)} ${text(c.type).toLowerCase()}` +
          ` notnull ${c === rowidAlias ? 'rowid' : text(c.notnull)} default ${c.dflt_value === null ? 'none' : normaliseSql(text(c.dflt_value))}` +
          ` pk ${text(c.pk)} hidden ${text(c.hidden)}`,
      )
    if (t.type !== 'table') continue
    for (const x of indexes) {
      // SQLite names the indexes of UNIQUE and PRIMARY KEY constraints itself, by declaration order.
      const index = x.origin === 'c' ? text(x.name).toLowerCase() : `(${text(x.origin)})`
      const keys = (await engine.query('SELECT * FROM pragma_index_xinfo(?) ORDER BY seqno', [x.name]))
        .filter((k) => Number(k.key) === 1)
        .map(
          (k) =>
            `${k.cid === -2 ? 'expr' : text(k.name).toLowerCase()}${Number(k.desc) === 1 ? ' desc' : ''} ${text(k.coll).toLowerCase()}`,
        )
      lines.push(`index ${table}.${index} unique ${text(x.unique)} partial ${text(x.partial)} (${keys.join(', ')})`)
    }
    const keys = new Map<string, string[]>()
    for (const f of await engine.query('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [t.name])) {
      const id = text(f.id)
      const head = `foreign key ${table} -> ${text(f.table).toLowerCase()} on update ${text(f.on_update)} on delete ${text(f.on_delete)} match ${text(f.match)}`
      const list = keys.get(id) ?? [head]
      list.push(`${text(f.from).toLowerCase()}=${text(f.to).toLowerCase()}`)
      keys.set(id, list)
    }
    for (const [head, ...pairs] of keys.values()) lines.push(`${head} (${pairs.join(', ')})`)
  }
  return lines.sort()
}

/** The lines only one side has, `-` for the first and `+` for the second, at most `limit`. */
export function catalogDifference(a: readonly string[], b: readonly string[], limit = 6): string[] {
  const inB = new Set(b)
  const inA = new Set(a)
  const diff = [
    ...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`),
    ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`),
  ]
  return diff.slice(0, limit).map((l) => (l.length > 240 ? `${l.slice(0, 237)}...` : l))
}
