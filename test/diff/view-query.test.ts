import { describe, expect, it } from 'vitest'
import { objectFieldEqual } from '../../src/diff/object-equality.js'
import { unqualifiedViewQuery } from '../../src/diff/view-query.js'

// PostgreSQL 15 and 18 print the same view with and without column qualifiers; the qualifiers of a
// single relation's columns are dropped before comparing, and nothing else is.

const same = (a: string, b: string) =>
  objectFieldEqual('view', 'definition', { name: 'v', definition: a }, { name: 'v', definition: b })

describe('view definitions printed by PostgreSQL 15 and 18', () => {
  it('drops the qualifiers of the one relation read', () => {
    expect(unqualifiedViewQuery('SELECT orders.id, orders.total FROM orders WHERE (orders.total > 0)')).toBe(
      'SELECT id , total FROM orders WHERE ( total > 0 )',
    )
    expect(
      same(
        'SELECT t.id\n   FROM totals t\n  WHERE (t.total > 100);',
        'SELECT id\n   FROM totals t\n  WHERE (total > 100)',
      ),
    ).toBe(true)
    expect(same('SELECT billing.orders.id FROM billing.orders', 'SELECT id FROM billing.orders')).toBe(true)
    expect(same('SELECT o.id FROM orders AS o ORDER BY o.id', 'SELECT id FROM orders AS o ORDER BY id')).toBe(true)
  })

  it('keeps everything else, so different queries never compare equal', () => {
    const join = 'SELECT a.id FROM a JOIN b ON b.id = a.id'
    expect(unqualifiedViewQuery(join)).toBe(join)
    expect(same(join, 'SELECT b.id FROM a JOIN b ON b.id = a.id')).toBe(false)
    expect(same('SELECT a.id FROM a, b', 'SELECT b.id FROM a, b')).toBe(false)
    expect(same('SELECT x.id FROM (SELECT id FROM a) x', 'SELECT id FROM (SELECT id FROM a) x')).toBe(false)
    // `s.f(...)` is a function of namespace s, not a column.
    expect(same('SELECT orders.f(id) FROM orders', 'SELECT f(id) FROM orders')).toBe(false)
    expect(same('SELECT orders.id FROM orders', 'SELECT orders.total FROM orders')).toBe(false)
  })
})
