import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UnsafeExpressionError } from '../../../src/errors.js'
import type { SchemaDefinition } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { apply, create, plan, read, remaining, schema, sqliteFactory } from './sqlite-helpers.js'

// Names and string values full of quotes and terminators create exactly those names and values on
// SQLite (checked by reading the database back), and expressions that could end the statement are
// refused before any SQL is written.

const NAMES = {
  table: `o'k "tab"; \`x\` \\ ünï`,
  column: `c"o'l; -- \\ é`,
  other: `ré "f"`,
  check: `ck "a'; b`,
  unique: `uq; 'é'`,
  fk: `fk "x" \\`,
  index: `ix "i'; DROP TABLE x; --`,
}
const TEXT = `'it''s; "quoted" -- \\ not a comment ünï'`

const tricky = (table: string): SchemaDefinition => ({
  tables: [
    {
      name: table,
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoincrement: true },
        { name: NAMES.column, type: 'text', nullable: false, default: TEXT },
        { name: NAMES.other, type: 'integer' },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'check', name: NAMES.check, expression: `"${NAMES.column.replaceAll('"', '""')}" <> ';'` },
        { type: 'unique', name: NAMES.unique, columns: [NAMES.column] },
        {
          type: 'foreign_key',
          name: NAMES.fk,
          columns: [NAMES.other],
          referencedTable: table,
          referencedColumns: ['id'],
        },
      ],
      indexes: [
        { name: NAMES.index, columns: [NAMES.other], where: `"${NAMES.column.replaceAll('"', '""')}" <> 'a;b'` },
        { columns: [{ column: NAMES.column, descending: true }] },
      ],
    },
  ],
})

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'injection safety'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates exactly the names and default values it was given', async () => {
    const s = schema(tricky(NAMES.table))
    await create(engine, s)
    expect(await remaining(engine, s)).toEqual([])
    const [t] = (await read(engine)).tables
    expect(t?.name).toBe(NAMES.table)
    expect(t?.columns.map((c) => c.name)).toEqual(['id', NAMES.column, NAMES.other])
    expect(t?.columns[1]?.default).toBe(TEXT)
    expect(t?.constraints.map((c) => c.name)).toEqual([undefined, NAMES.unique, NAMES.fk, NAMES.check])
    expect(t?.indexes.map((x) => x.name)).toEqual([NAMES.index, `${NAMES.table}_${NAMES.column}_idx`])
    await engine.exec(`INSERT INTO "${NAMES.table.replaceAll('"', '""')}" ("id") VALUES (1)`)
    const [row] = await engine.query(`SELECT * FROM "${NAMES.table.replaceAll('"', '""')}"`)
    expect(row?.[NAMES.column]).toBe(`it's; "quoted" -- \\ not a comment ünï`)
  })

  it('renames and rebuilds tables with such names, keeping the rows', async () => {
    const from = schema(tricky(NAMES.table))
    const renamed = `new "${NAMES.table}"`
    const toDef = tricky(renamed)
    const to = schema({
      tables: [
        {
          ...toDef.tables[0]!,
          columns: toDef.tables[0]!.columns.map((c) => (c.name === NAMES.other ? { ...c, type: 'bigint' } : c)),
        },
      ],
    })
    await create(engine, from)
    await engine.exec(
      `INSERT INTO "${NAMES.table.replaceAll('"', '""')}" ("id", "${NAMES.column.replaceAll('"', '""')}", "${NAMES.other.replaceAll('"', '""')}") VALUES (1, 'a', NULL), (2, 'b', 1)`,
    )
    const migration = plan(from, to, { renames: { tables: { [NAMES.table]: renamed } } })
    await apply(engine, migration.up)
    expect(await remaining(engine, to)).toEqual([])
    expect(await engine.query(`SELECT count(*) AS n FROM "${renamed.replaceAll('"', '""')}"`)).toEqual([{ n: 2 }])
    await apply(engine, migration.down)
    expect(await remaining(engine, from)).toEqual([])
  })

  const unsafe: [string, (t: SchemaDefinition['tables'][number]) => SchemaDefinition['tables'][number]][] = [
    [
      'a default that ends the statement',
      (t) => ({ ...t, columns: [...t.columns, { name: 'd', type: 'integer', default: '0); DROP TABLE x; --' }] }),
    ],
    [
      'a check with an unbalanced quote',
      (t) => ({ ...t, constraints: [...(t.constraints ?? []), { type: 'check', expression: "name <> 'x" }] }),
    ],
    [
      'an index predicate with a trailing comment',
      (t) => ({ ...t, indexes: [{ name: 'ix', columns: ['id'], where: 'id > 0 -- and the rest' }] }),
    ],
    [
      'a generated column with a semicolon',
      (t) => ({
        ...t,
        columns: [
          ...t.columns,
          { name: 'g', type: 'integer', generated: { expression: '1; DROP TABLE x', stored: false } },
        ],
      }),
    ],
    [
      'an index expression with a closing parenthesis',
      (t) => ({ ...t, indexes: [{ name: 'ix', columns: [{ expression: 'lower(name)) ; DROP TABLE x; SELECT (1' }] }] }),
    ],
    [
      'a custom type with a block comment',
      (t) => ({ ...t, columns: [...t.columns, { name: 'z', type: 'blob /* x' }] }),
    ],
  ]
  const base: SchemaDefinition['tables'][number] = {
    name: 't',
    columns: [
      { name: 'id', type: 'integer', nullable: false },
      { name: 'name', type: 'text' },
    ],
  }
  for (const [what, edit] of unsafe) {
    it(`refuses ${what} before writing SQL, in createSchemaSQL and in a migration`, () => {
      const bad = schema({ tables: [edit(base)] })
      expect(() => createSchemaSQL(bad, 'sqlite')).toThrow(UnsafeExpressionError)
      expect(() => plan(schema({ tables: [base] }), bad)).toThrow(UnsafeExpressionError)
    })
  }
})
