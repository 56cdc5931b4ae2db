// End-to-end tests of the web app (app/): the static build served from 127.0.0.1 and driven in
// headless Chromium. Every expected value comes from the library itself, called here in Node on the
// same documents. Each test also checks that the page logged no errors and requested nothing outside
// the local server. The screenshots in docs/app/ are written by the last test.
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatHtml, formatJson, formatMarkdown } from '../../src/format/index.js'
import { analyzeImpact } from '../../src/impact/index.js'
import { type DiffOptions, diffSchemas, parseSchema, type Schema, safeParseSchema } from '../../src/index.js'
import { type DialectAlias, planMigration, toSQL } from '../../src/sql/index.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from '../format/chromium.js'
import { APP_BUILD, ensureAppBuilt, ROOT, type StaticServer, serveStatic } from './app-server.js'

const text = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const schema = (path: string): Schema => parseSchema(JSON.parse(text(path)))
const seed = { from: schema('test/fixtures/seed-v1.json'), to: schema('test/fixtures/seed-v2.json') }
const teams = { from: schema('test/golden/teams/from.json'), to: schema('test/golden/teams/to.json') }
const objectsPair = { from: schema('test/golden/objects/from.json'), to: schema('test/golden/objects/to.json') }
const SEED_TITLE = 'Schema changes: seed-v1.json -> seed-v2.json'

/** What the app shows for a pair, computed by the library: findings and the up/down migration. */
function expected(pair: { from: Schema; to: Schema }, dialect: DialectAlias, options: DiffOptions = {}) {
  const diff = diffSchemas(pair.from, pair.to, options)
  const { findings } = analyzeImpact(diff, { dialect, from: pair.from, to: pair.to })
  const migration = planMigration(diff, { dialect, from: pair.from, to: pair.to })
  return { diff, findings, migration }
}

if (!chromiumPath) console.warn(NO_CHROMIUM)

describe.skipIf(!chromiumPath)('web app (app/) in headless Chromium', { timeout: 60_000 }, () => {
  let context: BrowserContext
  let close: () => Promise<void>
  let server: StaticServer
  let origin: string
  const problems: string[] = []
  const foreign: string[] = []

  beforeAll(async () => {
    ensureAppBuilt()
    server = await serveStatic(APP_BUILD)
    origin = new URL(server.url).origin
    ;({ context, close } = await launchChromium())
  }, 180_000)

  afterAll(async () => {
    await close?.()
    await server?.close()
  })

  afterEach(() => {
    expect(problems.splice(0)).toEqual([])
    expect(foreign.splice(0)).toEqual([])
  })

  const isLocal = (url: string) =>
    url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:')

  /** A new page on the app, watched for console errors and for requests that leave the server. */
  async function openApp(viewport = { width: 1280, height: 900 }, init?: () => void): Promise<Page> {
    const page = await context.newPage()
    await page.setViewportSize(viewport)
    if (init) await page.addInitScript(init)
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('request', (r) => {
      if (!isLocal(r.url())) foreign.push(r.url())
    })
    await page.route(
      (url) => !isLocal(url.href),
      (route) => route.abort(),
    )
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Load example' }).waitFor()
    return page
  }

  /** Waits until the engine (a Web Worker) has answered for the latest change of the page. */
  const settled = (page: Page) => page.locator('[data-testid="workbench"][aria-busy="false"]').waitFor()

  async function loadPair(page: Page, id: string) {
    await page.selectOption('#example-pair', id)
    await page.getByRole('button', { name: 'Load example' }).click()
    await settled(page)
    await page.getByTestId('summary').waitFor()
  }

  const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click()

  async function summaryRow(page: Page, label: string): Promise<number[]> {
    const cells = await page.locator(`[data-testid="summary-${label}"] td`).allTextContents()
    return cells.map(Number)
  }

  async function download(page: Page, click: () => Promise<void>): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()])
    return readFileSync((await (file as Download).path()) ?? '', 'utf8')
  }

  it('loads the bundled seed story and shows its summary counts', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    expect(await page.locator('#summary-heading').textContent()).toContain('15 changes')
    // tables +1 ~2, columns +5 ~3 -1, constraints +1 ~1 -1, indexes +1, enums +1 (added, changed, removed, renamed)
    expect(await summaryRow(page, 'tables')).toEqual([1, 2, 0, 0])
    expect(await summaryRow(page, 'columns')).toEqual([5, 3, 1, 0])
    expect(await summaryRow(page, 'constraints')).toEqual([1, 1, 1, 0])
    expect(await summaryRow(page, 'indexes')).toEqual([1, 0, 0, 0])
    expect(await summaryRow(page, 'enums')).toEqual([1, 0, 0, 0])
    expect(await page.locator('[data-testid="summary-findings"] button').allTextContents()).toEqual([
      '1 danger',
      '6 warnings',
      '3 info',
    ])
    // The same numbers straight from the library.
    const { diff, findings } = expected(seed, 'postgres')
    const c = diff.summary.columns
    expect([c.added, c.altered, c.removed, c.renamed]).toEqual([5, 3, 1, 0])
    expect(['danger', 'warning', 'info'].map((s) => findings.filter((f) => f.severity === s).length)).toEqual([1, 6, 3])
    await page.close()
  })

  it('does its work in a Web Worker, and in the page where there are no Workers', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    expect(await page.getByTestId('workbench').getAttribute('data-engine')).toBe('worker')
    await page.close()

    // A browser without Workers: the same engine runs in the page, and everything still works.
    const plain = await openApp(undefined, () => {
      delete (window as { Worker?: unknown }).Worker
    })
    await loadPair(plain, 'seed')
    expect(await plain.getByTestId('workbench').getAttribute('data-engine')).toBe('page')
    expect(await plain.locator('#summary-heading').textContent()).toContain('15 changes')
    await tab(plain, 'SQL')
    expect(await plain.getByTestId('sql').textContent()).toBe(toSQL(expected(seed, 'postgres').migration))
    await tab(plain, 'History')
    await plain.getByLabel('Name').fill('without-workers') // its own name: the history test counts versions
    await plain.getByRole('button', { name: 'Save after' }).click()
    await expect.poll(() => plain.getByTestId('history-status').textContent()).toBe('Saved without-workers v1.')
    await plain.close()
  })

  it('shows every validation issue of an invalid document with its path', async () => {
    const page = await openApp()
    await page.selectOption('#after-example', 'invalid.json')
    await page.getByTestId('slot-after').getByRole('button', { name: 'Load', exact: true }).click()
    await settled(page)
    const result = safeParseSchema(JSON.parse(text('examples/invalid.json')))
    if (result.success) throw new Error('examples/invalid.json is supposed to be invalid')
    expect(await page.locator('[data-testid="issues-after"] li').allTextContents()).toEqual(
      result.issues.map((i) => `${i.path} ${i.message} [${i.code}]`),
    )
    expect(await page.getByTestId('slot-after').locator('.status').textContent()).toContain('✗ 3 problems')
    // Bad JSON is an issue too, not a crash.
    await page.fill('#before-json', '{"metadata": ')
    await page.getByTestId('slot-before').getByRole('button', { name: 'Use this JSON' }).click()
    await settled(page)
    expect(await page.locator('[data-testid="issues-before"] li').textContent()).toMatch(/^\(document\) Not JSON: /)
    expect(await page.getByTestId('summary').count()).toBe(0)
    await page.close()
  })

  it('reads a picked file, pasted JSON, and two files dropped at once', async () => {
    const page = await openApp()
    const v1 = text('test/fixtures/seed-v1.json')
    const v2 = text('test/fixtures/seed-v2.json')
    await page
      .getByTestId('file-before')
      .setInputFiles({ name: 'mine-v1.json', mimeType: 'application/json', buffer: Buffer.from(v1) })
    await page.fill('#after-json', v2)
    await page.getByTestId('slot-after').getByRole('button', { name: 'Use this JSON' }).click()
    await settled(page)
    expect(await page.getByTestId('slot-before').locator('.status').textContent()).toContain('mine-v1.json')
    expect(await page.getByTestId('slot-after').locator('.status').textContent()).toContain('pasted JSON')
    expect(await page.locator('#summary-heading').textContent()).toContain('15 changes')

    // Dropping two files on one slot: the first by name is "before", the second "after".
    const teamsFrom = text('test/golden/teams/from.json')
    const teamsTo = text('test/golden/teams/to.json')
    const transfer = await page.evaluateHandle(
      ({ a, b }) => {
        const dt = new DataTransfer()
        dt.items.add(new File([b], 'b-to.json', { type: 'application/json' }))
        dt.items.add(new File([a], 'a-from.json', { type: 'application/json' }))
        return dt
      },
      { a: teamsFrom, b: teamsTo },
    )
    await page.getByTestId('slot-after').dispatchEvent('drop', { dataTransfer: transfer })
    await expect.poll(() => page.getByTestId('slot-before').locator('.status').textContent()).toContain('a-from.json')
    await settled(page)
    expect(await page.getByTestId('slot-after').locator('.status').textContent()).toContain('b-to.json')
    expect(await page.locator('#summary-heading').textContent()).toContain(
      `${expected(teams, 'sqlite').diff.summary.total} changes`,
    )
    await page.close()
  })

  it('switching the dialect shows the SQL planMigration writes for it', async () => {
    const page = await openApp()
    await loadPair(page, 'teams')
    await tab(page, 'SQL')
    const shown: string[] = []
    for (const [dialect, label] of [
      ['postgres', 'PostgreSQL'],
      ['mysql', 'MySQL / MariaDB'],
      ['sqlite', 'SQLite'],
    ] as const) {
      await page.getByLabel(label).check()
      await settled(page)
      const sql = await page.getByTestId('sql').textContent()
      expect(sql).toBe(toSQL(expected(teams, dialect).migration))
      shown.push(sql ?? '')
    }
    expect(new Set(shown).size).toBe(3)
    await page.getByLabel('Down (rollback)').check()
    expect(await page.getByTestId('sql').textContent()).toBe(
      toSQL(expected(teams, 'sqlite').migration, { direction: 'down' }),
    )
    // The findings follow the dialect too.
    await tab(page, 'Impact')
    expect(await page.getByTestId('impact-version').textContent()).toMatch(/^SQLite/)

    // A change the dialect cannot express: the library's own explanation, not a crash.
    await loadPair(page, 'seed')
    await tab(page, 'SQL')
    let error = ''
    try {
      planMigration(diffSchemas(seed.from, seed.to), { dialect: 'sqlite', from: seed.from, to: seed.to })
    } catch (e) {
      error = (e as Error).message
    }
    expect(error).toContain('SQLite cannot store')
    expect(await page.getByTestId('sql-error').textContent()).toContain(error)
    await page.close()
  })

  it('accepting a rename candidate turns the drop and add into a rename, everywhere', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    await tab(page, 'SQL')
    const before = await page.getByTestId('sql').textContent()
    expect(before).toContain('ALTER TABLE "posts" DROP COLUMN "content";')
    expect(before).toContain('ALTER TABLE "posts" ADD COLUMN "body" text;')

    await tab(page, 'Impact')
    await page.getByRole('button', { name: 'Accept rename of content to body' }).click()
    await settled(page)
    expect(await page.getByTestId('accepted-rename').locator('code').textContent()).toBe('column posts.content -> body')
    expect(await summaryRow(page, 'columns')).toEqual([4, 3, 0, 1])

    const renamed = expected(seed, 'postgres', { renames: { columns: { 'posts.content': 'body' } } })
    await tab(page, 'SQL')
    const after = await page.getByTestId('sql').textContent()
    expect(after).toBe(toSQL(renamed.migration))
    expect(after).toContain('ALTER TABLE "posts" RENAME COLUMN "content" TO "body";')
    expect(after).not.toContain('DROP COLUMN "content"')

    await tab(page, 'Changes')
    expect(await page.locator('li[data-kind="column"][data-status="renamed"] .label').first().textContent()).toBe(
      'column content renamed to body',
    )
    expect(await page.locator('li[data-kind="column"][data-status="removed"]').count()).toBe(0)

    await tab(page, 'Impact')
    await page.getByRole('button', { name: /^Undo/ }).click()
    await settled(page)
    expect(await summaryRow(page, 'columns')).toEqual([5, 3, 1, 0])
    await page.close()
  })

  it('saves two versions, and after a reload compares them from the history', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    await tab(page, 'History')
    const status = page.getByTestId('history-status')
    await page.getByRole('button', { name: 'Save before' }).click()
    await expect.poll(() => status.textContent()).toBe('Saved example_schema v1.')
    await page.getByRole('button', { name: 'Save after' }).click()
    await expect.poll(() => status.textContent()).toBe('Saved example_schema v2.')
    await page.getByRole('button', { name: 'Save after' }).click()
    await expect.poll(() => status.textContent()).toBe('Identical to example_schema v2: no new version.')

    await page.reload()
    await page.getByRole('button', { name: 'Load example' }).waitFor()
    expect(await page.getByTestId('summary').count()).toBe(0)
    await tab(page, 'History')
    await expect.poll(() => page.locator('tr[data-version]').count()).toBe(2)
    await page.getByRole('button', { name: 'Compare v1 → v2' }).click()
    await expect.poll(() => page.locator('#summary-heading').textContent()).toContain('15 changes')
    expect(await page.getByTestId('slot-before').locator('.status').textContent()).toContain(
      'history: example_schema v1',
    )
    expect(await page.getByTestId('slot-after').locator('.status').textContent()).toContain(
      'history: example_schema v2',
    )
    expect(await page.getByRole('tab', { name: 'Changes' }).getAttribute('aria-selected')).toBe('true')
    // The other way round is the reverse diff.
    await tab(page, 'History')
    await page.getByLabel('From version 2').check()
    await page.getByLabel('To version 1').check()
    await page.getByRole('button', { name: 'Compare v2 → v1' }).click()
    // Both versions are read from IndexedDB first: the summary changes once they are in.
    await expect.poll(() => summaryRow(page, 'columns')).toEqual([1, 3, 5, 0])
    await page.close()
  })

  it('exports Markdown, HTML and JSON exactly as the library formats them', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    const { diff, findings, migration } = expected(seed, 'postgres')
    const options = { findings, migration, title: SEED_TITLE }
    expect(await download(page, () => page.click('button[data-export="markdown"]'))).toBe(formatMarkdown(diff, options))
    expect(await download(page, () => page.click('button[data-export="json"]'))).toBe(formatJson(diff, options))
    expect(await download(page, () => page.click('button[data-export="html"]'))).toBe(
      formatHtml(diff, { ...options, schema: seed.to }),
    )

    // With an accepted rename and another dialect, the report follows both.
    await loadPair(page, 'teams')
    await tab(page, 'SQL')
    await page.getByLabel('SQLite').check()
    await settled(page)
    await tab(page, 'Impact')
    await page.getByRole('button', { name: 'Accept rename of team_id to owner_id' }).click()
    await settled(page)
    const renamed = expected(teams, 'sqlite', { renames: { columns: { 'projects.team_id': 'owner_id' } } })
    expect(await download(page, () => page.click('button[data-export="markdown"]'))).toBe(
      formatMarkdown(renamed.diff, {
        findings: renamed.findings,
        migration: renamed.migration,
        title: 'Schema changes: teams-from.json -> teams-to.json',
      }),
    )
    await page.close()
  })

  it('filters the change tree and expands and collapses it from the keyboard', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    const top = page.locator('ul.tree > li')
    expect(await top.locator(':scope > .row .label').allTextContents()).toEqual([
      'enum user_role (admin, member, guest)',
      'table posts',
      'table tags',
      'table users',
    ])
    // Before -> after for every changed field of an altered column.
    expect(
      await page
        .locator('li[data-kind="column"]')
        .filter({ hasText: 'column title' })
        .locator('li .label')
        .allTextContents(),
    ).toEqual(['type: varchar(200) -> varchar(100)'])

    await page.getByLabel('Findings').selectOption('danger')
    expect(await page.locator('li[data-kind="column"] > .row .label').allTextContents()).toEqual([
      'column content text',
    ])
    await page.getByLabel('Findings').selectOption('all')
    await page.getByLabel('Kind').selectOption('index')
    expect(await page.locator('ul.tree li > .row .label').allTextContents()).toEqual([
      'table users',
      'index ix_users_email UNIQUE INDEX (email)',
    ])
    await page.getByLabel('Kind').selectOption('all')
    await page.locator('#tree-search').fill('TAG')
    expect(await top.locator(':scope > .row .label').allTextContents()).toEqual(['table tags'])
    await page.locator('#tree-search').fill('')

    const posts = page.getByRole('button', { name: /^table posts/ })
    await posts.focus()
    await page.keyboard.press('Enter')
    expect(await posts.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('li[data-kind="column"]').filter({ hasText: 'column title' }).count()).toBe(0)
    await page.keyboard.press('Space')
    expect(await posts.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('button', { name: 'Collapse all' }).click()
    expect(
      new Set(
        await page
          .locator('ul.tree button[aria-expanded]')
          .evaluateAll((b) => b.map((x) => x.getAttribute('aria-expanded'))),
      ),
    ).toEqual(new Set(['false']))
    await page.getByRole('button', { name: 'Expand all' }).click()
    expect(await page.locator('ul.tree button[aria-expanded="false"]').count()).toBe(0)
    await page.close()
  })

  it('shows views, routines, triggers and sequences in the summary and the tree, and filters them', async () => {
    const page = await openApp()
    await loadPair(page, 'objects')
    const { diff } = expected(objectsPair, 'postgres')
    expect(await page.locator('#summary-heading').textContent()).toContain(`${diff.summary.total} changes`)
    expect(await summaryRow(page, 'sequences')).toEqual([0, 1, 0, 0])
    expect(await summaryRow(page, 'functions')).toEqual([1, 1, 0, 0])
    expect(await summaryRow(page, 'views')).toEqual([0, 1, 1, 0])
    expect(await summaryRow(page, 'triggers')).toEqual([0, 1, 0, 0])
    const top = () => page.locator('ul.tree > li').locator(':scope > .row .label').allTextContents()
    const OBJECTS = [
      'sequence invoice_numbers',
      'function order_total(order_id integer)',
      'function touch()',
      'view big_orders',
      'view open_orders',
      'trigger orders.orders_touch',
    ]
    expect(await top()).toEqual(OBJECTS)
    expect(
      await page
        .locator('li[data-kind="object"]')
        .filter({ hasText: 'sequence invoice_numbers' })
        .locator('li .label')
        .allTextContents(),
    ).toEqual(['increment: 1 -> 10'])
    await page.getByLabel('Kind').selectOption('object')
    expect(await top()).toEqual(OBJECTS)
    await page.getByLabel('Findings').selectOption('info')
    expect(await top()).toEqual(['trigger orders.orders_touch'])
    await page.getByLabel('Findings').selectOption('all')
    await page.locator('#tree-search').fill('view:')
    expect(await top()).toEqual(['view big_orders', 'view open_orders'])
    await page.locator('#tree-search').fill('')
    await page.getByLabel('Kind').selectOption('table')
    expect(await page.getByText('Nothing matches the filters.').count()).toBe(1)
    await page.close()
  })

  it('shows one table side by side with the changed cells marked', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    await page.getByRole('button', { name: 'Side by side: posts' }).click()
    expect(await page.getByTestId('side-status').textContent()).toBe('Table posts changed')
    const rows = page.locator('table.columns tbody tr')
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-status')))).toEqual([
      'unchanged',
      'changed',
      'removed',
      'added',
      'unchanged',
      'added',
    ])
    expect(await rows.nth(1).locator('td.diff').allTextContents()).toEqual(['varchar(200)', 'varchar(100)'])
    await page.locator('#side-table').selectOption('tags')
    // The engine compares the table: the view follows once it answered.
    await expect.poll(() => page.getByTestId('side-status').textContent()).toBe('New table tags')
    await page.close()
  })

  it('draws the ER diagram with Mermaid, coloured, zoomable and exportable as SVG', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    await tab(page, 'Diagram')
    const diagram = page.getByTestId('diagram')
    await diagram.locator('svg').waitFor({ timeout: 30_000 })
    expect(
      await diagram
        .locator('g[data-status]')
        .evaluateAll((g) => g.map((x) => [x.textContent?.match(/^\w+/)?.[0], x.getAttribute('data-status')])),
    ).toEqual([
      ['posts', 'changed'],
      ['tags', 'added'],
      ['users', 'changed'],
    ])
    const width = () => diagram.locator('svg').evaluate((s) => s.getBoundingClientRect().width)
    const start = await width()
    await page.getByRole('button', { name: 'Zoom in' }).click()
    expect(await page.getByTestId('zoom').textContent()).toBe('125%')
    expect(Math.round(((await width()) / start) * 100)).toBe(125)
    await diagram.focus()
    await page.keyboard.press('0')
    expect(await page.getByTestId('zoom').textContent()).toBe('100%')
    const svg = await download(page, () => page.getByRole('button', { name: 'Export SVG' }).click())
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('tags (added)')
    expect(svg).not.toContain('var(--')
    await page.getByLabel('Flowchart').check()
    await expect.poll(() => diagram.locator('svg .node').count()).toBe(3)
    await page.close()
  })

  it('works from the keyboard: tabs move with arrow keys, focus is visible, the theme toggles', async () => {
    const page = await openApp()
    await loadPair(page, 'seed')
    await page.getByRole('tab', { name: 'Changes' }).focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-table')
    expect(await page.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('End')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-history')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid')

    const html = page.locator('html')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await html.getAttribute('data-theme')).toBe('light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => html.getAttribute('data-theme')).toBe('dark')
    const toggle = page.getByRole('button', { name: 'Dark theme' })
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    try {
      await toggle.click()
      expect(await html.getAttribute('data-theme')).toBe('light')
      await page.reload()
      await expect.poll(() => html.getAttribute('data-theme')).toBe('light') // the choice is remembered
    } finally {
      await page.evaluate(() => localStorage.clear())
      await page.close()
    }
  })

  it('fits a phone and writes the screenshots of docs/app/', async () => {
    const dir = join(ROOT, 'docs', 'app')
    mkdirSync(dir, { recursive: true })
    const desktop = { width: 1280, height: 900 }
    const phone = { width: 390, height: 844 }
    const shots: [{ width: number; height: number }, [string, 'light' | 'dark', string][]][] = [
      [
        desktop,
        [
          ['desktop-light.png', 'light', 'Changes'],
          ['desktop-dark.png', 'dark', 'Changes'],
          ['impact-light.png', 'light', 'Impact'],
          ['sql-dark.png', 'dark', 'SQL'],
          ['diagram-light.png', 'light', 'Diagram'],
        ],
      ],
      [
        phone,
        [
          ['phone-light.png', 'light', 'Changes'],
          ['phone-dark.png', 'dark', 'Table'],
        ],
      ],
    ]
    for (const [viewport, views] of shots) {
      const page = await openApp(viewport)
      await loadPair(page, 'seed')
      for (const [file, scheme, view] of views) {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
        await tab(page, view)
        if (view === 'Diagram') await page.getByTestId('diagram').locator('svg').waitFor({ timeout: 30_000 })
        // Nothing may be wider than the screen: panels wrap, wide tables scroll inside their own box.
        expect([file, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([file, viewport.width])
        await page.screenshot({ path: join(dir, file), fullPage: true, animations: 'disabled', caret: 'hide' })
      }
      await page.close()
    }
  })
})
