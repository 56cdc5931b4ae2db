import { diffSchemas } from '../dialects/diff-schemas.js'
import { InvalidOptionError } from '../errors.js'
import { serializeSchema } from '../model/serialize-schema.js'
import type { Schema } from '../model/types.js'
import { claimVersion } from './claim-version.js'
import { sha256Hex } from './content-hash.js'
import { InvalidNameError, VersionNotFoundError } from './errors.js'
import { listVersions, readTag, readTags, readVersion, readVersionRecord, tagsOf } from './read-store.js'
import { matchHashPrefix, parseRef } from './resolve-ref.js'
import type { StorageAdapter } from './storage-adapter.js'
import { assertValidName, assertValidTag, nameOfVersionKey, tagKey } from './store-layout.js'
import type {
  SaveOptions,
  SchemaStore,
  SchemaStoreOptions,
  SchemaVersion,
  VersionInfo,
  VersionRef,
} from './store-types.js'
import { verifyName } from './verify-store.js'
import { encodeTagFile, type VersionRecord } from './version-file.js'

const REQUIRED_METHODS = ['getItem', 'setItem', 'removeItem', 'hasItem', 'getKeys'] as const

/**
 * Creates a versioned store of named schemas on a {@link StorageAdapter}: `save` numbers versions per
 * name from 1 without gaps (identical saves return the latest), `load` takes a number, tag, hash
 * prefix or `'latest'`, and every read checks the content hash. Safe for concurrent writers in many
 * processes when the adapter has `setItemIfAbsent` (the memory and file adapters do).
 *
 * @example
 * ```ts
 * const store = createSchemaStore({ adapter: memoryAdapter() })
 * const v1 = await store.save('billing', schema, { message: 'first', tags: ['prod'] })
 * const { schema: prod } = await store.load('billing', 'prod')
 * ```
 */
export function createSchemaStore(options: SchemaStoreOptions): SchemaStore {
  const adapter = validateAdapter(options)
  const now = options.now ?? (() => new Date())
  let warned = false

  const warnIfNotAtomic = () => {
    if (warned || adapter.setItemIfAbsent !== undefined || options.singleWriter === true) return
    warned = true
    const warn = options.onWarning ?? ((message: string) => console.warn(message))
    warn(
      'schemaledger: this storage adapter has no setItemIfAbsent, so concurrent saves to one store can ' +
        'overwrite each other (last writer wins). Use one writer at a time and pass { singleWriter: true }, ' +
        'or give the adapter an atomic setItemIfAbsent.',
    )
  }

  const withTags = async (record: VersionRecord): Promise<VersionInfo> => {
    const tags = await readTags(adapter, record.name)
    return { ...record, tags: tagsOf(tags, record.version) }
  }

  const resolve = async (name: string, ref: VersionRef): Promise<{ version: number; latest: number }> => {
    const parsed = parseRef(ref)
    const versions = await listVersions(adapter, name)
    const latest = versions.at(-1) ?? 0
    if (latest === 0) throw new VersionNotFoundError(name, ref, 'the name has no versions')
    if (parsed.kind === 'number') return { version: parsed.version, latest }
    if (parsed.kind === 'latest') return { version: latest, latest }
    const tagged = isValidTag(parsed.text) ? await readTag(adapter, name, parsed.text) : undefined
    if (tagged !== undefined) return { version: tagged, latest }
    const hashes = await readAll(name, latest)
    return { version: matchHashPrefix(name, parsed.text, hashes), latest }
  }

  /** Every version's checked metadata, 1 through `latest`; a gap is corruption. */
  const readAll = async (name: string, latest: number): Promise<VersionRecord[]> => {
    const all: VersionRecord[] = []
    for (let version = 1; version <= latest; version++) {
      all.push((await readVersionRecord(adapter, name, version, latest)).record)
    }
    return all
  }

  const load = async (name: string, ref: VersionRef = 'latest'): Promise<SchemaVersion> => {
    assertValidName(name)
    const { version, latest } = await resolve(name, ref)
    const { record, schema } = await readVersion(adapter, name, version, latest)
    return { ...(await withTags(record)), schema }
  }

  const store: SchemaStore = {
    async save(name: string, schema: Schema, saveOptions: SaveOptions = {}): Promise<VersionInfo> {
      assertValidName(name)
      const tags = validateSaveOptions(saveOptions)
      warnIfNotAtomic()
      const canonicalText = serializeSchema(schema)
      const unnumbered = {
        name,
        hash: await sha256Hex(canonicalText),
        createdAt: toTimestamp(saveOptions.createdAt ?? now()),
        message: saveOptions.message ?? '',
        ...(saveOptions.author !== undefined && { author: saveOptions.author }),
      }
      const { record } = await claimVersion(adapter, unnumbered, canonicalText)
      for (const tag of tags) await adapter.setItem(tagKey(name, tag), await encodeTagFile(name, tag, record.version))
      return withTags(record)
    },

    load,

    async history(name: string): Promise<VersionInfo[]> {
      assertValidName(name)
      const latest = (await listVersions(adapter, name)).at(-1) ?? 0
      const all = await readAll(name, latest)
      const tags = await readTags(adapter, name)
      return all.map((record) => ({ ...record, tags: tagsOf(tags, record.version) }))
    },

    async names(): Promise<string[]> {
      const names = new Set<string>()
      for (const key of await adapter.getKeys('')) {
        const name = nameOfVersionKey(key)
        if (name !== undefined) names.add(name)
      }
      return [...names].sort()
    },

    async tag(name: string, ref: VersionRef, tag: string): Promise<VersionInfo> {
      assertValidName(name)
      assertValidTag(tag)
      const { version, latest } = await resolve(name, ref)
      const { record } = await readVersionRecord(adapter, name, version, latest)
      await adapter.setItem(tagKey(name, tag), await encodeTagFile(name, tag, version))
      return withTags(record)
    },

    async diff(name, refA, refB, diffOptions) {
      const [a, b] = [await load(name, refA), await load(name, refB)]
      return diffSchemas(a.schema, b.schema, diffOptions)
    },

    async verify(name?: string) {
      if (name !== undefined) assertValidName(name)
      const names = name !== undefined ? [name] : await store.names()
      const problems = []
      for (const each of names) problems.push(...(await verifyName(adapter, each)))
      return problems
    },

    async dispose() {
      await adapter.dispose?.()
    },
  }
  return store
}

function validateAdapter(options: SchemaStoreOptions): StorageAdapter {
  const adapter = (options as { adapter?: unknown } | undefined)?.adapter
  if (typeof adapter !== 'object' || adapter === null) {
    throw new InvalidOptionError('adapter', 'expected a StorageAdapter such as memoryAdapter()')
  }
  for (const method of REQUIRED_METHODS) {
    if (typeof (adapter as Record<string, unknown>)[method] !== 'function') {
      throw new InvalidOptionError('adapter', `the adapter has no ${method}() method`)
    }
  }
  return adapter as StorageAdapter
}

/** Checks what would otherwise be written into a version file and then fail every read of it. */
function validateSaveOptions(options: SaveOptions): readonly string[] {
  for (const field of ['message', 'author'] as const) {
    const value: unknown = options[field]
    if (value !== undefined && typeof value !== 'string') throw new InvalidOptionError(field, 'expected a string')
  }
  const tags: unknown = options.tags ?? []
  if (!Array.isArray(tags)) throw new InvalidOptionError('tags', 'expected an array of tag names')
  for (const tag of tags) assertValidTag(tag)
  return tags
}

function isValidTag(text: string): boolean {
  try {
    assertValidTag(text)
    return true
  } catch (error) {
    if (error instanceof InvalidNameError) return false
    throw error
  }
}

function toTimestamp(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidOptionError('createdAt', `expected a date, got ${JSON.stringify(String(value))}`)
  }
  return date.toISOString()
}
