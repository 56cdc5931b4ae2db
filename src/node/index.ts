/**
 * Node-only helpers: the crash- and concurrency-safe file storage adapter, and importing schema
 * history from the TinyDB files earlier Python tools kept.
 *
 * @packageDocumentation
 */
export { type FileAdapterOptions, type FileStorageAdapter, fileAdapter } from './file-adapter.js'
export {
  type ImportedTinyDBDocument,
  type ImportTinyDBOptions,
  importTinyDB,
  type TinyDBImportReport,
} from './import-tinydb.js'
export type { SkippedTinyDBDocument, TinyDBOrder } from './read-tinydb.js'
