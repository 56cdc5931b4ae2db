// The web app's IndexedDB StorageAdapter against the library's conformance suite, inside headless
// Chromium: the suite and the adapter are bundled with esbuild into a blank page served from
// 127.0.0.1 (IndexedDB and Web Crypto need a real origin), and each case runs in the page.
import { build } from 'esbuild'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runStorageAdapterSuite } from '../../src/testing/run-storage-adapter-suite.js'
import { chromiumPath, launchChromium, NO_CHROMIUM } from '../format/chromium.js'
import { type StaticServer, serveStatic } from './app-server.js'

// The case names, read from the suite itself without running anything.
const names: string[] = []
{
  const path: string[] = []
  runStorageAdapterSuite({
    name: 'indexedDbAdapter',
    create: () => {
      throw new Error('not run in node')
    },
    describe: (name, body) => {
      path.push(name)
      body()
      path.pop()
    },
    it: (name) => {
      names.push([...path, name].join(' > '))
    },
    expect: () => ({ toBe: () => {}, toEqual: () => {} }),
  })
}

if (!chromiumPath) console.warn(NO_CHROMIUM)

describe.skipIf(!chromiumPath)('indexedDbAdapter (app/src/lib) in Chromium: StorageAdapter conformance', () => {
  let context: BrowserContext
  let close: () => Promise<void>
  let server: StaticServer
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('./browser-conformance.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    })
    server = await serveStatic(undefined, {
      '/': [
        'text/html; charset=utf-8',
        '<!doctype html><title>conformance</title><link rel="icon" href="data:,"><script src="/conformance.js"></script>',
      ],
      '/conformance.js': ['text/javascript; charset=utf-8', bundle.outputFiles[0]?.text ?? ''],
    })
    ;({ context, close } = await launchChromium())
    page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(server.url)
    expect(await page.evaluate(() => window.conformance.names())).toEqual(names)
  }, 60_000)

  afterAll(async () => {
    await close?.()
    await server?.close()
  })

  for (const name of names) {
    it(name, async () => {
      const failure = await page.evaluate((n) => window.conformance.run(n), name)
      expect(failure).toBe(null)
      expect(problems).toEqual([])
    })
  }
})
