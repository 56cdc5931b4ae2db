import { InvalidOptionError } from '../errors.js'
import { StoreAccessError } from './errors.js'
import type { AsyncStorageAdapter, MaybePromise } from './storage-adapter.js'

/**
 * Sends one Redis command (`['SET', key, value, 'NX']`) and returns its reply. Any client fits:
 * node-redis `(args) => client.sendCommand(args)`, ioredis `([name, ...rest]) => redis.call(name, ...rest)`.
 *
 * @example
 * ```ts
 * const command: RedisCommand = (args) => client.sendCommand(args) // node-redis
 * ```
 */
export type RedisCommand = (args: readonly string[]) => MaybePromise<unknown>

/**
 * A Redis client {@link redisAdapter} can drive directly: node-redis (`sendCommand(args)`) or ioredis
 * (`call(name, ...args)`).
 *
 * @example
 * ```ts
 * const client: RedisClientLike = createClient({ url: 'redis://127.0.0.1:6379' })
 * ```
 */
export type RedisClientLike =
  | {
      /** node-redis: sends one command given as its words (`['GET', key]`). */
      sendCommand(args: string[]): Promise<unknown>
    }
  | {
      /** ioredis: sends one command given as its name and arguments. */
      call(command: string, ...args: string[]): Promise<unknown>
    }

/**
 * Options of {@link redisAdapter}: a `client` or a `command` function.
 *
 * @example
 * ```ts
 * redisAdapter({ client, namespace: 'schemaledger:billing-team:', dispose: () => client.quit() })
 * ```
 */
export interface RedisAdapterOptions {
  /** A connected node-redis or ioredis client. */
  readonly client?: RedisClientLike
  /** Or: how to send a command, for any other client. */
  readonly command?: RedisCommand
  /** Prepended to every key, so one Redis database can hold several stores and other data; default `schemaledger:`. */
  readonly namespace?: string
  /** Called by the adapter's `dispose()`: close your client here. */
  readonly dispose?: () => MaybePromise<void>
  /** How error messages name the server (a URL without its password, say); default `redis`. */
  readonly label?: string
}

/**
 * The {@link AsyncStorageAdapter} returned by {@link redisAdapter}: asynchronous, with the atomic `setItemIfAbsent`.
 *
 * @example
 * ```ts
 * const adapter: RedisStorageAdapter = redisAdapter({ client })
 * adapter.locate('billing/v0001.json') // 'redis key schemaledger:billing/v0001.json'
 * ```
 */
export interface RedisStorageAdapter extends AsyncStorageAdapter {}

const SCAN_COUNT = '1000'

/**
 * A {@link AsyncStorageAdapter} over Redis: one string per key under a namespace. A version is claimed with
 * `SET key value NX`, which Redis runs atomically, so any number of processes can save to one store;
 * listing uses `SCAN` (never `KEYS`, which blocks the server). How long a save survives is Redis's
 * persistence setting: with `appendonly yes` and `appendfsync always` an acknowledged save survives a
 * restart. Client failures become {@link StoreAccessError} naming the key.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis'
 * import { createSchemaStore } from 'schemaledger'
 * import { redisAdapter } from 'schemaledger/storage'
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect()
 * const store = createSchemaStore({ adapter: redisAdapter({ client, dispose: () => client.quit() }) })
 * ```
 */
export function redisAdapter(options: RedisAdapterOptions): RedisStorageAdapter {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', 'expected an object')
  const send = commandOf(options)
  const namespace = options.namespace ?? 'schemaledger:'
  if (typeof namespace !== 'string') throw new InvalidOptionError('namespace', 'expected a string')
  const locate = (key: string) => `${options.label ?? 'redis'} key ${namespace}${key}`
  const label = options.label ?? 'redis'
  const run = async (operation: Operation, path: string, args: readonly string[]) => {
    try {
      return await send(args)
    } catch (error) {
      throw accessError(operation, path, error)
    }
  }

  return {
    async getItem(key) {
      const value = await run('read', locate(key), ['GET', namespace + key])
      return value === null || value === undefined ? null : String(value)
    },
    async setItem(key, value) {
      await run('write', locate(key), ['SET', namespace + key, value])
    },
    async removeItem(key) {
      await run('remove', locate(key), ['DEL', namespace + key])
    },
    async hasItem(key) {
      return Number(await run('read', locate(key), ['EXISTS', namespace + key])) === 1
    },
    async getKeys(prefix = '') {
      const full = namespace + prefix
      const pattern = `${full.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`
      const keys = new Set<string>()
      let cursor = '0'
      do {
        const reply = await run('list', `${label} keys ${full}*`, [
          'SCAN',
          cursor,
          'MATCH',
          pattern,
          'COUNT',
          SCAN_COUNT,
        ])
        const [next, batch] = reply as [unknown, unknown[]]
        cursor = String(next)
        // SCAN may return a key twice; the prefix test guards against a client that rewrites patterns.
        for (const key of batch) if (String(key).startsWith(full)) keys.add(String(key).slice(namespace.length))
      } while (cursor !== '0')
      return [...keys]
    },
    async setItemIfAbsent(key, value) {
      return (await run('write', locate(key), ['SET', namespace + key, value, 'NX'])) !== null
    },
    locate,
    async dispose() {
      await options.dispose?.()
    },
  }
}

type Operation = 'read' | 'write' | 'list' | 'remove'

function commandOf(options: RedisAdapterOptions): RedisCommand {
  if (typeof options.command === 'function') return options.command
  const client = options.client as { sendCommand?: unknown; call?: unknown } | undefined
  if (client && typeof client.sendCommand === 'function') {
    const c = client as { sendCommand(args: string[]): Promise<unknown> }
    return (args) => c.sendCommand([...args])
  }
  if (client && typeof client.call === 'function') {
    const c = client as { call(command: string, ...args: string[]): Promise<unknown> }
    return ([name = '', ...rest]) => c.call(name, ...rest)
  }
  throw new InvalidOptionError(
    'client',
    'expected a node-redis client (sendCommand), an ioredis client (call), or a command function',
  )
}

function accessError(operation: Operation, path: string, error: unknown): StoreAccessError {
  const e = error as { code?: unknown; message?: unknown; name?: unknown } | null
  const reason = typeof e?.code === 'string' && e.code !== '' ? e.code : 'command_failed'
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error)
  return new StoreAccessError({ operation, path, reason, problem: message }, { cause: error })
}
