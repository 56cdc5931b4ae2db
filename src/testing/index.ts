/**
 * Test helpers: assert that two schemas describe the same database, with a readable explanation when
 * they do not. `vitest` is an optional peer, needed only for the `toEqualSchema` matcher's types.
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
