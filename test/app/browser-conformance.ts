// Runs in the browser (bundled by esbuild in indexeddb-adapter.test.ts): registers the library's
// StorageAdapter conformance suite against the app's IndexedDB adapter and lets the test run each
// case by name, in the page, against the real IndexedDB of Chromium.
import { deleteIndexedDb, indexedDbAdapter } from '../../app/src/lib/indexeddb-adapter.js'
import { runStorageAdapterSuite, type SuiteAssertion } from '../../src/testing/run-storage-adapter-suite.js'

/** Deep equality as vitest's toEqual sees it: properties holding undefined count as absent. */
function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]))
  const defined = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined)
  const [x, y] = [defined(a), defined(b)]
  const other = new Map(y)
  return x.length === y.length && x.every(([k, v]) => other.has(k) && equal(v, other.get(k)))
}

const show = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 200 ? `${x.slice(0, 200)}…` : x))

const expect = (actual: unknown): SuiteAssertion => ({
  toBe: (expected) => {
    if (!Object.is(actual, expected)) throw new Error(`expected ${show(actual)} to be ${show(expected)}`)
  },
  toEqual: (expected) => {
    if (!equal(actual, expected)) throw new Error(`expected ${show(actual)} to equal ${show(expected)}`)
  },
})

const tests = new Map<string, () => Promise<void>>()
const path: string[] = []
let created = 0

runStorageAdapterSuite({
  name: 'indexedDbAdapter',
  create: () => {
    const database = `conformance-${++created}`
    const adapter = indexedDbAdapter({ database })
    // Each case gets a database of its own, deleted when the suite disposes the adapter.
    return {
      ...adapter,
      dispose: async () => {
        await adapter.dispose()
        await deleteIndexedDb(database)
      },
    }
  },
  describe: (name, body) => {
    path.push(name)
    body()
    path.pop()
  },
  it: (name, body) => {
    tests.set([...path, name].join(' > '), body)
  },
  expect,
})

declare global {
  interface Window {
    conformance: { names(): string[]; run(name: string): Promise<string | null> }
  }
}

window.conformance = {
  names: () => [...tests.keys()],
  run: async (name) => {
    const body = tests.get(name)
    if (!body) return `no test named ${name}`
    try {
      await body()
      return null
    } catch (error) {
      return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)
    }
  },
}
