/**
 * schemaledger: a validated JSON model of a database schema, semantic diffs between versions, and
 * (in later modules) impact analysis, SQL and reports. Everything in this entry is pure and
 * browser-safe.
 *
 * @packageDocumentation
 */

export { applyDiff } from './diff/apply-diff.js'
export { describeChange, describeColumn, describeConstraint, describeIndex } from './diff/describe-change.js'
export { diffSchemas } from './diff/diff-schemas.js'
export { defaultsEqual, normalizeDefault } from './diff/normalize-default.js'
export { expressionsEqual, normalizeExpression } from './diff/normalize-expression.js'
export { reverseDiff } from './diff/reverse-diff.js'
export { isEmptyDiff, summarizeChanges } from './diff/summarize-diff.js'
export type * from './diff/types.js'
export {
  DiffApplicationError,
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
export { CANONICAL_FORMAT } from './model/document-schema.js'
export { columnTypesEqual, formatColumnType } from './model/format-column-type.js'
export { type ColumnTypeHints, parseColumnType, splitCollation } from './model/parse-column-type.js'
export { parseSchema, type SafeParseSchemaResult, safeParseSchema } from './model/parse-schema.js'
export { deserializeSchema, serializeSchema, toCanonicalDocument } from './model/serialize-schema.js'
export type * from './model/types.js'
export { createSchemaSQL } from './sql/create-schema-sql.js'
export {
  type ChangeGenerators,
  DEFAULT_CAPABILITIES,
  type Dialect,
  type DialectDefinition,
  defineDialect,
  type GeneratorContext,
  type PlanOptions,
} from './sql/dialect.js'
export { dialects, resolveDialect } from './sql/dialects/index.js'
export { assertSafeExpression } from './sql/expression-guard.js'
export { type PlanMigrationOptions, planMigration } from './sql/plan-migration.js'
export { type ToSQLOptions, toSQL } from './sql/to-sql.js'
export type * from './sql/types.js'
export { Stage } from './sql/types.js'
