import { fileURLToPath } from 'node:url'
import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig, type Plugin } from 'vite'

const LIBRARY_IMPORT_PEER = fileURLToPath(new URL('../src/sources/import-peer.ts', import.meta.url))
const BROWSER_PEERS = fileURLToPath(new URL('./src/lib/sql/browser-peers.ts', import.meta.url))

/**
 * The library's sources import their engines (PGlite, its contrib extensions, sql.js) by a name held
 * in a variable, which a browser cannot resolve at run time: the app puts its own module with literal
 * imports (bundled, served from the app's origin) in the place of that one module.
 */
function browserPeers(): Plugin {
  return {
    name: 'schemaledger-browser-peers',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('/import-peer.js')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved?.id === LIBRARY_IMPORT_PEER ? BROWSER_PEERS : null
    },
  }
}

export default defineConfig(({ command }) => {
  // A build is a production build even when started from a test run (vitest sets NODE_ENV=test) or
  // with NODE_ENV unset: otherwise Svelte and SvelteKit keep their development code and warnings.
  if (command === 'build') process.env.NODE_ENV = 'production'
  return {
    plugins: [browserPeers(), sveltekit()],
    // The app reads the library source and the bundled example documents from the repository root.
    server: { fs: { allow: ['..'] } },
    build: { chunkSizeWarningLimit: 3000 },
    // PGlite finds its wasm and data files next to its own module (new URL(..., import.meta.url)), and
    // pgvector's package its vector.tar.gz: the dev server's dependency pre-bundling would move the
    // modules away from them (PGlite's docs, Vite).
    optimizeDeps: { exclude: ['@electric-sql/pglite', '@electric-sql/pglite-pgvector'] },
    // The engine's worker (src/lib/engine.worker.ts) is an ES module, code-split like the page; the
    // SQL engines are chunks of it, loaded when SQL is dropped.
    worker: { format: 'es', plugins: () => [browserPeers()] },
  }
})
