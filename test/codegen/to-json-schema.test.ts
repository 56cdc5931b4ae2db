import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { CodegenError, toJsonSchema } from '../../src/codegen/index.js'
import { defineSchema } from '../../src/index.js'
import { FIXTURES } from './codegen-support.js'

// JSON Schemas are checked with ajv in strict mode (union types allowed, formats left as annotations,
// as ajv-formats is not installed): the schema itself must compile, and sample JSON rows must pass or
// fail as the database would have them.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false, allErrors: true })

const small = defineSchema({
  enums: [{ name: 'status', values: ['open', 'paid'] }],
  tables: [
    {
      name: 'orders',
      schema: 'billing',
      comment: 'Orders.',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoincrement: true },
        { name: 'status', type: 'status', nullable: true },
        { name: 'code', type: 'varchar(8)', nullable: false, comment: 'Shown to customers.' },
        { name: 'total', type: 'decimal(6,2)', nullable: false, default: '0' },
        { name: 'net', type: 'decimal(6,2)', generated: { expression: 'total / 2', stored: true } },
        { name: 'at', type: 'timestamptz', nullable: false },
      ],
    },
  ],
})

describe('toJsonSchema', () => {
  it('describes a row: types, limits, nullability, required, no other keys', () => {
    expect(toJsonSchema(small, 'orders')).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'billing.orders',
      description: 'Orders.',
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
        status: { type: ['string', 'null'], enum: ['open', 'paid', null] },
        code: { description: 'Shown to customers.', type: 'string', maxLength: 8 },
        total: { type: 'string', pattern: '^-?(?:0|[1-9]\\d{0,3})(?:\\.\\d{1,2})?$' },
        net: { type: ['string', 'null'], pattern: '^-?(?:0|[1-9]\\d{0,3})(?:\\.\\d{1,2})?$', readOnly: true },
        at: { type: 'string', format: 'date-time' },
      },
      required: ['id', 'status', 'code', 'total', 'net', 'at'],
      additionalProperties: false,
    })
  })

  it('describes the insert shape: optional columns not required, generated ones absent', () => {
    const insert = toJsonSchema(small, 'billing.orders', { shape: 'insert' })
    expect(insert.title).toBe('billing.orders (insert)')
    expect(Object.keys(insert.properties)).toEqual(['id', 'status', 'code', 'total', 'at'])
    expect(insert.required).toEqual(['code', 'at'])
  })

  it('writes bigint columns as strings by default, or as safe-range integers', () => {
    const schema = defineSchema({ tables: [{ name: 't', columns: [{ name: 'n', type: 'bigint', nullable: false }] }] })
    expect(toJsonSchema(schema, 't').properties.n).toMatchObject({ type: 'string' })
    expect(toJsonSchema(schema, 't', { bigint: 'number' }).properties.n).toEqual({
      type: 'integer',
      minimum: -9007199254740991,
      maximum: 9007199254740991,
    })
  })

  it('throws CodegenError unknown_table for a missing or ambiguous table', () => {
    expect(() => toJsonSchema(small, 'invoices')).toThrow(CodegenError)
    expect(() => toJsonSchema(small, 'invoices')).toThrow(
      '"invoices" is not a table of the schema. Tables: billing.orders',
    )
    const twice = defineSchema({
      tables: [
        { name: 't', schema: 'a', columns: [{ name: 'x', type: 'text' }] },
        { name: 't', schema: 'b', columns: [{ name: 'x', type: 'text' }] },
      ],
    })
    expect(() => toJsonSchema(twice, 't')).toThrow(expect.objectContaining({ code: 'unknown_table' }))
    expect(toJsonSchema(twice, 'b.t').title).toBe('b.t')
  })

  it('keeps a column called __proto__ as a property', () => {
    const schema = defineSchema({ tables: [{ name: 't', columns: [{ name: '__proto__', type: 'integer' }] }] })
    const json = toJsonSchema(schema, 't')
    expect(Object.keys(json.properties)).toEqual(['__proto__'])
    expect(JSON.parse(JSON.stringify(json)).required).toEqual(['__proto__'])
  })
})

/** A JSON row of every_type: what an API would send, with bytes in base64 and times as ISO strings. */
const ROW = {
  id: '9223372036854775807',
  tiny: -128,
  tiny_u: null,
  small: 32767,
  medium: null,
  medium_u: 16777215,
  int_col: null,
  int_u: 4294967295,
  big: '-9223372036854775808',
  big_u: '18446744073709551615',
  price: '99999999.99',
  ratio: '0.5',
  whole: '12',
  any_decimal: '-1.000001',
  real_col: 1.5,
  double_col: null,
  float_col: 2,
  flag: false,
  code: 'é😀x',
  name: '😀'.repeat(50),
  note: null,
  body: '',
  long_body: null,
  hash: Buffer.alloc(16, 1).toString('base64'),
  packet: Buffer.alloc(64, 2).toString('base64'),
  file: null,
  born_on: '2024-02-29',
  opens_at: '10:11:12.5',
  opens_at_tz: '10:11:12+02',
  created_at: '2024-01-02T03:04:05.678Z',
  local_at: null,
  wait: '1 day',
  uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  doc: { any: ['json', 1, null] },
  docb: null,
  feeling: "it's complicated",
  size: null,
  scores: [1, 2, 3],
  moods: ['happy'],
  addr: '10.0.0.1',
  total: '199999999.98',
  'order id': null,
}

describe('toJsonSchema output under ajv (draft 2020-12, strict)', () => {
  const row = ajv.compile(toJsonSchema(FIXTURES.rich, 'every_type'))
  const insert = ajv.compile(toJsonSchema(FIXTURES.rich, 'every_type', { shape: 'insert' }))
  const errors = (validate: typeof row, value: unknown) => (validate(value) ? [] : validate.errors)

  it('compiles for every table of both fixtures, in both shapes', () => {
    for (const schema of [FIXTURES.seed, FIXTURES.rich]) {
      for (const t of schema.tables) {
        for (const shape of ['row', 'insert'] as const)
          expect(() => ajv.compile(toJsonSchema(schema, t.name, { shape }))).not.toThrow()
      }
    }
  })

  it('accepts a full row and, for inserts, the required columns alone', () => {
    expect(errors(row, ROW)).toEqual([])
    expect(errors(insert, { tiny: 0, small: 0, name: 'x' })).toEqual([])
    const { id: _id, total: _total, ...insertable } = ROW
    expect(errors(insert, { ...insertable, docb: [] })).toEqual([])
  })

  it.each([
    ['varchar(50) too long', { name: 'x'.repeat(51) }],
    ['varchar(50) too long in characters', { name: '😀'.repeat(51) }],
    ['null in NOT NULL', { name: null }],
    ['value outside the enum', { feeling: 'angry' }],
    ['array element outside the enum', { moods: ['angry'] }],
    ['numeric(10,2) with 9 digits before the point', { price: '123456789.00' }],
    ['numeric(10,2) with 3 digits after the point', { price: '1.005' }],
    ['smallint out of range', { small: 32768 }],
    ['tinyint unsigned below 0', { tiny_u: -1 }],
    ['integer that is not whole', { int_u: 1.5 }],
    ['bigint out of range', { big: '9223372036854775808' }],
    ['bigint as a number', { big: 5 }],
    ['not a uuid', { uid: 'not-a-uuid' }],
    ['time out of range', { opens_at: '25:00' }],
    ['binary(16) too long', { hash: Buffer.alloc(17).toString('base64') }],
    ['unknown column', { nope: 1 }],
    ['missing column', { name: undefined }],
  ])('rejects a row with %s', (_, change) => {
    const value = JSON.parse(JSON.stringify({ ...ROW, ...change }))
    expect(row(value)).toBe(false)
  })

  it('rejects in inserts what only the database writes, and JSON null for a NOT NULL json column', () => {
    const base = { tiny: 0, small: 0, name: 'x' }
    expect(insert({ ...base, total: '1.00' })).toBe(false)
    expect(insert({ ...base, id: '1' })).toBe(false)
    expect(insert({ ...base, docb: null })).toBe(false)
    expect(insert({ tiny: 0, small: 0 })).toBe(false)
  })
})
