import { describe, expect, it } from 'vitest'
import type { Migration, Statement } from '../../src/sql/index.js'
import { toSQL } from '../../src/sql/index.js'

const st = (sql: string, extra: Partial<Statement> = {}): Statement => ({
  sql,
  destructive: false,
  transactional: true,
  ...extra,
})

describe('toSQL', () => {
  it('wraps transactional runs and keeps the others outside, in place, with their reason', () => {
    const migration: Migration = {
      dialect: 'postgres',
      up: [
        st(`ALTER TYPE "mood" ADD VALUE 'ok'`, {
          transactional: false,
          reason: 'the new value must be committed before it is used',
        }),
        st('ALTER TABLE "t" ADD COLUMN "m" "mood"'),
        st('CREATE INDEX CONCURRENTLY "ix" ON "t" ("m")', {
          transactional: false,
          reason: 'CONCURRENTLY cannot run in a transaction',
        }),
        st('ALTER TABLE "t" DROP COLUMN "old"', { destructive: true, change: { kind: 'drop_column', path: 't.old' } }),
      ],
      down: [],
    }
    expect(toSQL(migration)).toBe(
      [
        '-- schemaledger migration: postgres, up',
        '-- outside the transaction: the new value must be committed before it is used',
        `ALTER TYPE "mood" ADD VALUE 'ok';`,
        'BEGIN;',
        'ALTER TABLE "t" ADD COLUMN "m" "mood";',
        'COMMIT;',
        '-- outside the transaction: CONCURRENTLY cannot run in a transaction',
        'CREATE INDEX CONCURRENTLY "ix" ON "t" ("m");',
        'BEGIN;',
        '-- destructive: drop_column t.old',
        'ALTER TABLE "t" DROP COLUMN "old";',
        'COMMIT;',
        '',
      ].join('\n'),
    )
  })

  it('says why nothing is wrapped on a database without transactional DDL', () => {
    const reason = 'mysql commits every DDL statement on its own'
    const migration: Migration = {
      dialect: 'mysql',
      up: [st('ALTER TABLE `t` ADD COLUMN `a` int', { transactional: false, reason })],
      down: [],
    }
    expect(toSQL(migration)).toBe(
      [
        '-- schemaledger migration: mysql, up',
        `-- Not run in a transaction: ${reason}.`,
        'ALTER TABLE `t` ADD COLUMN `a` int;',
        '',
      ].join('\n'),
    )
  })

  it('renders the down direction and empty migrations', () => {
    const migration: Migration = { dialect: 'sqlite', up: [], down: [st('DROP TABLE "t"')] }
    expect(toSQL(migration, { direction: 'down' })).toBe(
      '-- schemaledger migration: sqlite, down\nBEGIN;\nDROP TABLE "t";\nCOMMIT;\n',
    )
    expect(toSQL(migration)).toBe('-- schemaledger migration: sqlite, up\n-- no changes\n')
  })

  it('renders a plain statement list without a header', () => {
    expect(toSQL([st('CREATE TABLE "t" ("a" integer)')], { transaction: false })).toBe(
      'CREATE TABLE "t" ("a" integer);\n',
    )
  })
})

describe('toSQL phased statements', () => {
  it('flags breaking statements', () => {
    const s = {
      ...st('ALTER TABLE "t" ALTER COLUMN "a" TYPE bigint', { change: { kind: 'alter_column', path: 't.a' } }),
      breaking: true as const,
    }
    expect(toSQL([s], { transaction: false })).toBe(
      '-- breaking: alter_column t.a\nALTER TABLE "t" ALTER COLUMN "a" TYPE bigint;\n',
    )
  })
})
