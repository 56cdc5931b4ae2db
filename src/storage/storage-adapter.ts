/**
 * A value, or a promise of it: every adapter method may be synchronous or asynchronous.
 *
 * @example
 * ```ts
 * const getItem = (key: string): MaybePromise<string | null> => cache.get(key) ?? fetchItem(key)
 * ```
 */
export type MaybePromise<T> = T | Promise<T>

/**
 * The tiny string key/value contract a {@link SchemaStore} is built on (modelled on unstorage's
 * driver). Keys are `/`-separated paths such as `billing/v0004.json`; values are strings. Write one
 * for Redis, S3, IndexedDB or SQL and hold it to the contract with `runStorageAdapterSuite` from
 * `schemaledger/testing`.
 *
 * Required: `getItem` (missing key -> `null`), `setItem` (create or overwrite), `removeItem` (missing
 * key is not an error), `hasItem`, `getKeys(prefix)` (every key starting with `prefix`, any order).
 *
 * Optional capabilities the store uses when present:
 * - `setItemIfAbsent(key, value)`: atomically create the key with its complete value, or return
 *   `false` without touching it when it exists. With it, concurrent saves from any number of
 *   processes never lose or duplicate a version; without it, concurrent writers can overwrite each
 *   other (last writer wins) and the store warns once.
 * - `locate(key)`: where the key lives, for error messages (a file path for the file adapter).
 * - `obstruction(key)`: what stands in a key's place when it holds no value and cannot be written
 *   either (a directory where a file belongs); `verify()` reports it and `save` stops at once.
 * - `dispose()`: release connections or handles.
 *
 * @example
 * ```ts
 * const redisAdapter = (redis: Redis): StorageAdapter => ({
 *   getItem: (key) => redis.get(key),
 *   setItem: async (key, value) => { await redis.set(key, value) },
 *   removeItem: async (key) => { await redis.del(key) },
 *   hasItem: async (key) => (await redis.exists(key)) === 1,
 *   getKeys: (prefix = '') => redis.keys(`${prefix}*`),
 *   setItemIfAbsent: async (key, value) => (await redis.set(key, value, 'NX')) === 'OK',
 * })
 * ```
 */
export interface StorageAdapter {
  /** The value stored under `key`, or `null` when there is none. */
  getItem(key: string): MaybePromise<string | null>
  /** Stores `value` under `key`, replacing any previous value. Readers see the old or the new value, never a mix. */
  setItem(key: string, value: string): MaybePromise<void>
  /** Deletes `key`; deleting a missing key does nothing. */
  removeItem(key: string): MaybePromise<void>
  /** Whether `key` holds a value. */
  hasItem(key: string): MaybePromise<boolean>
  /** Every key that starts with `prefix` (all keys when omitted or empty), in any order. */
  getKeys(prefix?: string): MaybePromise<readonly string[]>
  /**
   * Creates `key` with `value` only if it does not exist, atomically: returns `true` when this call
   * created it, `false` (and leaves the key alone) when it already existed. Readers never see a
   * partial value.
   */
  setItemIfAbsent?(key: string, value: string): MaybePromise<boolean>
  /** A human-readable location of `key` (such as a file path), used in error messages. */
  locate?(key: string): string
  /**
   * When `key` holds no value but something else occupies its place so that it cannot be written
   * (for files: a directory or a device where the file belongs), what that is in a few words
   * (`'a directory'`); otherwise undefined.
   */
  obstruction?(key: string): MaybePromise<string | undefined>
  /** Releases resources held by the adapter. */
  dispose?(): MaybePromise<void>
}

/**
 * A {@link StorageAdapter} for a server or database: every method asynchronous, with the atomic
 * `setItemIfAbsent`, `locate` for error messages and `dispose` to close the connection.
 *
 * @example
 * ```ts
 * const adapter: AsyncStorageAdapter = sqlAdapter({ dialect: 'sqlite', query })
 * await adapter.setItemIfAbsent('billing/v0001.json', text) // false when another writer got there first
 * ```
 */
export interface AsyncStorageAdapter extends StorageAdapter {
  getItem(key: string): Promise<string | null>
  setItem(key: string, value: string): Promise<void>
  removeItem(key: string): Promise<void>
  hasItem(key: string): Promise<boolean>
  getKeys(prefix?: string): Promise<string[]>
  setItemIfAbsent(key: string, value: string): Promise<boolean>
  locate(key: string): string
  dispose(): Promise<void>
}
