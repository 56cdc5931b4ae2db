import { describe, expect, it } from 'vitest'
import { defineSchema, diffSchemas, type SchemaDefinition } from '../../src/index.js'
import type { ColumnType } from '../../src/model/column-type.js'
import { normalizeDefault } from '../../src/sql-text/normalize-default.js'
import { expressionsEqual, normalizeExpression } from '../../src/sql-text/normalize-expression.js'

// Casts PostgreSQL writes into what it stores: an enum literal in a check or predicate
// (`'live'::status`), a default's old cast after a type change (`ARRAY[]::character varying[]` in a
// text[] column). Neither is a change.

const ENUMS = [{ name: 'status' }, { name: 'Status' }, { name: 'phase', schema: 'billing' }]

describe('normalizeExpression with the schemas enum types', () => {
  it.each([
    ["(st = 'live'::status)", "st = 'live'"],
    ["(st = ANY (ARRAY['live'::status, 'dead'::status]))", "st = any (array['live', 'dead'])"],
    ["(st = ANY ('{live,dead}'::status[]))", "st = any ('{live,dead}')"],
    ['(big <> \'x\'::"Status")', "big <> 'x'"],
    ["(ph = 'a'::billing.phase)", "ph = 'a'"],
    ["(ph = 'a'::phase)", "ph = 'a'"],
    // An enum declared without a namespace is the schema's own, however PostgreSQL qualifies it.
    ["(st = 'live'::public.status)", "st = 'live'"],
    ["(st = 'live'::app.status)", "st = 'live'"],
    ['(st IS DISTINCT FROM NULL::status)', 'st is distinct from null'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeExpression(input, { enums: ENUMS })).toBe(expected)
  })

  it.each([
    // Not an enum of the schemas, or not a literal: the cast stays.
    ["st = 'live'::mood", "st = cast('live' as mood)"],
    ["ph = 'a'::other.phase", "ph = cast('a' as other.phase)"],
    ['st = \'live\'::"STATUS"', `st = cast('live' as "STATUS")`],
    ['st = other_col::status', 'st = cast(other_col as status)'],
    ["st = 'live'::status(1)", "st = cast('live' as status(1))"],
  ])('%s keeps its cast', (input, expected) => {
    expect(normalizeExpression(input, { enums: ENUMS })).toBe(expected)
  })

  it('keeps enum casts when no enum is named, as before', () => {
    expect(normalizeExpression("(st = 'live'::status)")).toBe("st = cast('live' as status)")
    expect(expressionsEqual("(st = 'live'::status)", "st = 'live'", { enums: ENUMS })).toBe(true)
    expect(expressionsEqual("(st = 'live'::status)", "st = 'dead'", { enums: ENUMS })).toBe(false)
  })
})

const orders = (check: string, where: string, generated = "st = 'live'"): SchemaDefinition => ({
  enums: [
    { name: 'status', values: ['live', 'dead'] },
    { name: 'phase', schema: 'billing', values: ['a'] },
  ],
  tables: [
    {
      name: 'orders',
      columns: [
        { name: 'st', type: 'status' },
        { name: 'ph', type: 'phase' },
        { name: 'is_live', type: 'boolean', generated: { expression: generated, stored: true } },
      ],
      constraints: [{ type: 'check', name: 'orders_live', expression: check }],
      indexes: [{ name: 'orders_a_idx', columns: ['ph'], where }],
    },
  ],
})

describe('diffSchemas: enum casts PostgreSQL adds', () => {
  const document = defineSchema(orders("st = 'live'", "ph = 'a'"))
  const introspected = defineSchema(
    orders("(st = 'live'::status)", "(ph = 'a'::billing.phase)", "(st = 'live'::status)"),
  )

  it('are not changes of checks, partial-index predicates or generated columns', () => {
    expect(diffSchemas(introspected, document).changes).toEqual([])
    expect(diffSchemas(document, introspected).changes).toEqual([])
  })

  it('leave real changes seen', () => {
    const changed = defineSchema(orders("st = 'dead'", "ph <> 'a'"))
    expect(diffSchemas(introspected, changed).changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'alter_constraint orders.orders_live',
      'alter_index orders.orders_a_idx',
    ])
  })
})

describe('normalizeDefault: array casts a type change leaves behind', () => {
  const array = (of: ColumnType): ColumnType => ({ kind: 'array', of })
  const TEXT_ARRAY = array({ kind: 'text' })
  it.each([
    ['ARRAY[]::character varying[]', TEXT_ARRAY, 'array[]'],
    ['ARRAY[]::text[]', TEXT_ARRAY, 'array[]'],
    ["ARRAY['a'::character varying, 'b']::text[]", TEXT_ARRAY, "array['a', 'b']"],
    ["'{}'::character varying[]", TEXT_ARRAY, "'{}'"],
    ['ARRAY[]::integer[]', array({ kind: 'bigint' }), 'array[]'],
    // Another element family is another value: the cast stays.
    ['ARRAY[]::integer[]', TEXT_ARRAY, 'cast(array[] as integer[])'],
    ["'{}'::text[]", array({ kind: 'jsonb' }), "cast('{}' as text[])"],
    ['ARRAY[f(x)]::varchar[]', TEXT_ARRAY, 'cast(array[f(x)] as varchar[])'],
  ])('%s in %j -> %s', (input, type, expected) => {
    expect(normalizeDefault(input, type)).toBe(expected)
  })
})
