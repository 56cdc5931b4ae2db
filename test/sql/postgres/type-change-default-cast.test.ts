import { expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { describeEngines, read, resetDatabase, schema } from './harness.js'

// After `ALTER COLUMN ... TYPE text`, PostgreSQL keeps the default as it was stored, cast to the old
// type (`'x'::character varying`). The value is the same, so the live database must equal a document
// that says text with default 'x'.

const document = schema({
  tables: [
    {
      name: 'notes',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'title', type: 'text', default: "'x'" },
        { name: 'tags', type: 'text[]', default: "'{}'" },
        { name: 'code', type: 'varchar(20)', default: "'ab'" },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
    },
  ],
})

describeEngines('a default keeps its old cast after a type change', (engine) => {
  it('varchar -> text (and varchar(10) -> varchar(20), varchar[] -> text[]) is no change', async () => {
    await resetDatabase(engine())
    await engine().exec(`CREATE TABLE notes (
      id integer PRIMARY KEY,
      title varchar(40) DEFAULT 'x',
      tags varchar[] DEFAULT '{}',
      code varchar(10) DEFAULT 'ab'
    )`)
    await engine().exec('ALTER TABLE notes ALTER COLUMN title TYPE text')
    await engine().exec('ALTER TABLE notes ALTER COLUMN tags TYPE text[]')
    await engine().exec('ALTER TABLE notes ALTER COLUMN code TYPE varchar(20)')
    // PostgreSQL's own catalog still holds the old cast: the case this test is about.
    const stored = await engine().query(
      `SELECT a.attname AS name, pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attrdef d
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       WHERE d.adrelid = 'notes'::regclass ORDER BY a.attnum`,
    )
    expect(stored).toEqual([
      { name: 'title', def: "'x'::character varying" },
      { name: 'tags', def: "'{}'::character varying[]" },
      { name: 'code', def: "'ab'::character varying" },
    ])
    const live = await read(engine())
    expect(diffSchemas(live, document).changes).toEqual([])
    expect(diffSchemas(document, live).changes).toEqual([])
  })

  it('a different value after the type change is still a change', async () => {
    await resetDatabase(engine())
    await engine().exec(
      "CREATE TABLE notes (id integer PRIMARY KEY, title varchar(40) DEFAULT 'y', tags text[] DEFAULT '{}', code varchar(20) DEFAULT 'ab')",
    )
    await engine().exec('ALTER TABLE notes ALTER COLUMN title TYPE text')
    const changes = diffSchemas(await read(engine()), document).changes
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['alter_column notes.title'])
  })
})
