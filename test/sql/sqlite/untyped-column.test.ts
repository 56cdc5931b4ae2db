import { describe, expect, it } from 'vitest'
import { toDrizzle } from '../../../src/codegen/to-drizzle.js'
import { toJsonSchema } from '../../../src/codegen/to-json-schema.js'
import { toPrisma } from '../../../src/codegen/to-prisma.js'
import { toSQLAlchemy } from '../../../src/codegen/to-sqlalchemy.js'
import { toTypeScript } from '../../../src/codegen/to-typescript.js'
import { toZod } from '../../../src/codegen/to-zod.js'
import type { SchemaDefinition } from '../../../src/index.js'
import { diffSchemas, formatColumnType, parseColumnType, parseSchema, serializeSchema } from '../../../src/index.js'
import { compareColumnTypes } from '../../../src/model/type-relation.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { catalogDifference, sqliteCatalog } from '../../corpus/sqlite-catalog.js'
import { withEngine } from '../../engines/engines.js'
import { apply, plan, read, roundTrip, schema, script, sqliteFactory } from './sqlite-helpers.js'

// SQLite lets a column declare no type at all (`CREATE TABLE t (data)`): BLOB affinity, every value
// kept as given, and pragma table_info shows an empty type. The model has it as the `untyped` kind,
// spelled `""` in a document; only SQLite writes it, the other dialects refuse it naming the column.
// Judged by SQLite's catalog (pragma table_xinfo's declared type).

const bigdata = (type: string, over: Record<string, unknown> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'bigdata',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'data', type },
      ],
      ...over,
    },
  ],
})

describe('SQLite column without a declared type', () => {
  it('is the untyped kind, spelled as the empty string', () => {
    expect(parseColumnType('')).toEqual({ kind: 'untyped' })
    expect(parseColumnType('  ')).toEqual({ kind: 'untyped' })
    expect(formatColumnType({ kind: 'untyped' })).toBe('')
    const s = schema(bigdata(''))
    expect(s.tables[0]?.columns[1]?.type).toEqual({ kind: 'untyped' })
    const doc = JSON.parse(serializeSchema(s))
    expect(doc.tables[0].columns[1]).toEqual({ name: 'data', type: '', nullable: true })
    expect(parseSchema(doc)).toEqual(s)
    // Any value fits a column without a type; a declared type converts what it takes.
    expect(compareColumnTypes({ kind: 'text' }, { kind: 'untyped' })).toBe('widen')
    expect(compareColumnTypes({ kind: 'untyped' }, { kind: 'text' })).toBe('cast')
  })

  it("reads pragma table_xinfo's empty type as untyped, and creates it again with the same catalog", async () => {
    await withEngine(sqliteFactory, async (engine) => {
      await engine.exec('CREATE TABLE bigdata (data, n INTEGER)')
      const original = await sqliteCatalog(engine)
      expect(original).toContain('column bigdata.data #0  notnull 0 default none pk 0 hidden 0')
      const readBack = await read(engine)
      expect(readBack.tables[0]?.columns[0]).toEqual({ name: 'data', type: { kind: 'untyped' }, nullable: true })
      expect(createSchemaSQL(readBack, 'sqlite').map((s) => s.sql)).toEqual([
        'CREATE TABLE "bigdata" ("data", "n" integer)',
      ])
      await engine.reset()
      await apply(engine, createSchemaSQL(readBack, 'sqlite'))
      expect(catalogDifference(await sqliteCatalog(engine), original)).toEqual([])
      expect(diffSchemas(await read(engine), readBack).changes).toEqual([])
    })
  })

  it('adds an untyped column in place and rebuilds for a type change, rows kept', async () => {
    const from = schema(bigdata('blob'))
    const to = schema(bigdata(''))
    const added = plan(schema({ tables: [{ name: 'bigdata', columns: [{ name: 'id', type: 'integer' }] }] }), to)
    expect(script(added)).toContain('ALTER TABLE "bigdata" ADD COLUMN "data";')
    const typed = plan(to, from)
    expect(typed.up.map((s) => s.sql)).toContain('CREATE TABLE "new_bigdata" ("id" integer, "data" blob)')
    expect(typed.down.map((s) => s.sql)).toContain('CREATE TABLE "new_bigdata" ("id" integer, "data")')
    await withEngine(sqliteFactory, async (engine) => {
      await roundTrip(engine, to, from, typed, ["INSERT INTO bigdata VALUES (1, x'00ff')"])
      expect(await engine.query('SELECT id, hex(data) AS data FROM bigdata')).toEqual([{ id: 1, data: '00FF' }])
    })
  })

  it('is refused in a STRICT table, and by PostgreSQL and MySQL, naming the column', () => {
    expect(() => createSchemaSQL(schema(bigdata('', { strict: true })), 'sqlite')).toThrow(
      'bigdata.data.type: no declared type in a STRICT table: SQLite takes INT, INTEGER, REAL, TEXT, BLOB or ANY only',
    )
    expect(() => createSchemaSQL(schema(bigdata('')), 'postgres')).toThrow(
      'bigdata.data.type: no declared type (`"type": ""`): only SQLite has columns without a type',
    )
    expect(() => createSchemaSQL(schema(bigdata('')), 'mysql')).toThrow(
      'column "data" type: no declared type (`"type": ""`): only SQLite has columns without a type',
    )
    const [from, to] = [schema(bigdata('bytea')), schema(bigdata(''))]
    const changed = diffSchemas(from, to)
    expect(changed.changes.map((c) => c.kind)).toEqual(['alter_column'])
    expect(() => planMigration(changed, { dialect: 'postgres', from, to })).toThrow(
      'bigdata.data.type: no declared type (`"type": ""`): only SQLite has columns without a type',
    )
    expect(() => planMigration(changed, { dialect: 'mysql', from, to })).toThrow(
      'column "data" type: no declared type (`"type": ""`): only SQLite has columns without a type',
    )
  })

  it('is mapped by the code generators: the raw empty type on SQLite, listed elsewhere', () => {
    const s = schema(bigdata(''))
    expect(toDrizzle(s, { dialect: 'sqlite' }).source).toContain(`data: raw('')('data')`)
    expect(toDrizzle(s, { dialect: 'sqlite' }).warnings).toEqual([])
    expect(toDrizzle(s, { dialect: 'postgres' }).warnings).toEqual([
      "tables[0].columns[1]: a column without a declared type is SQLite only; written as raw('')",
    ])
    expect(toSQLAlchemy(s, { dialect: 'sqlite' }).source).toContain('sa.Column("data", RawType(""))')
    expect(toSQLAlchemy(s, { dialect: 'sqlite' }).warnings).toEqual([])
    expect(toSQLAlchemy(s, { dialect: 'mysql' }).warnings).toEqual([
      'tables[0].columns[1]: a column without a declared type is SQLite only; written as RawType("")',
    ])
    expect(toPrisma(s, { provider: 'sqlite' }).warnings).toContain(
      'tables[0].columns[1]: Prisma has no type for a column without a declared type; written as Unsupported("")',
    )
    expect(toTypeScript(s)).toContain('No declared type (any value): typed `unknown`.')
    expect(toTypeScript(s)).toContain('data?: unknown')
    expect(toZod(s)).toContain('No declared type: any value passes.')
    expect(JSON.stringify(toJsonSchema(s, 'bigdata'))).toContain('No declared type: any value passes.')
  })
})
