import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../../../src/errors.js'
import { diffSchemas, isSchemaLedgerError } from '../../../src/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { type MigrationCase, TABLE_AND_COLUMN_CASES } from './change-cases.js'
import { CONSTRAINT_AND_INDEX_CASES } from './constraint-cases.js'
import { BLOG, BLOG_ROWS, USERS, withColumn, withTable } from './sqlite-fixtures.js'
import { plan, roundTrip, schema, script, sqliteFactory } from './sqlite-helpers.js'

// Exact SQL for every change kind and altered field, then the same migration on SQLite with rows in
// both tables: up reaches `to`, down comes back to `from` (compared by introspection).

describe.skipIf(sqliteFactory.skipReason !== undefined)(
  engineTitle(sqliteFactory, 'exact SQL per change, applied on the engine'),
  () => {
    let engine: Engine
    beforeAll(async () => {
      engine = await sqliteFactory.open()
    })
    afterAll(async () => {
      await engine.close()
    })

    const run = (c: MigrationCase) => async () => {
      const from = schema(c.from)
      const to = schema(c.to)
      expect(diffSchemas(from, to, c.diff).changes.map((x) => `${x.kind} ${x.path}`)).toEqual(c.changes)
      const migration = plan(from, to, c.diff)
      expect(script(migration).split('\n')).toEqual([...c.up, ''])
      await roundTrip(engine, from, to, migration, BLOG_ROWS)
    }
    describe('tables and columns', () => {
      for (const c of TABLE_AND_COLUMN_CASES) it(c.title, run(c))
    })
    describe('constraints and indexes', () => {
      for (const c of CONSTRAINT_AND_INDEX_CASES) it(c.title, run(c))
    })
  },
)

describe('SQLite: changes outside the expressible subset are refused before any SQL', () => {
  const refused = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      expect(isSchemaLedgerError(error) && error.code).toBe('unsupported_feature')
      return (error as Error).message
    }
    throw new Error('expected unsupported_feature')
  }
  const from = schema(BLOG)

  it('alter_table (a table comment)', () => {
    const to = schema(withTable(BLOG, 'users', (t) => ({ ...t, comment: 'people who write' })))
    expect(refused(() => plan(from, to))).toBe(
      'SQLite cannot store this part of the schema:\n  users: a table comment: SQLite has no comments',
    )
  })

  it('alter_column comment and identity', () => {
    const to = schema(
      withTable(BLOG, 'users', () =>
        withColumn(
          withColumn(USERS, 'name', (c) => ({ ...c, comment: 'display name' })),
          'score',
          (c) => ({
            ...c,
            identity: { generation: 'by_default' },
          }),
        ),
      ),
    )
    expect(refused(() => plan(from, to))).toBe(
      [
        'SQLite cannot store these 2 parts of the schema:',
        '  users.name: a comment: SQLite has no comments',
        '  users.score: an identity column: SQLite has none (use autoincrement on an integer key)',
      ].join('\n'),
    )
  })

  it('create_enum, alter_enum and drop_enum', () => {
    const moods = (values: string[]) => schema({ ...BLOG, enums: [{ name: 'mood', values }] })
    expect(refused(() => plan(from, moods(['sad', 'ok'])))).toBe(
      'SQLite cannot store this part of the schema:\n  enum:mood: SQLite has no enum types',
    )
    expect(refused(() => plan(moods(['sad']), moods(['sad', 'ok'])))).toContain('enum:mood: SQLite has no enum types')
    expect(refused(() => plan(moods(['sad']), from))).toContain('enum:mood: SQLite has no enum types')
  })

  it('add_column of an array or an enum type, naming the table and column', () => {
    const to = schema(
      withTable(BLOG, 'users', (t) => ({
        ...t,
        columns: [...t.columns, { name: 'tags', type: 'text[]' }, { name: 'size', type: "enum('s','m')" }],
      })),
    )
    expect(refused(() => plan(from, to))).toBe(
      [
        'SQLite cannot store these 2 parts of the schema:',
        '  users.tags: an array type: SQLite has no arrays',
        '  users.size: an inline enum: SQLite has no enum types (use text with a CHECK constraint)',
      ].join('\n'),
    )
  })

  it('add_index with a method, INCLUDE, an operator class or NULLS LAST', () => {
    const to = schema(
      withTable(BLOG, 'users', (t) => ({
        ...t,
        indexes: [
          { name: 'ix_a', columns: ['name'], using: 'gin', include: ['score'] },
          {
            name: 'ix_b',
            columns: [{ column: 'email', opclass: 'text_pattern_ops', descending: true, nulls: 'last' }],
          },
        ],
      })),
    )
    expect(refused(() => plan(from, to))).toBe(
      [
        'SQLite cannot store these 4 parts of the schema:',
        '  users.ix_a: USING gin: SQLite has one index method',
        '  users.ix_a: INCLUDE: not in SQLite',
        '  users.ix_b: operator class text_pattern_ops on email: not in SQLite',
        '  users.ix_b: NULLS LAST on email: not in SQLite indexes',
      ].join('\n'),
    )
  })
})

describe('SQLite: planning without the full schemas', () => {
  const from = schema(BLOG)
  it('writes native changes from the diff alone', () => {
    const to = schema(withTable(BLOG, 'users', (t) => ({ ...withColumn(t, 'score', () => undefined), indexes: [] })))
    expect(script(planMigration(diffSchemas(from, to), { dialect: 'sqlite' })).split('\n')).toEqual([
      '-- schemaledger migration: sqlite, up',
      'BEGIN;',
      'DROP INDEX "users_name_idx";',
      '-- destructive: drop_column users.score',
      'ALTER TABLE "users" DROP COLUMN "score";',
      'COMMIT;',
      '',
    ])
  })

  it('asks for them when a table must be rebuilt', () => {
    const to = schema(withTable(BLOG, 'users', (t) => withColumn(t, 'score', (c) => ({ ...c, type: 'bigint' }))))
    expect(() => planMigration(diffSchemas(from, to), { dialect: 'sqlite' })).toThrow(
      new InvalidOptionError(
        'from',
        'rebuilding SQLite table "users" needs its full definition: pass the full schemas to planMigration ({ from, to }) so the whole table is known',
      ),
    )
  })
})
