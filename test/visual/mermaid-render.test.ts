import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSchemaPair } from '../../bench/generate-schemas.mjs'
import { diffSchemas, isObjectChange, parseSchema } from '../../src/index.js'
import { toMermaid, toMermaidFlowchart } from '../../src/visual/index.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from '../format/chromium.js'
import { loadScenario, SCENARIOS } from '../golden/scenarios.js'
import { ODD_COLUMNS, ODD_TABLES, oddPair } from './odd-names.js'

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')

if (!chromiumPath) console.warn(NO_CHROMIUM)

// Mermaid's own renderer in a real browser: the diagrams draw, and odd names come out as written.
describe.skipIf(!chromiumPath)('Mermaid diagrams render in Chromium', () => {
  let context: BrowserContext
  let close: () => Promise<void>
  let page: Page
  beforeAll(async () => {
    ;({ context, close } = await launchChromium())
    page = await context.newPage()
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>')
    await page.addScriptTag({ path: mermaidScript })
    await page.evaluate(() => {
      ;(window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
      })
    })
  }, 60_000)
  afterAll(async () => {
    await close?.()
  })

  /** Renders a diagram and returns the text it shows. */
  const render = (source: string) =>
    page.evaluate(async (src) => {
      const m = (window as unknown as { mermaid: { render(id: string, s: string): Promise<{ svg: string }> } }).mermaid
      const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, src)
      const out = document.getElementById('out') as HTMLElement
      out.innerHTML = svg
      return out.textContent ?? ''
    }, source)

  /** How many entities (ER) the diagram in the page drew. */
  const entities = () => page.evaluate(() => document.querySelectorAll('#out g[id*="entity-"]').length)

  it.each(SCENARIOS)('%s', async (name) => {
    const s = loadScenario(name)
    // Table diagrams mark changed tables; a scenario that changes only views, routines and the like
    // draws its tables unmarked.
    const tablesChange = s.diff.changes.some((c) => !isObjectChange(c))
    const er = await render(toMermaid(s.to, { diff: s.diff }))
    if (tablesChange) expect(er).toContain('(changed)')
    else expect(er).not.toContain('(changed)')
    expect(er).toContain(s.to.tables[0]?.name ?? '')
    expect(await render(toMermaidFlowchart(s.to, { diff: s.diff }))).toContain(s.to.tables[0]?.name ?? '')
  })

  it('shows names with spaces, quotes, backticks, unicode, # and % as written', async () => {
    const { to, diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
    const er = await render(toMermaid(to, { diff }))
    for (const name of [...ODD_TABLES, 'prénom "given"', 'a#b%c', 'pk']) expect(er).toContain(name)
    const flow = await render(toMermaidFlowchart(to, { diff }))
    for (const name of [...ODD_TABLES.slice(0, 2), ...ODD_COLUMNS]) expect(flow).toContain(name)
  })

  it('draws a 1000-table diff around its changes instead of Mermaid’s “text size exceeded” box', async () => {
    const pair = generateSchemaPair({ tables: 1000, columns: 20 })
    const [from, to] = [parseSchema(pair.before), parseSchema(pair.after)]
    const diff = diffSchemas(from, to)
    // Whole, the diagram is over Mermaid's text limit: Mermaid draws its error box instead.
    expect(await render(toMermaid(to, { diff }))).toContain('Maximum text size in diagram exceeded')
    const focused = await render(toMermaid(to, { diff, focus: { depth: 1, maxTables: 25 } }))
    expect(focused).not.toContain('Maximum text size')
    expect(focused).toContain('(changed)')
    expect(await entities()).toBe(25)
  }, 120_000)
})
