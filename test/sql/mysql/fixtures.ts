import type { SchemaDefinition, TableDefinition } from '../../../src/index.js'

// The schemas the exact-SQL cases start from (cases-tables.ts, cases-keys.ts): users, and posts
// pointing at users, with helpers to change one table.

export type { MigrationCase } from '../migration-case.js'

const users: TableDefinition = {
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false, autoincrement: true },
    { name: 'email', type: 'varchar(120)', nullable: false, default: "''" },
    { name: 'name', type: 'varchar(50)' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', columns: ['email'] },
  ],
}

const posts: TableDefinition = {
  name: 'posts',
  columns: [
    { name: 'id', type: 'integer', nullable: false, autoincrement: true },
    { name: 'user_id', type: 'integer', nullable: false },
    { name: 'title', type: 'varchar(200)', nullable: false },
    { name: 'body', type: 'text' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'foreign_key', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] },
  ],
}

/** The starting point of most cases: users, and posts pointing at users. */
export const base: SchemaDefinition = { tables: [users, posts] }

/** `base` with one table replaced (or added) by `table`, and others dropped by name. */
export function withTable(table: TableDefinition, drop: readonly string[] = []): SchemaDefinition {
  const tables = base.tables.filter((t) => t.name !== table.name && !drop.includes(t.name))
  return { tables: [...tables, table] }
}

/** `users` with its columns changed by `edit`. */
export function usersWith(edit: (t: TableDefinition) => Partial<TableDefinition>): SchemaDefinition {
  return withTable({ ...users, ...edit(users) })
}

/** `posts` with its columns changed by `edit`. */
export function postsWith(edit: (t: TableDefinition) => Partial<TableDefinition>): SchemaDefinition {
  return withTable({ ...posts, ...edit(posts) })
}

const column = (t: TableDefinition, name: string, patch: Record<string, unknown>) =>
  t.columns.map((c) => (c.name === name ? { ...c, ...patch } : c))

export { column, posts, users }
