import { describe, expect, it } from 'vitest'
import { memoryAdapter, type StorageAdapter } from '../../src/index.js'
import { runStorageAdapterSuite } from '../../src/testing/index.js'

// The memory adapter is tested only through the conformance suite, in three shapes: as it is
// (synchronous, with setItemIfAbsent), behind promises (an asynchronous adapter), and without the
// atomic capability (the store's check-then-write fallback).

runStorageAdapterSuite({ name: 'memoryAdapter', create: () => memoryAdapter(), describe, it, expect })

runStorageAdapterSuite({
  name: 'memoryAdapter behind promises',
  create: () => asynchronous(memoryAdapter()),
  describe,
  it,
  expect,
})

runStorageAdapterSuite({
  name: 'memoryAdapter without setItemIfAbsent',
  create: () => {
    const { setItemIfAbsent: _omitted, ...rest } = memoryAdapter()
    return rest
  },
  describe,
  it,
  expect,
})

/** Every method answers on a later turn of the event loop, like a network-backed adapter. */
function asynchronous(adapter: ReturnType<typeof memoryAdapter>): StorageAdapter {
  const later = <T>(value: () => T | Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 0))
  return {
    getItem: (key) => later(() => adapter.getItem(key)),
    setItem: (key, value) => later(() => adapter.setItem(key, value)).then(() => undefined),
    removeItem: (key) => later(() => adapter.removeItem(key)).then(() => undefined),
    hasItem: (key) => later(() => adapter.hasItem(key)),
    getKeys: (prefix) => later(() => adapter.getKeys(prefix)),
    setItemIfAbsent: (key, value) => later(() => adapter.setItemIfAbsent(key, value)),
    dispose: () => later(() => adapter.dispose()).then(() => undefined),
  }
}
