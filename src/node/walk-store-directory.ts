import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { removeQuietly } from './atomic-write.js'
import { isProcessAlive, isTempFileName, tempFileOwner } from './temp-files.js'

/** A regular file found under the store directory. */
interface FoundFile {
  /** Path segments from the root (`['billing', 'v0001.json']`). */
  readonly segments: readonly string[]
  readonly path: string
}

/**
 * Every regular file under `dir` (recursively), with its segments from the root. Hidden directories
 * are not entered and symbolic links are not followed, so a listing never leaves the store.
 */
async function findFiles(dir: string, segments: readonly string[] = []): Promise<FoundFile[]> {
  let entries: import('node:fs').Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return []
    throw error
  }
  const found: FoundFile[] = []
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isFile()) found.push({ segments: [...segments, entry.name], path })
    else if (entry.isDirectory() && !entry.name.startsWith('.')) {
      found.push(...(await findFiles(path, [...segments, entry.name])))
    }
  }
  return found
}

/**
 * The keys (`/`-joined paths) of every file under `root/<segments>`, skipping temporary files and
 * anything hidden: a temporary file is never visible as a key.
 * @internal
 */
export async function listKeysUnder(root: string, segments: readonly string[]): Promise<string[]> {
  const files = await findFiles(join(root, ...segments), segments)
  return files.filter((f) => !f.segments.some((s) => s.startsWith('.'))).map((f) => f.segments.join('/'))
}

/**
 * Removes temporary files left by crashed writers: only those older than `olderThanMs` whose writing
 * process is not running here, so another process's in-flight write is never touched. Best effort.
 * @internal
 */
export async function removeStaleTempFiles(root: string, olderThanMs: number): Promise<string[]> {
  const removed: string[] = []
  const cutoff = Date.now() - olderThanMs
  for (const file of await findFiles(root)) {
    const name = file.segments.at(-1) ?? ''
    if (!isTempFileName(name)) continue
    const owner = tempFileOwner(name)
    if (owner !== undefined && isProcessAlive(owner)) continue
    const modified = await stat(file.path).then(
      (s) => s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    )
    if (modified > cutoff) continue
    await removeQuietly(file.path)
    removed.push(file.path)
  }
  return removed
}
