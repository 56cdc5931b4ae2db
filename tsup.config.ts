import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'node/index': 'src/node/index.ts',
    'introspect/index': 'src/introspect/index.ts',
    'verify/index': 'src/verify/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  // vitest is an optional peer of ./testing only; never bundle it.
  external: ['vitest', '@electric-sql/pglite', 'sql.js'],
})
