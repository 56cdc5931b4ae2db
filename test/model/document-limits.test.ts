import { describe, expect, it } from 'vitest'
import {
  DOCUMENT_LIMITS,
  diffSchemas,
  parseColumnType,
  parseSchema,
  safeParseSchema,
  serializeSchema,
} from '../../src/index.js'
import { splitCollation } from '../../src/model/parse-column-type.js'
import { createSchemaSQL } from '../../src/sql/index.js'

// Hostile documents (generated here, never committed) are refused with a path, quickly, before anything
// recursive or superlinear reads them; documents at the limits still work end to end.

/** An object nested `levels` deep under key `x`. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true }
  for (let i = 1; i < levels; i++) value = { x: value }
  return value
}

const column = (extra: Record<string, unknown>) => ({ name: 'id', type: 'Integer', ...extra })
const sqlalchemy = (columnExtra: Record<string, unknown>, table: Record<string, unknown> = {}) => ({
  metadata: { tables: [{ name: 't', columns: [column(columnExtra)], ...table }] },
})

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now()
  const result = run()
  return { result, ms: performance.now() - started }
}

describe('document limits', () => {
  it('unknown keys nested 4,500 deep: one too_deep issue with its path, instead of a crash in serialize and save', () => {
    const { result, ms } = timed(() => safeParseSchema(sqlalchemy({ info: nested(4500) })))
    expect(result.success).toBe(false)
    if (result.success) return
    // The document is level 1, metadata 2, tables 3, the table 4, columns 5, the column 6, info 7: the
    // first object past level 64 is the one reported, and nothing below it is looked at.
    const path = `metadata.tables[0].columns[0].info${'.x'.repeat(DOCUMENT_LIMITS.maxDepth + 1 - 7)}`
    expect(result.issues).toEqual([
      {
        code: 'too_deep',
        path,
        message: 'Objects and arrays nest more than 64 levels deep here; a schema document needs far fewer',
      },
    ])
    expect(ms).toBeLessThan(1000)
  })

  it('at the depth limit a document reads, serializes, diffs and reads back', () => {
    const doc = sqlalchemy({ info: nested(DOCUMENT_LIMITS.maxDepth - 6) })
    const schema = parseSchema(doc)
    const text = serializeSchema(schema)
    expect(parseSchema(JSON.parse(text))).toEqual(schema)
    expect(diffSchemas(schema, schema).changes).toEqual([])
    expect(safeParseSchema(sqlalchemy({ info: nested(DOCUMENT_LIMITS.maxDepth - 5) })).success).toBe(false)
  })

  it('a 20 MB expression of parentheses: expression_too_long, before createSchemaSQL could run out of memory', () => {
    const expression = `${'('.repeat(10_000_000)}1${')'.repeat(10_000_000)}`
    const { result, ms } = timed(() => safeParseSchema(sqlalchemy({ server_default: expression })))
    expect(result).toEqual({
      success: false,
      issues: [
        {
          code: 'expression_too_long',
          path: 'metadata.tables[0].columns[0].server_default',
          message: 'Expression is 20,000,001 characters long; at most 65,536 are accepted',
        },
      ],
    })
    expect(ms).toBeLessThan(1000)
  })

  it('a 50 MB type string: type_too_long at once', () => {
    const type = `VARCHAR(${'9'.repeat(50_000_000)})`
    const { result, ms } = timed(() => safeParseSchema(sqlalchemy({ type })))
    expect(result).toEqual({
      success: false,
      issues: [
        {
          code: 'type_too_long',
          path: 'metadata.tables[0].columns[0].type',
          message: 'Type is 50,000,009 characters long; at most 65,536 are accepted',
        },
      ],
    })
    expect(ms).toBeLessThan(1000)
  })

  it('parentheses nested deeper than 256 in a short expression: expression_too_deep; 256 deep is fine', () => {
    const deep = (n: number) => `${'('.repeat(n)}a > 0${')'.repeat(n)}`
    const refused = safeParseSchema(
      sqlalchemy({}, { constraints: [{ type: 'CheckConstraint', name: 'ck', sqltext: deep(257) }] }),
    )
    expect(refused.success ? [] : refused.issues).toEqual([
      {
        code: 'expression_too_deep',
        path: 'metadata.tables[0].constraints[0].sqltext',
        message: 'Expression nests parentheses more than 256 deep; databases refuse such expressions',
      },
    ])
    // Quoted parentheses do not count.
    const quoted = `x = '${'('.repeat(300)}'`
    const ok = parseSchema(
      sqlalchemy({}, { constraints: [{ type: 'CheckConstraint', name: 'ck', sqltext: `id > 0 AND ${deep(256)}` }] }),
    )
    expect(parseSchema(sqlalchemy({ server_default: quoted })).tables[0]?.columns[0]?.default).toBe(quoted)
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
      expect(createSchemaSQL(ok, dialect).length).toBeGreaterThan(0)
    }
  })

  it('every place an expression or type goes is checked, in both document shapes, with its path', () => {
    const long = `a${' + a'.repeat(DOCUMENT_LIMITS.maxExpressionLength / 4)}`
    const canonical = {
      format: 'schemaledger/1',
      tables: [
        {
          name: 't',
          columns: [
            { name: 'a', type: 'integer', nullable: true, default: long },
            { name: 'b', type: 'integer', nullable: true, generated: { expression: long, stored: true } },
            { name: 'c', type: 'x'.repeat(DOCUMENT_LIMITS.maxTypeLength + 1), nullable: true },
          ],
          constraints: [{ type: 'check', name: 'ck', expression: long }],
          indexes: [{ name: 'ix', columns: [{ expression: long }], where: long }],
        },
      ],
    }
    const result = safeParseSchema(canonical)
    expect(result.success ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['tables[0].columns[0].default', 'expression_too_long'],
      ['tables[0].columns[1].generated.expression', 'expression_too_long'],
      ['tables[0].columns[2].type', 'type_too_long'],
      ['tables[0].constraints[0].expression', 'expression_too_long'],
      ['tables[0].indexes[0].columns[0].expression', 'expression_too_long'],
      ['tables[0].indexes[0].where', 'expression_too_long'],
    ])
    const reflected = sqlalchemy(
      { computed: { sqltext: long } },
      {
        indexes: [
          {
            name: 'ix',
            columns: [null],
            expressions: [long],
            dialect_options: { postgresql_where: long },
          },
        ],
      },
    )
    const read = safeParseSchema(reflected)
    expect(read.success ? [] : read.issues.map((i) => i.path)).toEqual([
      'metadata.tables[0].columns[0].computed.sqltext',
      'metadata.tables[0].indexes[0].expressions[0]',
      'metadata.tables[0].indexes[0].dialect_options.postgresql_where',
    ])
  })

  it('at the length limits a document reads and its SQL is written', () => {
    const expression = `1${' + 1'.repeat((DOCUMENT_LIMITS.maxExpressionLength - 1) / 4)}`
    const type = `enum(${Array.from({ length: 5000 }, (_, i) => `'v${i}'`).join(',')})`
    const doc = sqlalchemy({ server_default: expression.slice(0, DOCUMENT_LIMITS.maxExpressionLength) })
    expect(expression.length).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxExpressionLength)
    const { result, ms } = timed(() => parseSchema({ ...doc }))
    expect(result.tables[0]?.columns[0]?.default?.length).toBe(expression.length)
    expect(ms).toBeLessThan(2000)
    expect(type.length).toBeLessThan(DOCUMENT_LIMITS.maxTypeLength)
    const { result: enumType, ms: enumMs } = timed(() => parseColumnType(type))
    expect(enumType).toMatchObject({ kind: 'enum', values: expect.arrayContaining(['v0', 'v4999']) })
    expect(enumMs).toBeLessThan(1000)
    expect(createSchemaSQL(result, 'postgres').length).toBeGreaterThan(0)
  })
})

describe('type spellings parse in linear time', () => {
  it('COLLATE clauses are found without re-reading them from every keyword (was quadratic)', () => {
    const spelling = `x${' collate a'.repeat(100_000)} (`
    const { result, ms } = timed(() => splitCollation(spelling))
    expect(result).toEqual({ type: spelling })
    expect(ms).toBeLessThan(3000)
    const split = `varchar(10)${' collate a'.repeat(100_000)}`
    expect(splitCollation(split)).toEqual({ type: 'varchar(10)', collation: 'a' })
    expect(parseColumnType(split)).toEqual({ kind: 'varchar', length: 10 })
  })
})
