import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      'vitest/index': 'src/testing/vitest.ts',
      'node/index': 'src/node/index.ts',
      'introspect/index': 'src/introspect/index.ts',
      'verify/index': 'src/verify/index.ts',
      'sources/index': 'src/sources/index.ts',
      'sql/index': 'src/sql/index.ts',
      'impact/index': 'src/impact/index.ts',
      'format/index': 'src/format/index.ts',
      'visual/index': 'src/visual/index.ts',
      'codegen/index': 'src/codegen/index.ts',
      'storage/index': 'src/storage/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // dist/cli belongs to the second build, which runs at the same time and cleans it itself.
    clean: ['!cli/**'],
    target: 'es2022',
    splitting: true,
    treeshake: true,
    // vitest is an optional peer of ./testing only; never bundle it.
    external: ['vitest', '@electric-sql/pglite', 'sql.js', 'pg', 'mysql2'],
  },
  {
    // The bin: ESM only (it reads its own package.json through import.meta.url), one self-contained
    // file that keeps the entry's `#!/usr/bin/env node` (tsup marks such files executable).
    entry: { index: 'src/cli/index.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'node',
    splitting: false,
    // The database drivers are the user's optional peers, loaded with import() when asked for.
    external: ['pg', 'mysql2', 'mysql2/promise', 'better-sqlite3', 'redis', 'sql.js', '@electric-sql/pglite', 'vitest'],
  },
])
