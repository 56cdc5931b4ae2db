import type { Schema } from '../model/types.js'
import { StoreCorruptionError, VersionNotFoundError } from './errors.js'
import type { StorageAdapter } from './storage-adapter.js'
import { parseTagKey, parseVersionKey, tagKey, tagsPrefix, versionKey } from './store-layout.js'
import {
  corruption,
  decodeTagFile,
  decodeVersionRecord,
  type FileContext,
  parseStoredSchema,
  type VersionRecord,
} from './version-file.js'

// Reading the store: everything is derived from the version and tag files on every call, so there is
// no cached or indexed state that could disagree with them.

/** A decoded, hash-checked version. @internal */
export interface StoredVersion {
  readonly record: VersionRecord
  readonly schema: Schema
}

/** Where a key lives, for error messages. @internal */
export function locate(adapter: StorageAdapter, key: string): string {
  return adapter.locate?.(key) ?? key
}

/** The version numbers present for `name`, ascending. @internal */
export async function listVersions(adapter: StorageAdapter, name: string): Promise<number[]> {
  const keys = await adapter.getKeys(`${name}/`)
  const versions: number[] = []
  for (const key of keys) {
    const version = parseVersionKey(name, key)
    if (version !== undefined) versions.push(version)
  }
  return versions.sort((a, b) => a - b)
}

/**
 * Reads and checks version `version` of `name` (shape, place, hash) without parsing its schema. A
 * missing file below the highest version is corruption (versions never have gaps); above it, the
 * version does not exist. @internal
 */
export async function readVersionRecord(
  adapter: StorageAdapter,
  name: string,
  version: number,
  latest: number,
): Promise<{ record: VersionRecord; document: object; context: FileContext }> {
  const key = versionKey(name, version)
  const context: FileContext & { version: number } = { name, version, key, location: locate(adapter, key) }
  const text = await adapter.getItem(key)
  if (text !== null) return { ...(await decodeVersionRecord(text, context)), context }
  const occupant = await adapter.obstruction?.(key)
  if (occupant !== undefined) throw obstructed(context, occupant)
  if (version < latest) {
    throw corruption(context, 'missing_version', `the file is missing, but version ${latest} exists`)
  }
  const problem = latest === 0 ? 'the name has no versions' : `the latest version is ${latest}`
  throw new VersionNotFoundError(name, version, problem)
}

/**
 * The error for a version whose place is taken by something that is not a file (a directory): it can
 * be neither read nor written until that is removed. @internal
 */
export function obstructed(context: FileContext & { readonly version: number }, occupant: string) {
  return corruption(
    context,
    'not_a_file',
    `${occupant} stands where the version file belongs; move it away so the version can be read or saved`,
  )
}

/** Reads and checks version `version` of `name`, schema included. @internal */
export async function readVersion(
  adapter: StorageAdapter,
  name: string,
  version: number,
  latest: number,
): Promise<StoredVersion> {
  const { record, document, context } = await readVersionRecord(adapter, name, version, latest)
  return { record, schema: parseStoredSchema(document, context) }
}

/**
 * Every readable tag of `name` and the version it points at, sorted by tag. A damaged tag file is left
 * out here, so it never makes versions unreadable; resolving that tag, or `verify()`, reports it.
 * @internal
 */
export async function readTags(adapter: StorageAdapter, name: string): Promise<Map<string, number>> {
  const tags = new Map<string, number>()
  const keys = [...(await adapter.getKeys(tagsPrefix(name)))].sort()
  for (const key of keys) {
    const tag = parseTagKey(name, key)
    if (tag === undefined) continue
    try {
      const version = await readTag(adapter, name, tag)
      if (version !== undefined) tags.set(tag, version)
    } catch (error) {
      if (!(error instanceof StoreCorruptionError)) throw error
    }
  }
  return tags
}

/** The version tag `tag` points at, or undefined when there is no such tag. @internal */
export async function readTag(adapter: StorageAdapter, name: string, tag: string): Promise<number | undefined> {
  const key = tagKey(name, tag)
  const text = await adapter.getItem(key)
  if (text === null) return undefined
  return decodeTagFile(text, { name, tag, key, location: locate(adapter, key) })
}

/** The tags pointing at `version`, sorted. @internal */
export function tagsOf(tags: ReadonlyMap<string, number>, version: number): string[] {
  return [...tags].filter(([, v]) => v === version).map(([tag]) => tag)
}
