import { stableStringify } from '../../model/assemble-table.js'
import type { Constraint, Index, Table } from '../../model/types.js'

// The names PostgreSQL gives objects declared without one, truncated the way PostgreSQL truncates
// them (src/backend/commands/indexcmds.c makeObjectName / ChooseRelationName): a name is at most 63
// bytes, and when `table_columns_label` is longer, the longer of the table and column parts is
// shortened one byte at a time, never splitting a multi-byte character. Creating objects under these
// exact names means the next introspection reads back the name PostgreSQL itself would have chosen.

/** Longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1). */
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

/** Base (un-numbered) name parts of a database-named constraint: `[name2, label]`. */
function constraintParts(c: Constraint): [string | undefined, string] {
  switch (c.type) {
    case 'primary_key':
      return [undefined, 'pkey']
    case 'unique':
      return [nameAddition(c.columns), 'key']
    case 'foreign_key':
      return [nameAddition(c.columns), 'fkey']
    case 'check':
      return [undefined, 'check']
  }
}

const indexParts = (x: Index): [string, string] => [nameAddition(x.parts.map((p) => p.column ?? 'expr')), 'idx']

/**
 * The name PostgreSQL gives an unnamed constraint (`users_pkey`, `users_email_key`,
 * `posts_user_id_fkey`, `users_check`), truncated to 63 bytes as PostgreSQL does.
 *
 * @example
 * ```ts
 * defaultConstraintName('users', { type: 'unique', columns: ['email'] }) // 'users_email_key'
 * ```
 */
export function defaultConstraintName(table: string, c: Constraint, suffix = ''): string {
  const [name2, label] = constraintParts(c)
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
 * The names every constraint and index of a table is created under: the declared name, or the
 * default name numbered the way PostgreSQL numbers clashes (`users_check`, `users_check1`), skipping
 * names already taken in the table. `tableName` lets a renamed table's objects be named for the new name.
 */
export function tableObjectNames(table: Table, tableName: string = table.name): Map<string, string> {
  const items: Named[] = [
    ...table.constraints.map((item) => ({ kind: 'constraint' as const, item })),
    ...table.indexes.map((item) => ({ kind: 'index' as const, item })),
  ]
  const taken = new Set(items.flatMap((n) => (n.item.name === undefined ? [] : [n.item.name])))
  const names = new Map<string, string>()
  for (const n of items) {
    if (n.item.name !== undefined) {
      names.set(keyOf(n), n.item.name)
      continue
    }
    const make = (suffix: string) =>
      n.kind === 'index'
        ? defaultIndexName(tableName, n.item, suffix)
        : defaultConstraintName(tableName, n.item, suffix)
    let name = make('')
    for (let i = 1; taken.has(name); i++) name = make(String(i))
    taken.add(name)
    names.set(keyOf(n), name)
  }
  return names
}

/** The name a constraint has in `table` (declared, or its numbered default); the base default when the table is unknown. */
export function constraintNameIn(table: Table | undefined, tableName: string, c: Constraint): string {
  if (c.name !== undefined) return c.name
  return (
    (table && tableObjectNames(table, tableName).get(keyOf({ kind: 'constraint', item: c }))) ??
    defaultConstraintName(tableName, c)
  )
}

/** The name an index has in `table` (declared, or its numbered default); the base default when the table is unknown. */
export function indexNameIn(table: Table | undefined, tableName: string, x: Index): string {
  if (x.name !== undefined) return x.name
  return (
    (table && tableObjectNames(table, tableName).get(keyOf({ kind: 'index', item: x }))) ??
    defaultIndexName(tableName, x)
  )
}

/** A stable key of a constraint or index inside one table, for the rename bookkeeping. */
export function objectKey(kind: 'constraint' | 'index', item: Constraint | Index): string {
  return kind === 'index' ? keyOf({ kind, item: item as Index }) : keyOf({ kind, item: item as Constraint })
}
