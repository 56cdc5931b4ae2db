import type { ColumnDefinition, SchemaDefinition, TableDefinition } from '../../../src/index.js'

// The small blog schema the change-by-change tests start from, and helpers to derive variants of it.

export const USERS: TableDefinition = {
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false, autoincrement: true },
    { name: 'email', type: 'varchar(120)', nullable: false, default: "''" },
    { name: 'name', type: 'text' },
    { name: 'score', type: 'integer' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', columns: ['email'] },
  ],
  indexes: [{ columns: ['name'] }],
}

export const POSTS: TableDefinition = {
  name: 'posts',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'user_id', type: 'integer', nullable: false },
    { name: 'title', type: 'text', nullable: false },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    {
      type: 'foreign_key',
      columns: ['user_id'],
      referencedTable: 'users',
      referencedColumns: ['id'],
      onDelete: 'cascade',
    },
  ],
  indexes: [{ name: 'ix_posts_user', columns: ['user_id'] }],
}

export const BLOG: SchemaDefinition = { tables: [USERS, POSTS] }

/** Rows present before every migration of the change tests. */
export const BLOG_ROWS = [
  "INSERT INTO users (id, email, name, score) VALUES (1, 'ann@example.com', 'Ann', 10), (2, 'bob@example.com', NULL, NULL)",
  "INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'hello'), (2, 2, 'world')",
]

/** The blog with one table replaced (or added) by `edit`. */
export function withTable(
  base: SchemaDefinition,
  name: string,
  edit: (t: TableDefinition) => TableDefinition | undefined,
): SchemaDefinition {
  const found = base.tables.find((t) => t.name === name)
  const edited = edit(found ?? { name, columns: [] })
  const others = base.tables.filter((t) => t.name !== name)
  return { ...base, tables: edited ? [...others, edited] : others }
}

/** The table with one column replaced by `edit` (or removed when it returns undefined). */
export function withColumn(
  t: TableDefinition,
  name: string,
  edit: (c: ColumnDefinition) => ColumnDefinition | undefined,
): TableDefinition {
  return {
    ...t,
    columns: t.columns.flatMap((c) => (c.name === name ? (edit(c) ?? []) : [c])),
  }
}
