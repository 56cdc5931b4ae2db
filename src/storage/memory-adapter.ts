import type { StorageAdapter } from './storage-adapter.js'

/**
 * The {@link StorageAdapter} returned by {@link memoryAdapter}: synchronous, with the atomic
 * `setItemIfAbsent` capability.
 *
 * @example
 * ```ts
 * const adapter: MemoryStorageAdapter = memoryAdapter()
 * adapter.setItemIfAbsent('a', '1') // true, synchronously
 * ```
 */
export interface MemoryStorageAdapter extends StorageAdapter {
  setItemIfAbsent(key: string, value: string): boolean
  dispose(): void
}

/**
 * An in-memory {@link StorageAdapter}: synchronous, lost when the process ends, fine for tests,
 * browsers and caches. `setItemIfAbsent` is atomic because JavaScript runs one call at a time.
 *
 * @example
 * ```ts
 * const store = createSchemaStore({ adapter: memoryAdapter() })
 * await store.save('billing', schema)
 * ```
 */
export function memoryAdapter(): MemoryStorageAdapter {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value)
    },
    removeItem: (key) => {
      items.delete(key)
    },
    hasItem: (key) => items.has(key),
    getKeys: (prefix = '') => [...items.keys()].filter((key) => key.startsWith(prefix)).sort(),
    setItemIfAbsent: (key, value) => {
      if (items.has(key)) return false
      items.set(key, value)
      return true
    },
    dispose: () => items.clear(),
  }
}
