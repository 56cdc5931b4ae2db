// A small diff with one of everything a report shows, and a finding on it, for exact expectations.
import type { Finding } from '../../src/impact/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'
import type { Migration } from '../../src/sql/index.js'

const users = (columns: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'users',
  columns: [{ name: 'id', type: 'integer', nullable: false }, ...columns],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
  ...extra,
})

export const from = parseSchema({
  format: 'schemaledger/1',
  tables: [
    users([{ name: 'email', type: 'varchar(120)', nullable: false }]),
    { name: 'old_logs', columns: [{ name: 'line', type: 'text', nullable: true }] },
  ],
})
export const to = parseSchema({
  format: 'schemaledger/1',
  tables: [
    users([
      { name: 'email', type: 'varchar(255)', nullable: false },
      { name: 'is_active', type: 'boolean', nullable: false, default: 'true' },
    ]),
  ],
})
export const diff = diffSchemas(from, to)

export const finding: Finding = {
  code: 'DS002',
  severity: 'danger',
  change: { kind: 'drop_table', path: 'old_logs' },
  message: 'dropping table old_logs deletes all its rows',
  explanation: 'Every row of the table is deleted.',
  fix: { description: 'Back up the rows first.', sql: ['CREATE TABLE old_logs_backup AS SELECT * FROM old_logs'] },
  dialect: 'postgres',
  phase: 'contract',
}

export const migration: Migration = {
  dialect: 'postgres',
  up: [
    {
      sql: 'ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(255)',
      change: { kind: 'alter_column', path: 'users.email' },
      destructive: false,
      transactional: true,
    },
    {
      sql: 'DROP TABLE "old_logs"',
      change: { kind: 'drop_table', path: 'old_logs' },
      destructive: true,
      transactional: true,
    },
  ],
  down: [
    {
      sql: 'CREATE TABLE "old_logs" ("line" text)',
      change: { kind: 'drop_table', path: 'old_logs' },
      destructive: false,
      transactional: true,
    },
  ],
}
