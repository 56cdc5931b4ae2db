/**
 * schemaledger's core: the validated JSON model of a database schema, semantic diffs between
 * versions, and the store of named versions. Pure and browser-safe, like every entry but `./node`.
 * The layers built on the diff have their own entries so that an app pays only for what it imports:
 * `schemaledger/sql`, `schemaledger/impact`, `schemaledger/format`, `schemaledger/visual` and
 * `schemaledger/codegen`.
 *
 * @packageDocumentation
 */

export { diffSchemas } from './dialects/diff-schemas.js'
export { builtInNamingConventions } from './dialects/naming-conventions.js'
export { applyDiff } from './diff/apply-diff.js'
export { changeKey } from './diff/change-path.js'
export { describeChange, describeColumn, describeConstraint, describeIndex } from './diff/describe-change.js'
export type { NamingConvention } from './diff/naming-convention.js'
export { isObjectChange, objectVerb } from './diff/object-changes.js'
export { reverseDiff } from './diff/reverse-diff.js'
export { isEmptyDiff, summarizeChanges } from './diff/summarize-diff.js'
export type * from './diff/types.js'
export {
  DiffApplicationError,
  InvalidIdentifierError,
  InvalidOptionError,
  isSchemaLedgerError,
  SchemaLedgerError,
  SchemaValidationError,
  UnsafeExpressionError,
  type ValidationIssue,
} from './errors.js'
export type * from './model/column-type.js'
export {
  type ColumnDefinition,
  defineSchema,
  type SchemaDefinition,
  type TableDefinition,
} from './model/define-schema.js'
export { documentJsonSchema } from './model/document-json-schema.js'
export { DOCUMENT_LIMITS } from './model/document-limits.js'
export { CANONICAL_FORMAT } from './model/document-schema.js'
export { formatColumnType } from './model/format-column-type.js'
export {
  type DatabaseObject,
  OBJECT_KINDS,
  OBJECT_LISTS,
  type ObjectKind,
  type ObjectOfKind,
  objectName,
  objectsOf,
} from './model/object-kinds.js'
export { type ColumnTypeHints, parseColumnType } from './model/parse-column-type.js'
export { parseSchema, type SafeParseSchemaResult, safeParseSchema } from './model/parse-schema.js'
export { deserializeSchema, serializeSchema } from './model/serialize-schema.js'
export type * from './model/types.js'
export type { ExpressionOptions } from './sql-text/normalize-expression.js'
export { createSchemaStore } from './storage/create-schema-store.js'
export {
  AmbiguousRefError,
  type CorruptionReason,
  InvalidNameError,
  InvalidRefError,
  InvalidStorageKeyError,
  StoreAccessError,
  StoreConflictError,
  StoreCorruptionError,
  VersionNotFoundError,
} from './storage/errors.js'
export { type MemoryStorageAdapter, memoryAdapter } from './storage/memory-adapter.js'
export type { AsyncStorageAdapter, MaybePromise, StorageAdapter } from './storage/storage-adapter.js'
export type * from './storage/store-types.js'
