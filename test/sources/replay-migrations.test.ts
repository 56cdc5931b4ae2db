import { describe, expect, test } from 'vitest'
import { serializeSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { replayMigrations, type Timeline } from '../../src/sources/index.js'
import { PG_URL, uniqueName } from './dump-fixtures.js'
import { fixtureFiles } from './migration-fixtures.js'

// The prisma-shop fixture: 44 PostgreSQL migrations in Prisma's layout with renames (columns,
// tables, constraints, indexes), enums and enum values, indexes (partial, expression, GIN),
// checks, comments and data backfills that later DDL depends on.

const files = fixtureFiles('prisma-shop')
let timeline: Timeline | undefined
const replayed = async () => {
  timeline ??= await replayMigrations(files, { dialect: 'postgres' })
  return timeline
}

describe('replaying a migration folder into a timeline', { timeout: 600_000 }, () => {
  test('every migration of the Prisma folder becomes a version, with its diff and findings', async () => {
    const seen: string[] = []
    timeline = await replayMigrations(files, {
      dialect: 'postgres',
      onStep: (s, total) => seen.push(`${s.index}/${total}`),
    })
    expect(timeline.layout).toBe('prisma')
    expect(timeline.failure).toBeUndefined()
    expect(timeline.steps.length).toBe(44)
    expect(timeline.total).toBe(44)
    expect(seen.at(-1)).toBe('44/44')
    const step = (name: string) => {
      const found = timeline?.steps.find((s) => s.name.endsWith(`_${name}`))
      if (!found) throw new Error(`no step ${name}`)
      return found
    }
    expect(step('init_users')).toMatchObject({
      index: 1,
      name: '20240103090000_init_users',
      file: '20240103090000_init_users/migration.sql',
      time: '2024-01-03T09:00:00Z',
    })
    expect(step('init_users').hash).toMatch(/^[0-9a-f]{64}$/)
    // Data backfills change no schema; the DDL after them depends on them (slug NOT NULL, total).
    expect(step('backfill_slug').diff.changes).toEqual([])
    expect(step('seed_orders').diff.changes).toEqual([])
    expect(step('slug_not_null_unique').diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'alter_column posts.slug',
      'add_index posts.posts_slug_key',
    ])
    // A column rename shows as a drop and an add, with the rename offered as a candidate.
    const rename = step('rename_body_to_content').diff
    expect(rename.changes.map((c) => `${c.kind} ${c.path}`).sort()).toEqual([
      'add_column posts.content',
      'drop_column posts.body',
    ])
    expect(JSON.stringify(rename)).toContain('"content"')
    expect(step('add_enum_value_moderator').diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'alter_enum enum:Role',
    ])
    expect(step('drop_published').findings.some((f) => f.severity === 'danger')).toBe(true)
    expect(timeline.steps.at(-1)?.schema.tables.map((t) => t.name)).toEqual([
      'audit_log',
      'orders',
      'post_tags',
      'posts',
      'profiles',
      'replies',
      'tags',
      'users',
    ])
  })

  test.skipIf(!PG_URL)(
    `the schema at every step equals the PostgreSQL server's at the same step${PG_URL ? '' : ' (skipped: SCHEMALEDGER_PG_URL is not set)'}`,
    async () => {
      const { steps } = await replayed()
      const pg = (await import('pg')).default
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      const database = uniqueName('sl_replay')
      await admin.query(`CREATE DATABASE ${database}`)
      const target = new URL(PG_URL as string)
      target.pathname = `/${database}`
      const db = new pg.Pool({ connectionString: target.toString(), max: 4 })
      db.on('error', () => undefined) // connections ended by DROP DATABASE ... WITH (FORCE)
      try {
        const query = async (sql: string, params?: readonly unknown[]) =>
          (await db.query(sql, params as unknown[])).rows
        const { migrations } = await import('../../src/sources/index.js').then((m) => m.orderMigrations(files))
        for (const [i, migration] of migrations.entries()) {
          await db.query(migration.sql)
          const onServer = await introspect(query, { dialect: 'postgres' })
          expect(serializeSchema(steps[i]?.schema as never), migration.name).toBe(serializeSchema(onServer))
        }
      } finally {
        await db.end()
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
        await admin.end()
      }
    },
  )

  test('a migration that fails stops the replay with file, line, statement and engine error; earlier versions stay', async () => {
    const broken = [
      ...files.filter((f) => f.path < '20240115'),
      {
        path: '20240116000000_broken/migration.sql',
        text: '-- adds a key to a column that does not exist\nALTER TABLE "posts"\n  ADD COLUMN "x" int;\nCREATE INDEX "bad" ON "posts" ("nope");\n',
      },
      ...files.filter((f) => f.path > '20240117'),
    ]
    const partial = await replayMigrations(broken, { dialect: 'postgres' })
    expect(partial.steps.map((s) => s.name)).toEqual([
      '20240103090000_init_users',
      '20240106100700_add_posts',
      '20240109111400_seed_admin',
      '20240112122100_add_role_enum',
    ])
    expect(partial.total).toBe(44) // one of the folder's replaced by the broken one
    expect(partial.failure?.migration).toBe('20240116000000_broken')
    expect(partial.failure?.error.message).toBe(
      '20240116000000_broken/migration.sql:4: column "nope" does not exist\n  in: CREATE INDEX "bad" ON "posts" ("nope")',
    )
  })
})
