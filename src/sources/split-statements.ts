/**
 * Splits a SQL script into the statements a command-line client would send one at a time, with the
 * line each starts on, so that an engine's error can name the statement and its line. The engine
 * still parses every statement; this only finds where one ends.
 */

/** Which client's rules split the script. */
export type ScriptDialect = 'postgres' | 'mysql' | 'sqlite'

/**
 * One statement of a script. `meta` marks a client command that is not SQL: a psql backslash
 * command (`\connect`, `\restrict`) or a mysql `DELIMITER` line.
 */
export interface ScriptStatement {
  /** The statement's text, without its terminator. */
  readonly sql: string
  /** 1-based line of its first character. */
  readonly line: number
  readonly meta?: true
}

/**
 * The statements of a script, in order; comments and blank text between statements are dropped.
 *
 * @example
 * ```ts
 * splitStatements("CREATE TABLE t (a int);\n-- note\nINSERT INTO t VALUES (1);", 'postgres')
 * // [{ sql: 'CREATE TABLE t (a int)', line: 1 }, { sql: 'INSERT INTO t VALUES (1)', line: 3 }]
 * ```
 */
export function splitStatements(script: string, dialect: ScriptDialect): ScriptStatement[] {
  const out: ScriptStatement[] = []
  const text = script.replace(/^\uFEFF/, '')
  let delimiter = ';'
  let i = 0
  let line = 1
  const n = text.length
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++
    i = end
  }

  while (i < n) {
    // Skip whitespace and comments between statements.
    const gap = skipGap(text, i, dialect)
    advanceTo(gap)
    if (i >= n) break
    const startLine = line
    const lineEnd = text.indexOf('\n', i) < 0 ? n : text.indexOf('\n', i)
    if (dialect === 'postgres' && text[i] === '\\') {
      out.push({ sql: text.slice(i, lineEnd).trimEnd(), line: startLine, meta: true })
      advanceTo(lineEnd)
      continue
    }
    if (dialect === 'mysql' && /^delimiter[ \t]/i.test(text.slice(i, i + 10))) {
      const command = text.slice(i, lineEnd).trim()
      delimiter = command.slice('delimiter'.length).trim() || ';'
      out.push({ sql: command, line: startLine, meta: true })
      advanceTo(lineEnd)
      continue
    }
    const start = i
    const end = statementEnd(text, i, dialect, delimiter)
    const sql = text.slice(start, end.stop).trim()
    advanceTo(end.next)
    if (sql) out.push({ sql, line: startLine })
  }
  return out
}

/** Offset of the first character after whitespace and comments. */
function skipGap(text: string, from: number, dialect: ScriptDialect): number {
  let i = from
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++
    const skipped = skipComment(text, i, dialect)
    if (skipped === i) return i
    i = skipped
  }
}

/** Offset after a comment starting at `i` (or `i` when none starts there). MySQL's `/*!` is SQL. */
function skipComment(text: string, i: number, dialect: ScriptDialect): number {
  const c = text[i]
  const next = text[i + 1]
  const lineComment =
    (c === '-' && next === '-' && (dialect !== 'mysql' || /[\s]/.test(text[i + 2] ?? ' '))) ||
    (c === '#' && dialect === 'mysql')
  if (lineComment) {
    const end = text.indexOf('\n', i)
    return end < 0 ? text.length : end + 1
  }
  if (c === '/' && next === '*' && !(dialect === 'mysql' && text[i + 2] === '!')) {
    if (dialect !== 'postgres') {
      const end = text.indexOf('*/', i + 2)
      return end < 0 ? text.length : end + 2
    }
    let depth = 0
    let k = i
    while (k < text.length) {
      if (text[k] === '/' && text[k + 1] === '*') {
        depth++
        k += 2
      } else if (text[k] === '*' && text[k + 1] === '/') {
        depth--
        k += 2
        if (depth === 0) return k
      } else k++
    }
    return text.length
  }
  return i
}

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y

/**
 * Where the statement starting at `from` stops (before its delimiter) and where the next one may
 * begin. Bodies that hold semicolons are kept whole: quoted text, PostgreSQL dollar quotes, and
 * `BEGIN ... END` blocks of SQLite triggers and PostgreSQL `BEGIN ATOMIC` functions.
 */
function statementEnd(
  text: string,
  from: number,
  dialect: ScriptDialect,
  delimiter: string,
): { stop: number; next: number } {
  let i = from
  let depth = 0 // open BEGIN/CASE blocks inside a trigger or BEGIN ATOMIC body
  let blocks = false // whether BEGIN...END nesting counts in this statement
  let previousWord = ''
  const head: string[] = []
  while (i < text.length) {
    if (depth === 0 && text.startsWith(delimiter, i)) return { stop: i, next: i + delimiter.length }
    const c = text[i] as string
    const afterComment = skipComment(text, i, dialect)
    if (afterComment !== i) {
      i = afterComment
      continue
    }
    if (c === "'" || (c === '"' && dialect === 'mysql')) {
      const backslash =
        dialect === 'mysql' ||
        (dialect === 'postgres' && /[eE]/.test(text[i - 1] ?? '') && !/\w/.test(text[i - 2] ?? ''))
      i = skipQuoted(text, i, c, backslash)
      continue
    }
    if (c === '"' || (c === '`' && dialect !== 'postgres') || (c === '[' && dialect === 'sqlite')) {
      i = skipQuoted(text, i, c === '[' ? ']' : c, false, c)
      continue
    }
    if (c === '$' && dialect === 'postgres') {
      const tag = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y
      tag.lastIndex = i
      const m = tag.exec(text)
      if (m && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
        const close = text.indexOf(m[0], i + m[0].length)
        i = close < 0 ? text.length : close + m[0].length
        continue
      }
    }
    WORD.lastIndex = i
    const word = /[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(text[i - 1] ?? '') ? WORD.exec(text) : null
    if (word) {
      const upper = word[0].toUpperCase()
      if (head.length < 6) {
        head.push(upper)
        if (head[0] === 'CREATE' && !blocks) blocks = isBlockStatement(head, dialect)
      }
      if (blocks) {
        if (upper === 'ATOMIC' && previousWord === 'BEGIN' && dialect === 'postgres') depth++
        else if (upper === 'BEGIN' && dialect !== 'postgres') depth++
        else if (upper === 'CASE' && depth > 0 && previousWord !== 'END') depth++
        else if (upper === 'END' && depth > 0 && !(dialect === 'mysql' && closesNonBlock(text, i + 3))) depth--
      }
      previousWord = upper
      i += word[0].length
      continue
    }
    i++
  }
  return { stop: text.length, next: text.length }
}

/** Whether the statement's head opens a body whose semicolons do not end it. */
function isBlockStatement(head: readonly string[], dialect: ScriptDialect): boolean {
  const words = head.slice(1).filter((w) => w !== 'OR' && w !== 'REPLACE' && w !== 'TEMP' && w !== 'TEMPORARY')
  if (dialect === 'sqlite') return words[0] === 'TRIGGER'
  if (dialect === 'postgres') return words[0] === 'FUNCTION' || words[0] === 'PROCEDURE'
  // MySQL: `CREATE [DEFINER = user] TRIGGER | PROCEDURE | FUNCTION | EVENT`, whose BEGIN ... END body a
  // migration tool sends whole (the mysql client needs DELIMITER for it; the server does not).
  return words.some((w) => w === 'TRIGGER' || w === 'PROCEDURE' || w === 'FUNCTION' || w === 'EVENT')
}

/** MySQL's `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` close blocks that were not counted. */
function closesNonBlock(text: string, from: number): boolean {
  return /^\s+(?:IF|LOOP|WHILE|REPEAT)\b/i.test(text.slice(from, from + 12))
}

/** Offset after a quoted string or identifier opened at `i`. */
function skipQuoted(text: string, i: number, quote: string, backslash: boolean, open = quote): number {
  const close = open === '[' ? ']' : quote
  let k = i + 1
  while (k < text.length) {
    const ch = text[k]
    if (backslash && ch === '\\') {
      k += 2
      continue
    }
    if (ch === close) {
      if (text[k + 1] === close && close !== ']') {
        k += 2
        continue
      }
      return k + 1
    }
    k++
  }
  return text.length
}
