import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vite'

export default defineConfig(({ command }) => {
  // A build is a production build even when started from a test run (vitest sets NODE_ENV=test) or
  // with NODE_ENV unset: otherwise Svelte and SvelteKit keep their development code and warnings.
  if (command === 'build') process.env.NODE_ENV = 'production'
  return {
    plugins: [sveltekit()],
    // The app reads the library source and the bundled example documents from the repository root.
    server: { fs: { allow: ['..'] } },
    build: { chunkSizeWarningLimit: 3000 },
    // The engine's worker (src/lib/engine.worker.ts) is an ES module, code-split like the page.
    worker: { format: 'es' },
  }
})
