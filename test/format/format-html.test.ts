import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatHtml } from '../../src/format/index.js'
import { diffSchemas } from '../../src/index.js'
import { toMermaid } from '../../src/visual/index.js'
import { loadScenario } from '../golden/scenarios.js'
import { oddPair } from '../visual/odd-names.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from './chromium.js'
import { diff, finding, from, migration, to } from './small-diff.js'

const seed = loadScenario('seed')
const seedHtml = formatHtml(seed.diff, {
  findings: seed.findings,
  migration: seed.migration,
  schema: seed.to,
  title: seed.title,
})

describe('formatHtml (as text)', () => {
  it('is one self-contained document: inline style and script, nothing loaded from anywhere', () => {
    expect(seedHtml.startsWith('<!doctype html>')).toBe(true)
    expect(seedHtml).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
    )
    expect(seedHtml).not.toMatch(
      /<(script|img|iframe)[^>]*\ssrc=|<link\b|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
    )
    expect(seedHtml.match(/<script>/g)).toHaveLength(1)
  })

  it('has the summary, changes, findings, tree, SQL with copy buttons and the Mermaid source', () => {
    expect(seedHtml).toContain('<h1>Blog: version 1 -&gt; version 2 (the seed story)</h1>')
    expect(seedHtml).toContain('<li class="s-removed" data-status="removed" data-findings="1"')
    expect(seedHtml).toContain('<section id="tree"><h2>Change tree</h2><div class="tree"><svg')
    expect(seedHtml).toContain('<button type="button" class="copy" data-copy="sql-up">Copy</button>')
    expect(seedHtml).toContain('data-copy="sql-down"')
    expect(seedHtml).toContain(
      toMermaid(seed.to, { diff: seed.diff })
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'),
    )
    for (const f of seed.findings) expect(seedHtml).toContain(`<code>${f.code}</code>`)
  })

  it('escapes names and messages', () => {
    const { diff: odd } = oddPair(['<img src=x onerror=alert(1)>', 'child', 'd'], ['id', 'ref', 'x', '"><script>'])
    const html = formatHtml(odd, { title: '<b>title</b>' })
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('"><script>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('<title>&lt;b&gt;title&lt;/b&gt;</title>')
  })

  it('still renders without findings, migration or schema, and for an empty diff', () => {
    const bare = formatHtml(diff)
    expect(bare).not.toContain('id="findings"')
    expect(bare).not.toContain('id="sql"')
    expect(bare).toContain('Pass <code>schema</code> to formatHtml')
    expect(formatHtml(diffSchemas(from, from))).toContain('<p class="empty">No changes.</p>')
    expect(formatHtml(diff, { findings: [] })).toContain('<p class="empty">No findings.</p>')
  })
})

if (!chromiumPath) console.warn(NO_CHROMIUM)

// The report in a real browser: it must load cleanly from a file, fetch nothing, and its filter must work.
describe.skipIf(!chromiumPath)('formatHtml in headless Chromium', () => {
  let context: BrowserContext
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ context, close } = await launchChromium())
  }, 60_000)
  afterAll(async () => {
    await close?.()
  })

  /** Opens a report and records console errors, page errors and every request after the document. */
  async function open(html: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await context.newPage()
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('https://report.test/')) return route.fulfill({ contentType: 'text/html', body: html })
      requests.push(url)
      return route.abort()
    })
    await page.goto('https://report.test/report.html', { waitUntil: 'load' })
    return { page, problems, requests }
  }

  it('loads with no console errors and no network requests', async () => {
    const { page, problems, requests } = await open(seedHtml)
    expect(problems).toEqual([])
    expect(requests).toEqual([])
    expect(await page.locator('#filter-count').textContent()).toBe('15 of 15 shown')
    expect(await page.locator('#tree svg').count()).toBe(1)
    await page.close()
  })

  it('filters the list by text, by status and by "only with findings"', async () => {
    const { page, problems } = await open(seedHtml)
    const visible = () => page.locator('#change-list > li:visible').count()
    await page.fill('#filter-text', 'EMAIL')
    expect(await visible()).toBe(2)
    expect(await page.locator('#filter-count').textContent()).toBe('2 of 15 shown')
    await page.fill('#filter-text', 'no such thing')
    expect(await visible()).toBe(0)
    expect(await page.locator('#no-match').isVisible()).toBe(true)
    await page.fill('#filter-text', '')
    await page.uncheck('input[name="status"][value="added"]')
    expect(await visible()).toBe(6)
    expect(await page.locator('#change-list > li:visible[data-status="added"]').count()).toBe(0)
    await page.check('input[name="status"][value="added"]')
    await page.check('#filter-findings')
    const withFindings = await visible()
    expect(withFindings).toBeGreaterThan(0)
    expect(await page.locator('#change-list > li:visible[data-findings="0"]').count()).toBe(0)
    await page.fill('#filter-text', 'DS013')
    expect(await visible()).toBe(1)
    expect(problems).toEqual([])
    await page.close()
  })

  it('copy buttons put the SQL on the clipboard', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://report.test' })
    const html = formatHtml(diff, { findings: [finding], migration, schema: to })
    const { page, problems } = await open(html)
    await page.click('button[data-copy="sql-up"]')
    await expect.poll(() => page.locator('button[data-copy="sql-up"]').textContent()).toBe('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('DROP TABLE "old_logs";')
    expect(problems).toEqual([])
    await page.close()
  })
})
