import { describe, expect, it } from 'vitest'
import type { SchemaDefinition } from '../../../src/index.js'
import { diffSchemas, parseSchema, serializeSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { catalogDifference, sqliteCatalog } from '../../corpus/sqlite-catalog.js'
import { withEngine } from '../../engines/engines.js'
import { apply, plan, read, schema, sqliteFactory } from './sqlite-helpers.js'

// SQLite makes the one primary key column of a rowid table an alias of the rowid only when it is
// declared exactly INTEGER: `INT PRIMARY KEY` is an ordinary column (no value assigned for a missing
// key, NULL accepted). The model reads both as the integer kind and keeps the difference as the
// table's `noRowidAlias`. Likewise a rowid table's key column other than the rowid's alias accepts
// NULL unless declared NOT NULL; the model keeps that column nullable under the table's `nullableKey`
// (without it every key column is NOT NULL). Judged by SQLite's catalog (pragma table_xinfo's declared type).

const keyed = (over: Record<string, unknown> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'items',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'label', type: 'text' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      ...over,
    },
  ],
})

const sqlOf = (d: SchemaDefinition, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite') =>
  createSchemaSQL(schema(d), dialect).map((s) => s.sql)

describe('SQLite INT PRIMARY KEY (no rowid alias)', () => {
  it('reads INT PRIMARY KEY as noRowidAlias, INTEGER PRIMARY KEY and non-key INT columns without it', async () => {
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE a (id INT PRIMARY KEY, n INT)')
      await engine.exec('CREATE TABLE b (id INTEGER PRIMARY KEY, n INT)')
      await engine.exec('CREATE TABLE c (id INT PRIMARY KEY, label text) WITHOUT ROWID')
      await engine.exec('CREATE TABLE d (x INT, y INT, PRIMARY KEY (x, y))')
      const tables = (await read(engine)).tables
      expect(tables.map((t) => [t.name, t.noRowidAlias, t.columns[0]?.type])).toEqual([
        ['a', true, { kind: 'integer' }],
        ['b', undefined, { kind: 'integer' }],
        ['c', undefined, { kind: 'integer' }],
        ['d', undefined, { kind: 'integer' }],
      ])
    })
  })

  it('writes INT for the key, and the re-created table has the catalog of the original', async () => {
    expect(sqlOf(keyed({ noRowidAlias: true }))).toEqual([
      'CREATE TABLE "items" ("id" INT NOT NULL, "label" text, PRIMARY KEY ("id"))',
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE items (id INT PRIMARY KEY, label text)')
      const original = await sqliteCatalog(engine)
      const readBack = await read(engine)
      await engine.reset()
      await apply(engine, createSchemaSQL(readBack, 'sqlite'))
      expect(catalogDifference(await sqliteCatalog(engine), original)).toEqual([])
      expect(diffSchemas(await read(engine), readBack).changes).toEqual([])
      // Not the rowid's alias: the key takes no value of its own, and NULL is accepted.
      await engine.exec("INSERT INTO items (label) VALUES ('x')")
      expect(await engine.query('SELECT id, label FROM items')).toEqual([{ id: null, label: 'x' }])
    })
  })

  it('keeps it through the canonical document, and refuses it where it means nothing', () => {
    const s = schema(keyed({ noRowidAlias: true }))
    expect(parseSchema(JSON.parse(serializeSchema(s)))).toEqual(s)
    expect(() => sqlOf(keyed({ noRowidAlias: true, withoutRowid: true }))).toThrow(
      /items\.noRowidAlias: needs a rowid table whose primary key is one integer column \(not unsigned\) without autoincrement/,
    )
    const big = keyed({ noRowidAlias: true, columns: [{ name: 'id', type: 'bigint' }] })
    expect(() => sqlOf(big)).toThrow(/items\.noRowidAlias: needs a rowid table/)
  })

  it('lists a change as an alter_table field and rebuilds the table, judged by the catalog', async () => {
    const from = schema(keyed())
    const to = schema(keyed({ noRowidAlias: true }))
    expect(diffSchemas(from, to).changes.map((c) => [c.kind, 'changes' in c ? c.changes : []])).toEqual([
      ['alter_table', ['noRowidAlias']],
    ])
    const m = plan(from, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE "new_items" ("id" INT NOT NULL, "label" text, PRIMARY KEY ("id"))',
      'INSERT INTO "new_items" ("id", "label") SELECT "id", "label" FROM "items"',
      'DROP TABLE "items"',
      'ALTER TABLE "new_items" RENAME TO "items"',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_keys = ON',
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(to, 'sqlite'))
      const expected = await sqliteCatalog(engine)
      await engine.reset()
      await apply(engine, createSchemaSQL(from, 'sqlite'))
      await engine.exec("INSERT INTO items VALUES (7, 'a')")
      await apply(engine, m.up)
      expect(catalogDifference(await sqliteCatalog(engine), expected)).toEqual([])
      expect(diffSchemas(await read(engine), to).changes).toEqual([])
      await apply(engine, m.down)
      expect(diffSchemas(await read(engine), from).changes).toEqual([])
      expect(await engine.query('SELECT id, label FROM items')).toEqual([{ id: 7, label: 'a' }])
    })
  })

  it('is ignored by PostgreSQL and MySQL', () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      expect(sqlOf(keyed({ noRowidAlias: true }), dialect)).toEqual(sqlOf(keyed(), dialect))
      const change = planMigration(diffSchemas(schema(keyed()), schema(keyed({ noRowidAlias: true }))), { dialect })
      expect(change.up.map((s) => s.sql)).toEqual([])
    }
  })
})

const pair = (over: Record<string, unknown> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'pairs',
      columns: [
        { name: 'a', type: 'varchar(8)', nullable: false },
        { name: 'b', type: 'varchar(8)', nullable: true },
      ],
      constraints: [{ type: 'primary_key', columns: ['a', 'b'] }],
      ...over,
    },
  ],
})

describe("SQLite's nullable primary key (nullableKey)", () => {
  it('reads a key column declared without NOT NULL as nullable, per column, in rowid tables only', async () => {
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE k (code text PRIMARY KEY)')
      await engine.exec('CREATE TABLE m (a text NOT NULL, b varchar(8), PRIMARY KEY (a, b))')
      await engine.exec('CREATE TABLE n (id integer PRIMARY KEY, v text)')
      await engine.exec('CREATE TABLE w (code text PRIMARY KEY) WITHOUT ROWID')
      const tables = (await read(engine)).tables
      expect(tables.map((t) => [t.name, t.nullableKey, t.columns.map((c) => c.nullable)])).toEqual([
        ['k', true, [true]],
        ['m', true, [false, true]],
        ['n', undefined, [false, true]],
        ['w', undefined, [false]],
      ])
    })
  })

  it('writes the nullable key column without NOT NULL; the catalog is the original one', async () => {
    expect(sqlOf(pair({ nullableKey: true }))).toEqual([
      'CREATE TABLE "pairs" ("a" varchar(8) NOT NULL, "b" varchar(8), PRIMARY KEY ("a", "b"))',
    ])
    // Without the flag, the model makes every key column NOT NULL (as PostgreSQL and MySQL do).
    expect(sqlOf(pair())).toEqual([
      'CREATE TABLE "pairs" ("a" varchar(8) NOT NULL, "b" varchar(8) NOT NULL, PRIMARY KEY ("a", "b"))',
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE pairs (a varchar(8) NOT NULL, b varchar(8), PRIMARY KEY (a, b))')
      const original = await sqliteCatalog(engine)
      const readBack = await read(engine)
      expect(diffSchemas(readBack, schema(pair({ nullableKey: true }))).changes).toEqual([])
      await engine.reset()
      await apply(engine, createSchemaSQL(readBack, 'sqlite'))
      expect(catalogDifference(await sqliteCatalog(engine), original)).toEqual([])
    })
  })

  it('keeps the NULL keys through a rebuild, and a change of the flag is a rebuild', async () => {
    const from = schema(pair({ nullableKey: true }))
    const to = schema(
      pair({
        nullableKey: true,
        columns: [...(pair().tables?.[0]?.columns ?? []), { name: 'c', type: 'integer' }].reverse(),
      }),
    )
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(from, 'sqlite'))
      await engine.exec("INSERT INTO pairs VALUES ('x', NULL)")
      await apply(engine, plan(from, to).up)
      expect(diffSchemas(await read(engine), to).changes).toEqual([])
      expect(await engine.query('SELECT a, b FROM pairs')).toEqual([{ a: 'x', b: null }])
      await engine.exec("INSERT INTO pairs (a) VALUES ('y')")
    })
    const strict = schema(pair())
    expect(diffSchemas(from, strict).changes.map((c) => [c.kind, 'changes' in c ? c.changes : []])).toEqual([
      ['alter_table', ['nullableKey']],
      ['alter_column', ['nullable']],
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(from, 'sqlite'))
      await apply(engine, plan(from, strict).up)
      expect(diffSchemas(await read(engine), strict).changes).toEqual([])
      await expect(engine.exec("INSERT INTO pairs (a) VALUES ('y')")).rejects.toThrow(/NOT NULL/)
    })
  })

  it('refuses the flag where it means nothing, naming the path', () => {
    expect(() => sqlOf(pair({ nullableKey: true, withoutRowid: true }))).toThrow(
      /pairs\.nullableKey: needs a rowid table with a nullable primary key column that is not the rowid's alias/,
    )
    expect(() =>
      sqlOf(keyed({ nullableKey: true, columns: [{ name: 'id', type: 'integer', nullable: true }] })),
    ).toThrow(/items\.nullableKey: needs a rowid table/)
  })

  it('is ignored by PostgreSQL and MySQL, whose keys are NOT NULL anyway', async () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      const [sql] = sqlOf(pair({ nullableKey: true }), dialect)
      expect(sql).toMatch(/PRIMARY KEY/)
    }
  })
})

// `INTEGER PRIMARY KEY DESC` is no alias of the rowid (https://www.sqlite.org/lang_createtable.html#rowid):
// SQLite gives the key an index of its own, in descending order. The model keeps it as the table's
// `descendingKey`; declared INT too, it is `noRowidAlias` as well. The same order as a table
// constraint, `PRIMARY KEY (id DESC)`, is the alias, with no index to keep an order in.
describe('SQLite PRIMARY KEY DESC (descendingKey)', () => {
  it('reads INTEGER PRIMARY KEY DESC as no alias, nullable unless NOT NULL; PRIMARY KEY (id DESC) as the alias', async () => {
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE a (id INTEGER PRIMARY KEY DESC, label text)')
      await engine.exec('CREATE TABLE b (id INTEGER, label text, PRIMARY KEY (id DESC))')
      await engine.exec('CREATE TABLE c (id INT NOT NULL PRIMARY KEY DESC, label text)')
      await engine.exec('CREATE TABLE d (code text PRIMARY KEY DESC, label text) WITHOUT ROWID')
      const tables = (await read(engine)).tables
      const flags = (t: (typeof tables)[number]) => [t.noRowidAlias, t.nullableKey, t.descendingKey]
      expect(tables.map((t) => [t.name, ...flags(t), t.columns[0]?.nullable])).toEqual([
        ['a', undefined, true, true, true],
        ['b', undefined, undefined, undefined, false],
        ['c', true, undefined, true, false],
        ['d', undefined, undefined, true, false],
      ])
    })
  })

  it('writes the key inline as PRIMARY KEY DESC, and the table created again has the original catalog', async () => {
    const over = { descendingKey: true, nullableKey: true, columns: [{ name: 'id', type: 'integer' }] }
    expect(sqlOf(keyed(over))).toEqual(['CREATE TABLE "items" ("id" integer PRIMARY KEY DESC)'])
    expect(
      sqlOf(
        keyed({
          descendingKey: true,
          noRowidAlias: true,
          constraints: [{ type: 'primary_key', name: 'pk', columns: ['id'] }],
        }),
      ),
    ).toEqual(['CREATE TABLE "items" ("id" INT NOT NULL CONSTRAINT "pk" PRIMARY KEY DESC, "label" text)'])
    await withEngine(sqliteFactory, async (engine) => {
      for (const sql of [
        'CREATE TABLE items (id INTEGER PRIMARY KEY DESC, label text)',
        'CREATE TABLE items (id INT PRIMARY KEY DESC, label text)',
        'CREATE TABLE items (id INTEGER NOT NULL CONSTRAINT pk PRIMARY KEY DESC, label text)',
        'CREATE TABLE items (code text PRIMARY KEY DESC, label text) WITHOUT ROWID',
      ]) {
        await engine.reset()
        await engine.exec(sql)
        const original = await sqliteCatalog(engine)
        const readBack = await read(engine)
        await engine.reset()
        await apply(engine, createSchemaSQL(readBack, 'sqlite'))
        expect(catalogDifference(await sqliteCatalog(engine), original)).toEqual([])
        expect(diffSchemas(await read(engine), readBack).changes).toEqual([])
      }
      // Not the rowid's alias: the key takes no value of its own.
      await engine.reset()
      await apply(engine, createSchemaSQL(schema(keyed(over)), 'sqlite'))
      await engine.exec('INSERT INTO items DEFAULT VALUES')
      expect(await engine.query('SELECT id FROM items')).toEqual([{ id: null }])
    })
  })

  it('lists a change as an alter_table field and rebuilds the table, rows kept', async () => {
    const from = schema(keyed())
    const to = schema(keyed({ descendingKey: true }))
    expect(diffSchemas(from, to).changes.map((c) => [c.kind, 'changes' in c ? c.changes : []])).toEqual([
      ['alter_table', ['descendingKey']],
    ])
    const m = plan(from, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE "new_items" ("id" integer NOT NULL PRIMARY KEY DESC, "label" text)',
      'INSERT INTO "new_items" ("id", "label") SELECT "id", "label" FROM "items"',
      'DROP TABLE "items"',
      'ALTER TABLE "new_items" RENAME TO "items"',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_keys = ON',
    ])
    await withEngine(sqliteFactory, async (engine) => {
      await apply(engine, createSchemaSQL(to, 'sqlite'))
      const expected = await sqliteCatalog(engine)
      await engine.reset()
      await apply(engine, createSchemaSQL(from, 'sqlite'))
      await engine.exec("INSERT INTO items VALUES (7, 'a')")
      await apply(engine, m.up)
      expect(catalogDifference(await sqliteCatalog(engine), expected)).toEqual([])
      expect(diffSchemas(await read(engine), to).changes).toEqual([])
      await apply(engine, m.down)
      expect(diffSchemas(await read(engine), from).changes).toEqual([])
      expect(await engine.query('SELECT id, label FROM items')).toEqual([{ id: 7, label: 'a' }])
    })
  })

  it('refuses the flag where it means nothing, naming the path; PostgreSQL and MySQL ignore it', () => {
    expect(() => sqlOf(pair({ descendingKey: true }))).toThrow(
      /pairs\.descendingKey: needs a one-column primary key without autoincrement/,
    )
    const counted = keyed({ descendingKey: true, columns: [{ name: 'id', type: 'integer', autoincrement: true }] })
    expect(() => sqlOf(counted)).toThrow(/items\.descendingKey: needs a one-column primary key/)
    for (const dialect of ['postgres', 'mysql'] as const)
      expect(sqlOf(keyed({ descendingKey: true }), dialect)).toEqual(sqlOf(keyed(), dialect))
  })
})
