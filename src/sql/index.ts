/**
 * SQL for PostgreSQL, MySQL/MariaDB and SQLite: migration planning (`planMigration`, `toSQL`),
 * whole-schema DDL (`createSchemaSQL`) and the `Dialect` objects. Pure and browser-safe.
 *
 * @packageDocumentation
 */

export {
  type ChangeGenerators,
  DEFAULT_CAPABILITIES,
  type Dialect,
  type DialectDefinition,
  defineDialect,
  type GeneratorContext,
  type ObjectGenerator,
  type ObjectGenerators,
  type ObjectStatementDraft,
  type PlanOptions,
  type SqlTextKind,
} from '../dialects/dialect.js'
export type { DialectAlias } from '../dialects/dialect-names.js'
export {
  assertOneExpression,
  assertSafeExpression,
  type ExpressionProblem,
  findExpressionProblem,
} from '../dialects/expression-guard.js'
export { impactFacts } from '../dialects/impact-facts.js'
export { dialects, resolveDialect } from '../dialects/index.js'
export type { LexKind, LexToken, SqlLexer } from '../dialects/lexer-core.js'
export { mysqlLexer } from '../dialects/mysql/lexer.js'
export type { PlanState, PlanStateSlot } from '../dialects/plan-state.js'
export { postgresLexer } from '../dialects/postgres/lexer.js'
export { sqliteLexer } from '../dialects/sqlite/lexer.js'
export type * from '../dialects/types.js'
export { Stage } from '../dialects/types.js'
export { createSchemaSQL } from './create-schema-sql.js'
export { type PlanMigrationOptions, planMigration } from './plan-migration.js'
export { commentText, type ToSQLOptions, toSQL } from './to-sql.js'
