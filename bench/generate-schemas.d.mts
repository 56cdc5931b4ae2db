// Types of generate-schemas.mjs, for the tests that use the benchmark's documents.

/** A SQLAlchemy-shaped schema document, as `parseSchema` reads it. */
export interface GeneratedDocument {
  readonly metadata: { readonly schema_name: string; readonly tables: readonly Record<string, unknown>[] }
}

/**
 * A pair of schema documents: `before` with `tables` x `columns`, and `after` with ~10% of tables
 * altered, ~1% added and (unless `drops` is false) ~1% dropped.
 */
export function generateSchemaPair(options: {
  readonly tables: number
  readonly columns?: number
  readonly seed?: number
  readonly drops?: boolean
}): { before: GeneratedDocument; after: GeneratedDocument }

/** The drizzle-kit (v7, PostgreSQL) snapshot of a generated document. */
export function toDrizzleSnapshot(doc: GeneratedDocument, id: string, prevId?: string): Record<string, unknown>
