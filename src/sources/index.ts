/**
 * Schemas from where users keep them: SQL text run on an embedded engine (PGlite, sql.js) or a
 * scratch database on a dev server, then introspected. Loads engines, so it is not in the pure root.
 *
 * @packageDocumentation
 */

export { type DialectDetection, detectSqlDialect } from './detect-sql-dialect.js'
export {
  detectMigrationLayout,
  findMigration,
  MIGRATION_LAYOUTS,
  type Migration,
  type MigrationFile,
  type MigrationLayout,
  orderMigrations,
} from './migration-layouts.js'
export { type ReadSqlOptions, readSQL, type SqlReading } from './read-sql.js'
export {
  type ReplayOptions,
  replayMigrations,
  type Timeline,
  type TimelineStep,
} from './replay-migrations.js'
export type { SqlNote, SqlNoteKind } from './run-script.js'
export { type ScriptDialect, type ScriptStatement, splitStatements } from './split-statements.js'
export { SqlScriptError } from './sql-script-error.js'
