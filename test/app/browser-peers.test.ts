// The web app's stand-in for src/sources/import-peer.ts (app/src/lib/sql/browser-peers.ts): it must
// offer every engine module the library's sources may ask for (PGlite, each extension module the
// library knows, pgvector's package among them, sql.js), each by a literal import of that same
// module, so Vite bundles them all.
// And src/sources must stay loadable in a browser worker: import-peer.ts is its only module that
// imports by a name held in a variable.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PGLITE_EXTENSIONS } from '../../src/sources/pglite-extensions.js'
import { ROOT } from './app-server.js'

const PEERS = readFileSync(join(ROOT, 'app/src/lib/sql/browser-peers.ts'), 'utf8')

describe('the web app bundles the engines the library sources load', () => {
  it('offers PGlite, every contrib extension the library knows, and sql.js, each by a literal import', () => {
    const offered = [...PEERS.matchAll(/^ {2}'([^']+)': (?:\(\) => import\('([^']+)'\)|async)/gm)]
    expect(offered.map((m) => m[1]).sort()).toEqual(
      ['@electric-sql/pglite', 'sql.js', ...new Set(Object.values(PGLITE_EXTENSIONS).map((e) => e.module))].sort(),
    )
    for (const [, name, imported] of offered) expect([name, imported ?? name]).toEqual([name, name])
    expect(PEERS).toContain("(await import('sql.js')).default")
  })

  it('src/sources imports by a variable name only in import-peer.ts, the module the app replaces', () => {
    const dir = join(ROOT, 'src/sources')
    const dynamic = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /\bimport\((?!['"`])/.test(readFileSync(join(dir, f), 'utf8').replace(/^\s*\*.*$/gm, '')))
    expect(dynamic).toEqual(['import-peer.ts'])
    const vite = readFileSync(join(ROOT, 'app/vite.config.ts'), 'utf8')
    expect(vite).toContain("'../src/sources/import-peer.ts'")
    expect(vite).toContain("'./src/lib/sql/browser-peers.ts'")
  })
})
