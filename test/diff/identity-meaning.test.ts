import { describe, expect, it } from 'vitest'
import { defineSchema, diffSchemas } from '../../src/index.js'

// Identity options compare by meaning: a stated default (SQLAlchemy's Identity(start=1), a bound that
// is the type's own) equals one left out, as introspection reads it; a stated difference is a change.

const withId = (type: string, identity: Record<string, unknown>) =>
  defineSchema({
    tables: [
      { name: 't', columns: [{ name: 'id', type, nullable: false, identity: { generation: 'always', ...identity } }] },
    ],
  })

const changes = (a: ReturnType<typeof withId>, b: ReturnType<typeof withId>) =>
  diffSchemas(a, b).changes.map((c) =>
    c.kind === 'alter_column' ? `${c.kind} ${c.path} ${c.changes.join(',')}` : `${c.kind} ${c.path}`,
  )

describe('identity options compare by meaning', () => {
  it('a stated default equals one left out', () => {
    expect(changes(withId('integer', { start: 1, increment: 1, cache: 1 }), withId('integer', {}))).toEqual([])
    expect(changes(withId('integer', { minValue: 1, maxValue: 2147483647 }), withId('integer', {}))).toEqual([])
    expect(
      changes(
        withId('smallint', { increment: -1, start: -1, maxValue: -1, minValue: -32768 }),
        withId('smallint', { increment: -1 }),
      ),
    ).toEqual([])
    expect(changes(withId('bigint', { minValue: 1000 }), withId('bigint', { minValue: 1000, start: 1000 }))).toEqual([])
  })

  it('a stated difference is a change', () => {
    expect(changes(withId('integer', { maxValue: 100 }), withId('integer', {}))).toEqual(['alter_column t.id identity'])
    expect(changes(withId('integer', { start: 2 }), withId('integer', {}))).toEqual(['alter_column t.id identity'])
    expect(changes(withId('integer', { cycle: true }), withId('integer', {}))).toEqual(['alter_column t.id identity'])
  })

  it('a type change moves the default bounds with it: only the type changes', () => {
    expect(changes(withId('integer', {}), withId('bigint', {}))).toEqual(['alter_column t.id type'])
  })
})
