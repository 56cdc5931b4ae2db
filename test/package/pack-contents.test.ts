import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// What `npm pack` would publish: the build, the JSON Schemas, the README, the licence and the
// manifest, and nothing from the repository's tests, fixtures, benchmarks, docs or sources.
// Reads dist/: run `npm run build` first (`npm test` does).

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
type Manifest = { exports: unknown; bin: Record<string, string>; main: string; module: string; types: string }
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest

/** Every file path a value of the exports map points at (`./dist/x.js` -> `dist/x.js`). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')]
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets)
  return []
}

describe('npm pack contents', () => {
  let files: string[] = []

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
    // npm's lifecycle variables (set under `npm test`) are left out so the nested npm reads only the
    // repository's own configuration.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel', 'error'], { cwd: ROOT, env })
    const [pack] = JSON.parse(out.toString()) as { files: { path: string }[] }[]
    files = (pack?.files ?? []).map((f) => f.path).sort()
  })

  it('has the manifest, README, licence and the JSON Schemas at the top, and otherwise only dist/', () => {
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual([
      'LICENSE',
      'README.md',
      'config-schema.json',
      'package.json',
      'report-schema.json',
      'schema.json',
    ])
  })

  it('has every file the exports map, main, module, types and bin point at', () => {
    const targets = [
      ...exportTargets(manifest.exports),
      ...exportTargets(manifest.bin),
      ...exportTargets([manifest.main, manifest.module, manifest.types]),
    ]
    expect(targets).toEqual(expect.arrayContaining(['dist/index.d.cts', 'dist/node/index.cjs', 'dist/cli/index.js']))
    expect(targets.filter((t) => !files.includes(t))).toEqual([])
  })

  it('has no tests, fixtures, benchmarks, docs, examples or sources', () => {
    const unwanted =
      /(^|\/)(test|tests|__tests__|fixtures?|bench|docs|examples|src|coverage)\/|\.(test|spec)\.[cm]?[jt]s$/
    expect(files.filter((f) => unwanted.test(f))).toEqual([])
  })

  it('ships source maps only for the build, and none maps test, fixture or benchmark code', () => {
    const maps = files.filter((f) => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(0)
    for (const map of maps) {
      expect(map.startsWith('dist/')).toBe(true)
      const { sources } = JSON.parse(readFileSync(join(ROOT, map), 'utf8')) as { sources: string[] }
      expect(sources.filter((s) => /^(\.\.\/)+(test|bench|examples)\/|fixtures?\//.test(s))).toEqual([])
    }
  })
})
