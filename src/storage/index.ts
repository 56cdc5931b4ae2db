/**
 * Shared stores: a `StorageAdapter` over a SQL table (PostgreSQL, MySQL/MariaDB, SQLite,
 * through your driver's query function) or over Redis (node-redis, ioredis), so a team and its CI jobs
 * record versions in one place. Use them with `createSchemaStore` from the root entry. Pure: no
 * `node:` imports, no driver imported.
 *
 * @packageDocumentation
 */
export {
  type RedisAdapterOptions,
  type RedisClientLike,
  type RedisCommand,
  type RedisStorageAdapter,
  redisAdapter,
} from './redis-adapter.js'
export { type SqlAdapterOptions, type SqlStorageAdapter, type SqlStoreQuery, sqlAdapter } from './sql-adapter.js'
export { type SqlStoreDialect, sqlStoreTableDDL } from './sql-store-statements.js'
