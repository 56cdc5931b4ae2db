import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSchemaStore,
  defineSchema,
  isSchemaLedgerError,
  memoryAdapter,
  type StorageAdapter,
  StoreAccessError,
} from '../../src/index.js'
import { redisAdapter } from '../../src/storage/index.js'
import { runStorageAdapterSuite } from '../../src/testing/index.js'
import { openRedis, type RedisConnection, redisSkip, uniqueName } from './store-backends.js'

// redisAdapter on the Redis server (SCHEMALEDGER_REDIS_URL): the conformance suite with one fresh
// namespace per test, then namespacing, both client shapes, byte-equal version files and errors.

const title = redisSkip ? `Redis server (skipped: ${redisSkip})` : 'Redis server'

describe.skipIf(redisSkip)(`redisAdapter on ${title}`, () => {
  let connection: RedisConnection
  const namespaces: string[] = []
  const fresh = (namespace = `${uniqueName('sl_redis')}:`) => {
    namespaces.push(namespace)
    return redisAdapter({ client: connection.client, namespace })
  }
  beforeAll(async () => {
    connection = await openRedis()
  }, 60_000)
  afterAll(async () => {
    for (const namespace of namespaces) {
      const keys = await redisAdapter({ client: connection.client, namespace }).getKeys()
      for (const key of keys) await connection.client.sendCommand(['DEL', namespace + key])
    }
    await connection?.close()
  })

  runStorageAdapterSuite({ name: 'redisAdapter', create: () => fresh(), describe, it, expect })

  it('keeps each namespace to itself, glob characters included', async () => {
    const base = uniqueName('sl_redis')
    const star = fresh(`${base}:*:`)
    const plain = fresh(`${base}:x:`)
    await star.setItem('a/1', 'star')
    await plain.setItem('a/1', 'plain')
    await plain.setItem('a[1]', 'bracket')
    expect(await star.getKeys()).toEqual(['a/1'])
    expect([...(await plain.getKeys())].sort()).toEqual(['a/1', 'a[1]'])
    expect(await plain.getKeys('a[')).toEqual(['a[1]'])
    expect(await star.getItem('a/1')).toBe('star')
    expect(await connection.client.sendCommand(['GET', `${base}:x:a/1`])).toBe('plain')
    expect(star.locate('a/1')).toBe(`redis key ${base}:*:a/1`)
  })

  it('drives an ioredis-shaped client (call) and a command function alike', async () => {
    const namespace = `${uniqueName('sl_redis')}:`
    namespaces.push(namespace)
    const call = (name: string, ...args: string[]) => connection.client.sendCommand([name, ...args])
    const viaCall = redisAdapter({ client: { call }, namespace })
    const viaCommand = redisAdapter({ command: (args) => connection.client.sendCommand([...args]), namespace })
    expect(await viaCall.setItemIfAbsent('k', 'first')).toBe(true)
    expect(await viaCommand.setItemIfAbsent('k', 'second')).toBe(false)
    expect([await viaCommand.getItem('k'), await viaCall.hasItem('k')]).toEqual(['first', true])
  })

  it('writes version files byte for byte as the memory adapter does', async () => {
    const memory = memoryAdapter()
    const redis = fresh()
    for (const adapter of [memory, redis]) {
      const store = createSchemaStore({ adapter, now: () => new Date('2024-05-01T12:00:00.000Z') })
      await store.save('billing', schema('a'), { message: 'first — ü 🧪', tags: ['prod'] })
      await store.save('billing', schema('b'))
    }
    expect(await contents(redis)).toEqual(await contents(memory))
  })

  it('reports a failed command as StoreAccessError naming the key', async () => {
    const failing = redisAdapter({
      command: () => Promise.reject(Object.assign(new Error('connection lost'), { code: 'ECONNRESET' })),
    })
    const error = await failing.getItem('billing/v0001.json').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreAccessError)
    expect([(error as StoreAccessError).path, (error as StoreAccessError).reason]).toEqual([
      'redis key schemaledger:billing/v0001.json',
      'ECONNRESET',
    ])
  })
})

describe('redisAdapter options', () => {
  it('needs a node-redis or ioredis client, or a command function', () => {
    for (const options of [
      undefined,
      {},
      { client: {} },
      { client: { get: () => null } },
      { command: () => null, namespace: 3 },
    ]) {
      let code = 'no error'
      try {
        redisAdapter(options as never)
      } catch (error) {
        code = isSchemaLedgerError(error) ? error.code : String(error)
      }
      expect([options, code]).toEqual([options, 'invalid_option'])
    }
  })
})

const schema = (column: string) =>
  defineSchema({ tables: [{ name: 'invoices', columns: [{ name: column, type: 'text' }] }] })

async function contents(adapter: StorageAdapter): Promise<[string, string | null][]> {
  const keys = [...(await adapter.getKeys())].sort()
  return Promise.all(keys.map(async (key) => [key, await adapter.getItem(key)] as [string, string | null]))
}
