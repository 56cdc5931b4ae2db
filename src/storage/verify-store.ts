import { StoreCorruptionError } from './errors.js'
import { listVersions, locate, obstructed, readTag, readVersion } from './read-store.js'
import type { StorageAdapter } from './storage-adapter.js'
import { parseTagKey, tagsPrefix, versionKey } from './store-layout.js'
import type { StoreProblem } from './store-types.js'

/**
 * Checks every version file of `name` (1 through the latest: present, well-formed, in its place,
 * matching its hash), that nothing but a file stands where the next version will be written, and every
 * tag file (readable, pointing at a version that exists).
 * @internal
 */
export async function verifyName(adapter: StorageAdapter, name: string): Promise<StoreProblem[]> {
  const problems: StoreProblem[] = []
  const latest = (await listVersions(adapter, name)).at(-1) ?? 0
  for (let version = 1; version <= latest; version++) {
    await collect(problems, () => readVersion(adapter, name, version, latest))
  }
  // The next save writes version latest + 1: a directory in its place would stop every save.
  const next = versionKey(name, latest + 1)
  const occupant = await adapter.obstruction?.(next)
  if (occupant !== undefined) {
    await collect(problems, async () => {
      throw obstructed({ name, version: latest + 1, key: next, location: locate(adapter, next) }, occupant)
    })
  }
  const tagKeys = [...(await adapter.getKeys(tagsPrefix(name)))].sort()
  for (const key of tagKeys) {
    const tag = parseTagKey(name, key)
    if (tag === undefined) continue
    await collect(problems, async () => {
      const version = await readTag(adapter, name, tag)
      if (version === undefined || version <= latest) return
      problems.push({
        name,
        tag,
        key,
        location: locate(adapter, key),
        reason: 'dangling_tag',
        message: `Tag ${JSON.stringify(tag)} points at version ${version}, but the latest is ${latest} (${locate(adapter, versionKey(name, version))} is missing)`,
      })
    })
  }
  return problems
}

async function collect(problems: StoreProblem[], check: () => Promise<unknown>): Promise<void> {
  try {
    await check()
  } catch (error) {
    if (!(error instanceof StoreCorruptionError)) throw error
    problems.push({
      name: error.schemaName,
      ...(error.version !== undefined && { version: error.version }),
      ...(error.tag !== undefined && { tag: error.tag }),
      key: error.key,
      location: error.location,
      reason: error.reason,
      message: error.message,
    })
  }
}
