import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The web app's modules (app/src/lib) import the library by its package name, which the app's
  // Vite config points at src/; the same here, so test/app can test them in Node.
  resolve: {
    alias: [{ find: /^schemaledger$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
})
