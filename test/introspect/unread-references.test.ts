import { describe, expect, it } from 'vitest'
import { withoutUnreadReferences } from '../../src/dialects/unread-references.js'

// The step every introspector ends with: what refers to a table or column that was not read leaves
// the document and is listed with why; everything else stays as it was.

const columns = (...names: string[]) => names.map((name) => ({ name, type: 'integer' }))

describe('withoutUnreadReferences', () => {
  it('takes out keys and indexes on columns or tables that were not read, and keeps the rest', () => {
    const tables = [
      { name: 'a', columns: columns('id'), constraints: [{ type: 'primary_key', columns: ['id'] }], indexes: [] },
      {
        name: 'b',
        columns: columns('id', 'a_id'),
        constraints: [
          { type: 'primary_key', columns: ['id', 'gone'] },
          { type: 'foreign_key', name: 'b_a', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['id'] },
          { type: 'foreign_key', name: 'b_a2', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['nope'] },
          {
            type: 'foreign_key',
            name: 'b_x',
            columns: ['a_id'],
            referencedTable: 'x',
            referencedSchema: 'other',
            referencedColumns: ['id'],
          },
          { type: 'check', name: 'b_ck', expression: 'gone > 0' },
        ],
        indexes: [
          { name: 'ix_expr', columns: [{ expression: 'lower(gone)' }] },
          { name: 'ix_incl', columns: [{ column: 'id' }], include: ['gone'] },
        ],
      },
    ]
    const skipped = { columns: new Map([['b', new Map([['gone', 'a hidden column']])]]) }
    const { tables: kept, unmodelled } = withoutUnreadReferences(tables, skipped)
    expect(kept.map((t) => [t.name, t.constraints, t.indexes])).toEqual([
      ['a', tables[0]?.constraints, []],
      [
        'b',
        tables[1]?.constraints.slice(1).filter((c) => c.name !== 'b_a2'),
        [{ name: 'ix_expr', columns: [{ expression: 'lower(gone)' }] }],
      ],
    ])
    expect(unmodelled).toEqual([
      {
        kind: 'primary_key',
        name: 'b.primary key',
        why: 'uses column "gone" of "b", which is not read: a hidden column; left out of the schema',
      },
      {
        kind: 'foreign_key',
        name: 'b.b_a2',
        why: 'references column "nope" of "a", which does not exist; left out of the schema',
      },
      {
        kind: 'index',
        name: 'b.ix_incl',
        why: 'includes column "gone" of "b", which is not read: a hidden column; left out of the schema',
      },
    ])
  })
})
