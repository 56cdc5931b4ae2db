import { isAbsolute, join, relative } from 'node:path'
import { InvalidStorageKeyError } from '../storage/errors.js'

// Keys become paths under the store directory, so a key must not be able to name anything else:
// each `/`-separated segment is checked, and the joined path is checked again against the root.

const MAX_KEY_LENGTH = 1024
const MAX_SEGMENT_BYTES = 255
/** Names Windows reserves for devices, with or without an extension (`CON`, `nul.json`, `COM1.txt`). */
const RESERVED_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f<>:"|?*\\]/
/** With the `u` flag, `\p{Cs}` matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /\p{Cs}/u

/** Why `key` cannot be stored as a file, or undefined when it can. @internal */
export function keyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'keys must be non-empty strings'
  if (key.length > MAX_KEY_LENGTH) return `keys must be at most ${MAX_KEY_LENGTH} characters`
  if (key.includes('\u0000')) return 'keys must not contain NUL'
  // A lone surrogate has no UTF-8 form: the file system would get U+FFFD, so two keys could share a file.
  if (LONE_SURROGATE.test(key)) return 'keys must be well-formed Unicode (this one holds a lone surrogate)'
  if (key.startsWith('/') || isAbsolute(key)) return 'keys must be relative (no leading "/" or drive)'
  for (const segment of key.split('/')) {
    const problem = segmentProblem(segment)
    if (problem !== undefined) return problem
  }
  return undefined
}

/**
 * The file path of `key` under `root`; throws {@link InvalidStorageKeyError} for a key that could
 * escape the directory or that a file system would refuse or reinterpret.
 * @internal
 */
export function keyToPath(root: string, key: string): string {
  const problem = keyProblem(key)
  if (problem !== undefined) throw new InvalidStorageKeyError(String(key), problem)
  const path = join(root, ...key.split('/'))
  const inside = relative(root, path)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new InvalidStorageKeyError(key, 'it resolves outside the store directory')
  }
  return path
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'keys must not contain empty segments ("//" or a trailing "/")'
  if (segment === '.' || segment === '..') return 'keys must not contain "." or ".." segments'
  // Dot-files are reserved for the adapter (temporary files start with ".tmp-").
  if (segment.startsWith('.')) return `segment ${JSON.stringify(segment)} must not start with "."`
  if (FORBIDDEN_CHARACTERS.test(segment)) {
    return `segment ${JSON.stringify(segment)} contains a character file systems reject (control, \\ < > : " | ? *)`
  }
  if (segment.endsWith(' ') || segment.endsWith('.')) {
    return `segment ${JSON.stringify(segment)} must not end with a space or "." (Windows drops them)`
  }
  if (RESERVED_DEVICE.test(segment)) return `segment ${JSON.stringify(segment)} is a reserved device name on Windows`
  if (new TextEncoder().encode(segment).length > MAX_SEGMENT_BYTES) {
    return `segment ${JSON.stringify(segment.slice(0, 20))}... is longer than ${MAX_SEGMENT_BYTES} bytes`
  }
  return undefined
}
