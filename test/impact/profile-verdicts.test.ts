import { describe, expect, it } from 'vitest'
import type { DataProfile } from '../../src/impact/index.js'
import { analyze, posts, schema, table, users } from './schemas.js'

// A data profile turns "can fail" into "will fail" or "safe".

const base = schema([users(), posts()])
const run = (to: ReturnType<typeof schema>, profile: DataProfile, code: string, from = base) =>
  analyze(from, to, 'postgres', { dialectVersion: 16, profile })
    .findings.filter((f) => f.code === code)
    .map((f) => `${f.severity}: ${f.message}`)

describe('findings with a data profile', () => {
  const notNull = schema([users({ name: 'varchar(100)!' }), posts()])
  it('NOT NULL on a column with zero NULLs is info; with NULLs, danger', () => {
    expect(run(notNull, { tables: { users: { rows: 120000, columns: { name: { nulls: 0 } } } } }, 'DD004')).toEqual([
      'info: making users.name NOT NULL is safe: it holds no NULL',
    ])
    expect(run(notNull, { tables: { users: { rows: 120000, columns: { name: { nulls: 12 } } } } }, 'DD004')).toEqual([
      'danger: making users.name NOT NULL fails: 12 rows hold NULL',
    ])
  })

  const narrow = (from: string, to: string) =>
    [schema([users({ name: from }), posts()]), schema([users({ name: to }), posts()])] as const
  it('narrowing varchar(100) to varchar(50) is danger when the longest value has 64 characters, info at 40', () => {
    const [from, to] = narrow('varchar(100)', 'varchar(50)')
    const profile = (maxLength: number): DataProfile => ({
      tables: { users: { rows: 120000, columns: { name: { maxLength } } } },
    })
    expect(run(to, profile(64), 'DS005', from)).toEqual([
      'danger: narrowing users.name from varchar(100) to varchar(50) fails: the longest value has 64 characters',
    ])
    expect(run(to, profile(40), 'DS005', from)).toEqual([
      'info: narrowing users.name from varchar(100) to varchar(50) is safe: the longest value has 40 characters',
    ])
    expect(run(to, { tables: {} }, 'DS005', from)).toEqual([
      'warning: narrowing users.name from varchar(100) to varchar(50) fails on values longer than 50 characters',
    ])
  })

  it('dropping an empty table is info; a column holding only NULL loses nothing', () => {
    expect(run(schema([users()]), { tables: { posts: { rows: 0 } } }, 'DS002')).toEqual([
      'info: dropping table posts loses no rows: it is empty',
    ])
    expect(run(schema([users()]), { tables: { posts: { rows: 12 } } }, 'DS002')).toEqual([
      'danger: dropping table posts deletes all its rows (12 rows)',
    ])
    const noBody = schema([users(), posts({ body: undefined })])
    expect(run(noBody, { tables: { posts: { rows: 5, columns: { body: { nulls: 5 } } } } }, 'DS003')).toEqual([
      'info: dropping posts.body loses no values: it holds only NULL',
    ])
  })

  it('a new unique key is danger on duplicates and info on distinct values', () => {
    const to = schema([users({}, { indexes: [{ name: 'ix_users_email', columns: ['email'], unique: true }] }), posts()])
    const profile = (distinct: number): DataProfile => ({
      tables: { users: { rows: 120000, columns: { email: { nulls: 0, distinct } } } },
    })
    expect(run(to, profile(119000), 'DD001')).toEqual([
      'danger: adding unique users.ix_users_email on users(email) fails: 1000 rows repeat an existing value',
    ])
    expect(run(to, profile(120000), 'DD001')).toEqual([
      'info: adding unique users.ix_users_email on users(email) is safe: every value is distinct',
    ])
  })

  it('a NOT NULL column without default on an empty table is info', () => {
    const to = schema([users({ age: 'integer!' }), posts()])
    expect(run(to, { tables: { users: { rows: 0 } } }, 'DD003')).toEqual([
      'info: adding users.age NOT NULL without a default is safe: the table is empty',
    ])
  })

  it('looks a renamed table up under its old name', () => {
    const tags = table('tags', { id: 'integer!', name: 'varchar(50)!' }, { pk: ['id'] })
    const from = schema([users(), posts(), tags])
    const to = schema([users(), posts(), table('labels', { id: 'integer!', name: 'varchar(20)!' }, { pk: ['id'] })])
    const found = analyze(from, to, 'postgres', {
      diff: { renames: { tables: { tags: 'labels' } } },
      profile: { tables: { tags: { rows: 3, columns: { name: { maxLength: 12 } } } } },
    }).findings.filter((f) => f.code === 'DS005')
    expect(found.map((f) => `${f.severity} ${f.change.path}`)).toEqual(['info labels.name'])
  })
})
