import { describe, expect, it } from 'vitest'
import type { SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { diffSchemas, parseSchema, serializeSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { catalogDifference, sqliteCatalog } from '../../corpus/sqlite-catalog.js'
import { withEngine } from '../../engines/engines.js'
import { apply, plan, read, schema, sqliteFactory } from './sqlite-helpers.js'

// SQLite's STRICT and WITHOUT ROWID tables: written after CREATE TABLE's closing parenthesis, read
// back from pragma_table_list, checked (STRICT column types, WITHOUT ROWID's primary key), and fixed
// at CREATE time, so a change rebuilds the table. Other dialects ignore both. Also: ADD COLUMN
// appends, so a column added before existing ones rebuilds the table to keep the order.

const items = (over: Partial<TableDefinition> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'items',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'label', type: 'text', nullable: false },
        { name: 'extra', type: 'any' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      ...over,
    },
  ],
})

const sqlOf = (d: SchemaDefinition, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite') =>
  createSchemaSQL(schema(d), dialect).map((s) => s.sql)

describe('SQLite STRICT and WITHOUT ROWID', () => {
  it('writes the options after the closing parenthesis', () => {
    expect(sqlOf(items({ strict: true, withoutRowid: true }))).toEqual([
      'CREATE TABLE "items" ("id" integer NOT NULL, "label" text NOT NULL, "extra" any, PRIMARY KEY ("id")) WITHOUT ROWID, STRICT',
    ])
    expect(sqlOf(items({ strict: true }))[0]).toMatch(/\) STRICT$/)
  })

  it("reads SQLAlchemy's sqlite_with_rowid and sqlite_strict, kept by the canonical form", () => {
    const read = parseSchema({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [{ name: 'id', type: 'Integer', primary_key: true }],
            sqlite_with_rowid: false,
            sqlite_strict: true,
          },
          { name: 'u', columns: [{ name: 'id', type: 'Integer' }], sqlite_with_rowid: true },
        ],
      },
    })
    expect(read.tables.map((t) => [t.name, t.withoutRowid, t.strict, t.extra])).toEqual([
      ['t', true, true, undefined],
      ['u', undefined, undefined, undefined],
    ])
    expect(parseSchema(JSON.parse(serializeSchema(read)))).toEqual(read)
  })

  it('refuses a STRICT column type outside INT, INTEGER, REAL, TEXT, BLOB, ANY, naming the path', () => {
    const d = items({
      strict: true,
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'label', type: 'varchar(20)' },
        { name: 'at', type: 'timestamp' },
      ],
    })
    expect(() => sqlOf(d)).toThrow(
      /items\.label\.type: "varchar\(20\)" in a STRICT table: SQLite takes INT, INTEGER, REAL, TEXT, BLOB or ANY only\n {2}items\.at\.type: "timestamp"/,
    )
  })

  it('refuses WITHOUT ROWID without a primary key, and with AUTOINCREMENT', () => {
    expect(() => sqlOf(items({ withoutRowid: true, constraints: [] }))).toThrow(
      /items\.withoutRowid: WITHOUT ROWID needs a primary key/,
    )
    const counted = items({ withoutRowid: true })
    const table = counted.tables[0] as TableDefinition
    const d = {
      tables: [{ ...table, columns: [{ ...table.columns[0], autoincrement: true }, ...table.columns.slice(1)] }],
    }
    expect(() => sqlOf(d as SchemaDefinition)).toThrow(/items\.id\.autoincrement: AUTOINCREMENT is not allowed/)
  })

  it('lists a change of either as an alter_table field', () => {
    const diff = diffSchemas(schema(items()), schema(items({ strict: true, withoutRowid: true })))
    expect(diff.changes.map((c) => [c.kind, 'changes' in c ? c.changes : []])).toEqual([
      ['alter_table', ['strict', 'withoutRowid']],
    ])
  })

  it('rebuilds the table for a change, and the database then reads back the same', async () => {
    const from = schema(items())
    const to = schema(items({ strict: true, withoutRowid: true }))
    const m = plan(from, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE "new_items" ("id" integer NOT NULL, "label" text NOT NULL, "extra" any, PRIMARY KEY ("id")) WITHOUT ROWID, STRICT',
      'INSERT INTO "new_items" ("id", "label", "extra") SELECT "id", "label", "extra" FROM "items"',
      'DROP TABLE "items"',
      'ALTER TABLE "new_items" RENAME TO "items"',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_keys = ON',
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(from, 'sqlite'))
      await engine.exec(`INSERT INTO items VALUES (1, 'a', x'00')`)
      await apply(engine, m.up)
      expect(diffSchemas(await read(engine), to).changes).toEqual([])
      expect(await engine.query('SELECT name, strict, wr FROM pragma_table_list WHERE name = ?', ['items'])).toEqual([
        { name: 'items', strict: 1, wr: 1 },
      ])
      await apply(engine, m.down)
      expect(diffSchemas(await read(engine), from).changes).toEqual([])
    })
  })

  it('is ignored by PostgreSQL and MySQL (their columns are typed; they have no rowid)', () => {
    const d = items({ strict: true, withoutRowid: true })
    const plain = items()
    for (const dialect of ['postgres', 'mysql'] as const) {
      const clean = (def: SchemaDefinition) =>
        sqlOf(
          {
            tables: (def.tables ?? []).map((t) => ({
              ...t,
              columns: t.columns.map((c) => (c.type === 'any' ? { ...c, type: 'text' } : c)),
            })),
          },
          dialect,
        )
      expect(clean(d)).toEqual(clean(plain))
      const change = planMigration(diffSchemas(schema(plain), schema(d)), { dialect })
      expect(change.up.map((s) => s.sql)).toEqual([])
    }
  })
})

describe('SQLite ADD COLUMN keeps the column order', () => {
  const before = schema(items())
  const after = schema(
    items({
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'note', type: 'text' },
        { name: 'label', type: 'text', nullable: false },
        { name: 'extra', type: 'any' },
      ],
    }),
  )

  it('rebuilds when the new column comes before an existing one, appends when it is last', () => {
    expect(plan(before, after).up.map((s) => s.sql)).toContain(
      'CREATE TABLE "new_items" ("id" integer NOT NULL, "note" text, "label" text NOT NULL, "extra" any, PRIMARY KEY ("id"))',
    )
    const last = schema(
      items({
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'label', type: 'text', nullable: false },
          { name: 'extra', type: 'any' },
          { name: 'note', type: 'text' },
        ],
      }),
    )
    expect(plan(before, last).up.map((s) => s.sql)).toEqual(['ALTER TABLE "items" ADD COLUMN "note" text'])
  })

  it('counts a renamed column as existing', () => {
    const renamed = schema(
      items({
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'label', type: 'text', nullable: false },
          { name: 'note', type: 'text' },
          { name: 'payload', type: 'any' },
        ],
      }),
    )
    const up = plan(before, renamed, { renames: { columns: { 'items.extra': 'payload' } } }).up.map((s) => s.sql)
    expect(up).toContain('ALTER TABLE "items" RENAME COLUMN "extra" TO "payload"')
    expect(up).toContain(
      'CREATE TABLE "new_items" ("id" integer NOT NULL, "label" text NOT NULL, "note" text, "payload" any, PRIMARY KEY ("id"))',
    )
  })

  it('leaves the catalog of a database created with the new order', async () => {
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(after, 'sqlite'))
      const expected = await sqliteCatalog(engine)
      await engine.reset()
      await apply(engine, createSchemaSQL(before, 'sqlite'))
      await apply(engine, plan(before, after).up)
      expect(catalogDifference(await sqliteCatalog(engine), expected)).toEqual([])
    })
  })
})
