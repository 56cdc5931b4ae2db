import { describe, expect, it } from 'vitest'
import { generateSchemaPair } from '../../bench/generate-schemas.mjs'
import { diffSchemas, InvalidOptionError, parseSchema, type Schema } from '../../src/index.js'
import { selectDiagramTables, toDot, toMermaid, toMermaidFlowchart } from '../../src/visual/index.js'
import { parseMermaid } from './mermaid-parser.js'

// A chain a <- b <- c <- d (each references the one before), a table e on its own, and f that refers to
// a table the document does not have. Version 2 adds a column to c.
const table = (name: string, parent?: string, extra = false) => ({
  name,
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    ...(parent ? [{ name: 'parent_id', type: 'integer', nullable: true }] : []),
    ...(extra ? [{ name: 'note', type: 'text', nullable: true }] : []),
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    ...(parent
      ? [{ type: 'foreign_key', columns: ['parent_id'], referencedTable: parent, referencedColumns: ['id'] }]
      : []),
  ],
})
const chain = (changed: boolean): Schema =>
  parseSchema({
    format: 'schemaledger/1',
    tables: [table('a'), table('b', 'a'), table('c', 'b', changed), table('d', 'c'), table('e')],
  })
const v1 = chain(false)
const v2 = chain(true)
const diff = diffSchemas(v1, v2)
const keys = (depth: number | 'all', maxTables?: number) =>
  selectDiagramTables(v2, { diff, focus: { depth, ...(maxTables ? { maxTables } : {}) } }).tables.map((t) => t.key)

describe('selectDiagramTables (focus)', () => {
  it('draws the changed tables and widens one foreign-key step at a time, both directions', () => {
    expect(keys(0)).toEqual(['c'])
    expect(keys(1)).toEqual(['b', 'c', 'd'])
    expect(keys(2)).toEqual(['a', 'b', 'c', 'd'])
    expect(keys('all')).toEqual(['a', 'b', 'c', 'd', 'e'])
    // Without a focus, everything, as before.
    expect(selectDiagramTables(v2, { diff }).tables.map((t) => t.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('says what it left out, as numbers and as a sentence', () => {
    const one = selectDiagramTables(v2, { diff, focus: { depth: 1 } })
    expect(one.total).toBe(5)
    expect(one.hidden).toEqual({ changed: 0, unchanged: 2, foreignKeys: 1 })
    expect(one.limited).toBe(false)
    expect(one.note).toBe(
      'showing 3 of 5 tables; 2 unchanged tables hidden; 1 foreign key to or from hidden tables not drawn',
    )
    // The key from b to the hidden a is not drawn; c's and d's are.
    expect(one.tables.map((t) => [t.key, t.foreignKeys.map((f) => f.constraint.referencedTable)])).toEqual([
      ['b', []],
      ['c', ['b']],
      ['d', ['c']],
    ])
    expect(selectDiagramTables(v2, { diff, focus: { depth: 'all' } }).note).toBe('showing all 5 tables')
    expect(selectDiagramTables(v2, { diff }).note).toBe('showing all 5 tables')
  })

  it('keeps the start tables first under a limit, then the nearer ones, and says so', () => {
    expect(keys(2, 2)).toEqual(['b', 'c'])
    const s = selectDiagramTables(v2, { diff, focus: { depth: 2, maxTables: 2 } })
    expect(s.limited).toBe(true)
    expect(s.note).toBe(
      'showing 2 of 5 tables; 3 unchanged tables hidden (at most 2 drawn); 2 foreign keys to or from hidden tables not drawn',
    )
    // The changed tables themselves can be cut: they are counted apart.
    const big = diffSchemas(parseSchema({ format: 'schemaledger/1', tables: [] }), v2)
    const cut = selectDiagramTables(v2, { diff: big, focus: { depth: 0, maxTables: 2 } })
    expect(cut.hidden).toEqual({ changed: 3, unchanged: 0, foreignKeys: 1 })
    expect(cut.note).toBe(
      'showing 2 of 5 tables; 3 changed tables hidden (at most 2 drawn); 1 foreign key to or from hidden tables not drawn',
    )
  })

  it('starts from named tables instead of the changed ones, also without a diff', () => {
    const s = selectDiagramTables(v1, { focus: { around: ['a', 'e'], depth: 1 } })
    expect(s.tables.map((t) => t.key)).toEqual(['a', 'b', 'e'])
    expect(s.note).toBe(
      'showing 3 of 5 tables; 2 unchanged tables hidden; 1 foreign key to or from hidden tables not drawn',
    )
    // Nothing changed and nothing named: no table to start from.
    expect(selectDiagramTables(v1, { focus: {} }).note).toBe('showing 0 of 5 tables; 5 unchanged tables hidden')
  })

  it('refuses a depth, limit or start table that makes no sense, naming the option', () => {
    const bad = (focus: object) => () => selectDiagramTables(v2, { diff, focus })
    expect(bad({ around: ['nope'] })).toThrow(InvalidOptionError)
    expect(bad({ around: ['nope'] })).toThrow('focus.around: no table "nope" in the diagram')
    expect(bad({ depth: -1 })).toThrow('focus.depth: expected a whole number of steps')
    expect(bad({ depth: 1.5 })).toThrow('focus.depth')
    expect(bad({ maxTables: 0 })).toThrow('focus.maxTables: expected a whole number of tables')
  })

  it('keeps a foreign key to a table the document does not have, as without a focus', () => {
    // A schema value (not a validated document) where b's parent a is missing.
    const s: Schema = { ...v1, tables: v1.tables.filter((t) => t.name === 'b') }
    const selection = selectDiagramTables(s, { focus: { around: ['b'], depth: 0 } })
    expect(selection.tables[0]?.foreignKeys.map((f) => f.constraint.referencedTable)).toEqual(['a'])
    expect(selection.hidden.foreignKeys).toBe(0)
  })
})

describe('focused diagrams', () => {
  it('Mermaid ER and flowchart draw only the selection, say what is left out, and parse', async () => {
    const er = toMermaid(v2, { diff, focus: { depth: 1 } })
    expect(er.split('\n').slice(0, 2)).toEqual([
      'erDiagram',
      '  %% showing 3 of 5 tables; 2 unchanged tables hidden; 1 foreign key to or from hidden tables not drawn',
    ])
    expect(er).not.toMatch(/^ {2}[ae][ [{]/m)
    expect(er).not.toContain('}o--|| a ')
    expect(await parseMermaid(er)).toBe('er')
    const flow = toMermaidFlowchart(v2, { diff, focus: { depth: 1 } })
    expect(flow).toContain('  %% showing 3 of 5 tables')
    expect(flow).not.toContain('<b>a</b>')
    expect(await parseMermaid(flow)).toBe('flowchart-v2')
    // Without a focus, no comment: the output is what it was.
    expect(toMermaid(v2, { diff })).not.toContain('%%')
  })

  it('the ER diagram lists all columns, only the changed ones, or none', async () => {
    const changed = toMermaid(v2, { diff, focus: { depth: 1 }, columns: 'changed' })
    expect(changed).toContain('  c["c (changed)"] {\n    text note "added"\n  }\n')
    expect(changed).toContain('  b {\n  }\n')
    expect(changed).toContain('  c }o--o| b : "parent_id"')
    expect(await parseMermaid(changed)).toBe('er')
    const none = toMermaid(v2, { diff, columns: 'none' })
    expect(none).not.toMatch(/^ {4}/m)
    expect(await parseMermaid(none)).toBe('er')
    expect(toMermaid(v2, { diff, columns: 'all' })).toBe(toMermaid(v2, { diff }))
  })

  it('DOT draws only the selection, with the note as a comment', () => {
    const dot = toDot(v2, { diff, focus: { depth: 0 } })
    expect(dot.split('\n')[1]).toBe(
      '  // showing 1 of 5 tables; 4 unchanged tables hidden; 2 foreign keys to or from hidden tables not drawn',
    )
    expect(dot).toContain('"c" [label=')
    expect(dot).not.toContain('"b" [label=')
    expect(dot).not.toContain(' -> ')
  })

  it('keeps the Mermaid source of a 1000-table diff under Mermaid’s 50,000-character limit', async () => {
    const pair = generateSchemaPair({ tables: 1000, columns: 20 })
    const [from, to] = [parseSchema(pair.before), parseSchema(pair.after)]
    const big = diffSchemas(from, to)
    expect(toMermaid(to, { diff: big }).length).toBeGreaterThan(50_000)
    const s = selectDiagramTables(to, { diff: big, focus: { depth: 1, maxTables: 25 } })
    expect(s.total).toBe(1010)
    expect(s.tables).toHaveLength(25)
    expect(s.hidden.changed + s.hidden.unchanged).toBe(985)
    expect(s.tables.every((t) => t.status !== 'unchanged')).toBe(true) // more changed tables than the limit
    const source = toMermaid(to, { diff: big, focus: { depth: 1, maxTables: 25 } })
    expect(source.length).toBeLessThan(50_000)
    expect(await parseMermaid(source)).toBe('er')
  })
})
