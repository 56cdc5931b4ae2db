// The change tree's filter of the web app (app/src/lib/tree-filter.ts) on a diff of views, routines,
// triggers and sequences (the bundled "objects" pair, test/golden/objects) and of tables (the seed).
import { describe, expect, it } from 'vitest'
import { filterTree, type TreeFilter } from '../../app/src/lib/tree-filter.js'
import { toTree } from '../../src/visual/index.js'
import { loadScenario } from '../golden/scenarios.js'

const objects = loadScenario('objects')
const seed = loadScenario('seed')
const labels = (scenario: typeof objects, filter: Partial<TreeFilter>) =>
  filterTree(
    toTree(scenario.diff),
    { kind: 'all', severity: 'all', search: '', ...filter },
    scenario.findings,
  ).children.map((n) => `${n.status} ${n.label}`)

describe('filterTree and object changes', () => {
  it('kind "object" keeps the views, routines, triggers and sequences, with their details', () => {
    expect(labels(objects, { kind: 'object' })).toEqual([
      'changed sequence invoice_numbers',
      'added function order_total(order_id integer)',
      'changed function touch()',
      'removed view big_orders',
      'changed view open_orders',
      'changed trigger orders.orders_touch',
    ])
    const tree = filterTree(toTree(objects.diff), { kind: 'object', severity: 'all', search: '' }, objects.findings)
    expect(tree.children[0]?.children.map((c) => c.label)).toEqual(['increment: 1 -> 10'])
  })

  it('kind "object" keeps no table or enum, and table kinds keep no object', () => {
    expect(labels(seed, { kind: 'object' })).toEqual([])
    for (const kind of ['table', 'column', 'constraint', 'index', 'enum'] as const) {
      expect(labels(objects, { kind })).toEqual([])
    }
  })

  it('combines with the severity and the name search', () => {
    expect(labels(objects, { kind: 'object', severity: 'info' })).toEqual(['changed trigger orders.orders_touch'])
    expect(labels(objects, { kind: 'object', severity: 'warning' })).toEqual([
      'removed view big_orders',
      'changed view open_orders',
      'changed trigger orders.orders_touch',
    ])
    expect(labels(objects, { search: 'VIEW:' })).toEqual(['removed view big_orders', 'changed view open_orders'])
    expect(labels(objects, { kind: 'object', search: 'touch' })).toEqual([
      'changed function touch()',
      'changed trigger orders.orders_touch',
    ])
  })
})
