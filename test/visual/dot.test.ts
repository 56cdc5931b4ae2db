import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toDot } from '../../src/visual/index.js'
import { loadScenario, SCENARIOS } from '../golden/scenarios.js'
import { ODD_COLUMNS, ODD_TABLES, oddPair } from './odd-names.js'

const hasDot = (() => {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!hasDot) console.warn('graphviz `dot` not found (apt-get install graphviz): DOT syntax checks skipped')

/** Runs Graphviz on the source; throws with dot's message on a syntax error. */
const renderSvg = (source: string) => execFileSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8', stdio: 'pipe' })

const svgText = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      (m[1] ?? '')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#45;/g, '-')
        .replace(/&amp;/g, '&'),
    )
    .join(' ')

describe('toDot', () => {
  it('colours added, removed and changed elements and draws FK edges between columns', () => {
    const s = loadScenario('teams')
    const dot = toDot(s.to, { diff: s.diff })
    expect(dot).toContain(
      '"teams" [label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="#cf222e">',
    )
    expect(dot).toContain('<S>team_id  <FONT COLOR="#57606a">integer</FONT></S>')
    expect(dot).toContain(
      '"members":c2 -> "teams":c0 [tooltip="fk_members_team", color="#cf222e", penwidth=1.6, style=dashed];',
    )
    expect(dot).toContain('"projects":c3 -> "members":c0 [tooltip="fk_projects_owner", color="#1a7f37", penwidth=1.6];')
    expect(dot).toContain('subgraph cluster_legend')
    expect(toDot(s.from)).not.toContain('cluster_legend')
  })

  it('quotes ids and escapes HTML labels', () => {
    const { to, diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
    const dot = toDot(to, { diff })
    expect(dot).toContain('"order \\"items\\" ☕" [label=<')
    expect(dot).toContain('"100% naïve\\\\path #1" [label=<')
    expect(dot).toContain('prénom &quot;given&quot;')
  })

  describe.skipIf(!hasDot)('with Graphviz', () => {
    it.each(SCENARIOS)('%s renders with dot', (name) => {
      const s = loadScenario(name)
      expect(renderSvg(toDot(s.to, { diff: s.diff }))).toContain('<svg')
      expect(renderSvg(toDot(s.from))).toContain('<svg')
    })

    it('keeps odd names intact in the rendering', () => {
      const { to, diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
      const text = svgText(renderSvg(toDot(to, { diff })))
      for (const name of [...ODD_TABLES, ...ODD_COLUMNS]) expect(text).toContain(name)
    })

    it('rejects what dot rejects (the check is real)', () => {
      expect(() => renderSvg('digraph { a -> }')).toThrow()
    })

    it('renders for any table and column names (property)', () => {
      const name = fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
      fc.assert(
        fc.property(
          fc.uniqueArray(name, { minLength: 3, maxLength: 3 }),
          fc.uniqueArray(name, { minLength: 4, maxLength: 4 }),
          (tables, columns) => {
            let pair: ReturnType<typeof oddPair>
            try {
              pair = oddPair(tables, columns)
            } catch {
              fc.pre(false)
              return
            }
            renderSvg(toDot(pair.to, { diff: pair.diff }))
          },
        ),
        { numRuns: 25 },
      )
    })
  })
})
