/**
 * Proves a migration on an embedded database (PGlite for PostgreSQL, sql.js for SQLite; both optional
 * peer dependencies) before it ships.
 *
 * @packageDocumentation
 */
export { type VerifyOptions, type VerifyResult, verifyMigration } from './verify-migration.js'
