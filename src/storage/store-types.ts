import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import type { Schema } from '../model/types.js'
import type { CorruptionReason } from './errors.js'
import type { StorageAdapter } from './storage-adapter.js'

/**
 * What the store knows about one saved version.
 *
 * @example
 * ```ts
 * const info = await store.save('billing', schema, { message: 'add invoices' })
 * console.log(`v${info.version} ${info.hash.slice(0, 8)} ${info.tags.join(',')}`)
 * ```
 */
export interface VersionInfo {
  /** The schema name. */
  readonly name: string
  /** Version number, from 1 per name, without gaps. */
  readonly version: number
  /** SHA-256 (hex) of the canonical serialization (`serializeSchema`) of the schema. */
  readonly hash: string
  /** When the version was saved (ISO 8601). */
  readonly createdAt: string
  /** The message given on save (empty when none). */
  readonly message: string
  /** Tags currently pointing at this version, sorted. */
  readonly tags: readonly string[]
  /** Who saved it, when given. */
  readonly author?: string
}

/**
 * A loaded version: its {@link VersionInfo} and the schema.
 *
 * @example
 * ```ts
 * const { schema, version } = await store.load('billing', 'latest')
 * ```
 */
export interface SchemaVersion extends VersionInfo {
  /** The schema as saved. */
  readonly schema: Schema
}

/**
 * A reference to a version: its number (or a string of up to 5 digits, as a command line gives it),
 * `'latest'`, a tag, or a prefix of its hash (at least 6 hex characters; longer digit strings are
 * hash prefixes).
 *
 * @example
 * ```ts
 * await store.load('billing', 3); await store.load('billing', 'prod'); await store.load('billing', '9f2c1a')
 * ```
 */
export type VersionRef = number | string

/**
 * Options of {@link SchemaStore.save}.
 *
 * @example
 * ```ts
 * await store.save('billing', schema, { message: 'add invoices', tags: ['release-7'], author: 'ana' })
 * ```
 */
export interface SaveOptions {
  /** What changed and why. */
  readonly message?: string
  /** Tags to point at the saved version (moved from older versions if they exist). */
  readonly tags?: readonly string[]
  /** Who saved it. */
  readonly author?: string
  /** When it was created; defaults to now. Importers use it to keep original dates. */
  readonly createdAt?: Date | string
}

/**
 * One problem found by {@link SchemaStore.verify}, as data.
 *
 * @example
 * ```ts
 * for (const p of await store.verify()) console.error(`${p.location}: ${p.message}`)
 * ```
 */
export interface StoreProblem {
  /** The schema name. */
  readonly name: string
  /** The damaged version, for version files. */
  readonly version?: number
  /** The tag, for tag files. */
  readonly tag?: string
  /** The adapter key. */
  readonly key: string
  /** Where it lives (a file path for the file adapter). */
  readonly location: string
  /** What is wrong; `dangling_tag` is a tag pointing at a version that does not exist. */
  readonly reason: CorruptionReason | 'dangling_tag'
  /** One sentence for people. */
  readonly message: string
}

/**
 * Options of {@link createSchemaStore}.
 *
 * @example
 * ```ts
 * createSchemaStore({ adapter: memoryAdapter(), now: () => new Date('2024-01-01T00:00:00Z') })
 * ```
 */
export interface SchemaStoreOptions {
  /** Where versions live. */
  readonly adapter: StorageAdapter
  /**
   * Promise that only one writer uses the store at a time. Silences the warning printed once when the
   * adapter has no atomic `setItemIfAbsent` (without it, concurrent saves can overwrite each other).
   */
  readonly singleWriter?: boolean
  /** Receives warnings; defaults to `console.warn`. */
  readonly onWarning?: (message: string) => void
  /** Clock used for `createdAt`; defaults to `() => new Date()`. */
  readonly now?: () => Date
}

/**
 * A versioned store of named schemas on top of a {@link StorageAdapter}.
 *
 * @example
 * ```ts
 * const store = createSchemaStore({ adapter: memoryAdapter() })
 * await store.save('billing', v1); await store.save('billing', v2)
 * const diff = await store.diff('billing', 1, 'latest')
 * ```
 */
export interface SchemaStore {
  /**
   * Saves a new version (numbered after the latest) and returns its info; when the schema is identical
   * to the latest version, returns the latest instead (still applying `options.tags`).
   */
  save(name: string, schema: Schema, options?: SaveOptions): Promise<VersionInfo>
  /** Loads a version (default `'latest'`), verifying its content hash. */
  load(name: string, ref?: VersionRef): Promise<SchemaVersion>
  /** Every version of `name`, oldest first (empty for an unknown name). */
  history(name: string): Promise<VersionInfo[]>
  /** Every schema name with at least one version, sorted. */
  names(): Promise<string[]>
  /** Points `tag` at a version (moving it if it pointed elsewhere) and returns that version's info. */
  tag(name: string, ref: VersionRef, tag: string): Promise<VersionInfo>
  /** The diff between two versions, exactly as `diffSchemas(load(refA).schema, load(refB).schema, options)`. */
  diff(name: string, refA: VersionRef, refB: VersionRef, options?: DiffOptions): Promise<SchemaDiff>
  /** Checks every version and tag file (of `name`, or of every name) and returns the problems found. */
  verify(name?: string): Promise<StoreProblem[]>
  /** Releases the adapter (`adapter.dispose()`). */
  dispose(): Promise<void>
}
