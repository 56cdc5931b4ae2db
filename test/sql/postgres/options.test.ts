import { describe, expect, it } from 'vitest'
import type { SchemaDefinition } from '../../../src/index.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { describeEngines, plan, proveMigration, schema } from './harness.js'

// Plan options: `concurrently` builds and drops indexes of existing tables with CONCURRENTLY, outside
// the transaction (never on tables the migration creates); `notValid` adds foreign keys and checks to
// existing tables NOT VALID and validates them at the validate stage.

const teams = {
  name: 'teams',
  columns: [{ name: 'id', type: 'integer', nullable: false }],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
}
const users = (
  extra: Partial<{ constraints: Record<string, unknown>[]; indexes: Record<string, unknown>[] }> = {},
) => ({
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'email', type: 'text' },
    { name: 'team_id', type: 'integer' },
  ],
  constraints: [{ type: 'primary_key', columns: ['id'] }, ...(extra.constraints ?? [])],
  indexes: extra.indexes ?? [],
})
const tags = {
  name: 'tags',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'user_id', type: 'integer' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'foreign_key', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] },
    { type: 'check', name: 'ck_tag', expression: 'id > 0' },
  ],
  indexes: [{ columns: ['user_id'] }],
}

const before: SchemaDefinition = { tables: [teams, users({ indexes: [{ name: 'ix_old', columns: ['team_id'] }] })] }
const after: SchemaDefinition = {
  tables: [
    teams,
    tags,
    users({
      constraints: [
        { type: 'foreign_key', columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'] },
        { type: 'check', name: 'ck_email', expression: "email LIKE '%@%'" },
      ],
      indexes: [{ name: 'ix_email', columns: ['email'] }],
    }),
  ],
}
const options = { concurrently: true, notValid: true }

describe('postgres: concurrently and notValid', () => {
  it('builds indexes of existing tables concurrently, outside the transaction, and adds keys NOT VALID', () => {
    const concurrent = 'CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block'
    expect(toSQL(plan(schema(before), schema(after), options))).toBe(
      [
        '-- schemaledger migration: postgres, up',
        `-- outside the transaction: ${concurrent}`,
        'DROP INDEX CONCURRENTLY "ix_old";',
        'BEGIN;',
        'CREATE TABLE "tags" (\n  "id" integer NOT NULL,\n  "user_id" integer,\n  CONSTRAINT "tags_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "ck_tag" CHECK (id > 0)\n);',
        'CREATE INDEX "tags_user_id_idx" ON "tags" ("user_id");',
        'ALTER TABLE "users" ADD CONSTRAINT "ck_email" CHECK (email LIKE \'%@%\') NOT VALID;',
        'COMMIT;',
        `-- outside the transaction: ${concurrent}`,
        'CREATE INDEX CONCURRENTLY "ix_email" ON "users" ("email");',
        'BEGIN;',
        // The new table's foreign key waits for "users" to be changed; the table is new: no NOT VALID.
        'ALTER TABLE "tags" ADD CONSTRAINT "tags_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id");',
        'ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") NOT VALID;',
        'ALTER TABLE "users" VALIDATE CONSTRAINT "ck_email";',
        'ALTER TABLE "users" VALIDATE CONSTRAINT "users_team_id_fkey";',
        'COMMIT;',
        '',
      ].join('\n'),
    )
  })

  it('leaves tables created in the same migration alone, and plain without the options', () => {
    const migration = plan(schema(before), schema(after))
    expect(migration.up.every((s) => s.transactional)).toBe(true)
    expect(migration.up.map((s) => s.sql).filter((sql) => /CONCURRENTLY|NOT VALID|VALIDATE/.test(sql))).toEqual([])
  })

  it('drops and recreates a changed index concurrently', () => {
    const from = schema({ tables: [users({ indexes: [{ name: 'ix_email', columns: ['email'] }] })] })
    const to = schema({ tables: [users({ indexes: [{ name: 'ix_email', columns: ['email'], unique: true }] })] })
    const up = plan(from, to, options).up
    expect(up.map((s) => [s.sql, s.transactional])).toEqual([
      ['DROP INDEX CONCURRENTLY "ix_email"', false],
      ['CREATE UNIQUE INDEX CONCURRENTLY "ix_email" ON "users" ("email")', false],
    ])
  })
})

describeEngines('concurrently and notValid applied', (engine) => {
  it('applies up and down with the options', async () => {
    await proveMigration(engine(), schema(before), schema(after), options)
  })
})
