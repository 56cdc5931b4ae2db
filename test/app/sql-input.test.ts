// The web app reading SQL in headless Chromium: a pg_dump file run on PGlite and a SQLite schema run on
// sql.js inside the engine's Web Worker, a Prisma migration folder replayed into versions that can be
// compared, and the errors (file, line, engine message; MySQL needs a server). Every expected value
// is the library's own answer, computed here in Node with readSQL and replayMigrations on the same
// text. Nothing may leave the page: every request goes to the app's own origin and is a GET of the
// app's files. The folder test writes docs/app/timeline-light.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { noteLine } from '../../src/cli/read-sql-document.js'
import { diffSchemas, parseSchema, type Schema, serializeSchema } from '../../src/index.js'
import { readSQL, replayMigrations, SqlScriptError } from '../../src/sources/index.js'
import { shorten } from '../../src/sources/sql-script-error.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from '../format/chromium.js'
import { fixtureFiles } from '../sources/migration-fixtures.js'
import { APP_BUILD, ensureAppBuilt, ROOT, type StaticServer, serveStatic } from './app-server.js'

const DUMP = readFileSync(join(ROOT, 'test/fixtures/sql/shop-pg-dump.sql'), 'utf8')
const EMPTY = '{"metadata": {"tables": []}}'
const SQLITE_V1 = `PRAGMA foreign_keys = ON;
CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL
);
`
const SQLITE_V2 = `${SQLITE_V1}CREATE INDEX books_author ON books (author_id);
CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id), stars INTEGER NOT NULL);
`
// The index's column does not exist.
const SQLITE_BROKEN = `${SQLITE_V1}
CREATE INDEX books_isbn ON books
  (isbn);
`
const MYSQL = 'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n'
// The first migrations of the Prisma fixture (a table, a second one, a data migration, an enum), then
// one the engine rejects.
const PRISMA = [
  ...fixtureFiles('prisma-shop').slice(0, 4),
  {
    path: '20240120000000_broken/migration.sql',
    text: 'CREATE TABLE "tags" ("id" SERIAL PRIMARY KEY);\n\nCREATE INDEX "users_nope" ON "users"\n  ("nope");\n',
  },
]

if (!chromiumPath) console.warn(NO_CHROMIUM)

describe.skipIf(!chromiumPath)('web app: SQL files and migration folders in the browser', { timeout: 240_000 }, () => {
  let context: BrowserContext
  let close: () => Promise<void>
  let server: StaticServer
  let origin: string
  let dir: string
  const problems: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    ensureAppBuilt()
    server = await serveStatic(APP_BUILD)
    origin = new URL(server.url).origin
    ;({ context, close } = await launchChromium())
    // Requests of the pages and of their workers (the engine) alike.
    context.on('request', (r) => requests.push(`${r.method()} ${r.url()}`))
    dir = mkdtempSync(join(tmpdir(), 'schemaledger-app-sql-'))
  }, 240_000)

  afterAll(async () => {
    await close?.()
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  afterEach(() => {
    expect(problems.splice(0)).toEqual([])
    // Nothing is sent anywhere: every request is a GET of the app's own origin (its pages, scripts and
    // the engines' wasm), or a blob/data URL the page made itself.
    const own = (r: string) => r.startsWith(`GET ${origin}/`) || / (?:blob:|data:)/.test(r)
    expect(requests.splice(0).filter((r) => !own(r))).toEqual([])
  })

  async function openApp(): Promise<Page> {
    const page = await context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.route(
      (url) => !url.href.startsWith(`${origin}/`),
      (route) => route.abort(),
    )
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Load example' }).waitFor()
    return page
  }

  const settled = (page: Page) =>
    page.locator('[data-testid="workbench"][aria-busy="false"]').waitFor({ timeout: 180_000 })
  const status = (page: Page, side: 'before' | 'after') => page.getByTestId(`slot-${side}`).locator('.status')
  const editor = (page: Page, side: 'before' | 'after') => page.locator(`#${side}-json`).inputValue()
  const topLabels = (page: Page) => page.locator('ul.tree > li > .row .label').allTextContents()

  async function drop(page: Page, side: 'before' | 'after', files: readonly [string, string][]) {
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer()
      for (const [name, text] of list) dt.items.add(new File([text], name, { type: 'application/sql' }))
      return dt
    }, files)
    await page.getByTestId(`slot-${side}`).dispatchEvent('drop', { dataTransfer: transfer })
  }

  it('runs a dropped pg_dump file on PGlite in its worker and shows its tables', async () => {
    // The library's answer in Node is computed while the page reads the same file.
    const reading = readSQL(DUMP, { dialect: 'postgres', file: 'shop.sql' })
    const page = await openApp()
    await page.fill('#before-json', EMPTY)
    await page.getByTestId('slot-before').getByRole('button', { name: 'Use this JSON' }).click()
    await drop(page, 'after', [['shop.sql', DUMP]])
    await expect.poll(() => status(page, 'after').textContent(), { timeout: 180_000 }).toContain('✓ Valid')
    await settled(page)
    const read = await reading
    expect(await page.getByTestId('workbench').getAttribute('data-engine')).toBe('worker')
    // The schema the file became is exactly the library's: its canonical JSON is in the editor.
    expect(await editor(page, 'after')).toBe(serializeSchema(read.schema))
    const columns = read.schema.tables.reduce((n, t) => n + t.columns.length, 0)
    expect(await status(page, 'after').textContent()).toContain(
      `shop.sql — 2 tables, ${columns} columns, 1 enums (read by PostgreSQL on PGlite, in this page)`,
    )
    // Owners and psql's \restrict were not run: the notes say so, as the command line does.
    expect(read.notes.length).toBeGreaterThan(0)
    expect(await page.getByTestId('notes-after').locator('li').allTextContents()).toEqual(read.notes.map(noteLine))
    const diff = diffSchemas(parseSchema(JSON.parse(EMPTY)), read.schema)
    expect(await page.locator('#summary-heading').textContent()).toContain(`${diff.summary.total} changes`)
    expect(await topLabels(page)).toEqual([
      'enum order_status (new, paid, shipped)',
      'table customers',
      'table orders',
      'extension citext',
      'view paid_orders',
    ])
    // PGlite, its citext extension and their files came from the app itself.
    expect(server.requested.some((p) => /\/pglite[.-][\w-]+\.wasm$/.test(p))).toBe(true)
    expect(server.requested.some((p) => /\/citext\.tar-[\w-]+\.gz$/.test(p))).toBe(true)
    // The worker's own fetches are among the requests watched (checked after each test).
    expect(requests.some((r) => /^GET \S+\/workers\/assets\/pglite-[\w-]+\.wasm$/.test(r))).toBe(true)
    await page.close()
  })

  it('runs two dropped SQLite files on sql.js, and says why a bad or a MySQL file cannot be read', async () => {
    const v1 = await readSQL(SQLITE_V1, { dialect: 'sqlite', file: 'books-1.sql' })
    const v2 = await readSQL(SQLITE_V2, { dialect: 'sqlite', file: 'books-2.sql' })
    let error: SqlScriptError | undefined
    try {
      await readSQL(SQLITE_BROKEN, { dialect: 'sqlite', file: 'broken.sql' })
    } catch (e) {
      if (e instanceof SqlScriptError) error = e
    }
    if (!error) throw new Error('broken.sql is supposed to fail')

    const page = await openApp()
    await drop(page, 'before', [
      ['books-2.sql', SQLITE_V2],
      ['books-1.sql', SQLITE_V1],
    ])
    await expect.poll(() => status(page, 'after').textContent(), { timeout: 180_000 }).toContain('✓ Valid')
    await settled(page)
    expect(await status(page, 'before').textContent()).toContain('books-1.sql')
    expect(await status(page, 'after').textContent()).toContain('(read by SQLite on sql.js, in this page)')
    expect(await editor(page, 'before')).toBe(serializeSchema(v1.schema))
    expect(await editor(page, 'after')).toBe(serializeSchema(v2.schema))
    const diff = diffSchemas(v1.schema, v2.schema)
    expect(await page.locator('#summary-heading').textContent()).toContain(`${diff.summary.total} changes`)
    expect(await topLabels(page)).toEqual(['table books', 'table reviews'])

    await page.getByTestId('file-after').setInputFiles({
      name: 'broken.sql',
      mimeType: 'application/sql',
      buffer: Buffer.from(SQLITE_BROKEN),
    })
    await expect.poll(() => status(page, 'after').textContent(), { timeout: 180_000 }).toContain('✗ 1 problem')
    expect(await page.getByTestId('issues-after').locator('li').textContent()).toBe(
      `broken.sql:${error.line} sql.js: ${error.engineMessage} — in: ${shorten(error.statement)} [statement_failed]`,
    )

    await drop(page, 'after', [['shop.sql', MYSQL]])
    await expect.poll(() => page.getByTestId('issues-after').locator('li').textContent()).toContain('needs_server')
    expect(await page.getByTestId('issues-after').locator('li').textContent()).toContain(
      'shop.sql is MySQL/MariaDB SQL, which needs a MySQL or MariaDB server to run on: it cannot be read in the browser.',
    )
    expect(await page.getByTestId('summary').count()).toBe(0)
    await page.close()
  })

  it('replays a chosen Prisma migration folder with progress, compares any two versions, names the failure', async () => {
    const folder = join(dir, 'migrations')
    for (const f of PRISMA) {
      mkdirSync(join(folder, f.path, '..'), { recursive: true })
      writeFileSync(join(folder, f.path), f.text)
    }
    writeFileSync(join(folder, 'migration_lock.toml'), 'provider = "postgresql"\n')
    // The library's answer in Node is computed while the page replays the same folder.
    const replaying = replayMigrations(PRISMA, { dialect: 'postgres' })
    const page = await openApp()
    // The progress the page shows, as it shows it.
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { progress: string[] }).progress = seen
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="replay-progress"]')?.textContent?.replace(/\s+/g, ' ').trim()
        if (text && text !== seen.at(-1)) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByTestId('folder-input').setInputFiles(folder)
    await page.getByTestId('timeline-summary').waitFor({ timeout: 180_000 })
    await settled(page)
    const timeline = await replaying
    expect(timeline.steps.length).toBe(4)
    const failure = timeline.failure?.error
    if (!failure) throw new Error('the last migration is supposed to fail')
    const schemaAt = (i: number) =>
      i === 0 ? parseSchema(JSON.parse(EMPTY)) : (timeline.steps[i - 1]?.schema as Schema)
    const names = timeline.steps.map((s) => s.name)
    expect(await page.evaluate(() => (window as unknown as { progress: string[] }).progress)).toEqual([
      'Reading the folder…',
      ...[...names, '20240120000000_broken'].map((name, i) => `${i} of 5 migrations: ${name}`),
    ])
    expect((await page.getByTestId('timeline-summary').textContent())?.replace(/\s+/g, ' ')).toContain(
      '4 of 5 migrations replayed (prisma layout, PostgreSQL on PGlite, in this page)',
    )
    // The migration that failed: its file (from the folder), line, the engine and its message.
    expect((await page.getByTestId('timeline-failure').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      `Migration 20240120000000_broken failed: migrations/20240120000000_broken/migration.sql:${failure.line} PGlite: ${failure.engineMessage} — in: ${shorten(failure.statement)}`,
    )
    const rows = page.locator('[data-testid="timeline"] tbody tr')
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-migration')))).toEqual([
      '(empty: before the first migration)',
      ...names,
    ])
    expect(await rows.evaluateAll((r) => r.map((x) => Number(x.children[5]?.textContent)))).toEqual([
      0,
      ...timeline.steps.map((s) => s.diff.summary.total),
    ])
    // At first the last version that applied against the one before it.
    const compared = (from: number, to: number) => `${diffSchemas(schemaAt(from), schemaAt(to)).summary.total} changes`
    expect(await status(page, 'before').textContent()).toContain(`migrations@${names[2]}`)
    expect(await status(page, 'after').textContent()).toContain(`migrations@${names[3]}`)
    expect(await editor(page, 'after')).toBe(serializeSchema(schemaAt(4)))
    expect(await page.locator('#summary-heading').textContent()).toContain(compared(3, 4))
    // The screenshot of docs/app/: the timeline under the two versions it fills.
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await page.screenshot({
      path: join(ROOT, 'docs/app/timeline-light.png'),
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
    })
    // Any other version is either side: from the first migration to the last.
    await page.getByLabel(`Before: ${names[0]}`).check()
    await expect.poll(() => status(page, 'before').textContent()).toContain(`migrations@${names[0]}`)
    await settled(page)
    expect(await page.locator('#summary-heading').textContent()).toContain(compared(1, 4))
    expect((await topLabels(page)).filter((l) => l.startsWith('table '))).toEqual(['table posts', 'table users'])
    // And the empty schema before the first migration, after the second.
    await page.getByLabel('Before: (empty: before the first migration)').check()
    await page.getByLabel(`After: ${names[1]}`).check()
    await expect.poll(() => status(page, 'after').textContent()).toContain(`migrations@${names[1]}`)
    await settled(page)
    expect(await page.locator('#summary-heading').textContent()).toContain(compared(0, 2))
    expect(await topLabels(page)).toEqual(['table posts', 'table users'])
    await page.close()
  })
})
