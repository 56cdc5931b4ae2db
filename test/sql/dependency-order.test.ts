import { describe, expect, it } from 'vitest'
import { creationOrder, orderByNameOwnership } from '../../src/dialects/dependency-order.js'
import { defineSchema } from '../../src/index.js'

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

describe('orderByNameOwnership', () => {
  interface Step {
    readonly id: string
    readonly claims?: readonly string[]
    readonly releases?: readonly string[]
  }
  const order = (steps: Step[]) =>
    orderByNameOwnership(
      steps,
      (s) => s.claims,
      (s) => s.releases,
    ).map((s) => s.id)

  it('moves the statement that frees a name just before the first one that takes it', () => {
    expect(
      order([
        { id: 'alter' },
        { id: 'create users', claims: ['users', 'members_pkey'] },
        { id: 'index', claims: ['members_lower_idx'] },
        { id: 'comment' },
        { id: 'drop members', releases: ['members', 'members_pkey', 'members_lower_idx'] },
      ]),
    ).toEqual(['alter', 'drop members', 'create users', 'index', 'comment'])
  })

  it('leaves the order alone when names are freed before they are taken, or not shared', () => {
    const steps = [
      { id: 'drop index', releases: ['a'] },
      { id: 'create', claims: ['a', 'b'] },
      { id: 'drop table', releases: ['c'] },
    ]
    expect(order(steps)).toEqual(['drop index', 'create', 'drop table'])
  })

  it('follows a chain: a moved statement takes names another one frees', () => {
    expect(
      order([
        { id: 'create b', claims: ['x'] },
        { id: 'drop c', releases: ['y'] },
        { id: 'rename a', claims: ['y'], releases: ['x'] },
      ]),
    ).toEqual(['drop c', 'rename a', 'create b'])
  })

  it('moves each statement once, so names claimed in a circle (no order satisfies) cannot loop', () => {
    expect(
      order([
        { id: 'a', claims: ['x'], releases: ['y'] },
        { id: 'b', claims: ['y'], releases: ['x'] },
      ]),
    ).toEqual(['a', 'b'])
  })
})
