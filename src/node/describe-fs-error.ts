const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EBUSY: 'resource busy',
  ETXTBSY: 'text file busy',
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
  return WORDS[code] ?? code
}

/**
 * The errno code of a file system error (`ENOSPC`), or undefined for anything else.
 * @internal
 */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined
}
