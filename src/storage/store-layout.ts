import { InvalidNameError } from './errors.js'

// The store's key layout (adapter keys, `/`-separated; the file adapter maps them to paths):
//
//   <name>/v0001.json        one immutable file per version: metadata + the canonical schema document
//   <name>/v0002.json        created with an exclusive create, so the number is the claim
//   <name>/tags/<tag>.json   `{ "version": n }`: a movable pointer, overwritten atomically
//
// Nothing else is stored: no index, so there is nothing to rebuild and nothing to get out of step.
// Numbers are zero-padded to 4 digits so listings sort in order up to v9999 and keep working after.

/** Longest schema name or tag accepted. @internal */
export const MAX_NAME_LENGTH = 100

const VERSION_FILE = /^v(\d{4,})\.json$/
const TAG_FILE = /^(.+)\.json$/
const DIGITS = /^\d+$/
/** Tags that look like a hash prefix would make refs ambiguous. @internal */
export const HASH_PREFIX = /^[0-9a-f]{6,64}$/i

/** The key of version `version` of `name`: `billing/v0004.json`. @internal */
export function versionKey(name: string, version: number): string {
  return `${name}/v${String(version).padStart(4, '0')}.json`
}

/** The version number of a key under `<name>/`, or undefined when the key is not a version file. @internal */
export function parseVersionKey(name: string, key: string): number | undefined {
  const prefix = `${name}/`
  if (!key.startsWith(prefix)) return undefined
  const match = VERSION_FILE.exec(key.slice(prefix.length))
  if (!match) return undefined
  const version = Number(match[1])
  // `v00004.json` is not ours: only the exact spelling versionKey writes counts.
  return version >= 1 && versionKey(name, version) === key ? version : undefined
}

/** The prefix under which tags of `name` live. @internal */
export function tagsPrefix(name: string): string {
  return `${name}/tags/`
}

/** The key of tag `tag` of `name`: `billing/tags/prod.json`. @internal */
export function tagKey(name: string, tag: string): string {
  return `${tagsPrefix(name)}${tag}.json`
}

/** The tag of a key under `<name>/tags/`, or undefined. @internal */
export function parseTagKey(name: string, key: string): string | undefined {
  const prefix = tagsPrefix(name)
  if (!key.startsWith(prefix)) return undefined
  const tag = TAG_FILE.exec(key.slice(prefix.length))?.[1]
  return tag !== undefined && nameProblem(tag) === undefined ? tag : undefined
}

/** The schema name of a version key (`billing/v0001.json` -> `billing`), or undefined. @internal */
export function nameOfVersionKey(key: string): string | undefined {
  const slash = key.indexOf('/')
  if (slash <= 0) return undefined
  const name = key.slice(0, slash)
  return nameProblem(name) === undefined && parseVersionKey(name, key) !== undefined ? name : undefined
}

/** Throws {@link InvalidNameError} unless `name` can be a schema name. @internal */
export function assertValidName(name: string): void {
  const problem = nameProblem(name)
  if (problem !== undefined) throw new InvalidNameError('name', String(name), problem)
}

/** Throws {@link InvalidNameError} unless `tag` can be a tag. @internal */
export function assertValidTag(tag: string): void {
  const problem =
    nameProblem(tag) ??
    (DIGITS.test(tag) ? 'it would be read as a version number' : undefined) ??
    (tag === 'latest' ? '"latest" always means the newest version' : undefined) ??
    (HASH_PREFIX.test(tag) ? 'it would be read as a hash prefix' : undefined)
  if (problem !== undefined) throw new InvalidNameError('tag', String(tag), problem)
}

// Names become one key segment (a directory for the file adapter), so they must be a safe segment.
function nameProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'it must be a string'
  if (value.length === 0) return 'it must not be empty'
  if (value.length > MAX_NAME_LENGTH) return `it must be at most ${MAX_NAME_LENGTH} characters`
  if (value.includes('/') || value.includes('\\')) return 'it must not contain "/" or "\\"'
  if (value.includes('..')) return 'it must not contain ".."'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'it must not contain NUL or other control characters'
  if (value.startsWith('.')) return 'it must not start with "."'
  // Names become file names and JSON text, where a lone surrogate turns into U+FFFD: two names, one file.
  if (/\p{Cs}/u.test(value)) return 'it must be well-formed Unicode (it holds a lone surrogate)'
  if (value.trim() !== value) return 'it must not start or end with whitespace'
  return undefined
}
