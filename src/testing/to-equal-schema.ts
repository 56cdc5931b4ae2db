import { diffSchemas } from '../dialects/diff-schemas.js'
import type { DiffOptions } from '../diff/types.js'
import { explainDifference, type SchemaLike, toSchema } from './assert-schema-equal.js'

/** What a vitest/jest matcher returns. */
export interface MatcherResult {
  /** Whether the schemas describe the same database. */
  pass: boolean
  /** The failure message: the differences, readably, or why `.not` failed. */
  message: () => string
  /** The value under test, for runners that show a diff. */
  actual?: unknown
  /** The expected value, for runners that show a diff. */
  expected?: unknown
}

/**
 * The `toEqualSchema` matcher for vitest (or jest): `expect(actual).toEqualSchema(expected)`.
 * Register it once with `expect.extend(schemaMatchers)`; with vitest, `import 'schemaledger/vitest'`
 * does that and adds the matcher to vitest's types.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest'
 * import { schemaMatchers } from 'schemaledger/testing'
 * expect.extend(schemaMatchers)
 * expect(await loadSchema()).toEqualSchema(expectedDoc)
 * ```
 */
export function toEqualSchema(received: SchemaLike, expected: SchemaLike, options?: DiffOptions): MatcherResult {
  const actual = toSchema(received)
  const wanted = toSchema(expected)
  const diff = diffSchemas(wanted, actual, options)
  const pass = diff.changes.length === 0
  return {
    pass,
    message: () =>
      pass ? 'Expected the schemas to differ, but they describe the same database' : explainDifference(diff),
  }
}

/**
 * Matchers to pass to `expect.extend`.
 *
 * @example
 * ```ts
 * expect.extend(schemaMatchers)
 * ```
 */
export const schemaMatchers = {
  /** {@link toEqualSchema}, under the name `expect(...).toEqualSchema` uses. */
  toEqualSchema,
}

/** Type of the `toEqualSchema` assertion, for matcher type augmentation. */
export interface SchemaMatchers<R = unknown> {
  /** Passes when the value describes the same database as `expected` (a Schema or any accepted document). */
  toEqualSchema(expected: SchemaLike, options?: DiffOptions): R
}
