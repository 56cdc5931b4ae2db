import { dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../node/atomic-write.js'
import { CliInputError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'

/**
 * Writes a command's result to standard output, or (with `-o file`) to a file, atomically: readers of
 * the file see the old or the new content, never half of it, and a failed run leaves it untouched.
 * `-o -` means standard output.
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
    await writeFileAtomic(dirname(path), path, text)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new CliInputError('cannot_write', `cannot write ${output}: ${describeFsError(reason)}`, { cause: error })
  }
}

/**
 * A file system error code in words.
 *
 * @example
 * ```ts
 * describeFsError('ENOENT') // 'no such file or directory'
 * ```
 */
export function describeFsError(code: string): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  }
  return words[code] ?? code
}
