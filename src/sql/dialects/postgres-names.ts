import { tokenizeSql } from '../../diff/sql-tokenizer.js'
import { stableStringify } from '../../model/assemble-table.js'
import type { Constraint, Index, Table } from '../../model/types.js'

// The names PostgreSQL gives objects declared without one, truncated the way PostgreSQL truncates
// them (src/backend/commands/indexcmds.c makeObjectName / ChooseRelationName): a name is at most 63
// bytes, and when `table_columns_label` is longer, the longer of the table and column parts is
// shortened one byte at a time, never splitting a multi-byte character. Creating objects under these
// exact names means the next introspection reads back the name PostgreSQL itself would have chosen.

/**
 * Longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1).
 *
 * @example
 * ```ts
 * new TextEncoder().encode(name).length <= PG_MAX_IDENTIFIER_BYTES
 * ```
 * @internal
 */
export const PG_MAX_IDENTIFIER_BYTES = 63

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const byteLength = (s: string) => encoder.encode(s).length

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
function clipBytes(s: string, bytes: number): string {
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
  const parts = [clipBytes(name1, chars1)]
  if (name2 !== undefined) parts.push(clipBytes(name2, chars2))
  return `${parts.join('_')}_${label}`
}

/** PostgreSQL's ChooseIndexNameAddition: column names joined by `_`, stopping once 63 bytes are passed. */
function nameAddition(names: readonly string[]): string {
  let out = ''
  for (const name of names) {
    if (out !== '') out += '_'
    out += name
    if (byteLength(out) > PG_MAX_IDENTIFIER_BYTES) break
  }
  return out
}

/**
 * The one column of `table` a check expression mentions, if exactly one: PostgreSQL names such a check
 * `table_column_check` and any other `table_check`. Unquoted words fold to lower case; words before
 * `(` are functions and words after `::` types.
 */
function checkColumn(table: Table | undefined, expression: string): string | undefined {
  if (!table) return undefined
  const columns = new Set(table.columns.map((c) => c.name))
  const tokens = tokenizeSql(expression)
  const found = new Set<string>()
  for (const [i, t] of tokens.entries()) {
    const name = t.kind === 'identifier' ? t.value : t.kind === 'word' ? t.text.toLowerCase() : undefined
    if (name === undefined || !columns.has(name)) continue
    if (tokens[i + 1]?.text === '(' || tokens[i - 1]?.text === '::') continue
    found.add(name)
  }
  return found.size === 1 ? [...found][0] : undefined
}

/** Base (un-numbered) name parts of a database-named constraint: `[name2, label]`. */
function constraintParts(c: Constraint, table?: Table): [string | undefined, string] {
  switch (c.type) {
    case 'primary_key':
      return [undefined, 'pkey']
    case 'unique':
      return [nameAddition(c.columns), 'key']
    case 'foreign_key':
      return [nameAddition(c.columns), 'fkey']
    case 'check':
      return [checkColumn(table, c.expression), 'check']
  }
}

const indexParts = (x: Index): [string, string] => [nameAddition(x.parts.map((p) => p.column ?? 'expr')), 'idx']

/**
 * The name PostgreSQL gives an unnamed constraint (`users_pkey`, `users_email_key`,
 * `posts_user_id_fkey`; `users_check`, or `users_score_check` when the table `definition` shows the
 * check uses one column), truncated to 63 bytes as PostgreSQL does.
 *
 * @example
 * ```ts
 * defaultConstraintName('users', { type: 'unique', columns: ['email'] }) // 'users_email_key'
 * ```
 */
export function defaultConstraintName(table: string, c: Constraint, suffix = '', definition?: Table): string {
  const [name2, label] = constraintParts(c, definition)
  return postgresObjectName(table, name2, label + suffix)
}

/**
 * The name PostgreSQL gives an unnamed index (`users_email_idx`, `users_expr_idx`), truncated to 63
 * bytes as PostgreSQL does.
 *
 * @example
 * ```ts
 * defaultIndexName('users', { parts: [{ column: 'email' }] }) // 'users_email_idx'
 * ```
 */
export function defaultIndexName(table: string, x: Index, suffix = ''): string {
  const [name2, label] = indexParts(x)
  return postgresObjectName(table, name2, label + suffix)
}

/**
 * The name of the sequence behind a serial or identity column (`users_id_seq`).
 *
 * @example
 * ```ts
 * sequenceName('users', 'id') // 'users_id_seq'
 * ```
 */
export function sequenceName(table: string, column: string): string {
  return postgresObjectName(table, column, 'seq')
}

type Named =
  | { readonly kind: 'constraint'; readonly item: Constraint }
  | { readonly kind: 'index'; readonly item: Index }

const keyOf = (n: Named) => `${n.kind}:${stableStringify({ ...n.item, extra: undefined })}`

/**
 * The names every constraint and index of a table is created under: the declared name, a name in
 * `keep` (objects that already exist keep theirs), or the default name numbered the way PostgreSQL
 * numbers clashes (`users_check`, `users_check1`), skipping names already taken in the table.
 * `tableName` lets a renamed table's objects be named for the new name.
 *
 * @example
 * ```ts
 * tableObjectNames(table) // Map { 'constraint:{...}' => 'users_pkey', 'constraint:{...}' => 'users_check', ... }
 * ```
 */
export function tableObjectNames(
  table: Table,
  tableName: string = table.name,
  keep: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const items: Named[] = [
    ...table.constraints.map((item) => ({ kind: 'constraint' as const, item })),
    ...table.indexes.map((item) => ({ kind: 'index' as const, item })),
  ]
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const n of items) {
    const name = n.item.name ?? keep.get(keyOf(n))
    if (name === undefined) continue
    names.set(keyOf(n), name)
    taken.add(name)
  }
  for (const n of items) {
    if (names.has(keyOf(n))) continue
    const make = (suffix: string) =>
      n.kind === 'index'
        ? defaultIndexName(tableName, n.item, suffix)
        : defaultConstraintName(tableName, n.item as Constraint, suffix, table)
    let name = make('')
    for (let i = 1; taken.has(name); i++) name = make(String(i))
    taken.add(name)
    names.set(keyOf(n), name)
  }
  return names
}

/**
 * The name a constraint has in `table` (declared, kept, or its numbered default); the base default
 * when the table is unknown.
 *
 * @example
 * ```ts
 * constraintNameIn(table, 'users', { type: 'check', expression: 'a > 0' }) // 'users_check' (or 'users_check1', ...)
 * ```
 */
export function constraintNameIn(
  table: Table | undefined,
  tableName: string,
  c: Constraint,
  keep?: ReadonlyMap<string, string>,
): string {
  if (c.name !== undefined) return c.name
  return (
    (table && tableObjectNames(table, tableName, keep).get(objectKey('constraint', c))) ??
    defaultConstraintName(tableName, c, '', table)
  )
}

/**
 * The name an index has in `table` (declared, kept, or its numbered default); the base default when
 * the table is unknown.
 *
 * @example
 * ```ts
 * indexNameIn(table, 'users', { parts: [{ column: 'email' }] }) // 'users_email_idx'
 * ```
 */
export function indexNameIn(
  table: Table | undefined,
  tableName: string,
  x: Index,
  keep?: ReadonlyMap<string, string>,
): string {
  if (x.name !== undefined) return x.name
  return (
    (table && tableObjectNames(table, tableName, keep).get(objectKey('index', x))) ?? defaultIndexName(tableName, x)
  )
}

/**
 * A stable key of a constraint or index inside one table (its kind and content), for naming and the
 * rename bookkeeping.
 *
 * @example
 * ```ts
 * objectKey('index', { parts: [{ column: 'email' }] }) // 'index:{"parts":[{"column":"email"}]}'
 * ```
 */
export function objectKey(kind: 'constraint' | 'index', item: Constraint | Index): string {
  return kind === 'index' ? keyOf({ kind, item: item as Index }) : keyOf({ kind, item: item as Constraint })
}
