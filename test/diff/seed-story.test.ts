import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Schema } from '../../src/index.js'
import { applyDiff, diffSchemas, parseSchema, reverseDiff } from '../../src/index.js'

const load = (name: string) =>
  parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')))
const v1 = load('seed-v1.json')
const v2 = load('seed-v2.json')
const table = (s: Schema, name: string) => s.tables.find((t) => t.name === name)!
const column = (s: Schema, t: string, c: string) => table(s, t).columns.find((x) => x.name === c)!

describe('the seed story: blog v1 -> v2', () => {
  const diff = diffSchemas(v1, v2)

  it('reports every change, in order, and nothing else', () => {
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'create_enum enum:user_role',
      'alter_column posts.title',
      'drop_column posts.content',
      'add_column posts.body',
      'add_column posts.score',
      'add_constraint posts.ck_posts_score',
      'alter_constraint posts.posts_user_id_fkey',
      'create_table tags',
      'alter_column users.id',
      'alter_column users.username',
      'add_column users.is_active',
      'add_column users.created_at',
      'add_column users.role',
      'drop_constraint users.users_email_key',
      'add_index users.ix_users_email',
    ])
  })

  it('gives exact change objects', () => {
    const byPath = (kind: string, path: string) => diff.changes.find((c) => c.kind === kind && c.path === path)
    expect(byPath('create_enum', 'enum:user_role')).toEqual({
      kind: 'create_enum',
      path: 'enum:user_role',
      enum: 'user_role',
      after: { name: 'user_role', values: ['admin', 'member', 'guest'] },
    })
    expect(byPath('alter_column', 'users.id')).toEqual({
      kind: 'alter_column',
      path: 'users.id',
      table: 'users',
      column: 'id',
      position: 0,
      previousPosition: 0,
      before: { name: 'id', type: { kind: 'integer' }, nullable: false, autoincrement: true },
      after: { name: 'id', type: { kind: 'bigint' }, nullable: false, autoincrement: true },
      changes: ['type'],
    })
    expect(byPath('alter_column', 'users.username')).toMatchObject({
      before: { type: { kind: 'varchar', length: 50 } },
      after: { type: { kind: 'varchar', length: 80 } },
      changes: ['type'],
    })
    expect(byPath('alter_column', 'posts.title')).toMatchObject({
      changes: ['type'],
      after: { type: { kind: 'varchar', length: 100 } },
    })
    expect(byPath('add_column', 'users.is_active')).toEqual({
      kind: 'add_column',
      path: 'users.is_active',
      table: 'users',
      column: 'is_active',
      position: 3,
      after: { name: 'is_active', type: { kind: 'boolean' }, nullable: false, default: 'true' },
    })
    expect(byPath('add_column', 'users.created_at')).toMatchObject({
      position: 4,
      after: { type: { kind: 'timestamp', timezone: true }, nullable: false, default: 'now()' },
    })
    expect(byPath('add_column', 'users.role')).toMatchObject({
      position: 5,
      after: { type: { kind: 'enum', name: 'user_role' }, default: "'member'" },
    })
    expect(byPath('add_column', 'posts.score')).toMatchObject({
      position: 4,
      after: { type: { kind: 'decimal', precision: 10, scale: 2 } },
    })
    expect(byPath('drop_column', 'posts.content')).toEqual({
      kind: 'drop_column',
      path: 'posts.content',
      table: 'posts',
      column: 'content',
      position: 2,
      before: column(v1, 'posts', 'content'),
    })
    expect(byPath('alter_constraint', 'posts.posts_user_id_fkey')).toEqual({
      kind: 'alter_constraint',
      path: 'posts.posts_user_id_fkey',
      table: 'posts',
      before: { type: 'foreign_key', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] },
      after: {
        type: 'foreign_key',
        columns: ['user_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      },
      changes: ['onDelete'],
    })
    expect(byPath('add_constraint', 'posts.ck_posts_score')).toEqual({
      kind: 'add_constraint',
      path: 'posts.ck_posts_score',
      table: 'posts',
      after: { type: 'check', name: 'ck_posts_score', expression: 'score >= 0' },
    })
    expect(byPath('drop_constraint', 'users.users_email_key')).toEqual({
      kind: 'drop_constraint',
      path: 'users.users_email_key',
      table: 'users',
      before: { type: 'unique', columns: ['email'] },
    })
    expect(byPath('add_index', 'users.ix_users_email')).toEqual({
      kind: 'add_index',
      path: 'users.ix_users_email',
      table: 'users',
      after: { name: 'ix_users_email', parts: [{ column: 'email' }], unique: true },
    })
    expect(byPath('create_table', 'tags')).toEqual({
      kind: 'create_table',
      path: 'tags',
      table: 'tags',
      after: table(v2, 'tags'),
    })
  })

  it('offers content -> body as a rename candidate without applying it', () => {
    expect(diff.renameCandidates).toEqual([
      {
        target: 'column',
        table: 'posts',
        from: 'content',
        to: 'body',
        score: 0.75,
        reasons: [
          'same type',
          'same nullability',
          'neither has a default',
          'same position',
          'only dropped and added column of its type',
        ],
        applied: false,
      },
    ])
  })

  it('summarizes the counts', () => {
    expect(diff.summary).toEqual({
      tables: { added: 1, removed: 0, renamed: 0, altered: 0 },
      columns: { added: 5, removed: 1, renamed: 0, altered: 3 },
      constraints: { added: 1, removed: 1, renamed: 0, altered: 1 },
      indexes: { added: 1, removed: 0, renamed: 0, altered: 0 },
      enums: { added: 1, removed: 0, renamed: 0, altered: 0 },
      total: 15,
    })
  })

  it('with the rename hint, content -> body is a rename and not a drop + add', () => {
    const hinted = diffSchemas(v1, v2, { renames: { columns: { 'posts.content': 'body' } } })
    const posts = hinted.changes.filter((c) => 'table' in c && c.table === 'posts').map((c) => `${c.kind} ${c.path}`)
    expect(posts).toEqual([
      'alter_column posts.title',
      'rename_column posts.body',
      'add_column posts.score',
      'add_constraint posts.ck_posts_score',
      'alter_constraint posts.posts_user_id_fkey',
    ])
    expect(hinted.renameCandidates).toEqual([])
    expect(applyDiff(v1, hinted)).toEqual(v2)
  })

  it('applyDiff and reverseDiff hold on the story', () => {
    expect(applyDiff(v1, diff)).toEqual(v2)
    expect(reverseDiff(diff)).toEqual(diffSchemas(v2, v1))
    expect(applyDiff(v2, reverseDiff(diff))).toEqual(v1)
  })
})
