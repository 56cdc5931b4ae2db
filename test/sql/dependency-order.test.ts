import { describe, expect, it } from 'vitest'
import { defineSchema } from '../../src/index.js'
import { creationOrder } from '../../src/sql/dependency-order.js'

const fk = (column: string, target: string) => ({
  type: 'foreign_key',
  columns: [column],
  referencedTable: target,
  referencedColumns: ['id'],
})
const table = (name: string, ...refs: [string, string][]) => ({
  name,
  columns: [{ name: 'id', type: 'integer' }, ...refs.map(([c]) => ({ name: c, type: 'integer' }))],
  constraints: [{ type: 'primary_key', columns: ['id'] }, ...refs.map(([c, t]) => fk(c, t))],
})

describe('creationOrder', () => {
  it('puts referenced tables first, ties by name', () => {
    const s = defineSchema({
      tables: [
        table('a_posts', ['user_id', 'z_users']),
        table('z_users'),
        table('m_tags'),
        table('b_comments', ['post_id', 'a_posts']),
      ],
    })
    const order = creationOrder(s.tables)
    expect(order.tables.map((t) => t.name)).toEqual(['m_tags', 'z_users', 'a_posts', 'b_comments'])
    expect(order.deferred.size).toBe(0)
  })

  it('breaks a cycle at the first table by name and defers only its waiting foreign keys', () => {
    // c only references itself, so it is ready at once; a and b wait for each other.
    const s = defineSchema({
      tables: [table('a', ['b_id', 'b']), table('b', ['a_id', 'a']), table('c', ['c_id', 'c'])],
    })
    const order = creationOrder(s.tables)
    expect(order.tables.map((t) => t.name)).toEqual(['c', 'a', 'b'])
    expect([...order.deferred]).toEqual([s.tables[0]?.constraints.find((c) => c.type === 'foreign_key')])
  })

  it('ignores references to tables outside the list', () => {
    const s = defineSchema({ tables: [table('x'), table('y', ['x_id', 'x'])] })
    expect(creationOrder([s.tables[1]!]).tables.map((t) => t.name)).toEqual(['y'])
  })
})
