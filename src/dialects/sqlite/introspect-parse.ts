import { type SqlToken, tokenizeSql } from '../../sql-text/sql-tokenizer.js'

/*
 * A small, tolerant reader of SQLite's own CREATE TABLE / CREATE INDEX text (sqlite_master.sql), for
 * what only that text holds: constraint names, CHECK expressions, generated-column expressions, column
 * collations, AUTOINCREMENT, DEFERRABLE, WITHOUT ROWID / STRICT (before 3.37), and index expressions and predicates. Catalog pragmas give
 * everything else. Unknown syntax is skipped, never an error.
 */

/**
 * A constraint as declared, at column or table level.
 * @internal
 *
 * @example
 * ```ts
 * const c: ParsedConstraint = { kind: 'check', name: 'ck_len', columns: [], expression: 'length(name) > 1' }
 * ```
 */
export interface ParsedConstraint {
  readonly kind: 'primary_key' | 'unique' | 'check' | 'foreign_key'
  readonly name?: string
  /** Key columns (the column itself for a column constraint). */
  readonly columns: readonly string[]
  /** CHECK expression without its parentheses. */
  readonly expression?: string
  /** Foreign keys: referenced table and columns as written. */
  readonly references?: { readonly table: string; readonly columns: readonly string[] }
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

/**
 * What a column definition says beyond the catalog.
 * @internal
 *
 * @example
 * ```ts
 * const c: ParsedColumn = { name: 'id', autoincrement: true }
 * ```
 */
export interface ParsedColumn {
  readonly name: string
  readonly collation?: string
  readonly autoincrement: boolean
  /** Generated-column expression without its parentheses. */
  readonly generated?: string
}

/**
 * The parts of a CREATE TABLE statement the catalog does not give.
 * @internal
 *
 * @example
 * ```ts
 * const { columns, constraints }: ParsedTable = parseCreateTable(sql)
 * ```
 */
export interface ParsedTable {
  readonly columns: readonly ParsedColumn[]
  readonly constraints: readonly ParsedConstraint[]
  /** `WITHOUT ROWID` after the closing parenthesis. */
  readonly withoutRowid: boolean
  /** `STRICT` after the closing parenthesis. */
  readonly strict: boolean
}

/**
 * One key part of a CREATE INDEX statement.
 * @internal
 *
 * @example
 * ```ts
 * const p: ParsedIndexPart = { expression: 'lower(email)', descending: true }
 * ```
 */
export interface ParsedIndexPart {
  readonly column?: string
  readonly expression?: string
  readonly collation?: string
  readonly descending: boolean
}

const COLUMN_CONSTRAINT = new Set([
  'constraint',
  'primary',
  'not',
  'null',
  'unique',
  'check',
  'default',
  'collate',
  'references',
  'generated',
  'as',
])

class Reader {
  readonly tokens: SqlToken[]
  constructor(readonly src: string) {
    this.tokens = tokenizeSql(src)
  }

  kw(i: number, word: string): boolean {
    const t = this.tokens[i]
    return t?.kind === 'word' && t.text.toLowerCase() === word
  }

  punct(i: number, p: string): boolean {
    const t = this.tokens[i]
    return t?.kind === 'punctuation' && t.text === p
  }

  end(i: number): number {
    const t = this.tokens[i]
    return t ? t.offset + t.text.length : this.src.length
  }

  /** The matching `)` of the `(` at `i` (or the last token when unbalanced). */
  close(i: number): number {
    let depth = 0
    for (let j = i; j < this.tokens.length; j++) {
      if (this.punct(j, '(')) depth++
      if (this.punct(j, ')') && --depth === 0) return j
    }
    return this.tokens.length - 1
  }

  /** Source text strictly between the `(` at `open` and its `)`, and where to continue. */
  group(open: number): { text: string; next: number } {
    const close = this.close(open)
    const start = this.end(open)
    const stop = this.tokens[close]?.offset ?? this.src.length
    return { text: this.src.slice(start, stop).trim(), next: close + 1 }
  }

  /** A name: word, quoted identifier, string literal or `[bracketed]`; `main.x` reads as `x`. */
  name(i: number): { name: string; next: number } | undefined {
    const t = this.tokens[i]
    if (!t) return undefined
    let read: { name: string; next: number } | undefined
    if (t.kind === 'identifier' || t.kind === 'string') read = { name: t.value, next: i + 1 }
    else if (t.kind === 'word') read = { name: t.text, next: i + 1 }
    else if (this.punct(i, '[')) {
      const stop = this.src.indexOf(']', t.offset + 1)
      let next = i + 1
      while (next < this.tokens.length && (this.tokens[next]?.offset ?? 0) < stop) next++
      read = { name: this.src.slice(t.offset + 1, stop < 0 ? undefined : stop), next: next + 1 }
    }
    if (read && this.punct(read.next, '.')) return this.name(read.next + 1)
    return read
  }

  /** Top-level comma-separated ranges between `from` and `to` (exclusive). */
  split(from: number, to: number): [number, number][] {
    const ranges: [number, number][] = []
    let depth = 0
    let start = from
    for (let j = from; j < to; j++) {
      if (this.punct(j, '(')) depth++
      if (this.punct(j, ')')) depth--
      if (depth === 0 && this.punct(j, ',')) {
        ranges.push([start, j])
        start = j + 1
      }
    }
    if (start < to) ranges.push([start, to])
    return ranges
  }

  /** The first name of each part of a `(a COLLATE x DESC, b)` list. */
  names(open: number): { names: string[]; next: number } {
    const close = this.close(open)
    const names = this.split(open + 1, close).flatMap(([a]) => this.name(a)?.name ?? [])
    return { names, next: close + 1 }
  }

  /** Skips `ON CONFLICT <resolution>`. */
  conflict(i: number): number {
    return this.kw(i, 'on') && this.kw(i + 1, 'conflict') ? i + 3 : i
  }
}

/** Reads `REFERENCES t (cols) [ON ...] [MATCH x] [[NOT] DEFERRABLE [INITIALLY ...]]` from after REFERENCES. */
function readReferences(r: Reader, i: number, columns: readonly string[], name: string | undefined) {
  const table = r.name(i)
  let j = table?.next ?? i + 1
  let referenced: string[] = []
  if (r.punct(j, '(')) {
    const list = r.names(j)
    referenced = list.names
    j = list.next
  }
  let deferrable = false
  let initiallyDeferred = false
  for (;;) {
    if (r.kw(j, 'on')) {
      j += 2
      if (r.kw(j, 'set') || r.kw(j, 'no')) j++
      j++
    } else if (r.kw(j, 'match')) j += 2
    else if (r.kw(j, 'not') && r.kw(j + 1, 'deferrable')) j += 2
    else if (r.kw(j, 'deferrable')) {
      deferrable = true
      j++
    } else if (r.kw(j, 'initially')) {
      initiallyDeferred = r.kw(j + 1, 'deferred')
      j += 2
    } else break
  }
  const constraint: ParsedConstraint = {
    kind: 'foreign_key',
    ...(name === undefined ? {} : { name }),
    columns,
    references: { table: table?.name ?? '', columns: referenced },
    deferrable,
    initiallyDeferred: deferrable && initiallyDeferred,
  }
  return { constraint, next: j }
}

function readColumn(r: Reader, from: number, to: number, out: ParsedConstraint[]): ParsedColumn | undefined {
  const head = r.name(from)
  if (!head) return undefined
  const column = head.name
  let j = head.next
  const isConstraintWord = (t: SqlToken | undefined) =>
    t?.kind === 'word' && COLUMN_CONSTRAINT.has(t.text.toLowerCase())
  while (j < to && !isConstraintWord(r.tokens[j])) {
    j = r.punct(j, '(') ? r.close(j) + 1 : j + 1
  }
  let name: string | undefined
  let collation: string | undefined
  let autoincrement = false
  let generated: string | undefined
  const named = () => (name === undefined ? {} : { name })
  while (j < to) {
    if (r.kw(j, 'constraint')) {
      const read = r.name(j + 1)
      name = read?.name
      j = read?.next ?? j + 1
      continue
    }
    if (r.kw(j, 'primary')) {
      j = r.conflict(j + 2 + (r.kw(j + 2, 'asc') || r.kw(j + 2, 'desc') ? 1 : 0))
      if (r.kw(j, 'autoincrement')) {
        autoincrement = true
        j++
      }
      out.push({ kind: 'primary_key', ...named(), columns: [column] })
    } else if (r.kw(j, 'unique')) {
      j = r.conflict(j + 1)
      out.push({ kind: 'unique', ...named(), columns: [column] })
    } else if (r.kw(j, 'check') && r.punct(j + 1, '(')) {
      const g = r.group(j + 1)
      out.push({ kind: 'check', ...named(), columns: [], expression: g.text })
      j = g.next
    } else if (r.kw(j, 'references')) {
      const fk = readReferences(r, j + 1, [column], name)
      out.push(fk.constraint)
      j = fk.next
    } else if (r.kw(j, 'not') && r.kw(j + 1, 'null')) j = r.conflict(j + 2)
    else if (r.kw(j, 'default')) {
      const t = r.tokens[j + 1]
      j = r.punct(j + 1, '(') ? r.close(j + 1) + 1 : t?.kind === 'operator' ? j + 3 : j + 2
    } else if (r.kw(j, 'collate')) {
      const read = r.name(j + 1)
      collation = read?.name
      j = read?.next ?? j + 1
    } else if ((r.kw(j, 'generated') && r.kw(j + 2, 'as')) || r.kw(j, 'as')) {
      const open = r.kw(j, 'as') ? j + 1 : j + 3
      const g = r.group(open)
      generated = g.text
      j = g.next
    } else j++
    name = undefined
  }
  return {
    name: column,
    autoincrement,
    ...(collation === undefined ? {} : { collation }),
    ...(generated === undefined ? {} : { generated }),
  }
}

function readTableConstraint(r: Reader, from: number, to: number): ParsedConstraint | undefined {
  let j = from
  let name: string | undefined
  if (r.kw(j, 'constraint')) {
    const read = r.name(j + 1)
    name = read?.name
    j = read?.next ?? j + 1
  }
  const named = name === undefined ? {} : { name }
  if ((r.kw(j, 'primary') || r.kw(j, 'foreign')) && r.kw(j + 1, 'key')) {
    const list = r.names(j + 2)
    if (r.kw(j, 'primary')) return { kind: 'primary_key', ...named, columns: list.names }
    return r.kw(list.next, 'references') ? readReferences(r, list.next + 1, list.names, name).constraint : undefined
  }
  if (r.kw(j, 'unique')) return { kind: 'unique', ...named, columns: r.names(j + 1).names }
  if (r.kw(j, 'check') && r.punct(j + 1, '(') && j < to)
    return { kind: 'check', ...named, columns: [], expression: r.group(j + 1).text }
  return undefined
}

const TABLE_CONSTRAINT = ['constraint', 'primary', 'unique', 'check', 'foreign']

/**
 * Reads column details and declared constraints (with their names) from a CREATE TABLE statement.
 * @internal
 *
 * @example
 * ```ts
 * parseCreateTable('CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, CONSTRAINT ck CHECK (id > 0))')
 * // { columns: [{ name: 'id', autoincrement: true }], constraints: [{ kind: 'primary_key', ... }, { kind: 'check', name: 'ck', ... }],
 * //   withoutRowid: false, strict: false }
 * ```
 */
export function parseCreateTable(sql: string): ParsedTable {
  const r = new Reader(sql)
  const open = r.tokens.findIndex((t) => t.kind === 'punctuation' && t.text === '(')
  if (open < 0) return { columns: [], constraints: [], withoutRowid: false, strict: false }
  const columns: ParsedColumn[] = []
  const constraints: ParsedConstraint[] = []
  const close = r.close(open)
  let withoutRowid = false
  let strict = false
  for (let j = close + 1; j < r.tokens.length; j++) {
    if (r.kw(j, 'without') && r.kw(j + 1, 'rowid')) withoutRowid = true
    if (r.kw(j, 'strict')) strict = true
  }
  for (const [a, b] of r.split(open + 1, close)) {
    if (TABLE_CONSTRAINT.some((w) => r.kw(a, w))) {
      const c = readTableConstraint(r, a, b)
      if (c) constraints.push(c)
    } else {
      const c = readColumn(r, a, b, constraints)
      if (c) columns.push(c)
    }
  }
  return { columns, constraints, withoutRowid, strict }
}

function readIndexPart(r: Reader, from: number, to: number): ParsedIndexPart {
  let end = to
  const descending = r.kw(end - 1, 'desc')
  if (descending || r.kw(end - 1, 'asc')) end--
  let collation: string | undefined
  for (let j = from + 1; j < end; j++) {
    if (r.kw(j, 'collate') && r.name(j + 1)?.next === end) {
      collation = r.name(j + 1)?.name
      end = j
    }
  }
  const only = r.name(from)
  const coll = collation === undefined ? {} : { collation }
  if (only && only.next === end && r.tokens[from]?.kind !== 'string') return { column: only.name, descending, ...coll }
  let text = r.src.slice(r.tokens[from]?.offset ?? 0, r.end(end - 1)).trim()
  if (r.punct(from, '(') && r.close(from) === end - 1) text = r.group(from).text
  return { expression: text, descending, ...coll }
}

/**
 * Reads the key parts and the WHERE predicate of a CREATE INDEX statement.
 * @internal
 *
 * @example
 * ```ts
 * parseCreateIndex('CREATE INDEX ix ON t (lower(email) DESC) WHERE active')
 * // { parts: [{ expression: 'lower(email)', descending: true }], where: 'active' }
 * ```
 */
export function parseCreateIndex(sql: string): { parts: ParsedIndexPart[]; where?: string } {
  const r = new Reader(sql)
  const on = r.tokens.findIndex((t, i) => t.kind === 'word' && t.text.toLowerCase() === 'on' && i > 2)
  const table = on < 0 ? undefined : r.name(on + 1)
  if (!table || !r.punct(table.next, '(')) return { parts: [] }
  const close = r.close(table.next)
  const parts = r.split(table.next + 1, close).map(([a, b]) => readIndexPart(r, a, b))
  if (!r.kw(close + 1, 'where')) return { parts }
  const where = r.src
    .slice(r.end(close + 1))
    .trim()
    .replace(/;\s*$/, '')
  return { parts, where }
}
