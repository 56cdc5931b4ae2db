import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

  it.each(SCENARIOS)('%s', async (name) => {
    const s = loadScenario(name)
    expect(await render(toMermaid(s.to, { diff: s.diff }))).toContain('(changed)')
    expect(await render(toMermaidFlowchart(s.to, { diff: s.diff }))).toContain(s.to.tables[0]?.name ?? '')
  })

  it('shows names with spaces, quotes, backticks, unicode, # and % as written', async () => {
    const { to, diff } = oddPair(ODD_TABLES, ODD_COLUMNS)
    const er = await render(toMermaid(to, { diff }))
    for (const name of [...ODD_TABLES, 'prénom "given"', 'a#b%c', 'pk']) expect(er).toContain(name)
    const flow = await render(toMermaidFlowchart(to, { diff }))
    for (const name of [...ODD_TABLES.slice(0, 2), ...ODD_COLUMNS]) expect(flow).toContain(name)
  })
})
