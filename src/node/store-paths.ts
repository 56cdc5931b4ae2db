import type { Stats } from 'node:fs'
import { lstat, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, relative, sep } from 'node:path'
import { isSchemaLedgerError } from '../errors.js'
import { StoreAccessError } from '../storage/errors.js'
import { describeFsError, fsErrorCode } from './describe-fs-error.js'

// Keys are checked as text (key-to-path.ts), but the store directory may hold symbolic links, checked
// in by git or made by anyone: `billing -> /etc` would send `billing/v0001.json` to /etc. So every
// path is also checked as the file system resolves it, against the real path of the store directory.

type Operation = StoreAccessError['operation']

/**
 * Throws {@link StoreAccessError} (`outside_store`) when `path` (under the store directory `root`)
 * resolves, through symbolic links, to a place outside the store's real directory. The deepest part of
 * the path that exists is resolved, so a link anywhere on the way counts, and so does the file itself.
 * @internal
 */
export async function assertInsideStore(root: string, path: string, operation: Operation): Promise<void> {
  const realRoot = await realPathOf(root)
  if (realRoot === undefined) return // no store directory yet: nothing in it can lead out
  let probe = path
  let real = await realPathOf(probe)
  while (real === undefined && probe !== root && dirname(probe) !== probe) {
    probe = dirname(probe)
    real = await realPathOf(probe)
  }
  if (real === undefined || isInside(realRoot, real)) return
  throw new StoreAccessError({
    operation,
    path,
    reason: 'outside_store',
    problem: `${probe === path ? 'it' : probe} is a symbolic link that leads outside the store directory (to ${real})`,
  })
}

/**
 * What occupies `path` when it is not a regular file (`'a directory'`, `'a FIFO'`), or undefined when
 * it is a file or absent. Symbolic links are followed.
 * @internal
 */
export async function obstructionAt(path: string): Promise<string | undefined> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A dangling symbolic link also blocks the name.
      return (await lstat(path).catch(() => undefined))?.isSymbolicLink() ? 'a dangling symbolic link' : undefined
    }
    throw error
  }
  if (info.isFile()) return undefined
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO'
  if (info.isSocket()) return 'a socket'
  return info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file'
}

/**
 * A file system error as a {@link StoreAccessError} naming `path` (`Cannot write <path>: no space left
 * on device (ENOSPC)`); errors of the library and errors without an errno code pass through.
 * @internal
 */
export function storeAccessError(operation: Operation, path: string, error: unknown): unknown {
  if (isSchemaLedgerError(error)) return error
  const code = fsErrorCode(error)
  if (code === undefined) return error
  return new StoreAccessError(
    { operation, path, reason: code, problem: `${describeFsError(code)} (${code})` },
    { cause: error },
  )
}

async function realPathOf(path: string): Promise<string | undefined> {
  try {
    return await realpath(path)
  } catch (error) {
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw error
  }
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path)
  return inside.split(sep)[0] !== '..' && !isAbsolute(inside)
}
