import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The entries' cost in a browser app (esbuild, minified, platform browser, dependencies included as a
// user's bundler includes them, gzip -9), measured by the same script that writes docs/performance.md
// and the figures in README.md. Plain JavaScript, imported by a computed path so the compiler does
// not type it.
type Measured = { minified: number; gzip: number; inputs: { file: string; bytes: number }[] }
type Imports = Record<string, string>
const script = new URL('../../scripts/bundle-size.mjs', import.meta.url).href
const { BUDGET_BYTES, ROOT_GUARD_BYTES, ENTRIES, FIGURE_DOCS, IMPORT_SETS, ROOT_FIGURE, kb, measureBundle } =
  (await import(script)) as {
    BUDGET_BYTES: number
    ROOT_GUARD_BYTES: number
    ENTRIES: Record<string, string>
    FIGURE_DOCS: string[]
    IMPORT_SETS: [string, Imports][]
    ROOT_FIGURE: RegExp
    kb: (bytes: number) => string
    measureBundle: (imports: Imports) => Promise<Measured>
  }

const KB = 1024
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')

describe('bundle size (minified + gzip, dependencies included)', () => {
  it("the whole root entry is under its 57 KB regression guard and holds only model, diff, SQL text, storage, the dialects' naming conventions and fast-deep-equal", async () => {
    const root = await measureBundle({ schemaledger: '*' })
    expect(ROOT_GUARD_BYTES).toBe(57 * KB)
    expect(root.gzip).toBeLessThan(ROOT_GUARD_BYTES)
    const dirs = new Set(root.inputs.map((i) => i.file.split('/').slice(0, 2).join('/')))
    expect([...dirs].sort()).toEqual([
      'node_modules/fast-deep-equal',
      'src/dialects',
      'src/diff',
      'src/errors.ts',
      'src/index.ts',
      'src/model',
      'src/sql-text',
      'src/storage',
    ])
    // Of the dialects, only what diffSchemas needs by default: names of unnamed objects, no generator.
    const dialectFiles = root.inputs.map((i) => i.file).filter((f) => f.startsWith('src/dialects/'))
    expect(dialectFiles.sort()).toEqual([
      'src/dialects/diff-schemas.ts',
      'src/dialects/mysql/naming-convention.ts',
      'src/dialects/mysql/object-names.ts',
      'src/dialects/naming-conventions.ts',
      'src/dialects/postgres/naming-convention.ts',
      'src/dialects/postgres/object-names.ts',
      'src/dialects/sqlite/naming-convention.ts',
      'src/dialects/sqlite/object-names.ts',
    ])
  })

  it('parsing and diffing, validation included, is under 48 KB in a user bundle', async () => {
    const parseAndDiff = await measureBundle({ schemaledger: 'parseSchema, diffSchemas' })
    expect(BUDGET_BYTES).toBe(48 * KB)
    expect(parseAndDiff.gzip).toBeLessThan(BUDGET_BYTES)
  })

  it('every browser-safe entry bundles from our sources and fast-deep-equal only: no zod, no node: code', async () => {
    for (const entry of Object.keys(ENTRIES)) {
      const whole = await measureBundle({ [entry]: '*' })
      expect(
        whole.inputs.every((i) => i.file.startsWith('src/') || i.file.startsWith('node_modules/fast-deep-equal/')),
        entry,
      ).toBe(true)
    }
  })

  // 195 KB since temporal keys, enum namespaces, display widths, untyped columns, SQL-standard
  // bodies, grants and owners, unmodelled sections in every report and 97 impact rules; 185 KB since the whole database of three dialects is modelled (events, grants, range types, view
  // indexes, SQLite table options, and 95 impact rules); 175 KB since the model holds views, routines,
  // triggers and the other objects (and their planner); 140 KB before, since the codegen entry gained the SQLAlchemy, Prisma and drizzle targets (about 19 KB gzip
  // together); parsing and diffing keep their 48 KB budget above.
  it('all entries together do not grow past 195 KB (regression guard)', async () => {
    const all = await measureBundle(Object.fromEntries(Object.keys(ENTRIES).map((e) => [e, '*'])))
    expect(all.gzip).toBeLessThan(195 * KB)
  })

  it('docs/performance.md has the generated section and lists every measured import', () => {
    const doc = read('docs/performance.md')
    const section = doc.slice(doc.indexOf('<!-- bundle-size:start -->'), doc.indexOf('<!-- bundle-size:end -->'))
    expect(section).toContain('dependencies included')
    for (const [label] of IMPORT_SETS) expect(section).toContain(`| ${label} |`)
  })

  it('the root entry size stated in the docs is the measured one (within 1 KB of later changes)', async () => {
    const root = await measureBundle({ schemaledger: '*' })
    const doc = read('docs/performance.md')
    const stated = [...doc.matchAll(/\| schemaledger \(whole entry\) \| [0-9.]+ KB \| ([0-9.]+) KB \|/g)]
    for (const file of FIGURE_DOCS) stated.push(...read(file).matchAll(ROOT_FIGURE))
    expect(stated.length).toBe(1 + FIGURE_DOCS.length)
    // `node scripts/bundle-size.mjs --write` writes the exact figure; 1 KB of slack keeps unrelated
    // changes from failing this test, while a figure typed by hand or long stale does.
    for (const [, figure] of stated) expect(Math.abs(Number(figure) * KB - root.gzip), kb(root.gzip)).toBeLessThan(KB)
  })
})
