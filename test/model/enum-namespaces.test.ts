import { describe, expect, it } from 'vitest'
import { diffSchemas, parseSchema, safeParseSchema, serializeSchema } from '../../src/index.js'
import { planMigration } from '../../src/sql/plan-migration.js'

// An enum is known by its namespace and its name: `schema1.lang` and `schema2.lang` are two enums,
// columns name the one they use (`schema2.lang`), and a bare name means the default namespace's enum,
// else the only one of that name.

const canonical = (over: Record<string, unknown>) => ({ format: 'schemaledger/1', tables: [], ...over })

const twoLangs = (second: readonly string[] = ['ja', 'en']) =>
  canonical({
    namespaces: [{ name: 'schema1' }, { name: 'schema2' }],
    enums: [
      { name: 'lang', schema: 'schema1', values: ['ja', 'en'] },
      { name: 'lang', schema: 'schema2', values: second },
    ],
    tables: [
      {
        name: 'posts',
        schema: 'schema1',
        columns: [
          { name: 'a', type: 'schema1.lang', nullable: true },
          { name: 'b', type: 'schema2.lang[]', nullable: true },
        ],
      },
    ],
  })

const issuesOf = (document: unknown) => {
  const result = safeParseSchema(document)
  if (result.success) throw new Error('expected the document to be invalid')
  return result.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }))
}

describe('enums of the same name in two namespaces', () => {
  it('are two enums, each column naming its own', () => {
    const schema = parseSchema(twoLangs())
    expect(schema.enums.map((e) => [e.schema, e.name])).toEqual([
      ['schema1', 'lang'],
      ['schema2', 'lang'],
    ])
    expect(schema.tables[0]?.columns.map((c) => c.type)).toEqual([
      { kind: 'enum', name: 'lang', schema: 'schema1' },
      { kind: 'array', of: { kind: 'enum', name: 'lang', schema: 'schema2' } },
    ])
  })

  it('the canonical document qualifies references outside the default namespace, byte-stable', () => {
    const text = serializeSchema(parseSchema(twoLangs()))
    expect(JSON.parse(text).tables[0].columns.map((c: { type: string }) => c.type)).toEqual([
      'schema1.lang',
      'schema2.lang[]',
    ])
    expect(serializeSchema(parseSchema(JSON.parse(text)))).toBe(text)
  })

  it('a bare name means the default namespace first, else the only enum of that name', () => {
    const doc = (enums: unknown[]) =>
      parseSchema(canonical({ enums, tables: [{ name: 't', columns: [{ name: 'a', type: 'lang', nullable: true }] }] }))
    const typeOf = (s: ReturnType<typeof doc>) => s.tables[0]?.columns[0]?.type
    expect(
      typeOf(
        doc([
          { name: 'lang', values: ['x'] },
          { name: 'lang', schema: 'schema2', values: ['y'] },
        ]),
      ),
    ).toEqual({ kind: 'enum', name: 'lang' })
    expect(typeOf(doc([{ name: 'lang', schema: 'schema2', values: ['y'] }]))).toEqual({
      kind: 'enum',
      name: 'lang',
      schema: 'schema2',
    })
    // Quoted parts are unquoted: `"schema2"."lang"` is the same enum.
    const quoted = parseSchema(
      canonical({
        enums: [{ name: 'Lang', schema: 'My NS', values: ['y'] }],
        tables: [{ name: 't', columns: [{ name: 'a', type: '"My NS"."Lang"', nullable: true }] }],
      }),
    )
    expect(quoted.tables[0]?.columns[0]?.type).toEqual({ kind: 'enum', name: 'Lang', schema: 'My NS' })
    expect(JSON.parse(serializeSchema(quoted)).tables[0].columns[0].type).toBe('"My NS".Lang')
  })

  it('a bare name that two namespaces answer is reported at the column', () => {
    const doc = twoLangs()
    const tables = [{ name: 't', columns: [{ name: 'a', type: 'lang', nullable: true }] }]
    expect(issuesOf({ ...doc, tables })).toEqual([
      {
        code: 'ambiguous_enum',
        path: 'tables[0].columns[0].type',
        message:
          'Enum "lang" is declared in several namespaces ("schema1.lang", "schema2.lang") and none is the default one; name its namespace',
      },
    ])
  })

  it('the same name twice in one namespace is an error with its path; a qualified unknown enum too', () => {
    expect(
      issuesOf(
        canonical({
          enums: [
            { name: 'lang', schema: 'schema1', values: ['ja'] },
            { name: 'lang', schema: 'schema2', values: ['ja'] },
            { name: 'lang', schema: 'schema2', values: ['en'] },
          ],
        }),
      ),
    ).toEqual([
      { code: 'duplicate_enum', path: 'enums[2].name', message: 'Enum "schema2.lang" is declared more than once' },
    ])
    expect(
      issuesOf({
        metadata: {
          tables: [{ name: 't', columns: [{ name: 'a', type: 'Enum', enum_name: 'lang', enum_schema: 's3' }] }],
        },
      }),
    ).toEqual([
      {
        code: 'unknown_enum',
        path: 'metadata.tables[0].columns[0].type',
        message: 'Enum "s3.lang" is not declared in "enums"',
      },
    ])
  })

  it('SQLAlchemy Enum(..., schema=) declares the enum in that namespace', () => {
    const schema = parseSchema({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [
              { name: 'a', type: 'Enum', enum_name: 'lang', enum_schema: 'schema1', values: ['ja', 'en'] },
              { name: 'b', type: 'Enum', enum_name: 'lang', enum_schema: 'schema2', values: ['ja'] },
            ],
          },
        ],
      },
    })
    expect(schema.enums).toEqual([
      { name: 'lang', schema: 'schema1', values: ['ja', 'en'] },
      { name: 'lang', schema: 'schema2', values: ['ja'] },
    ])
    expect(schema.tables[0]?.columns.map((c) => c.type)).toEqual([
      { kind: 'enum', name: 'lang', schema: 'schema1' },
      { kind: 'enum', name: 'lang', schema: 'schema2' },
    ])
  })

  it('the diff pairs enums by namespace and name; the plan writes the qualified type', () => {
    const from = parseSchema(twoLangs())
    const to = parseSchema(twoLangs(['ja', 'en', 'de']))
    const diff = diffSchemas(from, to)
    expect(diff.changes).toEqual([
      {
        kind: 'alter_enum',
        enum: 'lang',
        schema: 'schema2',
        path: 'enum:schema2.lang',
        before: { name: 'lang', schema: 'schema2', values: ['ja', 'en'] },
        after: { name: 'lang', schema: 'schema2', values: ['ja', 'en', 'de'] },
        changes: ['values'],
        added: [{ value: 'de', position: 2, after: 'en' }],
        removed: [],
        reordered: false,
      },
    ])
    const migration = planMigration(diff, { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([`ALTER TYPE "schema2"."lang" ADD VALUE 'de' AFTER 'en'`])
  })

  it('creating both enums and the table: each type qualified, columns of each', () => {
    const to = parseSchema(twoLangs())
    const from = parseSchema(canonical({ namespaces: [{ name: 'schema1' }, { name: 'schema2' }] }))
    const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      `CREATE TYPE "schema1"."lang" AS ENUM ('ja', 'en')`,
      `CREATE TYPE "schema2"."lang" AS ENUM ('ja', 'en')`,
      'CREATE TABLE "schema1"."posts" (\n  "a" "schema1"."lang",\n  "b" "schema2"."lang"[]\n)',
    ])
  })

  it('a column moving to the other namespace`s enum is a type change cast through text', () => {
    const from = parseSchema(twoLangs())
    const moved = twoLangs()
    const table = (moved.tables as { columns: { type: string }[] }[])[0] as { columns: { type: string }[] }
    table.columns[0] = { ...table.columns[0], type: 'schema2.lang' } as { type: string }
    const to = parseSchema(moved)
    const diff = diffSchemas(from, to)
    expect(diff.changes.map((c) => [c.kind, c.path])).toEqual([['alter_column', 'schema1.posts.a']])
    const migration = planMigration(diff, { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "schema1"."posts" ALTER COLUMN "a" TYPE "schema2"."lang" USING "a"::text::"schema2"."lang"',
    ])
  })
})
