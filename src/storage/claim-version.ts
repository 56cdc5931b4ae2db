import { StoreConflictError } from './errors.js'
import { listVersions, locate, obstructed, readVersionRecord } from './read-store.js'
import type { StorageAdapter } from './storage-adapter.js'
import { versionKey } from './store-layout.js'
import { encodeVersionFile, type VersionRecord } from './version-file.js'

/** Give up after this many lost races in a row (each loss means another writer made progress). */
const MAX_ATTEMPTS = 1000
const MAX_BACKOFF_MS = 50

/**
 * Writes a new version of `name` numbered right after the latest, unless the latest already has the
 * same hash (then that one is returned with `created: false`).
 *
 * The version file itself is the claim on its number: it is created with `setItemIfAbsent`, which
 * fails when another writer created that number first. The loser re-reads the store and tries the
 * next number, so numbers stay contiguous and unique across any number of processes, and a crash
 * leaves either a complete version or none. Adapters without `setItemIfAbsent` fall back to
 * check-then-write, where two concurrent writers can pick the same number and the last one wins.
 * @internal
 */
export async function claimVersion(
  adapter: StorageAdapter,
  unnumbered: Omit<VersionRecord, 'version'>,
  canonicalText: string,
): Promise<{ record: VersionRecord; created: boolean }> {
  const { name } = unnumbered
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const versions = await listVersions(adapter, name)
    const latest = versions.at(-1) ?? 0
    if (latest > 0) {
      const current = await readVersionRecord(adapter, name, latest, latest)
      if (current.record.hash === unnumbered.hash) return { record: current.record, created: false }
    }
    const record: VersionRecord = { ...unnumbered, version: latest + 1 }
    const text = await encodeVersionFile(record, canonicalText)
    const key = versionKey(name, record.version)
    if (await createIfAbsent(adapter, key, text)) return { record, created: true }
    // Not a lost race when something that is not a version stands in the way: retrying cannot help.
    const occupant = await adapter.obstruction?.(key)
    if (occupant !== undefined) {
      throw obstructed({ name, version: record.version, key, location: locate(adapter, key) }, occupant)
    }
    // Lost a race: wait a random, growing moment so racing writers spread out instead of all
    // writing (and fsyncing) losing copies again in lockstep.
    await pause(Math.random() * Math.min(2 ** attempt, MAX_BACKOFF_MS))
  }
  throw new StoreConflictError(name, MAX_ATTEMPTS)
}

async function createIfAbsent(adapter: StorageAdapter, key: string, value: string): Promise<boolean> {
  if (adapter.setItemIfAbsent) return adapter.setItemIfAbsent(key, value)
  if (await adapter.hasItem(key)) return false
  await adapter.setItem(key, value)
  return true
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
