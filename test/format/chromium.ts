// Debian's Chromium driven by playwright-core, for the tests that need a real browser. Tests skip
// with a message when no Chromium is installed (.ci/run installs it when it can).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

/** Where Chromium is, or undefined when it is not installed. */
export const chromiumPath: string | undefined = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((p): p is string => p !== undefined && p !== '' && existsSync(p))

/** The reason printed when a browser test skips. */
export const NO_CHROMIUM =
  'Chromium not found at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH): browser checks skipped'

/** Starts headless Chromium with a fresh profile directory; `close` also removes it. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'schemaledger-chromium-'))
  // A persistent context is how playwright takes a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
