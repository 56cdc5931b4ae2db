import { link, mkdir, open, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { SchemaLedgerError } from '../errors.js'
import { tempFileName } from './temp-files.js'

// Readers must never see a partial file, and a write that returned must survive a crash. So content
// is always written completely to a temporary file in the target directory and fsynced before it
// gets its real name, and the directory is fsynced after the name changes.

/**
 * Replaces `path` (inside the store directory `root`) with `data` atomically: temp file (open `wx`, write, fsync, close), `rename` over
 * the target, fsync the directory. Readers see the old or the new content, never a mix. `mode` gives the
 * new file the permissions of the one it replaces (default 0644 less the umask).
 * For regular files only: a rename would replace a device, pipe or symbolic link with a file.
 * @internal
 */
export async function writeFileAtomic(
  root: string,
  path: string,
  data: string,
  options: { readonly mode?: number | undefined } = {},
): Promise<void> {
  const dir = dirname(path)
  await ensureDirectory(root, dir)
  const temp = await writeTempFile(dir, data, options.mode)
  try {
    await rename(temp, path)
  } catch (error) {
    await removeQuietly(temp)
    throw error
  }
  await fsyncDirectory(dir)
}

/**
 * Creates `path` with `data` only if it does not exist, atomically, and returns whether it did: temp
 * file (write, fsync), `link(temp, path)` (fails with `EEXIST` when the path exists, so exactly one
 * of several racing writers wins, and the file appears with its complete content), unlink the temp
 * file, fsync the directory.
 * @internal
 */
export async function createFileExclusive(root: string, path: string, data: string): Promise<boolean> {
  const dir = dirname(path)
  await ensureDirectory(root, dir)
  const temp = await writeTempFile(dir, data)
  let created = false
  try {
    await link(temp, path)
    created = true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EEXIST') throw linkError(path, error)
  } finally {
    await removeQuietly(temp)
  }
  if (created) await fsyncDirectory(dir)
  return created
}

/** Flushes a directory's entries (new, renamed, removed names) to disk; a no-op where unsupported. @internal */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return // directories cannot be opened for fsync on Windows
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error
  } finally {
    await handle.close()
  }
}

/** Removes a file, ignoring one that is already gone. @internal */
export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined)
}

async function writeTempFile(dir: string, data: string, mode?: number): Promise<string> {
  const path = join(dir, tempFileName())
  const handle = await open(path, 'wx', 0o644)
  try {
    if (mode !== undefined) await handle.chmod(mode)
    await handle.writeFile(data, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await removeQuietly(path)
    throw error
  }
  await handle.close()
  return path
}

/** Directories whose entries, up to the store root, this process has already made durable. */
const durableDirectories = new Set<string>()

/**
 * `mkdir -p`, then (once per directory per process) fsync every parent from `dir` up to the root's
 * parent. Done even when another process created the directory: it may not have fsynced the parent
 * yet, and a file inside is only durable once the directory's own entry is.
 */
async function ensureDirectory(root: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  if (durableDirectories.has(dir)) return
  for (let current = dir; ; current = dirname(current)) {
    // The root's parent may be unreadable to us (EACCES): its entry is then the owner's business.
    await fsyncDirectory(dirname(current)).catch((error: NodeJS.ErrnoException) => {
      if (current !== root || (error.code !== 'EACCES' && error.code !== 'EPERM')) throw error
    })
    if (current === root || dirname(current) === current) break
  }
  durableDirectories.add(dir)
}

function linkError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV') {
    return new SchemaLedgerError(
      'hard_links_unsupported',
      `Cannot create ${path} exclusively: the file system refused a hard link (${code}). ` +
        'The file adapter needs a file system with hard links (ext4, APFS, NTFS, ...).',
      { cause: error },
    )
  }
  return error
}
