import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../src/impact/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'
import { planMigration } from '../../src/sql/index.js'
import { lines } from './schemas.js'

// The blog story (v1 -> v2) on PostgreSQL: the findings a senior DBA would list, and nothing else.

const load = (name: string) =>
  parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')))
const v1 = load('seed-v1.json')
const v2 = load('seed-v2.json')
const diff = diffSchemas(v1, v2)

describe('the seed story on PostgreSQL', () => {
  const report = analyzeImpact(diff, { dialect: 'postgres', from: v1 })

  it('lists exactly what a DBA would: data loss, narrowing, rewrites and locks, existing rows filled', () => {
    expect(report.findings.map((f) => `${f.severity} ${f.code} ${f.change.path}: ${f.message}`)).toEqual([
      'warning DS005 posts.title: narrowing posts.title from varchar(200) to varchar(100) fails on values longer than 100 characters',
      "danger DS013 posts.content: dropping posts.content loses its data; if this is a rename to posts.body, pass renames: { columns: { 'posts.content': 'body' } }",
      'warning LK007 posts.ck_posts_score: adding posts.ck_posts_score scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes',
      'warning LK006 posts.posts_user_id_fkey: re-adding posts.posts_user_id_fkey scans every row under SHARE ROW EXCLUSIVE locks on both tables, blocking writes to them',
      'warning BP015 users.id: posts.user_id (integer) references users.id (bigint): values of users.id beyond the range of integer cannot be referenced',
      'warning LK009 users.id: changing users.id from integer to bigint rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes',
      'info DD011 users.is_active: users.is_active is added NOT NULL with default true: every existing row gets true',
      'info DD011 users.created_at: users.created_at is added NOT NULL with default now(): every existing row gets now() as evaluated once, at migration time',
      "info DD011 users.role: users.role is added NOT NULL with default 'member': every existing row gets 'member'",
      'warning LK001 users.ix_users_email: building users.ix_users_email blocks writes to users until it finishes',
    ])
  })

  it('reports no noise: the check on the new score column cannot fail, the email index cannot meet duplicates', () => {
    const codes = report.findings.map((f) => f.code)
    // score is added in the same migration: NULL in every row, so CHECK (score >= 0) holds (no DD005).
    expect(codes).not.toContain('DD005')
    // users_email_key made email unique already: the new unique index cannot fail on duplicates (no DD001).
    expect(codes).not.toContain('DD001')
    // the FK only gains ON DELETE CASCADE: its rows were checked before (no DD006); widening username is metadata only.
    expect(codes).not.toContain('DD006')
    expect(report.findings.some((f) => f.change.path === 'users.username')).toBe(false)
    expect(report.findings.find((f) => f.code === 'LK001')?.explanation).toBe(
      'CREATE INDEX builds it under a SHARE lock, blocking writes for as long as it reads the whole table. The rows are already unique on (email), so the build cannot fail on duplicates.',
    )
  })

  it('gives the exact finding for the content column, with the rename SQL', () => {
    expect(report.findings.find((f) => f.code === 'DS013')).toEqual({
      code: 'DS013',
      severity: 'danger',
      change: { kind: 'drop_column', path: 'posts.content' },
      message:
        "dropping posts.content loses its data; if this is a rename to posts.body, pass renames: { columns: { 'posts.content': 'body' } }",
      explanation:
        'The diff reads posts.content -> posts.body as a drop and an add (rename score 0.75: same type, same nullability, neither has a default, same position, only dropped and added column of its type). Planned as is, the migration deletes every value of content and adds an empty body.',
      fix: {
        description:
          "If it is a rename, diff again with renames: { columns: { 'posts.content': 'body' } } so the migration renames the column and keeps its values.",
        sql: ['ALTER TABLE "posts" RENAME COLUMN "content" TO "body"'],
      },
      dialect: 'postgres',
      phase: 'contract',
    })
  })

  it('gives the exact finding for is_active, safe on PostgreSQL 11+', () => {
    expect(report.findings.find((f) => f.change.path === 'users.is_active')).toEqual({
      code: 'DD011',
      severity: 'info',
      change: { kind: 'add_column', path: 'users.is_active' },
      message: 'users.is_active is added NOT NULL with default true: every existing row gets true',
      explanation:
        'The database fills the default into the rows that exist without rewriting the table on PostgreSQL 15 (assumed; pass dialectVersion). Make sure it is the right value for old rows, not only for new ones.',
      fix: {
        description:
          'Keep it if the default is right for existing rows; otherwise add the column nullable, backfill the real values, then set NOT NULL.',
      },
      dialect: 'postgres',
      phase: 'expand',
    })
  })

  it('gives the fix SQL the dialect writes: concurrent index before the old key goes, NOT VALID + VALIDATE', () => {
    const sql = (code: string) => report.findings.find((f) => f.code === code)?.fix.sql
    expect(sql('LK001')).toEqual([
      'CREATE UNIQUE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email")',
      'ALTER TABLE "users" DROP CONSTRAINT "users_email_key"',
    ])
    expect(sql('LK006')).toEqual([
      'ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey"',
      'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE NOT VALID',
      'ALTER TABLE "posts" VALIDATE CONSTRAINT "posts_user_id_fkey"',
    ])
    expect(sql('LK007')).toEqual([
      'ALTER TABLE "posts" ADD CONSTRAINT "ck_posts_score" CHECK (score >= 0) NOT VALID',
      'ALTER TABLE "posts" VALIDATE CONSTRAINT "ck_posts_score"',
    ])
  })

  it('summarizes and classifies every change', () => {
    expect(report.summary).toEqual({
      danger: 1,
      warning: 6,
      info: 3,
      total: 10,
      suppressed: 0,
      highest: 'danger',
      phases: { expand: 12, contract: 3, breaking: 0 },
      version: { label: 'PostgreSQL 15', assumed: true },
    })
    expect(report.classification.filter((c) => c.phase !== 'expand')).toEqual([
      { change: { kind: 'alter_column', path: 'posts.title' }, phase: 'contract' },
      { change: { kind: 'drop_column', path: 'posts.content' }, phase: 'contract' },
      { change: { kind: 'drop_constraint', path: 'users.users_email_key' }, phase: 'contract' },
    ])
  })

  it('on PostgreSQL 10 the three defaulted columns also rewrite users', () => {
    const old = analyzeImpact(diff, { dialect: 'postgres', dialectVersion: 10, from: v1 })
    expect(lines(old.findings.filter((f) => f.code === 'LK010'))).toEqual([
      'warning LK010 users.is_active',
      'warning LK010 users.created_at',
      'warning LK010 users.role',
    ])
    expect(old.summary.version).toEqual({ label: 'PostgreSQL 10', assumed: false })
  })

  it('with the rename hint, the content finding becomes the rename finding', () => {
    const hinted = diffSchemas(v1, v2, { renames: { columns: { 'posts.content': 'body' } } })
    const found = lines(analyzeImpact(hinted, { dialect: 'postgres', dialectVersion: 16, from: v1 }).findings)
    expect(found).toContain('warning BC002 posts.body')
    expect(found.some((l) => l.includes('DS013') || l.includes('DS003'))).toBe(false)
  })

  it('with a data profile, the title narrowing is certain', () => {
    const profiled = analyzeImpact(diff, {
      dialect: 'postgres',
      dialectVersion: 16,
      from: v1,
      profile: { tables: { posts: { rows: 5000, columns: { title: { maxLength: 140 }, content: { nulls: 10 } } } } },
    })
    expect(profiled.findings.find((f) => f.code === 'DS005')).toMatchObject({
      severity: 'danger',
      message: 'narrowing posts.title from varchar(200) to varchar(100) fails: the longest value has 140 characters',
    })
  })

  it('planned with concurrently and notValid, the lock findings go and the concurrent-build gap appears', () => {
    const planned = analyzeImpact(diff, {
      dialect: 'postgres',
      dialectVersion: 16,
      from: v1,
      plan: { concurrently: true, notValid: true },
    })
    expect(lines(planned.findings)).toEqual([
      'warning DS005 posts.title',
      'danger DS013 posts.content',
      'warning BP015 users.id',
      'warning LK009 users.id',
      'info DD011 users.is_active',
      'info DD011 users.created_at',
      'info DD011 users.role',
      'warning DD001 users.ix_users_email',
    ])
    expect(planned.findings.at(-1)?.message).toBe(
      'users.ix_users_email is built concurrently after the old unique key on users(email) is dropped: duplicates written in between make it fail',
    )
  })

  it('splits the migration into pre- and post-deploy scripts', () => {
    const migration = planMigration(diff, { dialect: 'postgres', from: v1, phases: true })
    const post = migration.phases.post.map((s) => s.sql)
    expect(post).toEqual([
      'ALTER TABLE "users" DROP CONSTRAINT "users_email_key"',
      'ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(100)',
      'ALTER TABLE "posts" DROP COLUMN "content"',
    ])
    expect(migration.phases.pre.length + post.length).toBe(migration.up.length)
    expect(migration.phases.pre.every((s) => !post.includes(s.sql))).toBe(true)
    expect(migration.phases.pre.some((s) => s.breaking)).toBe(false)
  })
})
