import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineSchema, diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan, remaining } from './harness.js'

// MariaDB names what is declared without a name its own way: PRIMARY, unique keys after their first
// column (b, b_2), foreign keys table_ibfk_n, table-level checks CONSTRAINT_n and column-level checks
// after their column. Read back, those names must diff as equal to no name. And the names the SQL
// layer gives unnamed objects must fit MySQL's 64-character limit, however long the table's name.

const unnamed = (table: string, a: string, b: string, c: string) =>
  defineSchema({
    tables: [
      {
        name: table,
        columns: [
          { name: a, type: 'integer', nullable: false },
          { name: b, type: 'integer' },
          { name: c, type: 'integer' },
        ],
        constraints: [
          { type: 'primary_key', columns: [a] },
          { type: 'unique', columns: [b, c] },
          { type: 'unique', columns: [b] },
          { type: 'foreign_key', columns: [b], referencedTable: table, referencedColumns: [a] },
          { type: 'foreign_key', columns: [c], referencedTable: table, referencedColumns: [a] },
          { type: 'check', expression: `${b} > 0` },
          { type: 'check', expression: `${b} < ${c}` },
          { type: 'check', expression: `${c} > 1` },
        ],
        indexes: [{ columns: [c, b] }],
      },
    ],
  })

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'names of unnamed objects'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it("MariaDB's own names diff as equal to no name", async () => {
    await engine.reset()
    await engine.exec(`CREATE TABLE t (a int PRIMARY KEY, b int CHECK (b > 0), c int,
      UNIQUE (b, c), UNIQUE (b), FOREIGN KEY (b) REFERENCES t (a) ON DELETE NO ACTION ON UPDATE NO ACTION,
      FOREIGN KEY (c) REFERENCES t (a) ON DELETE NO ACTION ON UPDATE NO ACTION,
      CHECK (b < c), CHECK (c > 1), KEY (c, b))`)
    const read = await introspectEngine(engine)
    const t = read.tables[0]
    // What MariaDB chose, as the introspector reads it. The column-level check is named `b` like the
    // unique key on b: read as unnamed (as declared), its name kept to drop it by.
    expect(t?.constraints.map((c) => c.name)).toEqual([
      undefined, // PRIMARY is the only name a primary key has: read as unnamed
      'b',
      'b_2',
      't_ibfk_1',
      't_ibfk_2',
      undefined,
      'CONSTRAINT_1',
      'CONSTRAINT_2',
    ])
    expect(t?.constraints[5]).toEqual({ type: 'check', expression: 'b > 0', extra: { mysqlName: 'b' } })
    expect(t?.indexes.map((x) => x.name)).toEqual(['c'])
    expect(diffSchemas(read, unnamed('t', 'a', 'b', 'c')).changes).toEqual([])
    expect(diffSchemas(unnamed('t', 'a', 'b', 'c'), read).changes).toEqual([])
    // A migration drops that check by MariaDB's name, and every other object by its own.
    const empty = defineSchema({ tables: [{ name: 't', columns: [{ name: 'a', type: 'integer', nullable: false }] }] })
    await run(engine, plan(read, empty).up)
    expect(await remaining(engine, empty)).toEqual([])
  })

  describe('a check MariaDB keeps in its column', () => {
    // e also has a table-level check (MariaDB allows one check in a column's definition).
    const DDL = 'CREATE TABLE k (id int PRIMARY KEY, d int CHECK (d > 5), e int CHECK (e <> 0), CHECK (e < 100))'
    const k = (d: string, checks: string[]) =>
      defineSchema({
        tables: [
          {
            name: 'k',
            columns: [
              { name: 'id', type: 'integer', nullable: false },
              { name: 'd', type: d },
              { name: 'e', type: 'integer' },
            ],
            constraints: [
              { type: 'primary_key', columns: ['id'] },
              ...checks.map((expression) => ({ type: 'check', expression })),
            ],
          },
        ],
      })
    const all = ['d > 5', 'e <> 0', 'e < 100']
    const migrate = async (to: ReturnType<typeof k>) => {
      await engine.reset()
      await engine.exec(DDL)
      const from = await introspectEngine(engine)
      expect(diffSchemas(from, k('integer', all)).changes).toEqual([])
      await run(engine, plan(from, to).up)
      return introspectEngine(engine)
    }

    it('stays when its column is changed', async () => {
      // MODIFY COLUMN alone would remove it silently: the planner restates it.
      const read = await migrate(k('bigint', all))
      expect(diffSchemas(read, k('bigint', all)).changes).toEqual([])
    })

    it('is dropped by restating its column without it, the other checks of the column kept', async () => {
      const read = await migrate(k('integer', ['d > 5', 'e < 100']))
      expect(diffSchemas(read, k('integer', ['d > 5', 'e < 100'])).changes).toEqual([])
    })
  })

  it('a column-level check keeps its name when its column is renamed, and still goes with the column', async () => {
    await engine.reset()
    await engine.exec('CREATE TABLE r (id int PRIMARY KEY, b int CHECK (b > 0))')
    await engine.exec('ALTER TABLE r RENAME COLUMN b TO bb')
    const from = await introspectEngine(engine)
    expect(from.tables[0]?.constraints.find((c) => c.type === 'check')).toEqual({
      type: 'check',
      expression: 'bb > 0',
      extra: { mysqlName: 'b' },
    })
    const r = (type: string, checks: string[]) =>
      defineSchema({
        tables: [
          {
            name: 'r',
            columns: [
              { name: 'id', type: 'integer', nullable: false },
              { name: 'bb', type },
            ],
            constraints: [
              { type: 'primary_key', columns: ['id'] },
              ...checks.map((expression) => ({ type: 'check', expression })),
            ],
          },
        ],
      })
    await run(engine, plan(from, r('bigint', ['bb > 0'])).up)
    const retyped = await introspectEngine(engine)
    expect(diffSchemas(retyped, r('bigint', ['bb > 0'])).changes).toEqual([])
    await run(engine, plan(retyped, r('bigint', [])).up)
    expect(diffSchemas(await introspectEngine(engine), r('bigint', [])).changes).toEqual([])
  })

  it('a column-level check added with its new column stays column-level (re-plan empty)', async () => {
    // Both versions as MariaDB holds them, each introspected from the real thing.
    await engine.reset()
    await engine.exec('CREATE TABLE n (id int PRIMARY KEY, c int CHECK (c > 1))')
    await engine.exec('ALTER TABLE n ADD COLUMN d int CHECK (d > 5) AFTER id')
    const after = await introspectEngine(engine)
    await engine.reset()
    await engine.exec('CREATE TABLE n (id int PRIMARY KEY, c int CHECK (c > 1))')
    const before = await introspectEngine(engine)
    const levels = () =>
      engine.query(
        `SELECT CONSTRAINT_NAME AS name, LEVEL AS level FROM information_schema.CHECK_CONSTRAINTS
         WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY CONSTRAINT_NAME`,
      )
    const columnLevel = [
      { name: 'c', level: 'Column' },
      { name: 'd', level: 'Column' },
    ]
    await run(engine, plan(before, after).up)
    expect(diffSchemas(await introspectEngine(engine), after).changes).toEqual([])
    expect(await levels()).toEqual(columnLevel)
    // A new table keeps its column-level checks in their columns too.
    await engine.reset()
    await run(engine, plan(defineSchema({ tables: [] }), after).up)
    expect(diffSchemas(await introspectEngine(engine), after).changes).toEqual([])
    expect(await levels()).toEqual(columnLevel)
  })

  it('creates unnamed objects of a 64-character table under names MySQL accepts', async () => {
    const table = 'organization_membership_invitation_audit_entries_archive_2026_x'
    expect(table).toHaveLength(63)
    const s = unnamed(table, 'id', 'invited_by_organization_member_user_id', 'another_long_column_name')
    await engine.reset()
    await run(engine, createSchemaSQL(s, 'mysql'))
    expect(await remaining(engine, s)).toEqual([])
  })
})
