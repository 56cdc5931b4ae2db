import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

// The runtime exports of every package entry, from the built dist/ (ESM and CJS), against the list
// committed in exports.json: an export added or removed is a decision made on purpose (update the
// list, and docs/architecture.md says why an export is public). Reads dist/: run `npm run build`
// first (`npm test` does).

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PINNED = JSON.parse(readFileSync(join(ROOT, 'test/package/exports.json'), 'utf8')) as Record<string, string[]>
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>
}

/** The dist file of an entry (`./sql` -> `dist/sql/index`), without extension. */
const distOf = (entry: string) => join(ROOT, 'dist', entry === '.' ? 'index' : `${entry.slice(2)}/index`)
const codeEntries = Object.keys(manifest.exports).filter((e) => !/\.json$/.test(e))

describe('package exports', () => {
  it('pins every code entry of package.json', () => {
    expect(Object.keys(PINNED).sort()).toEqual([...codeEntries].sort())
  })

  it.each(codeEntries)('%s exports exactly the pinned names (ESM and CJS)', async (entry) => {
    if (!existsSync(`${distOf(entry)}.js`)) throw new Error('dist/ is missing: run `npm run build` first')
    const esm = Object.keys(await import(pathToFileURL(`${distOf(entry)}.js`).href)).sort()
    expect(esm).toEqual(PINNED[entry])
    // vitest itself refuses require(), so its matcher entry is only loaded as ESM here.
    if (entry === './vitest') return
    const cjs = Object.keys(createRequire(import.meta.url)(`${distOf(entry)}.cjs`) as object)
      .filter((k) => k !== '__esModule')
      .sort()
    expect(cjs).toEqual(PINNED[entry])
  })
})
