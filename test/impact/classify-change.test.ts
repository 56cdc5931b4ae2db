import { describe, expect, it } from 'vitest'
import { classifyChange } from '../../src/diff/classify-change.js'
import type { DeployPhase } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { diffSchemas } from '../../src/index.js'
import { posts, schema, table, users } from './schemas.js'

// Every change kind gets a deploy phase: expand (before the deploy), contract (after), breaking.

const base = schema([users(), posts()])
const phases = (to: Schema, from: Schema = base, renames = {}): string[] => {
  const diff = diffSchemas(from, to, { renames })
  return diff.changes.map(
    (c) => `${classifyChange(c, { changes: diff.changes, from, to }) satisfies DeployPhase} ${c.kind} ${c.path}`,
  )
}

describe('classifyChange', () => {
  it('new tables, nullable or defaulted columns, widening and relaxing are expand', () => {
    expect(
      phases(
        schema([
          users({ name: 'varchar(200)', nick: 'text', age: 'integer! = 0', email: 'varchar(120)' }),
          posts(),
          table('tags', { id: 'integer!' }, { pk: ['id'] }),
        ]),
      ),
    ).toEqual([
      'expand create_table tags',
      'expand alter_column users.email',
      'expand alter_column users.name',
      'expand add_column users.nick',
      'expand add_column users.age',
    ])
  })

  it('drops, narrowing, NOT NULL and new constraints on existing columns are contract', () => {
    expect(
      phases(
        schema([
          users({ name: 'varchar(50)!' }, { checks: [{ name: 'ck', expression: 'id > 0' }], unique: [['email']] }),
          posts({ body: undefined }, { indexes: [] }),
        ]),
      ),
    ).toEqual([
      'contract drop_column posts.body',
      'contract drop_index posts.ix_posts_user_id',
      'contract alter_column users.name',
      'contract add_constraint users.ck',
      'contract add_constraint users.users_email_key',
    ])
  })

  it('renames, converting type changes and required columns are breaking', () => {
    const renamed = table(
      'users',
      { id: 'integer!', email: 'varchar(120)!', full_name: 'varchar(100)', age: 'integer!' },
      { pk: ['id'] },
    )
    expect(
      phases(schema([renamed, posts({ body: 'integer' })]), base, { columns: { 'users.name': 'full_name' } }),
    ).toEqual([
      'breaking alter_column posts.body',
      'breaking rename_column users.full_name',
      'breaking add_column users.age',
    ])
  })

  it('constraints on columns the same migration adds, and keys that were unique already, are expand', () => {
    const to = schema([
      users(
        { score: 'integer' },
        {
          checks: [{ name: 'ck_score', expression: 'score >= 0' }],
          indexes: [{ name: 'ix_email', columns: ['email'], unique: true }],
        },
      ),
      posts(),
    ])
    const from = schema([users({}, { unique: [['email']] }), posts()])
    expect(phases(to, from)).toEqual([
      'expand add_column users.score',
      'expand add_constraint users.ck_score',
      'contract drop_constraint users.users_email_key',
      'expand add_index users.ix_email',
    ])
  })

  it('enum values: appended expand, removed contract, reordered breaking', () => {
    const withMood = (values: string[]) => schema([users({ mood: 'mood' }), posts()], [{ name: 'mood', values }])
    const from = withMood(['a', 'b'])
    expect(phases(withMood(['a', 'b', 'c']), from)).toEqual(['expand alter_enum enum:mood'])
    expect(phases(withMood(['a']), from)).toEqual(['contract alter_enum enum:mood'])
    expect(phases(withMood(['b', 'a']), from)).toEqual(['breaking alter_enum enum:mood'])
  })

  it('works on a change alone', () => {
    const [drop] = diffSchemas(base, schema([users()])).changes
    expect(drop && classifyChange(drop)).toBe('contract')
  })
})
