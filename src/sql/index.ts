/**
 * SQL for PostgreSQL, MySQL/MariaDB and SQLite: migration planning (`planMigration`, `toSQL`),
 * whole-schema DDL (`createSchemaSQL`) and the `Dialect` objects. Pure and browser-safe.
 *
 * @packageDocumentation
 */

export { createSchemaSQL } from './create-schema-sql.js'
export {
  type ChangeGenerators,
  DEFAULT_CAPABILITIES,
  type Dialect,
  type DialectDefinition,
  defineDialect,
  type GeneratorContext,
  type PlanOptions,
} from './dialect.js'
export { impactFacts, impactFactsFor } from './dialects/impact-facts.js'
export { dialects, resolveDialect } from './dialects/index.js'
export { assertSafeExpression } from './expression-guard.js'
export { type PlanMigrationOptions, planMigration } from './plan-migration.js'
export { type ToSQLOptions, toSQL } from './to-sql.js'
export type * from './types.js'
export { Stage } from './types.js'
