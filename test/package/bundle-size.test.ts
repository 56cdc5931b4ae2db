import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The root entry's cost in a browser app (esbuild, minified, platform browser, zod external, gzip -9),
// measured by the same script that writes docs/performance.md. Plain JavaScript, imported by a
// computed path so the compiler does not type it.
type Measured = { minified: number; gzip: number; inputs: { file: string; bytes: number }[] }
const script = new URL('../../scripts/bundle-size.mjs', import.meta.url).href
const { BUDGET_BYTES, IMPORT_SETS, measureBundle } = (await import(script)) as {
  BUDGET_BYTES: number
  IMPORT_SETS: [string, string][]
  measureBundle: (names?: string) => Promise<Measured>
}

const KB = 1024

describe('root entry bundle size (minified + gzip, zod excluded)', () => {
  it('parse + diff, the core every app imports, is under the 40 KB budget', async () => {
    const core = await measureBundle('parseSchema, diffSchemas, serializeSchema')
    expect(BUDGET_BYTES).toBe(40 * KB)
    expect(core.gzip).toBeLessThan(BUDGET_BYTES)
    expect(core.inputs.map((i) => i.file)).not.toContain('src/impact/analyze-impact.ts')
  })

  // Known gap: the whole entry is about 93 KB (docs/performance.md says where the bytes go). Meeting
  // the 40 KB target means moving features into subpath entries, an API decision. `it.fails` keeps the
  // target visible: once the entry fits, this test fails and should become a plain `it`.
  it.fails('whole root entry is under the 40 KB budget (known to be over, see docs/performance.md)', async () => {
    const whole = await measureBundle('*')
    expect(whole.gzip).toBeLessThan(BUDGET_BYTES)
  })

  it('whole root entry does not grow past 120 KB (regression guard while over budget)', async () => {
    const whole = await measureBundle('*')
    expect(whole.gzip).toBeLessThan(120 * KB)
    // zod and fast-deep-equal stay external: no file of theirs is counted.
    expect(whole.inputs.every((i) => i.file.startsWith('src/'))).toBe(true)
  })

  it('docs/performance.md has the generated section and lists every measured import', () => {
    const doc = readFileSync(new URL('../../docs/performance.md', import.meta.url), 'utf8')
    const section = doc.slice(doc.indexOf('<!-- bundle-size:start -->'), doc.indexOf('<!-- bundle-size:end -->'))
    expect(section).toContain('zod excluded')
    for (const [label] of IMPORT_SETS) expect(section).toContain(`| ${label} |`)
  })
})
