import { describe, expect, test, vi } from 'vitest'
import { isSchemaLedgerError } from '../../src/index.js'
import { readSQL } from '../../src/sources/index.js'

// pgvector for PGlite is an optional package of its own: when it is not installed, a text creating
// `vector` is refused with the package to install, not with PGlite's list of contrib modules.
// Here the package's import is made to fail as it does when the package is missing.
vi.mock('../../src/sources/import-peer.js', async (original) => {
  const real = await original<typeof import('../../src/sources/import-peer.js')>()
  return {
    importPeer: (name: string, purpose: string) =>
      real.importPeer(
        name === '@electric-sql/pglite-pgvector' ? '@electric-sql/pglite-pgvector-absent' : name,
        purpose,
      ),
  }
})

describe('readSQL: pgvector without its package', { timeout: 180_000 }, () => {
  test('names the package to install and the dev-server alternative', async () => {
    const error = await readSQL('CREATE EXTENSION vector;\nCREATE TABLE t (e vector(3));', {
      dialect: 'postgres',
    }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isSchemaLedgerError(error) && error.code).toBe('unsupported_extension')
    expect((error as Error).message).toBe(
      'extension "vector" (pgvector) needs the optional package "@electric-sql/pglite-pgvector", which is not installed: npm install --save-dev @electric-sql/pglite-pgvector (each of its versions names the PGlite release it was built with; an npm "overrides" entry lets it use yours), or read this text on a server with devUrl / --dev-url postgres://...',
    )
  })
})
