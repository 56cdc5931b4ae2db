// This file imports nothing, not even types, so the library's conformance test can bundle and
// type-check it from the repository root; the interface below matches the library's StorageAdapter.

/**
 * Options of {@link indexedDbAdapter}.
 *
 * @example
 * ```ts
 * const options: IndexedDbAdapterOptions = { database: 'schemaledger', objectStore: 'items' }
 * ```
 */
export interface IndexedDbAdapterOptions {
  /** Database name. Default `schemaledger`. */
  readonly database?: string
  /** Object store (one per database) holding the keys. Default `items`. */
  readonly objectStore?: string
  /** The IndexedDB factory. Default `globalThis.indexedDB`. */
  readonly indexedDB?: IDBFactory
}

/**
 * The adapter returned by {@link indexedDbAdapter}: the library's `StorageAdapter` contract (strings in,
 * strings out), asynchronous, with the atomic `setItemIfAbsent` capability, `locate` for error messages
 * and a `dispose` that closes the database.
 *
 * @example
 * ```ts
 * const adapter: IndexedDbStorageAdapter = indexedDbAdapter()
 * await adapter.setItemIfAbsent('a', '1') // true
 * ```
 */
export interface IndexedDbStorageAdapter {
  getItem(key: string): Promise<string | null>
  setItem(key: string, value: string): Promise<void>
  removeItem(key: string): Promise<void>
  hasItem(key: string): Promise<boolean>
  getKeys(prefix?: string): Promise<string[]>
  setItemIfAbsent(key: string, value: string): Promise<boolean>
  locate(key: string): string
  dispose(): Promise<void>
}

/**
 * A `StorageAdapter` over one IndexedDB object store, so the browser keeps schema versions across
 * reloads. `setItemIfAbsent` uses `add()`, which IndexedDB refuses with `ConstraintError` when the key
 * exists; IndexedDB runs read-write transactions on one store one at a time, so exactly one of many
 * concurrent callers (even in other tabs) creates the key.
 *
 * @example
 * ```ts
 * const store = createSchemaStore({ adapter: indexedDbAdapter({ database: 'schemaledger' }) })
 * await store.save('billing', schema)
 * ```
 */
export function indexedDbAdapter(options: IndexedDbAdapterOptions = {}): IndexedDbStorageAdapter {
  const databaseName = options.database ?? 'schemaledger'
  const storeName = options.objectStore ?? 'items'
  const factory = options.indexedDB ?? globalThis.indexedDB
  if (!factory) throw new Error('IndexedDB is not available in this browser')
  let opening: Promise<IDBDatabase> | undefined

  const open = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1)
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName)
      }
      request.onsuccess = () => {
        // Another tab upgrading the database asks us to step aside: close, and reopen on the next call.
        request.result.onversionchange = () => {
          request.result.close()
          opening = undefined
        }
        resolve(request.result)
      }
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error(`IndexedDB database ${databaseName} is blocked by another tab`))
    })
    return opening
  }

  /** Runs one request in its own transaction and resolves when the transaction has committed. */
  const run = async <T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open()
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(storeName, mode)
      const request = op(tx.objectStore(storeName))
      tx.oncomplete = () => resolve(request.result)
      tx.onabort = () => reject(request.error ?? tx.error ?? new Error('IndexedDB transaction aborted'))
    })
  }

  const keysWithPrefix = async (prefix: string): Promise<string[]> => {
    const db = await open()
    return new Promise<string[]>((resolve, reject) => {
      const tx = db.transaction(storeName, 'readonly')
      const keys: string[] = []
      // Keys sort as strings, so every key with the prefix follows it until the first one without.
      const cursor = tx.objectStore(storeName).openKeyCursor(IDBKeyRange.lowerBound(prefix))
      cursor.onsuccess = () => {
        const current = cursor.result
        if (!current || typeof current.key !== 'string' || !current.key.startsWith(prefix)) return
        keys.push(current.key)
        current.continue()
      }
      tx.oncomplete = () => resolve(keys)
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
  }

  return {
    getItem: async (key) => {
      const value = await run('readonly', (s) => s.get(key) as IDBRequest<string | undefined>)
      return value ?? null
    },
    setItem: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key))
    },
    removeItem: async (key) => {
      await run('readwrite', (s) => s.delete(key))
    },
    hasItem: async (key) => (await run('readonly', (s) => s.count(key))) > 0,
    getKeys: (prefix = '') => keysWithPrefix(prefix),
    setItemIfAbsent: async (key, value) => {
      const db = await open()
      return new Promise<boolean>((resolve, reject) => {
        let created = true
        const tx = db.transaction(storeName, 'readwrite')
        const request = tx.objectStore(storeName).add(value, key)
        request.onerror = (event) => {
          if (request.error?.name !== 'ConstraintError') return
          // The key exists: an answer, not a failure, so the transaction must not abort.
          event.preventDefault()
          created = false
        }
        tx.oncomplete = () => resolve(created)
        tx.onabort = () => reject(request.error ?? tx.error ?? new Error('IndexedDB transaction aborted'))
      })
    },
    locate: (key) => `indexeddb://${databaseName}/${storeName}/${key}`,
    dispose: async () => {
      const pending = opening
      opening = undefined
      if (pending) (await pending.catch(() => undefined))?.close()
    },
  }
}

/**
 * Deletes an IndexedDB database (closing connections first is the caller's job).
 *
 * @example
 * ```ts
 * await adapter.dispose()
 * await deleteIndexedDb('schemaledger-test-1')
 * ```
 */
export function deleteIndexedDb(database: string, factory: IDBFactory = globalThis.indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(database)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
    request.onblocked = () => resolve() // deleted once the last connection closes
  })
}
