import { createSchemaStore, memoryAdapter, type SchemaStore } from 'schemaledger'
import { indexedDbAdapter } from './indexeddb-adapter.js'

/**
 * The browser's schema history: a store over IndexedDB, or over memory (lost on reload) when the
 * browser has no IndexedDB, with a note saying so.
 *
 * @example
 * ```ts
 * const { store, persistent } = openHistory()
 * await store.save('blog', schema, { message: 'from the web app' })
 * ```
 */
export function openHistory(database = 'schemaledger'): { store: SchemaStore; persistent: boolean } {
  try {
    return { store: createSchemaStore({ adapter: indexedDbAdapter({ database }) }), persistent: true }
  } catch {
    return { store: createSchemaStore({ adapter: memoryAdapter() }), persistent: false }
  }
}
