import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SchemaDefinition } from '../../../src/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { apply, create, plan, read, remaining, schema, script, sqliteFactory } from './sqlite-helpers.js'

// The table rebuild's guarantees, on SQLite with rows: foreign-key enforcement is off while the parent
// is rebuilt (no cascading deletes), violations surface through PRAGMA foreign_key_check before the
// commit, a failing copy rolls everything back, AUTOINCREMENT keeps its high-water mark.

const library = (authorName: string, bookKey: Record<string, unknown> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'authors',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoincrement: true },
        { name: 'name', type: authorName },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
    },
    {
      name: 'books',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'author_id', type: 'integer', nullable: false },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        {
          type: 'foreign_key',
          columns: ['author_id'],
          referencedTable: 'authors',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          ...bookKey,
        },
      ],
    },
  ],
})

const ROWS = [
  "INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Lem'), (3, 'Jemisin')",
  'INSERT INTO books (id, author_id) VALUES (10, 1), (11, 1), (12, 2), (13, 3)',
]

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'table rebuild'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('rebuilding a parent never cascades deletes into child rows (the toSQL script, run as one)', async () => {
    const from = schema(library('text'))
    const to = schema(library('varchar(100)'))
    const migration = plan(from, to)
    expect(script(migration)).toBe(
      [
        '-- schemaledger migration: sqlite, up',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement is off while tables are rebuilt so that dropping the old copy cannot cascade into other tables',
        'PRAGMA foreign_keys = OFF;',
        'BEGIN;',
        'CREATE TABLE "new_authors" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100));',
        'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_authors\', "seq" FROM "sqlite_sequence" WHERE "name" = \'authors\';',
        'INSERT INTO "new_authors" ("id", "name") SELECT "id", "name" FROM "authors";',
        'DROP TABLE "authors";',
        'ALTER TABLE "new_authors" RENAME TO "authors";',
        'PRAGMA foreign_key_check;',
        'COMMIT;',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement comes back on after the commit',
        'PRAGMA foreign_keys = ON;',
        '',
      ].join('\n'),
    )
    await create(engine, from)
    for (const sql of ROWS) await engine.exec(sql)
    await engine.exec(script(migration))
    expect(await engine.query('SELECT id, author_id FROM books ORDER BY id')).toEqual([
      { id: 10, author_id: 1 },
      { id: 11, author_id: 1 },
      { id: 12, author_id: 2 },
      { id: 13, author_id: 3 },
    ])
    expect(await engine.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }])
    expect(await remaining(engine, to)).toEqual([])
    // The cascade is real: the key still deletes books once the migration is over.
    await engine.exec('DELETE FROM authors WHERE id = 1')
    expect(await engine.query('SELECT count(*) AS n FROM books')).toEqual([{ n: 2 }])
  })

  it('without the pragma the same statements would delete the children (why it is there)', async () => {
    const migration = plan(schema(library('text')), schema(library('varchar(100)')))
    await create(engine, schema(library('text')))
    for (const sql of ROWS) await engine.exec(sql)
    await apply(
      engine,
      migration.up.filter((s) => !s.sql.startsWith('PRAGMA foreign_keys')),
    )
    expect(await engine.query('SELECT count(*) AS n FROM books')).toEqual([{ n: 0 }])
  })

  it('a foreign key violation shows as rows of PRAGMA foreign_key_check inside the transaction; the runner rolls back', async () => {
    // books gains a foreign key while one of its rows points at no author.
    const keyed = schema(library('text', { onDelete: undefined }))
    const unchecked = schema({
      tables: [
        library('text').tables[0]!,
        { ...library('text').tables[1]!, constraints: [{ type: 'primary_key', columns: ['id'] }] },
      ],
    })
    await create(engine, unchecked)
    for (const sql of ROWS) await engine.exec(sql)
    await engine.exec('INSERT INTO books (id, author_id) VALUES (99, 42)')
    const migration = plan(unchecked, keyed)
    const check = migration.up.findIndex((s) => s.sql === 'PRAGMA foreign_key_check')
    expect(migration.up[check]).toEqual({
      sql: 'PRAGMA foreign_key_check',
      change: { kind: 'add_constraint', path: 'books.books_author_id_fkey' },
      destructive: false,
      transactional: true,
    })
    // Run up to the check by hand: the rows name the table, the rowid and the parent.
    await engine.exec(migration.up[0]!.sql)
    await engine.exec('BEGIN')
    for (const s of migration.up.slice(1, check)) await engine.exec(s.sql)
    expect(await engine.query('PRAGMA foreign_key_check')).toEqual([
      { table: 'books', rowid: 99, parent: 'authors', fkid: 0 },
    ])
    await engine.exec('ROLLBACK')
    await engine.exec('PRAGMA foreign_keys = ON')
    // What a runner does: treat the rows as a failure, roll back; the database is as before.
    await expect(apply(engine, migration.up)).rejects.toThrow('foreign key violations')
    expect(await remaining(engine, unchecked)).toEqual([])
    expect(await engine.query('SELECT count(*) AS n FROM books')).toEqual([{ n: 5 }])
  })

  it('a copy that cannot satisfy NOT NULL fails inside the transaction and changes nothing', async () => {
    const from = schema(library('text'))
    const strict = schema({
      tables: [
        {
          ...library('text').tables[0]!,
          columns: [library('text').tables[0]!.columns[0]!, { name: 'name', type: 'text', nullable: false }],
        },
        library('text').tables[1]!,
      ],
    })
    await create(engine, from)
    await engine.exec("INSERT INTO authors (id, name) VALUES (1, NULL), (2, 'Lem')")
    await expect(apply(engine, plan(from, strict).up)).rejects.toThrow('NOT NULL constraint failed: new_authors.name')
    expect(await remaining(engine, from)).toEqual([])
    expect(await engine.query('SELECT id, name FROM authors ORDER BY id')).toEqual([
      { id: 1, name: null },
      { id: 2, name: 'Lem' },
    ])
  })

  it('keeps the AUTOINCREMENT high-water mark: a deleted id is never handed out again', async () => {
    const from = schema(library('text'))
    await create(engine, from)
    await engine.exec("INSERT INTO authors (name) VALUES ('a'), ('b'), ('c')")
    await engine.exec('DELETE FROM authors WHERE id = 3')
    await apply(engine, plan(from, schema(library('varchar(100)'))).up)
    await engine.exec("INSERT INTO authors (name) VALUES ('d')")
    expect(await engine.query('SELECT id FROM authors ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }])
  })

  it('rebuilds a table once for all its changes, under a copy name no table uses', async () => {
    const base = library('text')
    const withCopyName: SchemaDefinition = {
      tables: [...base.tables, { name: 'new_authors', columns: [{ name: 'x', type: 'integer' }] }],
    }
    const from = schema(withCopyName)
    const to = schema({
      tables: [
        {
          ...base.tables[0]!,
          columns: [
            ...base.tables[0]!.columns.slice(0, 1),
            { name: 'name', type: 'text', nullable: false, default: "'?'" },
            { name: 'born', type: 'integer', default: "strftime('%Y')" },
          ],
          constraints: [...base.tables[0]!.constraints!, { type: 'check', expression: 'born > 0' }],
        },
        ...withCopyName.tables.slice(1),
      ],
    })
    const migration = plan(from, to)
    expect(migration.up.filter((s) => s.sql.startsWith('CREATE TABLE')).map((s) => s.sql)).toEqual([
      'CREATE TABLE "new_authors_2" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" text NOT NULL DEFAULT \'?\', "born" integer DEFAULT (strftime(\'%Y\')), CHECK (born > 0))',
    ])
    await create(engine, from)
    await engine.exec("INSERT INTO authors (id, name) VALUES (1, NULL), (2, 'Lem')")
    await apply(engine, migration.up)
    expect(await remaining(engine, to)).toEqual([])
    expect(await engine.query('SELECT id, name FROM authors ORDER BY id')).toEqual([
      { id: 1, name: '?' },
      { id: 2, name: 'Lem' },
    ])
  })

  it('a view the planned schemas lack makes the RENAME fail, and nothing changes (in them, it is re-created: test/sql/objects)', async () => {
    const from = schema(library('text'))
    await create(engine, from)
    await engine.exec('CREATE VIEW author_names AS SELECT name FROM authors')
    await expect(apply(engine, plan(from, schema(library('varchar(100)'))).up)).rejects.toThrow(
      'error in view author_names',
    )
    // Introspection reads the view the plan did not know of.
    expect(await remaining(engine, from)).toEqual(['drop_view view:author_names'])
    expect((await read(engine)).tables.map((t) => t.name)).toEqual(['authors', 'books'])
  })
})
