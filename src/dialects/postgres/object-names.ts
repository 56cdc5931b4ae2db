import type { Constraint, Index } from '../../model/types.js'
import { columnsMentioned } from '../../sql-text/columns-mentioned.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'

// The names PostgreSQL gives objects declared without one, truncated the way PostgreSQL truncates
// them (src/backend/commands/indexcmds.c makeObjectName / ChooseRelationName): a name is at most 63
// bytes, and when `table_columns_label` is longer, the longer of the table and column parts is
// shortened one byte at a time, never splitting a multi-byte character. The diff accepts these names
// as equal to no name (naming-convention.ts), and the SQL generators create unnamed objects under them, so both agree with what
// PostgreSQL itself would have chosen.

/**
 * Longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1).
 * @internal
 */
export const PG_MAX_IDENTIFIER_BYTES = 63

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Whether every character of `s` is ASCII: then its UTF-16 length is its UTF-8 length. */
const isAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

const byteLength = (s: string) => (isAscii(s) ? s.length : encoder.encode(s).length)

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
function clipBytes(s: string, bytes: number): string {
  if (isAscii(s)) return s.slice(0, Math.max(bytes, 0))
  const encoded = encoder.encode(s)
  if (encoded.length <= bytes) return s
  let end = Math.max(bytes, 0)
  while (end > 0 && ((encoded[end] as number) & 0xc0) === 0x80) end--
  return decoder.decode(encoded.subarray(0, end))
}

/**
 * PostgreSQL's `makeObjectName(name1, name2, label)`: `name1_name2_label` cut to 63 bytes by
 * shortening the longer of `name1` and `name2` first.
 *
 * @example
 * ```ts
 * postgresObjectName('users', 'email', 'key') // 'users_email_key'
 * postgresObjectName('t'.repeat(70), undefined, 'pkey') // 't'.repeat(58) + '_pkey'
 * ```
 * @internal
 */
export function postgresObjectName(name1: string, name2: string | undefined, label: string): string {
  // One byte per separating underscore, plus the label.
  const overhead = (name2 === undefined ? 0 : 1) + byteLength(label) + 1
  const available = PG_MAX_IDENTIFIER_BYTES - overhead
  let chars1 = byteLength(name1)
  let chars2 = name2 === undefined ? 0 : byteLength(name2)
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1--
    else chars2--
  }
  const head = clipBytes(name1, chars1)
  return name2 === undefined ? `${head}_${label}` : `${head}_${clipBytes(name2, chars2)}_${label}`
}

/**
 * PostgreSQL's ChooseIndexNameAddition: names joined by `_`, stopping once 63 bytes are passed.
 * @internal
 */
export function postgresNameAddition(names: readonly string[]): string {
  let out = ''
  for (const name of names) {
    if (out !== '') out += '_'
    out += name
    if (byteLength(out) > PG_MAX_IDENTIFIER_BYTES) break
  }
  return out
}

const LABELS: Readonly<Record<Constraint['type'], string>> = {
  primary_key: 'pkey',
  unique: 'key',
  foreign_key: 'fkey',
  check: 'check',
  exclude: 'excl',
}

/**
 * The name PostgreSQL gives an unnamed constraint on `table` (`users_pkey`, `users_email_key`,
 * `posts_user_id_fkey`; `users_check`, or `users_score_check` when `columns`, the table's column
 * names, show the check mentions one column), with `suffix` after the label (PostgreSQL numbers a
 * clash: `users_check1`), cut to 63 bytes as PostgreSQL cuts it.
 * @internal
 */
export function postgresConstraintName(
  table: string,
  c: Constraint,
  suffix = '',
  columns?: ReadonlySet<string>,
): string {
  const label = LABELS[c.type] + suffix
  switch (c.type) {
    case 'primary_key':
      return postgresObjectName(table, undefined, label)
    case 'unique':
    case 'foreign_key':
      return postgresObjectName(table, postgresNameAddition(c.columns), label)
    case 'check':
      return postgresObjectName(table, columns && postgresCheckColumn(columns, c.expression), label)
    case 'exclude':
      // Named like an index on its elements (an expression after what it computes: `lower`).
      return postgresObjectName(
        table,
        postgresNameAddition(c.elements.map((e) => e.column ?? postgresExpressionColumnName(e.expression ?? ''))),
        label,
      )
  }
}

/**
 * The name PostgreSQL gives an unnamed index on `table` (`users_email_idx`), with `suffix` after the
 * label, cut to 63 bytes. An expression part is called `expr`, the name schemaledger creates such
 * indexes under, or, with `figureExpressions`, what PostgreSQL itself calls it (`users_lower_idx`).
 * @internal
 */
export function postgresIndexName(table: string, x: Index, suffix = '', figureExpressions = false): string {
  const parts = x.parts.map(
    (p) => p.column ?? (figureExpressions ? postgresExpressionColumnName(p.expression ?? '') : 'expr'),
  )
  return postgresObjectName(table, postgresNameAddition(parts), `idx${suffix}`)
}

/** The column part of the name PostgreSQL gives an unnamed check: the one column it mentions, if exactly one. */
function postgresCheckColumn(columns: ReadonlySet<string>, expression: string): string | undefined {
  const found = columnsMentioned(columns, expression)
  return found.size === 1 ? [...found][0] : undefined
}

/**
 * The name PostgreSQL gives the column of an index on an expression (FigureIndexColname): the
 * function's name for a call (`lower(email)` -> `lower`), the column's for a cast of one column
 * (`email::text` -> `email`), the type's for a cast of anything else, otherwise `expr`.
 * @internal
 */
export function postgresExpressionColumnName(expression: string): string {
  const tokens = tokenizeSql(expression).filter((t) => t.kind !== 'punctuation' || t.text !== ';')
  let start = 0
  let end = tokens.length
  // Redundant outer parentheses: `(lower(email))`.
  while (end - start >= 2 && tokens[start]?.text === '(' && closingParen(tokens, start) === end - 1) {
    start++
    end--
  }
  const nameOf = (t: (typeof tokens)[number] | undefined) =>
    t?.kind === 'identifier' ? t.value : t?.kind === 'word' ? t.text.toLowerCase() : undefined
  // `x::type`: the inner expression's name if it is a column or a call, else the type's.
  const cast = tokens.findIndex((t, i) => i >= start && i < end && t.text === '::' && depthAt(tokens, start, i) === 0)
  if (cast > start) {
    const inner = figure(tokens, start, cast, nameOf)
    if (inner !== undefined) return inner
    return nameOf(tokens[cast + 1]) ?? 'expr'
  }
  return figure(tokens, start, end, nameOf) ?? 'expr'
}

type Tokens = ReturnType<typeof tokenizeSql>

/** A column reference (the last part of `a.b`) or a call (`schema.fn(...)`) spanning tokens [start, end). */
function figure(
  tokens: Tokens,
  start: number,
  end: number,
  nameOf: (t: Tokens[number] | undefined) => string | undefined,
): string | undefined {
  let i = start
  let last: string | undefined
  for (;;) {
    last = nameOf(tokens[i])
    if (last === undefined) return undefined
    if (tokens[i + 1]?.text !== '.') break
    i += 2
  }
  if (i + 1 === end) return last
  if (tokens[i + 1]?.text === '(' && closingParen(tokens, i + 1) === end - 1) return last
  return undefined
}

function closingParen(tokens: Tokens, open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]?.text
    if (text === '(') depth++
    else if (text === ')' && --depth === 0) return i
  }
  return -1
}

function depthAt(tokens: Tokens, start: number, at: number): number {
  let depth = 0
  for (let i = start; i < at; i++) {
    const text = tokens[i]?.text
    if (text === '(') depth++
    else if (text === ')') depth--
  }
  return depth
}
