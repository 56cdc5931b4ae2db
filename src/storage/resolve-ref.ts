import { AmbiguousRefError, InvalidRefError, VersionNotFoundError } from './errors.js'
import { HASH_PREFIX } from './store-layout.js'
import type { VersionRef } from './store-types.js'

/** What a {@link VersionRef} asks for, before looking anything up. @internal */
export type ParsedRef =
  | { readonly kind: 'number'; readonly version: number }
  | { readonly kind: 'latest' }
  | { readonly kind: 'tag-or-hash'; readonly text: string }

// Digit strings shorter than a hash prefix are version numbers (`'3'` from a command line); longer
// ones are hash prefixes (`'123456'`). Pass a number for version 100000 and up.
const VERSION_DIGITS = /^\d{1,5}$/
const SHORT_HEX = /^[0-9a-f]{1,5}$/i

/** Classifies a ref; throws {@link InvalidRefError} for one that can never match. @internal */
export function parseRef(ref: VersionRef): ParsedRef {
  if (typeof ref === 'number') {
    if (!Number.isSafeInteger(ref) || ref < 1) throw new InvalidRefError(ref, 'version numbers start at 1')
    return { kind: 'number', version: ref }
  }
  if (typeof ref !== 'string' || ref.length === 0) throw new InvalidRefError(ref, 'expected a number or a string')
  if (ref === 'latest') return { kind: 'latest' }
  if (VERSION_DIGITS.test(ref)) return parseRef(Number(ref))
  return { kind: 'tag-or-hash', text: ref }
}

/**
 * The version whose hash starts with `prefix` (case-insensitive, at least 6 hex characters); throws
 * {@link AmbiguousRefError} when several match and {@link VersionNotFoundError} when none does.
 * @internal
 */
export function matchHashPrefix(
  name: string,
  prefix: string,
  versions: readonly { readonly version: number; readonly hash: string }[],
): number {
  if (SHORT_HEX.test(prefix)) {
    throw new InvalidRefError(prefix, 'no such tag, and hash prefixes need at least 6 hex characters')
  }
  if (!HASH_PREFIX.test(prefix)) throw new VersionNotFoundError(name, prefix, 'no such tag')
  const wanted = prefix.toLowerCase()
  const matches = versions.filter((v) => v.hash.startsWith(wanted))
  if (matches.length > 1) throw new AmbiguousRefError(name, prefix, matches)
  const match = matches[0]
  if (match === undefined) throw new VersionNotFoundError(name, prefix, 'no tag or version hash matches')
  return match.version
}
