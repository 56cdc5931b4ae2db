import { readFile, stat, unlink } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { InvalidOptionError } from '../errors.js'
import { InvalidStorageKeyError, StoreAccessError } from '../storage/errors.js'
import type { StorageAdapter } from '../storage/storage-adapter.js'
import { createFileExclusive, fsyncDirectory, writeFileAtomic } from './atomic-write.js'
import { keyProblem, keyToPath } from './key-to-path.js'
import { assertInsideStore, obstructionAt, storeAccessError } from './store-paths.js'
import { listKeysUnder, removeStaleTempFiles } from './walk-store-directory.js'

/**
 * Options of {@link fileAdapter}.
 *
 * @example
 * ```ts
 * fileAdapter({ dir: '.schemaledger', staleTempAfterMs: 60_000 })
 * ```
 */
export interface FileAdapterOptions {
  /** The store directory; created on the first write. Keys are file paths under it. */
  readonly dir: string
  /**
   * Temporary files left by crashed writers are removed when the adapter is first used, if they are
   * older than this many milliseconds and their process is not running. Default: 10 minutes.
   */
  readonly staleTempAfterMs?: number
}

/**
 * The {@link StorageAdapter} returned by {@link fileAdapter}: asynchronous, with `setItemIfAbsent` and `locate`.
 *
 * @example
 * ```ts
 * const adapter: FileStorageAdapter = fileAdapter({ dir: '.schemaledger' })
 * adapter.locate('billing/v0001.json') // '/repo/.schemaledger/billing/v0001.json'
 * ```
 */
export interface FileStorageAdapter extends StorageAdapter {
  /** The absolute store directory. */
  readonly dir: string
  getItem(key: string): Promise<string | null>
  setItem(key: string, value: string): Promise<void>
  removeItem(key: string): Promise<void>
  hasItem(key: string): Promise<boolean>
  getKeys(prefix?: string): Promise<string[]>
  setItemIfAbsent(key: string, value: string): Promise<boolean>
  /** The absolute file path of a key. */
  locate(key: string): string
  obstruction(key: string): Promise<string | undefined>
}

const DEFAULT_STALE_TEMP_MS = 10 * 60 * 1000

/**
 * A {@link StorageAdapter} keeping one file per key under a directory (`billing/v0001.json` is
 * `<dir>/billing/v0001.json`), safe against crashes and concurrent processes: every write goes to an
 * fsynced temporary file that is renamed (or, for `setItemIfAbsent`, hard-linked) into place, then the
 * directory is fsynced. Keys that could escape the directory or that a file system would refuse are
 * rejected with {@link InvalidStorageKeyError}; a symbolic link inside the directory that leads outside
 * it is never followed for reading, writing or listing, and file system failures (a full disk, a denied
 * permission, a directory where a file belongs) are a {@link StoreAccessError} naming the file.
 *
 * @example
 * ```ts
 * import { createSchemaStore } from 'schemaledger'
 * import { fileAdapter } from 'schemaledger/node'
 * const store = createSchemaStore({ adapter: fileAdapter({ dir: '.schemaledger' }) })
 * ```
 */
export function fileAdapter(options: FileAdapterOptions): FileStorageAdapter {
  const { root, staleTempAfterMs } = validateOptions(options)
  const path = (key: string) => keyToPath(root, key)
  let opened: Promise<void> | undefined
  // Cleanup runs once, before the first operation, and never fails an operation.
  const ready = () => {
    opened ??= removeStaleTempFiles(root, staleTempAfterMs).then(
      () => undefined,
      () => undefined,
    )
    return opened
  }

  /** Runs one operation on `file` once it is known to stay inside the store; file system errors name the file. */
  const run = async <T>(operation: StoreAccessError['operation'], file: string, body: () => Promise<T>) => {
    await ready()
    try {
      await assertInsideStore(root, file, operation)
      return await body()
    } catch (error) {
      throw storeAccessError(operation, file, error)
    }
  }

  return {
    dir: root,
    locate: path,
    async getItem(key) {
      const file = path(key)
      return run('read', file, async () => {
        try {
          return await readFile(file, 'utf8')
        } catch (error) {
          if (isAbsent(error)) return null
          throw error
        }
      })
    },
    async setItem(key, value) {
      const file = path(key)
      await run('write', file, () => writeFileAtomic(root, file, value))
    },
    async setItemIfAbsent(key, value) {
      const file = path(key)
      return run('write', file, async () => {
        if (await createFileExclusive(root, file, value)) return true
        // The name exists; when it is not a file, nothing can ever be created there: say so at once.
        const occupant = await obstructionAt(file)
        if (occupant === undefined) return false
        throw new StoreAccessError({
          operation: 'write',
          path: file,
          reason: 'not_a_file',
          problem: `it is ${occupant}, not a file`,
        })
      })
    },
    async removeItem(key) {
      const file = path(key)
      await run('remove', file, async () => {
        try {
          await unlink(file)
        } catch (error) {
          if (isAbsent(error) || (await isDirectory(file))) return
          throw error
        }
        await fsyncDirectory(dirname(file))
      })
    },
    async hasItem(key) {
      const file = path(key)
      return run('read', file, () =>
        stat(file).then(
          (s) => s.isFile(),
          (error: unknown) => {
            if (isAbsent(error)) return false
            throw error
          },
        ),
      )
    },
    async obstruction(key) {
      const file = path(key)
      return run('read', file, () => obstructionAt(file))
    },
    async getKeys(prefix = '') {
      const directory = prefix.slice(0, Math.max(prefix.lastIndexOf('/'), 0))
      const problem = directory === '' ? undefined : keyProblem(directory)
      if (problem !== undefined) throw new InvalidStorageKeyError(prefix, problem)
      const segments = directory === '' ? [] : directory.split('/')
      const keys = await run('list', join(root, ...segments), () => listKeysUnder(root, segments))
      return keys.filter((key) => key.startsWith(prefix)).sort()
    },
  }
}

function validateOptions(options: FileAdapterOptions): { root: string; staleTempAfterMs: number } {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'expected { dir }, e.g. fileAdapter({ dir: ".schemaledger" })')
  }
  const { dir, staleTempAfterMs = DEFAULT_STALE_TEMP_MS } = options
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new InvalidOptionError('dir', 'expected a non-empty directory path')
  }
  if (dir.includes('\u0000')) throw new InvalidOptionError('dir', 'the path must not contain NUL')
  if (typeof staleTempAfterMs !== 'number' || !Number.isFinite(staleTempAfterMs) || staleTempAfterMs < 0) {
    throw new InvalidOptionError('staleTempAfterMs', 'expected a non-negative number of milliseconds')
  }
  return { root: resolve(dir), staleTempAfterMs }
}

/** ENOENT: no such file; ENOTDIR: a parent segment is a file, so the key cannot exist; EISDIR: a directory. */
function isAbsent(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  )
}
