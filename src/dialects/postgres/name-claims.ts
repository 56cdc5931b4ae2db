import type { Constraint, Index, Table } from '../../model/types.js'
import { sequenceName } from './names.js'

// Tables, indexes and sequences share one set of names per namespace (pg_class), and so do a
// primary key or unique constraint and the index behind it. A statement that creates such a
// relation claims its name; one that drops it releases the name; the planner runs the release
// first (`orderByNameOwnership`), whatever the stages of the two statements.

/**
 * The ownership key of a relation name in a namespace.
 *
 * @example
 * ```ts
 * relationKey('users_pkey', 'billing') // 'relation\u0000billing\u0000users_pkey'
 * ```
 * @internal
 */
export const relationKey = (name: string, schema?: string) => `relation\u0000${schema ?? ''}\u0000${name}`

/** Whether a constraint is backed by an index of the same name. */
const hasIndex = (c: Constraint) => c.type === 'primary_key' || c.type === 'unique'

/**
 * Every relation name a table holds: its own, those of its keys and indexes (named by the callbacks,
 * which know whether the table is being created or dropped), and those of its serial and identity
 * sequences.
 *
 * @example
 * ```ts
 * tableRelationKeys(users, (c) => c.name ?? 'users_pkey', (x) => x.name ?? 'users_email_idx')
 * // keys of users, users_pkey, users_email_idx, users_id_seq
 * ```
 * @internal
 */
export function tableRelationKeys(
  table: Table,
  constraintName: (c: Constraint) => string,
  indexName: (x: Index) => string,
): string[] {
  const names = [
    table.name,
    ...table.constraints.filter(hasIndex).map(constraintName),
    ...table.indexes.map(indexName),
    ...table.columns.filter((c) => c.autoincrement || c.identity).map((c) => sequenceName(table.name, c.name)),
  ]
  return names.map((n) => relationKey(n, table.schema))
}

/**
 * The relation name a constraint claims when it is added, or releases when it is dropped (primary
 * keys and unique constraints only; nothing for the others).
 *
 * @example
 * ```ts
 * constraintRelationKeys({ type: 'unique', columns: ['email'] }, 'users_email_key', undefined) // [key of users_email_key]
 * ```
 * @internal
 */
export function constraintRelationKeys(c: Constraint, name: string, schema: string | undefined): string[] {
  return hasIndex(c) ? [relationKey(name, schema)] : []
}
