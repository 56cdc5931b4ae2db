/**
 * Test helpers: assert that two schemas describe the same database, with a readable explanation when
 * they do not. Works with any test runner; `schemaledger/vitest` registers the matcher with vitest.
 *
 * @packageDocumentation
 */
export { AssertionError, assertSchemaEqual, type SchemaLike } from './assert-schema-equal.js'
export {
  runStorageAdapterSuite,
  type StorageAdapterSuiteOptions,
  type SuiteAssertion,
} from './run-storage-adapter-suite.js'
export { type MatcherResult, type SchemaMatchers, schemaMatchers, toEqualSchema } from './to-equal-schema.js'
