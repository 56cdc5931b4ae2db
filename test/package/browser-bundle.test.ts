import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// The browser-safe entries must run in browsers and workers: bundling each for the browser platform
// with every `node:` module marked unresolvable must succeed, and the output must not mention one.
const ENTRIES = [
  'index',
  'sql/index',
  'impact/index',
  'format/index',
  'visual/index',
  'codegen/index',
  'storage/index',
  'testing/index',
  // Loads engines, but in a browser worker too (the web app's): the engines themselves are left out.
  'sources/index',
]

describe('browser-safe entries', () => {
  it.each(ENTRIES)('src/%s.ts bundles for the browser with no node: import', async (entry) => {
    const result = await build({
      entryPoints: [new URL(`../../src/${entry}.ts`, import.meta.url).pathname],
      external: ['vitest', '@electric-sql/pglite', '@electric-sql/pglite/*', 'sql.js'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid-node-builtins',
          setup(b) {
            b.onResolve({ filter: /^node:|^(fs|path|os|crypto|child_process|url|util)$/ }, (args) => ({
              errors: [{ text: `root entry imports the Node built-in "${args.path}" from ${args.importer}` }],
            }))
          },
        },
      ],
    })
    const code = result.outputFiles[0]?.text ?? ''
    expect(code.length).toBeGreaterThan(1000)
    expect(code).not.toMatch(/from\s*["']node:/)
  })
})
