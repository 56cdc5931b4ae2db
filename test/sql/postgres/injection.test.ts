import { describe, expect, it } from 'vitest'
import { postgres } from '../../../src/dialects/postgres/dialect.js'
import type { SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { isSchemaLedgerError, UnsafeExpressionError } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { describeEngines, plan, read, remainingChanges, resetDatabase, schema } from './harness.js'

// Names and literals full of quotes, terminators, backslashes and non-ASCII letters create exactly
// those objects; expressions that could end or hide the statement are refused before any SQL exists.

const NASTY = `we"ird; 'tab\`le\\ ünï`
const nasty: SchemaDefinition = {
  enums: [{ name: `mo"od'`, values: [`it's`, `back\\slash`, `semi;colon`, `"quoted"`], comment: `enum's \\ comment` }],
  tables: [
    {
      name: NASTY,
      comment: `table's comment; with \\ and "quotes"`,
      columns: [
        { name: `i"d`, type: 'integer', nullable: false },
        { name: `na'me; --`, type: 'text', default: `'it''s; a "test" \\ ok'`, comment: `it's -- not a comment \\n` },
        { name: 'ß tatus', type: `mo"od'`, default: `'semi;colon'` },
      ],
      constraints: [
        { type: 'primary_key', name: `p"k'; x`, columns: [`i"d`] },
        { type: 'unique', name: `u\`q \\ y`, columns: [`na'me; --`] },
        { type: 'check', name: `c'k"`, expression: `"na'me; --" <> 'x'';--'` },
      ],
      indexes: [{ name: `i"x; é`, columns: [`ß tatus`, `i"d`], where: `"na'me; --" IS NOT NULL` }],
    },
  ],
}

const unsafe = (patch: (t: Record<string, unknown>) => Record<string, unknown>) =>
  schema({ tables: [patch({ name: 't', columns: [{ name: 'a', type: 'integer' }] }) as never] })

describe('postgres: quoting', () => {
  it('always quotes identifiers and doubles embedded quotes', () => {
    expect(postgres.quoteIdentifier('order')).toBe('"order"')
    expect(postgres.quoteIdentifier('say "hi"')).toBe('"say ""hi"""')
  })

  it("doubles ' in literals and writes backslashes as an escape string", () => {
    expect(postgres.quoteLiteral("it's")).toBe("'it''s'")
    expect(postgres.quoteLiteral('a\\b')).toBe("E'a\\\\b'")
    expect(postgres.quoteLiteral("it's a\\b")).toBe("E'it''s a\\\\b'")
  })

  it('refuses NUL in names and literals', () => {
    expect(() => postgres.quoteIdentifier('a\u0000b')).toThrow(/NUL/)
    expect(() => postgres.quoteLiteral('a\u0000b')).toThrow(/NUL/)
    try {
      postgres.quoteIdentifier('\u0000')
    } catch (error) {
      expect(isSchemaLedgerError(error)).toBe(true)
    }
  })

  it('refuses unsafe expressions before producing any SQL', () => {
    const cases = [
      unsafe((t) => ({ ...t, columns: [{ name: 'a', type: 'integer', default: '0); DROP TABLE x; --' }] })),
      unsafe((t) => ({ ...t, columns: [{ name: 'a', type: 'text', default: "'unterminated" }] })),
      unsafe((t) => ({ ...t, constraints: [{ type: 'check', expression: 'a > 0 -- and the rest' }] })),
      unsafe((t) => ({ ...t, constraints: [{ type: 'check', expression: 'a > 0) OR (true' }] })),
      unsafe((t) => ({ ...t, indexes: [{ name: 'ix', columns: ['a'], where: 'a > 0; DROP TABLE t' }] })),
      unsafe((t) => ({ ...t, indexes: [{ name: 'ix', columns: [{ expression: 'a /* hidden' }] }] })),
      unsafe((t) => ({
        ...t,
        columns: [{ name: 'a', type: 'integer', generated: { expression: '1); DROP TABLE t; --', stored: true } }],
      })),
      unsafe((t) => ({ ...t, columns: [{ name: 'a', type: 'integer', default: '$$ unterminated' }] })),
      unsafe((t) => ({ ...t, columns: [{ name: 'a', type: 'geometry); DROP TABLE t; --' }] })),
    ]
    for (const s of cases) {
      expect(() => createSchemaSQL(s, 'postgres')).toThrow(UnsafeExpressionError)
      expect(() => plan(schema({ tables: [] }), s)).toThrow(UnsafeExpressionError)
    }
  })

  it('writes every name and literal of the nasty schema quoted', () => {
    const sql = createSchemaSQL(schema(nasty), 'postgres').map((s) => s.sql)
    expect(sql[0]).toBe(`CREATE TYPE "mo""od'" AS ENUM ('it''s', E'back\\\\slash', 'semi;colon', '"quoted"')`)
    expect(sql).toContain(`COMMENT ON COLUMN "we""ird; 'tab\`le\\ ünï"."na'me; --" IS E'it''s -- not a comment \\\\n'`)
    expect(sql).toContain(
      `CREATE INDEX "i""x; é" ON "we""ird; 'tab\`le\\ ünï" ("ß tatus", "i""d") WHERE "na'me; --" IS NOT NULL`,
    )
  })
})

describeEngines('quoting applied', (engine) => {
  it('creates exactly the named objects and values', async () => {
    const s = schema(nasty)
    await resetDatabase(engine())
    await run(engine(), createSchemaSQL(s, 'postgres'))
    expect(await remainingChanges(engine(), s)).toEqual([])
    const read_ = await read(engine())
    expect(read_.enums[0]?.values).toEqual([`it's`, `back\\slash`, `semi;colon`, `"quoted"`])
    expect(read_.tables[0]?.name).toBe(NASTY)
    expect(read_.tables[0]?.comment).toBe(`table's comment; with \\ and "quotes"`)
    expect(read_.tables[0]?.constraints.map((c) => c.name).sort()).toEqual([`c'k"`, `p"k'; x`, `u\`q \\ y`].sort())
  })

  it('migrates between nasty names (renames, drops) without losing them', async () => {
    const from = schema(nasty)
    const to = schema({
      ...nasty,
      tables: [{ ...(nasty.tables[0] as TableDefinition), name: `${NASTY}2`, indexes: [], comment: `it's \\ new` }],
    })
    const migration = plan(from, to, {}, { renames: { tables: { [NASTY]: `${NASTY}2` } } })
    await resetDatabase(engine())
    await run(engine(), createSchemaSQL(from, 'postgres'))
    await run(engine(), migration.up)
    expect(await remainingChanges(engine(), to)).toEqual([])
    await run(engine(), migration.down)
    expect(await remainingChanges(engine(), from)).toEqual([])
  })
})
