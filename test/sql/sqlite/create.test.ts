import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/dialects/sqlite/dialect.js'
import { isSchemaLedgerError } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { create, read, remaining, schema, sqliteFactory } from './sqlite-helpers.js'

// createSchemaSQL on SQLite: the declared type of every ColumnType kind (and that introspection reads
// back the same kind), default spellings, and the error for what SQLite cannot store.

/** Kind -> [type spelling in the document, declaration SQLite gets]. */
const TYPES: readonly [string, string][] = [
  ['tinyint', 'tinyint'],
  ['smallint', 'smallint'],
  ['mediumint', 'mediumint'],
  ['integer', 'integer'],
  ['bigint', 'bigint'],
  ['bigint unsigned', 'bigint unsigned'],
  ['decimal', 'decimal'],
  ['decimal(10,2)', 'decimal(10,2)'],
  ['numeric(12)', 'decimal(12,0)'],
  ['decimal(*,2)', '"decimal(*,2)"'],
  ['decimal(8,3) unsigned', '"decimal(8,3) unsigned"'],
  ['real', 'real'],
  ['double precision', 'double'],
  ['float', 'float'],
  ['boolean', 'boolean'],
  ['char(2)', 'char(2)'],
  ['varchar(50)', 'varchar(50)'],
  ['varchar', 'varchar'],
  ['text', 'text'],
  ['mediumtext', 'mediumtext'],
  ['binary(16)', 'binary(16)'],
  ['varbinary(8)', 'varbinary(8)'],
  ['blob', 'blob'],
  ['longblob', 'longblob'],
  ['date', 'date'],
  ['time', 'time'],
  ['time(3)', 'time(3)'],
  ['time with time zone', 'time with time zone'],
  ['time(3) with time zone', 'timetz(3)'],
  ['timestamp', 'timestamp'],
  ['timestamp(6)', 'timestamp(6)'],
  ['timestamp with time zone', 'timestamp with time zone'],
  ['timestamp(3) with time zone', 'timestamptz(3)'],
  ['interval', 'interval'],
  ['interval(6)', 'interval(6)'],
  ['interval day to second(3)', '"interval day to second(3)"'],
  ['uuid', 'uuid'],
  ['json', 'json'],
  ['jsonb', 'jsonb'],
  ['ANY', 'ANY'],
  ['citext', 'citext'],
  ['geometry(Point,4326)', '"geometry(Point,4326)"'],
  ['my special type', 'my special type'],
  ['range to end', '"range to end"'],
]

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'createSchemaSQL'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('declares every column type kind so introspection reads the same kind back', async () => {
    const s = schema({
      tables: [{ name: 'kinds', columns: TYPES.map(([type], i) => ({ name: `c${i}`, type })) }],
    })
    const [table] = createSchemaSQL(s, 'sqlite')
    expect(table?.sql).toBe(`CREATE TABLE "kinds" (${TYPES.map(([, sql], i) => `"c${i}" ${sql}`).join(', ')})`)
    await create(engine, s)
    expect(await remaining(engine, s)).toEqual([])
    const types = (await read(engine)).tables[0]?.columns.map((c) => c.type)
    expect(types).toEqual(s.tables[0]?.columns.map((c) => c.type))
  })

  it('writes defaults as SQLite takes them: literals bare, now() as CURRENT_TIMESTAMP, expressions in parentheses', async () => {
    const defaults: [string, string, string][] = [
      ['text', "'it''s'", "'it''s'"],
      ['text', "'a'::text", "'a'"],
      ['integer', '-1', '-1'],
      ['decimal(10,2)', '1.50', '1.5'],
      ['boolean', 'true', 'TRUE'],
      ['boolean', "'0'", 'FALSE'],
      ['blob', "x'00ff'", "x'00ff'"],
      ['timestamp', 'now()', 'CURRENT_TIMESTAMP'],
      ['date', 'CURRENT_DATE', 'CURRENT_DATE'],
      ['text', "datetime('now', 'localtime')", "(datetime('now', 'localtime'))"],
      ['integer', '(1 + 2)', '(1 + 2)'],
      ['text', "lower('ABC')", "(lower('ABC'))"],
      ['text', 'NULL', ''],
    ]
    const s = schema({
      tables: [{ name: 'd', columns: defaults.map(([type, d], i) => ({ name: `c${i}`, type, default: d })) }],
    })
    const columns = defaults.map(([type], i) => `"c${i}" ${type}`)
    const rendered = defaults.map(([, , sql], i) => (sql === '' ? columns[i] : `${columns[i]} DEFAULT ${sql}`))
    expect(createSchemaSQL(s, 'sqlite')[0]?.sql).toBe(`CREATE TABLE "d" (${rendered.join(', ')})`)
    await create(engine, s)
    expect(await remaining(engine, s)).toEqual([])
    await engine.exec('INSERT INTO d DEFAULT VALUES')
    const [row] = await engine.query('SELECT c0, c1, c2, c4, c7 IS NOT NULL AS now_set, c10 FROM d')
    expect(row).toEqual({ c0: "it's", c1: 'a', c2: -1, c4: 1, now_set: 1, c10: 3 })
  })

  it('orders tables so referenced ones come first, foreign keys inline (even in a cycle)', () => {
    const s = schema({
      tables: [
        {
          name: 'a',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'b_id', type: 'integer' },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'foreign_key', columns: ['b_id'], referencedTable: 'b', referencedColumns: ['id'] },
          ],
        },
        {
          name: 'b',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'a_id', type: 'integer' },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'foreign_key', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['id'] },
          ],
        },
      ],
    })
    expect(createSchemaSQL(s, 'sqlite').map((x) => x.sql)).toEqual([
      'CREATE TABLE "a" ("id" integer NOT NULL, "b_id" integer, PRIMARY KEY ("id"), FOREIGN KEY ("b_id") REFERENCES "b" ("id"))',
      'CREATE TABLE "b" ("id" integer NOT NULL, "a_id" integer, PRIMARY KEY ("id"), FOREIGN KEY ("a_id") REFERENCES "a" ("id"))',
    ])
  })

  it('keeps declared constraint names and leaves unnamed ones to SQLite', async () => {
    const s = schema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'id', type: 'integer', nullable: false, autoincrement: true },
            { name: 'code', type: 'text', nullable: false },
            { name: 'n', type: 'integer' },
          ],
          constraints: [
            { type: 'primary_key', name: 'pk_t', columns: ['id'] },
            { type: 'unique', name: 'uq_t_code', columns: ['code'] },
            { type: 'unique', columns: ['n', 'code'] },
            { type: 'check', name: 'ck_t_n', expression: 'n > 0' },
          ],
        },
      ],
    })
    expect(createSchemaSQL(s, 'sqlite').map((x) => x.sql)).toEqual([
      'CREATE TABLE "t" ("id" integer NOT NULL CONSTRAINT "pk_t" PRIMARY KEY AUTOINCREMENT, "code" text NOT NULL, "n" integer, UNIQUE ("n", "code"), CONSTRAINT "uq_t_code" UNIQUE ("code"), CONSTRAINT "ck_t_n" CHECK (n > 0))',
    ])
    await create(engine, s)
    expect(await read(engine)).toEqual(s)
  })

  it('refuses what SQLite cannot store, naming every table and column at once', () => {
    const s = schema({
      enums: [{ name: 'mood', values: ['sad', 'happy'] }],
      tables: [
        {
          name: 'entries',
          comment: 'a diary',
          columns: [
            { name: 'id', type: 'bigint', nullable: false, autoincrement: true },
            { name: 'mood', type: 'mood' },
            { name: 'tags', type: 'text[]', comment: 'free words' },
            { name: 'title', type: 'text', collation: 'C' },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: ['title'], nullsNotDistinct: true, deferrable: true },
          ],
        },
      ],
    })
    let error: unknown
    try {
      createSchemaSQL(s, 'sqlite')
    } catch (e) {
      error = e
    }
    expect(isSchemaLedgerError(error) && error.code).toBe('unsupported_feature')
    expect((error as Error).message).toBe(
      [
        'SQLite cannot store these 9 parts of the schema:',
        '  enum:mood: SQLite has no enum types',
        '  entries: a table comment: SQLite has no comments',
        "  entries.id: autoincrement needs the column to be the table's only primary key column, of type integer, without a default (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT)",
        '  entries.mood: enum "mood": SQLite has no enum types (use text with a CHECK constraint)',
        '  entries.tags: an array type: SQLite has no arrays',
        '  entries.tags: a comment: SQLite has no comments',
        '  entries.title: collation "C": SQLite knows BINARY, NOCASE and RTRIM only',
        '  entries.entries_title_key: DEFERRABLE: SQLite defers foreign keys only',
        '  entries.entries_title_key: NULLS NOT DISTINCT: not in SQLite',
      ].join('\n'),
    )
  })

  it('quotes names, escapes literals and rejects NUL in both', () => {
    expect(sqlite.quoteIdentifier('we"ird name')).toBe('"we""ird name"')
    expect(sqlite.quoteLiteral("it's a \\ test")).toBe("'it''s a \\ test'")
    expect(() => sqlite.quoteIdentifier('a\u0000b')).toThrow('SQLite names cannot contain NUL characters')
    expect(() => sqlite.quoteLiteral('a\u0000b')).toThrow('SQLite string literals cannot contain NUL characters')
  })

  it('declares its capabilities', () => {
    expect(sqlite.capabilities).toEqual({
      transactionalDDL: true,
      alterColumn: false,
      alterConstraints: false,
      concurrentIndexes: false,
      notValidConstraints: false,
      enumTypes: false,
      inlineEnums: false,
      comments: false,
      identityColumns: false,
      partialIndexes: true,
      expressionIndexes: true,
      indexInclude: false,
      deferrableConstraints: true,
      arrays: false,
      namespaces: false,
      maxIdentifierLength: 1_000_000_000,
    })
  })
})
