import type { Stats } from 'node:fs'
import { constants, lstat, open, readlink, realpath, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../node/atomic-write.js'
import { describeFsError, fsErrorCode } from '../node/describe-fs-error.js'
import { CliInputError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'

/** Where `-o` output goes: a regular file replaced atomically, or a device or pipe written in place. */
type OutputTarget =
  | { readonly kind: 'file'; readonly path: string; readonly mode?: number }
  | { readonly kind: 'stream' }

/** Symbolic links followed before giving up, as the kernel does (`ELOOP`). */
const MAX_LINKS = 40

/**
 * Writes a command's result to standard output, or (with `-o file`) to a file. A regular file (or the
 * regular file a symbolic link points at) is replaced atomically: readers see the old or the new
 * content, never half of it, a failed run leaves it untouched, and the link stays a link. Character
 * devices and pipes (`/dev/null`, `/dev/stdout`, a FIFO) are written in place, never replaced; block
 * devices, sockets and directories are refused. `-o -` means standard output.
 *
 * @example
 * ```ts
 * await writeOutput(io, toSQL(migration), values.output)
 * ```
 */
export async function writeOutput(io: CliIO, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') {
    io.write(text)
    return
  }
  const path = resolve(io.cwd, output)
  try {
    const target = await outputTarget(path, output)
    if (target.kind === 'stream') await writeInPlace(path, text, output)
    else await writeFileAtomic(dirname(target.path), target.path, text, { mode: target.mode })
  } catch (error) {
    if (error instanceof CliInputError) throw error
    const reason = fsErrorCode(error) ?? (error as Error).message
    throw new CliInputError('cannot_write', `cannot write ${output}: ${describeFsError(reason)}`, { cause: error })
  }
}

async function outputTarget(path: string, shown: string): Promise<OutputTarget> {
  let info: Stats
  try {
    info = await stat(path) // follows symbolic links, including /dev/stdout's /proc magic links
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw error
    return { kind: 'file', path: await missingTarget(path) }
  }
  if (info.isFile()) return { kind: 'file', path: await realpath(path), mode: info.mode & 0o7777 }
  if (info.isCharacterDevice() || info.isFIFO()) return { kind: 'stream' }
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
  const what = info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a regular file'
  throw new CliInputError('cannot_write', `cannot write ${shown}: it is ${what}; refusing to write into it`)
}

/** The path a new file must get: `path` itself, or where a dangling symbolic link points (as a shell's `>` does). */
async function missingTarget(path: string): Promise<string> {
  let current = path
  for (let links = 0; links < MAX_LINKS; links++) {
    let info: Stats
    try {
      info = await lstat(current)
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT') return current
      throw error
    }
    if (!info.isSymbolicLink()) return current
    current = resolve(dirname(current), await readlink(current))
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' })
}

/** Writes into a device or pipe that already exists; never creates, truncates or replaces anything. */
async function writeInPlace(path: string, text: string, shown: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY)
  try {
    // It may have been replaced since it was looked at: only a device or pipe is written this way.
    const info = await handle.stat()
    if (!info.isCharacterDevice() && !info.isFIFO()) {
      throw new CliInputError('cannot_write', `cannot write ${shown}: it changed while being opened`)
    }
    await handle.writeFile(text, 'utf8')
  } finally {
    await handle.close()
  }
}
