import { describe, expect, it } from 'vitest'
import { defineSchema, diffSchemas, parseSchema } from '../../src/index.js'
import { toTree } from '../../src/visual/index.js'
import { loadScenario } from '../golden/scenarios.js'

const doc = (tables: unknown[], enums: unknown[] = []) => parseSchema({ format: 'schemaledger/1', tables, enums })
const users = (columns: unknown[]) => ({
  name: 'users',
  columns: [{ name: 'id', type: 'integer', nullable: false }, ...columns],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
})

describe('toTree', () => {
  it('is one root with no children for an empty diff', () => {
    const s = doc([users([])])
    expect(toTree(diffSchemas(s, s))).toEqual({
      label: '0 changes',
      status: 'unchanged',
      kind: 'diff',
      name: '',
      changes: [],
      children: [],
    })
  })

  it('groups changes by table, with before -> after details and names relative to the table', () => {
    const a = doc([users([{ name: 'email', type: 'varchar(120)', nullable: false }])])
    const b = doc([
      users([
        { name: 'email', type: 'varchar(255)', nullable: true },
        { name: 'bio', type: 'text', nullable: true },
      ]),
    ])
    expect(toTree(diffSchemas(a, b))).toEqual({
      label: '2 changes',
      status: 'changed',
      kind: 'diff',
      name: '',
      changes: [],
      children: [
        {
          label: 'table users',
          status: 'changed',
          kind: 'table',
          name: 'users',
          changes: [],
          children: [
            {
              label: 'column email',
              status: 'changed',
              kind: 'column',
              name: 'email',
              changes: [{ kind: 'alter_column', path: 'users.email' }],
              children: [
                {
                  label: 'type: varchar(120) -> varchar(255)',
                  status: 'changed',
                  kind: 'detail',
                  name: '',
                  changes: [],
                  children: [],
                },
                {
                  label: 'nullable: NOT NULL -> NULL',
                  status: 'changed',
                  kind: 'detail',
                  name: '',
                  changes: [],
                  children: [],
                },
              ],
            },
            {
              label: 'column bio text',
              status: 'added',
              kind: 'column',
              name: 'bio',
              changes: [{ kind: 'add_column', path: 'users.bio' }],
              children: [],
            },
          ],
        },
      ],
    })
  })

  it('shows a renamed and altered column as one renamed node carrying both changes', () => {
    const a = doc([users([{ name: 'fullname', type: 'varchar(50)', nullable: false }])])
    const b = doc([users([{ name: 'name', type: 'varchar(80)', nullable: false }])])
    const tree = toTree(diffSchemas(a, b, { renames: { columns: { 'users.fullname': 'name' } } }))
    const column = tree.children[0]?.children[0]
    expect(column).toMatchObject({
      label: 'column fullname renamed to name',
      status: 'renamed',
      name: 'name',
      changes: [
        { kind: 'rename_column', path: 'users.name' },
        { kind: 'alter_column', path: 'users.name' },
      ],
      children: [{ label: 'type: varchar(50) -> varchar(80)', kind: 'detail' }],
    })
  })

  it('hangs unapplied rename candidates under the dropped column, and keeps enum value details as added/removed', () => {
    const s = loadScenario('seed')
    const posts = toTree(s.diff).children.find((n) => n.name === 'posts')
    const content = posts?.children.find((n) => n.name === 'content')
    expect(content?.status).toBe('removed')
    expect(content?.children).toEqual([
      {
        label:
          'may be renamed to body (score 0.75: same type, same nullability, neither has a default, same position, only dropped and added column of its type)',
        status: 'unchanged',
        kind: 'hint',
        name: '',
        changes: [],
        children: [],
      },
    ])
    const shop = toTree(loadScenario('shop').diff)
    const status = shop.children.find((n) => n.name === 'order_status')
    expect(status?.children.map((c) => [c.status, c.label])).toEqual([
      ['added', 'value "refunded" after "paid"'],
      ['removed', 'value "cancelled"'],
    ])
  })

  it('lists the contents of created and dropped tables under them, and every change appears exactly once', () => {
    for (const name of ['seed', 'shop', 'teams']) {
      const { diff } = loadScenario(name)
      const tree = toTree(diff)
      const refs: string[] = []
      const visit = (n: typeof tree): void => {
        refs.push(...n.changes.map((c) => `${c.kind} ${c.path}`))
        n.children.forEach(visit)
      }
      visit(tree)
      expect(refs.sort()).toEqual(diff.changes.map((c) => `${c.kind} ${c.path}`).sort())
    }
    const teams = toTree(loadScenario('teams').diff).children.find((n) => n.name === 'teams')
    expect(teams?.status).toBe('removed')
    expect(teams?.children.map((c) => c.label)).toContain('column lead_id integer')
    expect(teams?.children.every((c) => c.status === 'removed')).toBe(true)
  })

  it('is plain JSON data', () => {
    const tree = toTree(loadScenario('shop').diff)
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree)
  })
})

describe('inferred renames', () => {
  it('say why under the renamed object: score and reasons', () => {
    const v = (name: string, column: string) =>
      defineSchema({
        tables: [
          {
            name,
            columns: [
              { name: 'id', type: 'integer', nullable: false },
              { name: column, type: 'text' },
              { name: 'born', type: 'date' },
            ],
          },
        ],
      })
    const diff = diffSchemas(v('people', 'fullname'), v('persons', 'full_name'), { inferRenames: 'apply' })
    const table = toTree(diff).children[0]
    expect(table?.status).toBe('renamed')
    expect(table?.children[0]?.label).toMatch(
      /^inferred rename \(score (1|0\.\d+): 2 of 3 columns match by name and type, /,
    )
    const column = table?.children.find((n) => n.kind === 'column')
    expect(column?.children[0]?.label).toMatch(/^inferred rename \(score (1|0\.\d+): same type, /)
  })
})
