import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toMermaid, toMermaidFlowchart } from '../../src/visual/index.js'
import { loadScenario, SCENARIOS } from '../golden/scenarios.js'
import { parseMermaid } from './mermaid-parser.js'
import { ODD_COLUMNS, ODD_TABLES, oddPair } from './odd-names.js'

// Every diagram goes through the real mermaid parser (mermaid.parse, in Node with a jsdom window).
describe('Mermaid output parses with mermaid', () => {
  it.each(SCENARIOS)('%s: erDiagram and flowchart', async (name) => {
    const s = loadScenario(name)
    expect(await parseMermaid(toMermaid(s.to, { diff: s.diff }))).toBe('er')
    expect(await parseMermaid(toMermaid(s.from))).toBe('er')
    expect(await parseMermaid(toMermaidFlowchart(s.to, { diff: s.diff }))).toBe('flowchart-v2')
    expect(await parseMermaid(toMermaidFlowchart(s.to, { diff: s.diff, columns: 'changed', direction: 'TB' }))).toBe(
      'flowchart-v2',
    )
  })

  it('keeps names with spaces, quotes, backticks, unicode, # and % (as Mermaid entity codes)', async () => {
    const { to, diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
    const er = toMermaid(to, { diff })
    expect(await parseMermaid(er)).toBe('er')
    expect(er).toContain('order #quot;items#quot; ☕ (changed)')
    expect(er).toContain('`prénom "given"`')
    expect(er).toContain("`unit 'price'`")
    expect(er).toContain('t_end["end (changed)"]')
    expect(er).toContain('100#37; naïve#92;path #35;1 (removed)')
    expect(er).toContain(' `pk` PK')
    const flow = toMermaidFlowchart(to, { diff })
    expect(await parseMermaid(flow)).toBe('flowchart-v2')
    expect(flow).toContain('unit #96;price#96;')
  })

  it('rejects what mermaid rejects (the check is real)', async () => {
    await expect(parseMermaid('erDiagram\n  a {\n    int "bad name"\n  }\n')).rejects.toThrow()
  })

  it('parses for any table and column names (property)', async () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name, { minLength: 3, maxLength: 3 }),
        fc.uniqueArray(name, { minLength: 4, maxLength: 4 }),
        async (tables, columns) => {
          let pair: ReturnType<typeof oddPair>
          try {
            pair = oddPair(tables, columns)
          } catch {
            fc.pre(false)
            return
          }
          await parseMermaid(toMermaid(pair.to, { diff: pair.diff }))
          await parseMermaid(toMermaidFlowchart(pair.to, { diff: pair.diff }))
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('toMermaid', () => {
  it('draws an erDiagram with keys, comments and relationships (no diff: no marks)', () => {
    const { from } = oddPair(['parent', 'child', 'dropped'], ['id', 'parent_id', 'amount', 'note'])
    expect(toMermaid(from)).toBe(
      [
        'erDiagram',
        '  child {',
        '    integer id PK',
        '    integer parent_id FK',
        '  }',
        '  dropped {',
        '    geometry(Point,4326) id FK',
        '  }',
        '  parent {',
        '    integer id PK',
        '    varchar(10) note "a #quot;comment#quot; with #35; and #37; and note"',
        '  }',
        '  child }o--o| parent : "parent_id"',
        '  dropped }o--|| child : "id"',
        '',
      ].join('\n'),
    )
  })
})
