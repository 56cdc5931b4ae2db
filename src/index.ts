/**
 * schemaledger: a validated JSON model of a database schema, semantic diffs between versions, and
 * (in later modules) impact analysis, SQL and reports. Everything in this entry is pure and
 * browser-safe.
 *
 * @packageDocumentation
 */

export { CodegenError } from './codegen/codegen-error.js'
export type { ValueOptions } from './codegen/column-shape.js'
export type { IdentifierNaming } from './codegen/naming.js'
export {
  type JsonSchemaProperty,
  type TableJsonSchema,
  type ToJsonSchemaOptions,
  toJsonSchema,
} from './codegen/to-json-schema.js'
export { type ToTypeScriptOptions, toTypeScript } from './codegen/to-typescript.js'
export { type ToZodOptions, toZod } from './codegen/to-zod.js'
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
export { formatHtml, type HtmlReportOptions } from './format/format-html.js'
export { formatJson, REPORT_FORMAT, type ReportDocument, toReportDocument } from './format/format-json.js'
export { formatMarkdown } from './format/format-markdown.js'
export { formatSchemaMarkdown, type SchemaMarkdownOptions } from './format/format-schema-markdown.js'
export { formatText, type TextReportOptions } from './format/format-text.js'
export { reportJsonSchema } from './format/report-json-schema.js'
export type { ReportOptions } from './format/report-options.js'
export { analyzeImpact } from './impact/analyze-impact.js'
export { type ClassifyContext, classifyChange } from './impact/classify-change.js'
export { type AnalyzerDefinition, defineAnalyzer } from './impact/define-analyzer.js'
export type {
  ColumnStorage,
  DialectImpactFacts,
  EngineVersion,
  OperationCost,
  SaferSql,
  ValueConversion,
} from './impact/dialect-facts.js'
export { type LintSchemaOptions, lintSchema } from './impact/lint-schema.js'
export type { NameKind, NamingOptions } from './impact/naming-options.js'
export { builtinAnalyzers } from './impact/rules/index.js'
export { compareColumnTypes, type TypeRelation } from './impact/type-relation.js'
export type * from './impact/types.js'
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
export { impactFacts, impactFactsFor } from './sql/dialects/impact-facts.js'
export { dialects, resolveDialect } from './sql/dialects/index.js'
export { assertSafeExpression } from './sql/expression-guard.js'
export { type PlanMigrationOptions, planMigration } from './sql/plan-migration.js'
export { type ToSQLOptions, toSQL } from './sql/to-sql.js'
export type * from './sql/types.js'
export { Stage } from './sql/types.js'
export { createSchemaStore } from './storage/create-schema-store.js'
export {
  AmbiguousRefError,
  type CorruptionReason,
  InvalidNameError,
  InvalidRefError,
  InvalidStorageKeyError,
  StoreConflictError,
  StoreCorruptionError,
  VersionNotFoundError,
} from './storage/errors.js'
export { type MemoryStorageAdapter, memoryAdapter } from './storage/memory-adapter.js'
export type { MaybePromise, StorageAdapter } from './storage/storage-adapter.js'
export type * from './storage/store-types.js'
export {
  type DiagramOptions,
  type MarkedColumn,
  type MarkedForeignKey,
  type MarkedTable,
  markSchema,
} from './visual/marked-schema.js'
export { toDot } from './visual/to-dot.js'
export { toMermaid } from './visual/to-mermaid.js'
export { type FlowchartOptions, toMermaidFlowchart } from './visual/to-mermaid-flowchart.js'
export { type ChangeRef, type ChangeTreeNode, type TreeNodeKind, type TreeStatus, toTree } from './visual/to-tree.js'
export { type TreeSvgOptions, toTreeSvg } from './visual/tree-svg.js'
