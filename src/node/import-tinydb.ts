import { readFile } from 'node:fs/promises'
import { isSchemaLedgerError, SchemaLedgerError } from '../errors.js'
import type { SchemaStore } from '../storage/store-types.js'
import { readTinyDB, type SkippedTinyDBDocument, type TinyDBOrder } from './read-tinydb.js'

/**
 * Options of {@link importTinyDB}.
 *
 * @example
 * ```ts
 * await importTinyDB('schemas.json', store, { table: 'schemas', name: 'billing' })
 * ```
 */
export interface ImportTinyDBOptions {
  /** The TinyDB table to read. Default `_default`. */
  readonly table?: string
  /** Schema name for documents without a `name` field (before falling back to `metadata.schema_name`). */
  readonly name?: string
}

/**
 * A TinyDB document saved as a new version.
 *
 * @example
 * ```ts
 * for (const d of report.imported) console.log(`document ${d.id} -> ${d.name} v${d.version}`)
 * ```
 */
export interface ImportedTinyDBDocument {
  /** The TinyDB document id. */
  readonly id: string
  readonly name: string
  /** The version number it got in the store. */
  readonly version: number
}

/**
 * What {@link importTinyDB} did: the documents saved as new versions (in the order saved), the ones
 * skipped with the reason (no schema, invalid schema, no name, identical to the previous version),
 * and how each name's documents were ordered.
 *
 * @example
 * ```ts
 * const report = await importTinyDB('history.json', store)
 * for (const s of report.skipped) console.warn(`document ${s.id}: ${s.reason}`)
 * ```
 */
export interface TinyDBImportReport {
  readonly imported: ImportedTinyDBDocument[]
  readonly skipped: SkippedTinyDBDocument[]
  readonly order: Record<string, TinyDBOrder>
}

/**
 * Imports the schema history kept by earlier Python tools in a TinyDB JSON file
 * (`{"_default": {"1": {...}, "2": {...}}}`) into a store. Each document holds a schema document
 * (SQLAlchemy-shaped `{"metadata": ...}`, or under `schema`, `data` or `document`, as an object or
 * JSON text) and optionally `name`, `version`, `timestamp`/`created_at`, `message` and `author`.
 * Documents are saved per name in `version` order when all have one, else in timestamp order when
 * all have one, else in document id order; original timestamps become `createdAt`.
 *
 * @example
 * ```ts
 * const store = createSchemaStore({ adapter: fileAdapter({ dir: '.schemaledger' }) })
 * const { imported, skipped } = await importTinyDB('legacy/db.json', store)
 * ```
 */
export async function importTinyDB(
  path: string,
  store: SchemaStore,
  options: ImportTinyDBOptions = {},
): Promise<TinyDBImportReport> {
  const text = await readFile(path, 'utf8')
  let file: unknown
  try {
    file = JSON.parse(text)
  } catch (error) {
    throw new SchemaLedgerError('invalid_tinydb', `${path} is not a TinyDB JSON file: ${(error as Error).message}`, {
      cause: error,
    })
  }
  const contents = readTinyDB(file, {
    table: options.table ?? '_default',
    ...(options.name !== undefined && { name: options.name }),
  })
  const imported: ImportedTinyDBDocument[] = []
  const skipped = [...contents.skipped]
  const order: Record<string, TinyDBOrder> = {}
  for (const group of contents.groups) {
    order[group.name] = group.order
    let previous: number
    try {
      previous = await latestVersion(store, group.name)
    } catch (error) {
      // Checked by code, not instanceof: the store may come from another copy of the library.
      if (!isSchemaLedgerError(error) || error.code !== 'invalid_name') throw error
      for (const v of group.versions) skipped.push({ id: v.id, name: v.name, reason: error.message })
      continue
    }
    for (const entry of group.versions) {
      const info = await store.save(entry.name, entry.schema, {
        message:
          entry.message ??
          `Imported from TinyDB document ${entry.id}${entry.version === undefined ? '' : ` (version ${entry.version})`}`,
        ...(entry.author !== undefined && { author: entry.author }),
        ...(entry.timestamp !== undefined && { createdAt: entry.timestamp }),
      })
      if (info.version > previous) imported.push({ id: entry.id, name: entry.name, version: info.version })
      else skipped.push({ id: entry.id, name: entry.name, reason: `identical to version ${info.version}` })
      previous = info.version
    }
  }
  return { imported, skipped, order }
}

async function latestVersion(store: SchemaStore, name: string): Promise<number> {
  try {
    return (await store.load(name, 'latest')).version
  } catch (error) {
    if (isSchemaLedgerError(error) && error.code === 'version_not_found') return 0
    throw error
  }
}
