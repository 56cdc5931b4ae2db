import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatTimelineHtml } from '../../src/cli/timeline-html.js'
import { replayMigrations, type Timeline } from '../../src/sources/index.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from '../format/chromium.js'

// `history --format html` from a replayed SQLite folder (sql.js): five migrations that apply, one with
// a danger finding, one data migration, a table named to break out of the markup, then one that fails.

const FILES = {
  '1_users.up.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, legacy TEXT);',
  '2_seed.up.sql': "INSERT INTO users (email, legacy) VALUES ('a@example.com', 'x');",
  '3_drop_legacy.up.sql': 'ALTER TABLE users DROP COLUMN legacy;',
  '4_orders.up.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));',
  '5_odd.up.sql': 'CREATE TABLE "<img src=x onerror=alert(1)>" (id INTEGER);',
  '6_bad.up.sql': 'INSERT INTO nope VALUES (1);',
}
let timeline: Timeline
let html: string
beforeAll(async () => {
  timeline = await replayMigrations(
    Object.entries(FILES).map(([path, text]) => ({ path, text })),
    { dialect: 'sqlite' },
  )
  html = formatTimelineHtml('db/migrations', timeline)
}, 120_000)

describe('history --format html (as text)', () => {
  it('is one self-contained page: inline style and script, nothing loaded from anywhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
    )
    expect(html).not.toMatch(/<(script|img|iframe)[^>]*\ssrc=|<link\b|@import|url\(|https?:\/\//)
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).toContain('<title>History of db/migrations</title>')
  })

  it('one section per step with its changes, findings and meta; the failure at the end', () => {
    const findings = timeline.steps.map((s) => s.findings.length)
    expect(html.match(/<li class="step" id="step-\d+" data-changes="\d+" data-findings="\d+"/g)).toEqual([
      `<li class="step" id="step-1" data-changes="1" data-findings="${findings[0]}"`,
      '<li class="step" id="step-2" data-changes="0" data-findings="0"',
      `<li class="step" id="step-3" data-changes="1" data-findings="${findings[2]}"`,
      `<li class="step" id="step-4" data-changes="1" data-findings="${findings[3]}"`,
      `<li class="step" id="step-5" data-changes="1" data-findings="${findings[4]}"`,
    ])
    expect(html.match(/<article class="finding"/g)?.length).toBe(findings.reduce((a, b) => a + b, 0))
    expect(timeline.steps[2]?.findings.some((f) => f.severity === 'danger')).toBe(true)
    expect(html).toContain('<h3><a class="index" href="#step-1">1.</a> <code>1_users</code></h3>')
    expect(html).toContain(
      '<li class="s-added"><span class="mark m-added" title="added">+</span><span class="mono">table users</span></li>',
    )
    expect(html).toContain(
      '<li class="s-removed"><span class="mark m-removed" title="removed">−</span><span class="mono">column users.legacy',
    )
    expect(html).toContain('<p class="empty">No schema change.</p>')
    expect(html).toContain('<span class="badge danger">danger</span>')
    expect(html).toContain(
      `sha256 <code title="${timeline.steps[0]?.hash}">${timeline.steps[0]?.hash.slice(0, 12)}</code>`,
    )
    expect(html).toContain(
      '<section id="failure" class="failure"><h2>Stopped at <code>6_bad</code></h2><p class="error"><code>6_bad.up.sql:1</code>: no such table: nope</p>',
    )
    expect(html).toContain('<output id="step-count">5 of 5 shown</output>')
  })

  it('escapes names', () => {
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

if (!chromiumPath) console.warn(NO_CHROMIUM)

// The page in a real browser: it loads cleanly, fetches nothing, and its filter works.
describe.skipIf(!chromiumPath)('history --format html in headless Chromium', () => {
  let context: BrowserContext
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ context, close } = await launchChromium())
  }, 60_000)
  afterAll(async () => {
    await close?.()
  })

  async function open(page: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const tab = await context.newPage()
    const problems: string[] = []
    const requests: string[] = []
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
    })
    tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await tab.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('https://report.test/')) return route.fulfill({ contentType: 'text/html', body: page })
      requests.push(url)
      return route.abort()
    })
    await tab.goto('https://report.test/history.html', { waitUntil: 'load' })
    return { page: tab, problems, requests }
  }

  it('loads with no console errors and no requests; the filters show the steps asked for', async () => {
    const { page, problems, requests } = await open(html)
    const visible = () => page.locator('#timeline > li:visible').count()
    expect(await visible()).toBe(5)
    await page.check('#only-changes')
    expect(await visible()).toBe(4)
    expect(await page.locator('#step-2').isVisible()).toBe(false)
    await page.check('#only-findings')
    expect(await visible()).toBe(timeline.steps.filter((s) => s.findings.length > 0).length)
    expect(await page.locator('#step-3').isVisible()).toBe(true)
    expect(await page.locator('#timeline > li:visible[data-findings="0"]').count()).toBe(0)
    await page.uncheck('#only-findings')
    await page.uncheck('#only-changes')
    await page.fill('#step-filter', 'ORDERS')
    expect(await visible()).toBe(1)
    expect(await page.locator('#step-count').textContent()).toBe('1 of 5 shown')
    await page.fill('#step-filter', 'no such thing')
    expect(await visible()).toBe(0)
    expect(await page.locator('#no-step').isVisible()).toBe(true)
    expect(problems).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })
})
