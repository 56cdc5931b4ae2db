import type { Finding } from '../impact/types.js'

// The library's findings and errors name library calls and options (`renames: { columns: ... }`,
// `planMigration(diff, { notValid: true })`, `store.verify()`): the words of a library user. A user
// of the command line knows flags and commands, so the CLI says the same things in its own words.

const quoted = `'((?:[^'\\\\]|\\\\.)*)'`

/** Library phrases and what the command line calls them. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [new RegExp(`renames: \\{ columns: \\{ ${quoted}: ${quoted} \\} \\}`, 'g'), '--rename $1=$2'],
  [new RegExp(`renames: \\{ tables: \\{ ${quoted}: ${quoted} \\} \\}`, 'g'), '--rename-table $1=$2'],
  [/planMigration\(diff, \{ notValid: true \}\)/g, 'migrate --not-valid'],
  [/planMigration\(diff, \{ concurrently: true \}\)/g, 'migrate --concurrently'],
  [/store\.verify\(\)/g, 'schemaledger store verify'],
  [/pass \{ schema: "<database>" \}/g, 'give the database in the URL or with --schema <database>'],
  [/pass dialectVersion: (\d+)/g, 'pass --dialect-version $1'],
]

/**
 * A library message in the command line's words.
 *
 * @example
 * ```ts
 * toCliWords("diff again with renames: { columns: { 'posts.content': 'body' } }")
 * // 'diff again with --rename posts.content=body'
 * ```
 */
export function toCliWords(text: string): string {
  return PHRASES.reduce((out, [pattern, words]) => out.replace(pattern, words), text)
}

/**
 * A finding whose message, explanation and fix are in the command line's words.
 *
 * @example
 * ```ts
 * const findings = analyzeImpact(diff, options).findings.map(findingInCliWords)
 * ```
 */
export function findingInCliWords(f: Finding): Finding {
  return {
    ...f,
    message: toCliWords(f.message),
    explanation: toCliWords(f.explanation),
    fix: { ...f.fix, description: toCliWords(f.fix.description) },
  }
}
