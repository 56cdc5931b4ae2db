/**
 * Impact analysis: what a change does to existing data and running applications (`analyzeImpact`),
 * deploy-phase classification and single-version design and naming lint (`lintSchema`). Pure and
 * browser-safe.
 *
 * @packageDocumentation
 */

export type {
  ColumnStorage,
  DialectImpactFacts,
  EngineVersion,
  OperationCost,
  SaferSql,
  ValueConversion,
} from '../dialects/dialect-facts.js'
export type { ClassifyContext } from '../diff/classify-change.js'
export type { TypeRelation } from '../model/type-relation.js'
export { analyzeImpact } from './analyze-impact.js'
export { type AnalyzerDefinition, defineAnalyzer } from './define-analyzer.js'
export { type LintSchemaOptions, lintSchema } from './lint-schema.js'
export type { NameKind, NamingOptions } from './naming-options.js'
export { builtinAnalyzers } from './rules/index.js'
export { SEVERITIES } from './severities.js'
export {
  applySuppressions,
  EXPIRED_SUPPRESSION,
  type FindingSuppression,
  pathMatches,
  type Suppression,
} from './suppressions.js'
export type * from './types.js'
