import { describe, expect, test } from 'vitest'
import {
  detectMigrationLayout,
  type MigrationFile,
  orderMigrations,
  replayMigrations,
} from '../../src/sources/index.js'
import { RAILS_VERSIONS, railsStructureSql } from '../fixtures/rails-structure.js'

// A Rails application with config.active_record.schema_format = :sql: its schema is db/structure.sql
// (pg_dump -s output with Rails' schema_migrations INSERT at the end); db/migrate/*.rb are Ruby.

const app = (stage: 1 | 2 | 3): MigrationFile[] => [
  { path: 'db/structure.sql', text: railsStructureSql(stage) },
  { path: 'db/seeds.sql', text: "INSERT INTO users (email) VALUES ('a@example.com');\n" },
]

describe('the rails layout', { timeout: 120_000 }, () => {
  test('detected by db/structure.sql, named by the newest migration it records, timed by it', () => {
    expect(detectMigrationLayout(app(3))).toBe('rails')
    const { layout, migrations } = orderMigrations(app(3))
    expect(layout).toBe('rails')
    expect(migrations.map((m) => [m.name, m.file, m.time])).toEqual([
      ['20240315101500', 'db/structure.sql', '2024-03-15T10:15:00Z'],
    ])
    // A structure.sql without the list (a new application) is named "structure".
    const bare = [{ path: 'db/structure.sql', text: 'CREATE TABLE t (a int);\n' }]
    expect(orderMigrations(bare, 'rails').migrations.map((m) => [m.name, m.time ?? null])).toEqual([
      ['structure', null],
    ])
    // Other files of the application are not migrations; --layout rails needs a db/structure.sql.
    expect(() => orderMigrations([{ path: 'schema.sql', text: '' }], 'rails')).toThrow(
      'no migration files in the rails layout',
    )
  })

  test('the pg_dump loads on PGlite as it is: Rails tables, citext, the enum, the foreign key', async () => {
    const timeline = await replayMigrations(app(3), { dialect: 'postgres' })
    expect(timeline.failure).toBeUndefined()
    expect(timeline.steps.map((s) => s.name)).toEqual([RAILS_VERSIONS[2]])
    const [step] = timeline.steps
    const schema = step?.schema
    expect(schema?.tables.map((t) => t.name)).toEqual(['ar_internal_metadata', 'orders', 'schema_migrations', 'users'])
    expect(schema?.enums.map((e) => [e.name, e.values])).toEqual([['order_status', ['pending', 'paid', 'shipped']]])
    const users = schema?.tables.find((t) => t.name === 'users')
    expect(users?.columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'created_at', 'updated_at'])
    expect(users?.indexes.map((i) => [i.name, i.unique])).toEqual([['index_users_on_email', true]])
    const orders = schema?.tables.find((t) => t.name === 'orders')
    expect(orders?.constraints.filter((c) => c.type === 'foreign_key').map((c) => c.name)).toEqual([
      'fk_rails_f868b47f6a',
    ])
    expect(step?.notes).toEqual([])
  })
})
