import { describe, expect, it } from 'vitest'
import type { SchemaDefinition } from '../../../src/index.js'
import { diffSchemas } from '../../../src/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { describeEngines, plan, proveMigration, schema } from './harness.js'

// Plan options: `concurrently` builds and drops indexes of existing tables with CONCURRENTLY, outside
// the transaction (never on tables the migration creates); `notValid` adds foreign keys and checks to
// existing tables NOT VALID and validates them last, each after the commit (outside the transaction), so
// the lock the ADD took is released before the rows are scanned.

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
const concurrent = 'CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block'
const validate = 'VALIDATE CONSTRAINT runs after the ADD ... NOT VALID has committed, so writes go on while it scans'

describe('postgres: concurrently and notValid', () => {
  it('builds indexes of existing tables concurrently, outside the transaction, and adds keys NOT VALID', () => {
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
        'COMMIT;',
        // Validated after the commit, each on its own: the ADD's lock is gone while the rows are scanned.
        `-- outside the transaction: ${validate}`,
        'ALTER TABLE "users" VALIDATE CONSTRAINT "ck_email";',
        `-- outside the transaction: ${validate}`,
        'ALTER TABLE "users" VALIDATE CONSTRAINT "users_team_id_fkey";',
        '',
      ].join('\n'),
    )
  })

  it('leaves tables created in the same migration alone, and plain without the options', () => {
    const migration = plan(schema(before), schema(after))
    expect(migration.up.every((s) => s.transactional)).toBe(true)
    expect(migration.up.map((s) => s.sql).filter((sql) => /CONCURRENTLY|NOT VALID|VALIDATE/.test(sql))).toEqual([])
  })

  it('validates after the commit also when the migration goes on, in phases, and down', () => {
    const from = schema({ tables: [teams, users()] })
    const checked = users({ constraints: [{ type: 'check', name: 'ck_email', expression: "email LIKE '%@%'" }] })
    const to = schema({ tables: [teams, { ...checked, columns: checked.columns.slice(0, 2) }] })
    const migration = planMigration(diffSchemas(from, to), {
      dialect: 'postgres',
      from,
      to,
      notValid: true,
      phases: true,
    })
    // The check and the column drop are contract changes (the post phase); the validation goes last,
    // after the rest of that phase has committed.
    expect(migration.phases.pre).toEqual([])
    expect(toSQL(migration.phases.post)).toBe(
      [
        'BEGIN;',
        'ALTER TABLE "users" ADD CONSTRAINT "ck_email" CHECK (email LIKE \'%@%\') NOT VALID;',
        '-- destructive: drop_column users.team_id',
        'ALTER TABLE "users" DROP COLUMN "team_id";',
        'COMMIT;',
        `-- outside the transaction: ${validate}`,
        'ALTER TABLE "users" VALIDATE CONSTRAINT "ck_email";',
        '',
      ].join('\n'),
    )
    expect(migration.up.map((s) => [s.sql, s.transactional])).toEqual([
      ['ALTER TABLE "users" ADD CONSTRAINT "ck_email" CHECK (email LIKE \'%@%\') NOT VALID', true],
      ['ALTER TABLE "users" DROP COLUMN "team_id"', true],
      ['ALTER TABLE "users" VALIDATE CONSTRAINT "ck_email"', false],
    ])
    const down = planMigration(diffSchemas(to, from), { dialect: 'postgres', from: to, to: from, notValid: true })
    expect(down.up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "users" DROP CONSTRAINT "ck_email"',
      'ALTER TABLE "users" ADD COLUMN "team_id" integer',
    ])
  })

  it("keeps a recreated column's constraints with it and validates them after the commit", () => {
    const row = (generated?: string) => ({
      name: 'items',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'price', type: 'integer' },
        {
          name: 'total',
          type: 'integer',
          ...(generated ? { generated: { expression: generated, stored: true } } : {}),
        },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'check', name: 'ck_total', expression: 'total >= 0' },
      ],
    })
    const from = schema({ tables: [row()] })
    const to = schema({ tables: [row('price * 2')] })
    const up = plan(from, to, { notValid: true }).up
    expect(up.map((s) => [s.sql, s.transactional])).toEqual([
      ['ALTER TABLE "items" DROP COLUMN "total"', true],
      ['ALTER TABLE "items" ADD COLUMN "total" integer GENERATED ALWAYS AS (price * 2) STORED', true],
      ['ALTER TABLE "items" ADD CONSTRAINT "ck_total" CHECK (total >= 0) NOT VALID', true],
      ['ALTER TABLE "items" VALIDATE CONSTRAINT "ck_total"', false],
    ])
  })

  it('changes nothing on MySQL and SQLite, which have neither option', () => {
    const email = { name: 'email', type: 'varchar(120)' }
    const mine = (t: ReturnType<typeof users>) => ({
      ...t,
      columns: t.columns.map((c) => (c.name === 'email' ? email : c)),
    })
    const from = schema({ tables: [teams, mine(users({ indexes: [{ name: 'ix_old', columns: ['team_id'] }] }))] })
    const to = schema({
      tables: (after.tables ?? []).map((t) => (t.name === 'users' ? mine(t as ReturnType<typeof users>) : t)),
    })
    const diff = diffSchemas(from, to)
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const plain = planMigration(diff, { dialect, from, to })
      expect(
        plain.up.some((s) => /ix_email/.test(s.sql)),
        dialect,
      ).toBe(true)
      expect(planMigration(diff, { dialect, from, to, ...options }), dialect).toEqual(plain)
    }
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
