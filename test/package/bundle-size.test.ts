import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The entries' cost in a browser app (esbuild, minified, platform browser, zod external, gzip -9),
// measured by the same script that writes docs/performance.md. Plain JavaScript, imported by a
// computed path so the compiler does not type it.
type Measured = { minified: number; gzip: number; inputs: { file: string; bytes: number }[] }
type Imports = Record<string, string>
const script = new URL('../../scripts/bundle-size.mjs', import.meta.url).href
const { BUDGET_BYTES, ENTRIES, IMPORT_SETS, measureBundle } = (await import(script)) as {
  BUDGET_BYTES: number
  ENTRIES: Record<string, string>
  IMPORT_SETS: [string, Imports][]
  measureBundle: (imports: Imports) => Promise<Measured>
}

const KB = 1024

describe('bundle size (minified + gzip, zod excluded)', () => {
  it('the whole root entry is under the 40 KB budget and holds only model, diff and storage', async () => {
    const root = await measureBundle({ schemaledger: '*' })
    expect(BUDGET_BYTES).toBe(40 * KB)
    expect(root.gzip).toBeLessThan(BUDGET_BYTES)
    const dirs = new Set(root.inputs.map((i) => i.file.split('/').slice(0, 2).join('/')))
    expect([...dirs].sort()).toEqual(['src/diff', 'src/errors.ts', 'src/index.ts', 'src/model', 'src/storage'])
  })

  it('every browser-safe entry bundles without zod, fast-deep-equal or node: code', async () => {
    for (const entry of Object.keys(ENTRIES)) {
      const whole = await measureBundle({ [entry]: '*' })
      expect(
        whole.inputs.every((i) => i.file.startsWith('src/')),
        entry,
      ).toBe(true)
    }
  })

  it('all entries together do not grow past 120 KB (regression guard)', async () => {
    const all = await measureBundle(Object.fromEntries(Object.keys(ENTRIES).map((e) => [e, '*'])))
    expect(all.gzip).toBeLessThan(120 * KB)
  })

  it('docs/performance.md has the generated section and lists every measured import', () => {
    const doc = readFileSync(new URL('../../docs/performance.md', import.meta.url), 'utf8')
    const section = doc.slice(doc.indexOf('<!-- bundle-size:start -->'), doc.indexOf('<!-- bundle-size:end -->'))
    expect(section).toContain('zod excluded')
    for (const [label] of IMPORT_SETS) expect(section).toContain(`| ${label} |`)
  })
})
