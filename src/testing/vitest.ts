/// <reference types="vitest" />
/**
 * Registers the `toEqualSchema` matcher with vitest and adds it to vitest's `Assertion` type:
 * `import 'schemaledger/vitest'` once, in a setup file or at the top of a test file. Needs vitest;
 * `schemaledger/testing` has the same matcher for any runner, without touching vitest's types.
 *
 * @example
 * ```ts
 * import 'schemaledger/vitest'
 * import { expect, it } from 'vitest'
 *
 * it('keeps the schema', () => expect(actualDoc).toEqualSchema(committedDoc))
 * ```
 *
 * @packageDocumentation
 */
import { expect } from 'vitest'
import { type SchemaMatchers, schemaMatchers } from './to-equal-schema.js'

expect.extend(schemaMatchers)

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration
  interface Assertion<T = any> extends SchemaMatchers<void> {}
  interface AsymmetricMatchersContaining extends SchemaMatchers {}
}
