import { describe, expect, it } from 'vitest'
import { formatSchemaMarkdown } from '../../src/format/index.js'
import { parseSchema } from '../../src/index.js'

describe('formatSchemaMarkdown', () => {
  it('writes a data dictionary: enums, columns with types, nullability, defaults, keys, comments, indexes, relationships', () => {
    const schema = parseSchema({
      format: 'schemaledger/1',
      name: 'app',
      enums: [{ name: 'mood', values: ['happy', 'sad'], comment: 'how it went' }],
      tables: [
        {
          name: 'users',
          comment: 'People | accounts',
          columns: [
            { name: 'id', type: 'bigint', nullable: false, identity: { generation: 'always' } },
            { name: 'email', type: 'varchar(120)', nullable: false, collation: 'C', comment: 'login *name*' },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: ['email'] },
          ],
          indexes: [{ name: 'ix_users_lower_email', columns: [{ expression: 'lower(email)' }], unique: true }],
        },
        {
          name: 'posts',
          columns: [
            { name: 'id', type: 'bigint', nullable: false, autoincrement: true },
            { name: 'user_id', type: 'bigint', nullable: true, default: 'NULL' },
            { name: 'mood', type: 'mood', nullable: true },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            {
              type: 'foreign_key',
              columns: ['user_id'],
              referencedTable: 'users',
              referencedColumns: ['id'],
              onDelete: 'set_null',
            },
          ],
        },
      ],
    })
    expect(formatSchemaMarkdown(schema)).toBe(
      [
        '# Schema app',
        '',
        '2 tables, 1 enum: `posts`, `users`',
        '',
        '## Enums',
        '',
        '| Enum | Values | Comment |',
        '| --- | --- | --- |',
        '| `mood` | `happy`, `sad` | how it went |',
        '',
        '## `posts`',
        '',
        '| Column | Type | Null | Default | Key | Notes |',
        '| --- | --- | :-: | --- | --- | --- |',
        '| `id` | `bigint` | no |  | PK | auto-increment |',
        '| `user_id` | `bigint` | yes | `NULL` | FK → `users.id` |  |',
        '| `mood` | `mood` | yes |  |  |  |',
        '',
        '**Constraints**',
        '',
        '- `posts_pkey`: `PRIMARY KEY (id)`',
        '- `posts_user_id_fkey`: `FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL`',
        '',
        '**Relationships**',
        '',
        '- `user_id` → `users (id)` (on delete set null)',
        '',
        '## `users`',
        '',
        'People \\| accounts',
        '',
        '| Column | Type | Null | Default | Key | Notes |',
        '| --- | --- | :-: | --- | --- | --- |',
        '| `id` | `bigint` | no |  | PK | identity (always) |',
        '| `email` | `varchar(120)` | no |  | UK | collation `C`; login \\*name\\* |',
        '',
        '**Constraints**',
        '',
        '- `users_pkey`: `PRIMARY KEY (id)`',
        '- `users_email_key`: `UNIQUE (email)`',
        '',
        '**Indexes**',
        '',
        '- `ix_users_lower_email`: `UNIQUE INDEX ((lower(email)))`',
        '',
        '**Relationships**',
        '',
        '- referenced by `posts (user_id)`',
        '',
      ].join('\n'),
    )
  })

  it('takes a title', () => {
    expect(formatSchemaMarkdown(parseSchema({ format: 'schemaledger/1', tables: [] }), { title: 'Docs' })).toBe(
      '# Docs\n\n0 tables\n',
    )
  })
})
