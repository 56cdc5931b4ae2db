import { diffSchemas } from '../dialects/diff-schemas.js'
import { isSchemaLedgerError } from '../errors.js'
import { defineSchema } from '../model/define-schema.js'
import { serializeSchema } from '../model/serialize-schema.js'
import type { Schema } from '../model/types.js'
import { createSchemaStore } from '../storage/create-schema-store.js'
import { StoreCorruptionError } from '../storage/errors.js'
import type { StorageAdapter } from '../storage/storage-adapter.js'
import { versionKey } from '../storage/store-layout.js'
import type { SchemaStore, SchemaStoreOptions } from '../storage/store-types.js'

/**
 * The assertions the suite needs; vitest's and jest's `expect` fit, and so does a small wrapper
 * around `node:assert`.
 *
 * @example
 * ```ts
 * const expect = (actual: unknown): SuiteAssertion => ({
 *   toBe: (e) => assert.strictEqual(actual, e),
 *   toEqual: (e) => assert.deepStrictEqual(actual, e),
 * })
 * ```
 */
export interface SuiteAssertion {
  /** Fails unless the value is `expected` by `Object.is`. */
  toBe(expected: unknown): void
  /** Fails unless the value deeply equals `expected`. */
  toEqual(expected: unknown): void
}

/**
 * Options of {@link runStorageAdapterSuite}: the adapter factory and the test runner's functions (the
 * suite never imports a test runner itself).
 *
 * @example
 * ```ts
 * runStorageAdapterSuite({ name: 'redis', create: () => redisAdapter(client), describe, it, expect })
 * ```
 */
export interface StorageAdapterSuiteOptions {
  /** Shown in the suite title. */
  readonly name: string
  /** Returns a fresh, empty adapter; called once per test (disposed afterwards when it has `dispose`). */
  readonly create: () => StorageAdapter | Promise<StorageAdapter>
  /** The runner's `describe`: groups the suite's tests under one title. */
  readonly describe: (name: string, body: () => void) => void
  /** The runner's `it` (or `test`): registers one asynchronous test. */
  readonly it: (name: string, body: () => Promise<void>) => void
  /** The runner's `expect`, or anything with `toBe` and `toEqual`. */
  readonly expect: (actual: unknown) => SuiteAssertion
}

/**
 * Registers the conformance tests every {@link StorageAdapter} must pass, whether its methods are
 * synchronous or asynchronous: the key/value contract (missing keys, overwrite, remove, prefix
 * listing with nested segments, unicode and long values, `setItemIfAbsent` and its atomicity under
 * concurrent calls when present, `dispose`), then a {@link SchemaStore} on top of the adapter
 * (numbering without gaps, identical saves, every kind of ref, history, tags, diff, names, corruption
 * detection, concurrent saves).
 *
 * @example
 * ```ts
 * import { describe, expect, it } from 'vitest'
 * import { runStorageAdapterSuite } from 'schemaledger/testing'
 * runStorageAdapterSuite({ name: 'myAdapter', create: () => myAdapter(), describe, it, expect })
 * ```
 */
export function runStorageAdapterSuite(options: StorageAdapterSuiteOptions): void {
  const { describe, expect } = options
  const test = (title: string, body: (adapter: StorageAdapter) => Promise<void>) =>
    options.it(title, async () => {
      const adapter = await options.create()
      try {
        await body(adapter)
      } finally {
        await adapter.dispose?.()
      }
    })
  const storeTest = (title: string, body: (store: SchemaStore, adapter: StorageAdapter) => Promise<void>) =>
    test(title, (adapter) => body(createSchemaStore(quietStore(adapter)), adapter))
  const sortedKeys = async (adapter: StorageAdapter, prefix?: string) => [...(await adapter.getKeys(prefix))].sort()

  describe(`StorageAdapter conformance: ${options.name}`, () => {
    test('a missing key reads as null and hasItem is false', async (adapter) => {
      expect(await adapter.getItem('missing/key.json')).toBe(null)
      expect(await adapter.hasItem('missing/key.json')).toBe(false)
      expect(await sortedKeys(adapter)).toEqual([])
    })

    test('stores, overwrites and removes values', async (adapter) => {
      await adapter.setItem('a/item.json', 'first')
      expect(await adapter.getItem('a/item.json')).toBe('first')
      expect(await adapter.hasItem('a/item.json')).toBe(true)
      await adapter.setItem('a/item.json', 'second')
      expect(await adapter.getItem('a/item.json')).toBe('second')
      await adapter.removeItem('a/item.json')
      expect(await adapter.getItem('a/item.json')).toBe(null)
      expect(await adapter.hasItem('a/item.json')).toBe(false)
      expect(await sortedKeys(adapter)).toEqual([])
      await adapter.removeItem('a/item.json') // removing a missing key is not an error
    })

    test('lists keys by string prefix, with nested segments', async (adapter) => {
      for (const key of ['a/1', 'a/2', 'a/b/c/d.json', 'ab', 'b/1']) await adapter.setItem(key, key)
      expect(await sortedKeys(adapter, 'a/')).toEqual(['a/1', 'a/2', 'a/b/c/d.json'])
      expect(await sortedKeys(adapter, 'a/b/')).toEqual(['a/b/c/d.json'])
      expect(await sortedKeys(adapter, 'a')).toEqual(['a/1', 'a/2', 'a/b/c/d.json', 'ab'])
      expect(await sortedKeys(adapter, '')).toEqual(['a/1', 'a/2', 'a/b/c/d.json', 'ab', 'b/1'])
      expect(await sortedKeys(adapter)).toEqual(['a/1', 'a/2', 'a/b/c/d.json', 'ab', 'b/1'])
      expect(await sortedKeys(adapter, 'zzz/')).toEqual([])
      expect(await adapter.getItem('a/b/c/d.json')).toBe('a/b/c/d.json')
    })

    test('keeps empty, unicode and long values exactly', async (adapter) => {
      const values = {
        'v/empty': '',
        'v/unicode': 'naïve café — 日本語 🧪 \u00e9\u0301 "quoted" \\ \t\r\n end',
        'v/long': `${'0123456789abcdef'.repeat(65_536)}!`,
        'v/json': `${JSON.stringify({ a: [1, 2, { b: 'ü' }] }, null, 2)}\n`,
      }
      for (const [key, value] of Object.entries(values)) await adapter.setItem(key, value)
      for (const [key, value] of Object.entries(values)) expect(await adapter.getItem(key)).toBe(value)
      expect(await adapter.hasItem('v/empty')).toBe(true)
    })

    test('keeps many keys written concurrently', async (adapter) => {
      const keys = Array.from({ length: 40 }, (_, i) => `many/${String(i).padStart(2, '0')}.json`)
      await Promise.all(keys.map((key) => adapter.setItem(key, `value of ${key}`)))
      expect(await sortedKeys(adapter, 'many/')).toEqual(keys)
      for (const key of keys) expect(await adapter.getItem(key)).toBe(`value of ${key}`)
    })

    test('setItemIfAbsent (when present) creates only a missing key', async (adapter) => {
      if (!adapter.setItemIfAbsent) return
      expect(await adapter.setItemIfAbsent('c/claim.json', 'mine')).toBe(true)
      expect(await adapter.setItemIfAbsent('c/claim.json', 'theirs')).toBe(false)
      expect(await adapter.getItem('c/claim.json')).toBe('mine')
      await adapter.removeItem('c/claim.json')
      expect(await adapter.setItemIfAbsent('c/claim.json', 'again')).toBe(true)
      expect(await adapter.getItem('c/claim.json')).toBe('again')
    })

    test('setItemIfAbsent (when present) lets exactly one of many concurrent callers win', async (adapter) => {
      const claim = adapter.setItemIfAbsent?.bind(adapter)
      if (!claim) return
      for (let round = 0; round < 5; round++) {
        const key = `race/${round}.json`
        const results = await Promise.all(Array.from({ length: 16 }, (_, i) => claim(key, `writer ${i}`)))
        const winners = results.flatMap((won, i) => (won ? [i] : []))
        expect(winners.length).toBe(1)
        expect(await adapter.getItem(key)).toBe(`writer ${winners[0]}`)
      }
    })

    options.it('dispose (when present) can be called', async () => {
      const adapter = await options.create()
      await adapter.setItem('d/x', 'x')
      await adapter.dispose?.()
    })
  })

  describe(`SchemaStore on ${options.name}`, () => {
    storeTest('numbers versions from 1 without gaps and describes each', async (store) => {
      const first = await store.save('billing', sample(1), { message: 'first', author: 'ana' })
      const second = await store.save('billing', sample(2))
      const other = await store.save('auth', sample(1))
      expect(first).toEqual({
        name: 'billing',
        version: 1,
        hash: first.hash,
        createdAt: FIXED_TIME,
        message: 'first',
        author: 'ana',
        tags: [],
      })
      expect(/^[0-9a-f]{64}$/.test(first.hash)).toBe(true)
      expect([second.version, second.message, other.version]).toEqual([2, '', 1])
      expect(other.hash).toBe(first.hash) // the hash depends on the content only
    })

    storeTest('returns the latest version when the schema is identical to it', async (store) => {
      const v1 = await store.save('billing', sample(1))
      const v2 = await store.save('billing', sample(2))
      expect(await store.save('billing', sample(2), { message: 'again' })).toEqual(v2)
      expect(await store.save('billing', respelled(2))).toEqual(v2) // same database, other spelling
      expect((await store.save('billing', sample(1))).version).toBe(3) // identical to an older one: new version
      expect(v1.hash).toBe((await store.load('billing', 3)).hash)
    })

    storeTest('loads by number, digit string, latest, tag and hash prefix', async (store) => {
      const v1 = await store.save('billing', sample(1), { tags: ['first'] })
      const v2 = await store.save('billing', sample(2))
      const v3 = await store.save('billing', sample(3))
      const loaded = async (ref: number | string) => (await store.load('billing', ref)).version
      expect(await loaded(2)).toBe(2)
      expect(await loaded('2')).toBe(2)
      expect(await loaded('latest')).toBe(3)
      expect((await store.load('billing')).version).toBe(3)
      expect(await loaded('first')).toBe(1)
      expect(await loaded(v2.hash.slice(0, 6))).toBe(2)
      expect(await loaded(v3.hash.toUpperCase())).toBe(3)
      const { schema, ...info } = await store.load('billing', 1)
      expect(info).toEqual(v1)
      expect(serializeSchema(schema)).toBe(serializeSchema(sample(1)))
    })

    storeTest('rejects refs that cannot match, with clear errors', async (store) => {
      const saved = await store.save('billing', sample(1))
      const unused = saved.hash.startsWith('ffffff') ? 'eeeeee' : 'ffffff'
      expect(await codeOf(() => store.load('billing', 0))).toBe('invalid_ref')
      expect(await codeOf(() => store.load('billing', 1.5))).toBe('invalid_ref')
      expect(await codeOf(() => store.load('billing', saved.hash.slice(0, 5)))).toBe('invalid_ref')
      expect(await codeOf(() => store.load('billing', 2))).toBe('version_not_found')
      expect(await codeOf(() => store.load('billing', 'no-such-tag'))).toBe('version_not_found')
      expect(await codeOf(() => store.load('billing', unused))).toBe('version_not_found')
      expect(await codeOf(() => store.load('nobody', 'latest'))).toBe('version_not_found')
    })

    storeTest('keeps history oldest first, with tags that move', async (store) => {
      await store.save('billing', sample(1), { tags: ['prod'] })
      await store.save('billing', sample(2), { tags: ['staging'] })
      expect((await store.tag('billing', 2, 'prod')).tags).toEqual(['prod', 'staging'])
      const history = await store.history('billing')
      expect(history.map((v) => [v.version, v.tags])).toEqual([
        [1, []],
        [2, ['prod', 'staging']],
      ])
      expect(await store.history('nobody')).toEqual([])
      expect(await codeOf(() => store.tag('billing', 9, 'prod'))).toBe('version_not_found')
    })

    storeTest('diffs two versions exactly as diffSchemas does', async (store) => {
      await store.save('billing', sample(1))
      await store.save('billing', sample(3))
      const options = { inferRenames: 'off' } as const
      expect(await store.diff('billing', 1, 'latest')).toEqual(diffSchemas(sample(1), sample(3)))
      expect(await store.diff('billing', 2, 1, options)).toEqual(diffSchemas(sample(3), sample(1), options))
    })

    storeTest('lists names with versions, sorted', async (store) => {
      expect(await store.names()).toEqual([])
      await store.save('zeta', sample(1))
      await store.save('alpha', sample(1))
      await store.save('alpha', sample(2))
      expect(await store.names()).toEqual(['alpha', 'zeta'])
    })

    storeTest('rejects invalid names and tags', async (store) => {
      const long = 'x'.repeat(101)
      for (const name of ['', 'a/b', 'a\\b', '..', 'a..b', 'nul\u0000byte', '.hidden', long, ' padded']) {
        expect([name, await codeOf(() => store.save(name, sample(1)))]).toEqual([name, 'invalid_name'])
      }
      for (const tag of ['', '12', 'latest', 'deadbeef', 'a/b', '.t']) {
        expect([tag, await codeOf(() => store.save('billing', sample(1), { tags: [tag] }))]).toEqual([
          tag,
          'invalid_name',
        ])
      }
      expect(await store.names()).toEqual([])
    })

    storeTest('detects damaged and missing version files, keeping the rest readable', async (store, adapter) => {
      for (const n of [1, 2, 3, 4]) await store.save('billing', sample(n))
      const key = versionKey('billing', 2)
      const original = (await adapter.getItem(key)) ?? ''
      const damage = async (text: string) => {
        await adapter.setItem(key, text)
        const error = await errorOf(() => store.load('billing', 2))
        const seen = error instanceof StoreCorruptionError ? [error.version, error.key, error.reason] : [String(error)]
        for (const other of [1, 3, 'latest']) await store.load('billing', other)
        return seen
      }
      expect(await damage(original.replace('"t2_', '"T2_'))).toEqual([2, key, 'hash_mismatch'])
      expect(await damage(original.slice(0, original.length >> 1))).toEqual([2, key, 'unreadable_json'])
      expect(await damage(original.replace('"message": ""', '"message": "edited"'))).toEqual([
        2,
        key,
        'checksum_mismatch',
      ])
      expect(await damage(original.replace('"version": 2', '"version": 3'))).toEqual([2, key, 'wrong_location'])
      expect((await store.verify()).map((p) => [p.name, p.version, p.reason])).toEqual([
        ['billing', 2, 'wrong_location'],
      ])
      await adapter.removeItem(key)
      expect((await store.verify('billing')).map((p) => [p.version, p.reason])).toEqual([[2, 'missing_version']])
      expect(await codeOf(() => store.history('billing'))).toBe('store_corruption')
      await adapter.setItem(key, original) // the repair: put the file back
      expect(await store.verify()).toEqual([])
      expect((await store.history('billing')).length).toBe(4)
    })

    storeTest('detects a damaged tag file without hiding any version', async (store, adapter) => {
      await store.save('billing', sample(1), { tags: ['prod'] })
      await store.save('billing', sample(2), { tags: ['qa'] })
      const key = 'billing/tags/prod.json'
      const original = (await adapter.getItem(key)) ?? ''
      await adapter.setItem(key, original.replace('"version": 1', '"version": 2'))
      const error = await errorOf(() => store.load('billing', 'prod'))
      expect(error instanceof StoreCorruptionError ? [error.tag, error.reason] : String(error)).toEqual([
        'prod',
        'checksum_mismatch',
      ])
      expect((await store.load('billing', 1)).tags).toEqual([])
      expect((await store.verify()).map((p) => [p.tag, p.reason])).toEqual([['prod', 'checksum_mismatch']])
      await store.tag('billing', 1, 'prod') // the repair: tag again
      expect(await store.verify()).toEqual([])
    })

    storeTest('without setItemIfAbsent warns once; with it never', async (_store, adapter) => {
      const warnings: string[] = []
      const store = createSchemaStore({ adapter, now: () => new Date(FIXED_TIME), onWarning: (m) => warnings.push(m) })
      await store.save('billing', sample(1))
      await store.save('billing', sample(2))
      expect(warnings.length).toBe(adapter.setItemIfAbsent ? 0 : 1)
    })

    storeTest('concurrent saves (with setItemIfAbsent) get unique, contiguous numbers', async (store, adapter) => {
      if (!adapter.setItemIfAbsent) return
      const schemas = Array.from({ length: 12 }, (_, i) => sample(i + 1))
      const saved = await Promise.all(schemas.map((s) => store.save('billing', s)))
      expect(saved.map((v) => v.version).sort((a, b) => a - b)).toEqual(schemas.map((_, i) => i + 1))
      for (const [i, info] of saved.entries()) {
        const loaded = await store.load('billing', info.version)
        expect(serializeSchema(loaded.schema)).toBe(serializeSchema(schemas[i] as Schema))
      }
      const same = await Promise.all(Array.from({ length: 6 }, () => store.save('billing', sample(99))))
      expect(new Set(same.map((v) => v.version)).size).toBe(1)
      expect((await store.history('billing')).length).toBe(13)
    })
  })
}

const FIXED_TIME = '2024-05-01T12:00:00.000Z'

function quietStore(adapter: StorageAdapter): SchemaStoreOptions {
  return { adapter, singleWriter: true, now: () => new Date(FIXED_TIME) }
}

/** A schema with `n` tables (`t1_...`), each a bit different, so every `n` gives a new version. */
function sample(n: number, integer = 'integer'): Schema {
  return defineSchema({
    tables: Array.from({ length: Math.min(n, 5) }, (_, i) => ({
      name: `t${i + 1}_${n}`,
      columns: [
        { name: 'id', type: integer, nullable: false },
        { name: `note_${n}`, type: 'varchar(40)' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
    })),
  })
}

/** The same database as `sample(n)`, spelled differently. */
function respelled(n: number): Schema {
  return sample(n, 'int4')
}

async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  return new Error('expected the call to fail, but it succeeded')
}

async function codeOf(run: () => unknown): Promise<string> {
  const error = await errorOf(run)
  return isSchemaLedgerError(error) ? error.code : String(error)
}
