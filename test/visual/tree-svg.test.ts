import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { markSchema, toTree, toTreeSvg } from '../../src/visual/index.js'
import { loadScenario } from '../golden/scenarios.js'
import { ODD_COLUMNS, ODD_TABLES, oddPair } from './odd-names.js'

const parseSvg = (svg: string) => new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml')

describe('toTreeSvg', () => {
  it('is well-formed standalone SVG with one text per tree node, coloured by status', () => {
    const tree = toTree(loadScenario('seed').diff)
    const svg = toTreeSvg(tree)
    const doc = parseSvg(svg)
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg')
    const labels = [...doc.querySelectorAll('g:last-of-type > text')].map((t) => t.textContent)
    expect(labels[0]).toBe('15 changes')
    expect(labels).toContain('type: varchar(200) -> varchar(100)')
    expect(svg).toContain('fill="#cf222e" text-decoration="line-through">column content text</text>')
    expect(svg).not.toMatch(/href|<script|url\(/)
  })

  it('escapes odd names', () => {
    const { diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
    const doc = parseSvg(toTreeSvg(toTree(diff), { title: '<title> & "quotes"' }))
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(doc.querySelector('title')?.textContent).toBe('<title> & "quotes"')
    expect(doc.documentElement.textContent).toContain('table order "items" ☕')
  })
})

describe('markSchema', () => {
  it('marks tables, columns and foreign keys, putting removed ones back from the diff', () => {
    const s = loadScenario('teams')
    const marked = markSchema(s.to, { diff: s.diff })
    expect(marked.map((t) => [t.key, t.status])).toEqual([
      ['members', 'changed'],
      ['projects', 'changed'],
      ['teams', 'removed'],
    ])
    const members = marked[0]!
    expect(members.columns.map((c) => [c.column.name, c.status, c.keys])).toEqual([
      ['id', 'unchanged', ['PK']],
      ['handle', 'unchanged', ['UK']],
      ['team_id', 'removed', []],
      ['mentor_id', 'added', ['FK']],
    ])
    expect(members.foreignKeys.map((f) => [f.name, f.status])).toEqual([
      ['fk_members_mentor', 'added'],
      ['fk_members_team', 'removed'],
    ])
    const shop = loadScenario('shop')
    const clients = markSchema(shop.to, { diff: shop.diff }).find((t) => t.key === 'clients')!
    expect(clients).toMatchObject({ status: 'renamed', note: 'renamed from customers' })
    expect(clients.columns[1]).toMatchObject({
      status: 'renamed',
      note: 'renamed from full_name; type: varchar(100) -> varchar(200)',
    })
  })

  it('marks nothing without a diff', () => {
    const s = loadScenario('seed')
    expect(
      markSchema(s.to).every((t) => t.status === 'unchanged' && t.columns.every((c) => c.status === 'unchanged')),
    ).toBe(true)
  })
})
