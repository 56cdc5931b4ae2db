import { type SqlToken, tokenizeSql } from '../../sql-text/sql-tokenizer.js'

// The heads of SQLite's own CREATE VIEW and CREATE TRIGGER text (sqlite_schema.sql), read into the
// model's fields: a view's name, columns and query; a trigger's timing, event, UPDATE OF columns,
// table, WHEN and body (the `BEGIN ... END` block as written). Text it cannot read gives undefined
// (the object is reported unmodelled, never guessed).

type Doc = Record<string, unknown>

/** Reads names and words from the tokens of one statement. */
class Head {
  i = 0
  constructor(
    readonly sql: string,
    readonly tokens: readonly SqlToken[],
  ) {}
  word(): string | undefined {
    const t = this.tokens[this.i]
    return t?.kind === 'word' ? t.text.toLowerCase() : undefined
  }
  take(...words: string[]): boolean {
    for (const [k, w] of words.entries()) {
      const t = this.tokens[this.i + k]
      if (t?.kind !== 'word' || t.text.toLowerCase() !== w) return false
    }
    this.i += words.length
    return true
  }
  /** A name: a word, a quoted identifier or string, or `[name]`. */
  name(): string | undefined {
    const t = this.tokens[this.i]
    if (t === undefined) return undefined
    if (t.kind === 'word' || t.kind === 'identifier' || t.kind === 'string') {
      this.i++
      return t.kind === 'word' ? t.text : t.value
    }
    if (t.text === '[') {
      const close = this.tokens.findIndex((x, k) => k > this.i && x.text === ']')
      if (close < 0) return undefined
      const start = (this.tokens[this.i + 1] as SqlToken).offset
      this.i = close + 1
      return this.sql.slice(start, (this.tokens[close] as SqlToken).offset)
    }
    return undefined
  }
  /** `[schema.]name`: the name (the schema is the database read). */
  qualifiedName(): string | undefined {
    const first = this.name()
    if (first !== undefined && this.tokens[this.i]?.text === '.') {
      this.i++
      return this.name()
    }
    return first
  }
  /** `(a, b)` as names. */
  nameList(): string[] | undefined {
    if (this.tokens[this.i]?.text !== '(') return undefined
    this.i++
    const out: string[] = []
    for (;;) {
      const n = this.name()
      if (n === undefined) return undefined
      out.push(n)
      const t = this.tokens[this.i++]?.text
      if (t === ')') return out
      if (t !== ',') return undefined
    }
  }
  /** The text from the current token to the end, trimmed, without a trailing `;`. */
  rest(): string {
    const t = this.tokens[this.i]
    return t === undefined ? '' : this.sql.slice(t.offset).trim().replace(/;\s*$/, '').trim()
  }
  /** `CREATE [TEMP|TEMPORARY] <kind> [IF NOT EXISTS]`. */
  create(kind: string): boolean {
    if (!this.take('create')) return false
    this.take('temp') || this.take('temporary')
    if (!this.take(kind)) return false
    this.take('if', 'not', 'exists')
    return true
  }
}

/**
 * A view's fields from its `CREATE VIEW` text: name, column names, query.
 * @internal
 *
 * @example
 * ```ts
 * parseCreateView('CREATE VIEW "v" ("a") AS SELECT 1') // { name: 'v', columns: ['a'], definition: 'SELECT 1' }
 * ```
 */
export function parseCreateView(sql: string): Doc | undefined {
  const h = new Head(sql, tokenizeSql(sql))
  if (!h.create('view')) return undefined
  const name = h.qualifiedName()
  if (name === undefined) return undefined
  const columns = h.nameList()
  if (!h.take('as')) return undefined
  const definition = h.rest()
  if (definition === '') return undefined
  return { name, ...(columns ? { columns } : {}), definition }
}

/**
 * A trigger's fields from its `CREATE TRIGGER` text: name, table, timing (BEFORE when not written),
 * event, UPDATE OF columns, WHEN and the `BEGIN ... END` body as written.
 * @internal
 *
 * @example
 * ```ts
 * parseCreateTrigger('CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END')
 * // { name: 't', table: 'a', timing: 'after', events: ['insert'], body: 'BEGIN SELECT 1; END' }
 * ```
 */
export function parseCreateTrigger(sql: string): Doc | undefined {
  const tokens = tokenizeSql(sql)
  const h = new Head(sql, tokens)
  if (!h.create('trigger')) return undefined
  const name = h.qualifiedName()
  if (name === undefined) return undefined
  const timing = h.take('before')
    ? 'before'
    : h.take('after')
      ? 'after'
      : h.take('instead', 'of')
        ? 'instead_of'
        : 'before'
  const event = h.word()
  if (event !== 'insert' && event !== 'update' && event !== 'delete') return undefined
  h.i++
  let columns: string[] | undefined
  if (event === 'update' && h.take('of')) {
    columns = []
    for (;;) {
      const c = h.name()
      if (c === undefined) return undefined
      columns.push(c)
      if (h.tokens[h.i]?.text !== ',') break
      h.i++
    }
  }
  if (!h.take('on')) return undefined
  const table = h.qualifiedName()
  if (table === undefined) return undefined
  h.take('for', 'each', 'row')
  let when: string | undefined
  if (h.take('when')) {
    const start = tokens[h.i]
    let depth = 0
    while (h.i < tokens.length) {
      const t = tokens[h.i] as SqlToken
      if (t.text === '(') depth++
      else if (t.text === ')') depth--
      else if (depth === 0 && t.kind === 'word' && t.text.toLowerCase() === 'begin') break
      h.i++
    }
    const begin = tokens[h.i]
    if (start === undefined || begin === undefined) return undefined
    when = sql.slice(start.offset, begin.offset).trim()
  }
  if (h.word() !== 'begin') return undefined
  const body = h.rest()
  return {
    name,
    table,
    timing,
    events: [event],
    ...(columns ? { columns } : {}),
    ...(when === undefined ? {} : { when }),
    body,
  }
}
