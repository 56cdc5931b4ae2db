import { stableStringify } from '../../model/assemble-table.js'
import type { Constraint, Index, Table } from '../../model/types.js'
import { postgresConstraintName, postgresIndexName, postgresObjectName } from './object-names.js'

// Names of unnamed objects as PostgreSQL chooses them (the algorithm is shared with the diff, which
// accepts them as equal to no name): creating objects under these exact names means the next
// introspection reads back the name PostgreSQL itself would have chosen.

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
  return postgresConstraintName(table, c, suffix, definition && new Set(definition.columns.map((col) => col.name)))
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
  return postgresIndexName(table, x, suffix)
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

/**
 * The column `extra` key under which introspection keeps the name of a serial or identity column's
 * sequence when it is not {@link sequenceName} of its table and column (a table renamed without its
 * sequence keeps `people_id_seq`). Plans read it to rename a sequence only when the target says so.
 * @internal
 */
export const SEQUENCE_NAME_KEY = 'postgresSequence'

/**
 * The name of a column's sequence: the one introspection recorded, or {@link sequenceName}.
 *
 * @example
 * ```ts
 * columnSequenceName('persons', { name: 'id', extra: { postgresSequence: 'people_id_seq' } }) // 'people_id_seq'
 * ```
 * @internal
 */
export function columnSequenceName(table: string, column: { readonly name: string; readonly extra?: unknown }): string {
  const extra = column.extra as Readonly<Record<string, unknown>> | undefined
  const recorded = extra?.[SEQUENCE_NAME_KEY]
  return typeof recorded === 'string' ? recorded : sequenceName(table, column.name)
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
