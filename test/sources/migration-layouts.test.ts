import { describe, expect, test } from 'vitest'
import { detectMigrationLayout, findMigration, type MigrationFile, orderMigrations } from '../../src/sources/index.js'

const files = (...paths: string[]): MigrationFile[] => paths.map((path) => ({ path, text: `-- ${path}\nSELECT 1;` }))
const names = (f: MigrationFile[], layout?: Parameters<typeof orderMigrations>[1]) =>
  orderMigrations(f, layout).migrations.map((m) => [m.name, m.file, m.time ?? null])

describe('migration folder layouts', () => {
  test('prisma: <timestamp>_<name>/migration.sql, its lock file left out, time from the name', () => {
    const f = files('20240102000000_b/migration.sql', 'migration_lock.toml', '20240101120000_a/migration.sql')
    expect(detectMigrationLayout(f)).toBe('prisma')
    expect(names(f)).toEqual([
      ['20240101120000_a', '20240101120000_a/migration.sql', '2024-01-01T12:00:00Z'],
      ['20240102000000_b', '20240102000000_b/migration.sql', '2024-01-02T00:00:00Z'],
    ])
  })

  test('diesel: <date>_<name>/up.sql (down.sql left out)', () => {
    const f = files(
      '2024-02-01-093000_add_posts/up.sql',
      '2024-02-01-093000_add_posts/down.sql',
      '00000000000000_diesel_initial_setup/up.sql',
    )
    expect(detectMigrationLayout(f)).toBe('diesel')
    expect(names(f)).toEqual([
      ['00000000000000_diesel_initial_setup', '00000000000000_diesel_initial_setup/up.sql', null],
      ['2024-02-01-093000_add_posts', '2024-02-01-093000_add_posts/up.sql', '2024-02-01T09:30:00Z'],
    ])
  })

  test('golang-migrate: <n>_<name>.up.sql in numeric order (2 before 10)', () => {
    const f = files('10_c.up.sql', '10_c.down.sql', '2_b.up.sql', '1_a.up.sql', '2_b.down.sql')
    expect(detectMigrationLayout(f)).toBe('golang-migrate')
    expect(names(f).map((n) => n[0])).toEqual(['1_a', '2_b', '10_c'])
  })

  test('flyway: V<version>__<desc>.sql by version parts, repeatables after them', () => {
    const f = files('V1_1__b.sql', 'R__views.sql', 'V2__c.sql', 'V1__a.sql', 'V1.10__d.sql')
    expect(detectMigrationLayout(f)).toBe('flyway')
    expect(names(f).map((n) => n[0])).toEqual(['V1__a', 'V1_1__b', 'V1.10__d', 'V2__c', 'R__views'])
  })

  test('dbmate: the -- migrate:up section only, line numbers kept', () => {
    const f: MigrationFile[] = [
      {
        path: '20240301000000_create_t.sql',
        text: '-- migrate:up\nCREATE TABLE t (a int);\n\n-- migrate:down\nDROP TABLE t;\n',
      },
    ]
    expect(detectMigrationLayout(f)).toBe('dbmate')
    const [m] = orderMigrations(f).migrations
    expect(m?.sql).toBe('\nCREATE TABLE t (a int);\n\n')
    expect(m?.time).toBe('2024-03-01T00:00:00Z')
  })

  test('plain: any .sql files in natural order; --layout forces one', () => {
    const f = files('10-more.sql', '2-next.sql', '1-first.sql')
    expect(detectMigrationLayout(f)).toBe('plain')
    expect(names(f).map((n) => n[0])).toEqual(['1-first', '2-next', '10-more'])
    expect(() => orderMigrations(f, 'prisma')).toThrow('no migration files in the prisma layout')
    expect(() => orderMigrations([])).toThrow('no migration files found (.sql files in a known layout)')
  })

  test('a migration is named by its whole name, its version, or latest', () => {
    const { migrations } = orderMigrations(files('1_a.up.sql', '2_b.up.sql', '3_b2.up.sql'))
    expect(findMigration(migrations, '2_b')).toBe(1)
    expect(findMigration(migrations, '3')).toBe(2)
    expect(findMigration(migrations, 'latest')).toBe(2)
    expect(() => findMigration(migrations, 'b')).toThrow('no migration "b"; did you mean 2_b, 3_b2?')
  })
})
