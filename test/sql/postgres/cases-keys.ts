import type { ColumnDefinition, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { id, type MigrationCase, one, users } from './cases.js'

// Constraints, indexes, enums and namespaces (see cases.ts for tables and columns).

const base = (
  constraints: readonly Record<string, unknown>[] = [],
  indexes: readonly Record<string, unknown>[] = [],
): SchemaDefinition => ({
  tables: [
    users(
      [
        { name: 'name', type: 'text' },
        { name: 'score', type: 'integer' },
        { name: 'team_id', type: 'integer' },
        { name: 'data', type: 'jsonb' },
      ],
      {
        constraints: [{ type: 'primary_key', columns: ['id'] }, ...constraints],
        indexes,
      },
    ),
    { name: 'teams', columns: [id], constraints: [{ type: 'primary_key', columns: ['id'] }] },
  ],
})

export const KEY_CASES: readonly MigrationCase[] = [
  {
    title: 'add_constraint / drop_constraint: primary key',
    from: one({ name: 't', columns: [id] }),
    to: one({ name: 't', columns: [id], constraints: [{ type: 'primary_key', columns: ['id'] }] }),
    up: ['ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id")'],
    down: ['ALTER TABLE "t" DROP CONSTRAINT "t_pkey"'],
  },
  {
    title: 'add_constraint / drop_constraint: unique, NULLS NOT DISTINCT, deferrable',
    from: base(),
    to: base([
      { type: 'unique', columns: ['email', 'name'], nullsNotDistinct: true, deferrable: true, initiallyDeferred: true },
    ]),
    up: [
      'ALTER TABLE "users" ADD CONSTRAINT "users_email_name_key" UNIQUE NULLS NOT DISTINCT ("email", "name") DEFERRABLE INITIALLY DEFERRED',
    ],
    down: ['ALTER TABLE "users" DROP CONSTRAINT "users_email_name_key"'],
  },
  {
    title: 'add_constraint / drop_constraint: foreign key with actions (foreign-key stages)',
    from: base(),
    to: base([
      {
        type: 'foreign_key',
        name: 'fk_team',
        columns: ['team_id'],
        referencedTable: 'teams',
        referencedColumns: ['id'],
        onDelete: 'set_null',
        onUpdate: 'cascade',
        match: 'full',
      },
    ]),
    up: [
      'ALTER TABLE "users" ADD CONSTRAINT "fk_team" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE',
    ],
    down: ['ALTER TABLE "users" DROP CONSTRAINT "fk_team"'],
  },
  {
    title: 'add_constraint / drop_constraint: check',
    from: base(),
    to: base([{ type: 'check', expression: "score >= 0 AND name <> ''" }]),
    up: ['ALTER TABLE "users" ADD CONSTRAINT "users_check" CHECK (score >= 0 AND name <> \'\')'],
    down: ['ALTER TABLE "users" DROP CONSTRAINT "users_check"'],
  },
  {
    title: 'add_constraint: unnamed checks are named after their one column, numbered on a clash',
    from: base([{ type: 'check', expression: 'score < 100' }]),
    to: base([
      { type: 'check', expression: 'score < 100' },
      { type: 'check', expression: 'score > 0' },
      { type: 'check', expression: 'id <> score' },
    ]),
    up: [
      'ALTER TABLE "users" ADD CONSTRAINT "users_check" CHECK (id <> score)',
      'ALTER TABLE "users" ADD CONSTRAINT "users_score_check1" CHECK (score > 0)',
    ],
    down: [
      'ALTER TABLE "users" DROP CONSTRAINT "users_check"',
      'ALTER TABLE "users" DROP CONSTRAINT "users_score_check1"',
    ],
  },
  {
    title: 'alter_constraint: a new name only is RENAME CONSTRAINT',
    from: base([{ type: 'unique', columns: ['email'] }]),
    to: base([{ type: 'unique', name: 'uq_users_email', columns: ['email'] }]),
    up: ['ALTER TABLE "users" RENAME CONSTRAINT "users_email_key" TO "uq_users_email"'],
    down: ['ALTER TABLE "users" RENAME CONSTRAINT "uq_users_email" TO "users_email_key"'],
  },
  {
    title: 'alter_constraint: a changed foreign key is dropped and added again at the foreign-key stages',
    from: base([{ type: 'foreign_key', columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'] }]),
    to: base([
      {
        type: 'foreign_key',
        columns: ['team_id'],
        referencedTable: 'teams',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      },
    ]),
    up: [
      'ALTER TABLE "users" DROP CONSTRAINT "users_team_id_fkey"',
      'ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE',
    ],
    down: [
      'ALTER TABLE "users" DROP CONSTRAINT "users_team_id_fkey"',
      'ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id")',
    ],
  },
  {
    title: 'alter_constraint: a changed check',
    from: base([{ type: 'check', name: 'ck_score', expression: 'score >= 0' }]),
    to: base([{ type: 'check', name: 'ck_score', expression: 'score > 0' }]),
    up: [
      'ALTER TABLE "users" DROP CONSTRAINT "ck_score"',
      'ALTER TABLE "users" ADD CONSTRAINT "ck_score" CHECK (score > 0)',
    ],
    down: [
      'ALTER TABLE "users" DROP CONSTRAINT "ck_score"',
      'ALTER TABLE "users" ADD CONSTRAINT "ck_score" CHECK (score >= 0)',
    ],
  },
  {
    title: 'add_index / drop_index: unique, partial, expression, DESC NULLS LAST, INCLUDE',
    from: base(),
    to: base(
      [],
      [
        { name: 'ix_users_email', columns: ['email'], unique: true, where: 'score > 0', include: ['name'] },
        { columns: [{ expression: 'lower(name)' }, { column: 'score', descending: true, nulls: 'last' }] },
      ],
    ),
    up: [
      'CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email") INCLUDE ("name") WHERE score > 0',
      'CREATE INDEX "users_expr_score_idx" ON "users" ((lower(name)), "score" DESC NULLS LAST)',
    ],
    down: ['DROP INDEX "ix_users_email"', 'DROP INDEX "users_expr_score_idx"'],
  },
  {
    title: 'add_index / drop_index: access method, operator class, collation',
    from: base(),
    to: base(
      [],
      [
        { name: 'ix_data', columns: ['data'], using: 'gin' },
        { name: 'ix_name', columns: [{ column: 'name', opclass: 'text_pattern_ops', collation: 'C' }] },
      ],
    ),
    up: [
      'CREATE INDEX "ix_data" ON "users" USING gin ("data")',
      'CREATE INDEX "ix_name" ON "users" ("name" COLLATE "C" text_pattern_ops)',
    ],
    down: ['DROP INDEX "ix_data"', 'DROP INDEX "ix_name"'],
  },
  {
    title: 'alter_index: a new name only is ALTER INDEX ... RENAME TO',
    from: base([], [{ columns: ['name'] }]),
    to: base([], [{ name: 'ix_users_name', columns: ['name'] }]),
    up: ['ALTER INDEX "users_name_idx" RENAME TO "ix_users_name"'],
    down: ['ALTER INDEX "ix_users_name" RENAME TO "users_name_idx"'],
  },
  {
    title: 'alter_index: a changed definition is dropped and created again',
    from: base([], [{ name: 'ix_name', columns: ['name'] }]),
    to: base([], [{ name: 'ix_name', columns: ['name'], unique: true }]),
    up: ['DROP INDEX "ix_name"', 'CREATE UNIQUE INDEX "ix_name" ON "users" ("name")'],
    down: ['DROP INDEX "ix_name"', 'CREATE INDEX "ix_name" ON "users" ("name")'],
  },
]

const moodTable: TableDefinition = {
  name: 'people',
  columns: [id, { name: 'mood', type: 'mood', default: "'ok'" }, { name: 'history', type: 'mood[]' }],
}
const moods = (values: string[], comment?: string): SchemaDefinition => ({
  enums: [{ name: 'mood', values, ...(comment ? { comment } : {}) }],
  tables: [moodTable],
})

export const ENUM_CASES: readonly MigrationCase[] = [
  {
    title: 'create_enum / drop_enum',
    from: { tables: [] },
    to: { enums: [{ name: 'mood', values: ['sad', 'ok'], comment: 'how it feels' }], tables: [] },
    up: ["CREATE TYPE \"mood\" AS ENUM ('sad', 'ok')", 'COMMENT ON TYPE "mood" IS \'how it feels\''],
    down: ['DROP TYPE "mood"'],
  },
  {
    title: 'alter_enum: values added in place (ADD VALUE outside the transaction), removed by rebuilding the type',
    from: moods(['sad', 'ok']),
    to: moods(['meh', 'sad', 'ok', 'good', 'great']),
    up: [
      "ALTER TYPE \"mood\" ADD VALUE 'meh' BEFORE 'sad'",
      "ALTER TYPE \"mood\" ADD VALUE 'good' AFTER 'ok'",
      "ALTER TYPE \"mood\" ADD VALUE 'great' AFTER 'good'",
    ],
    down: [
      "CREATE TYPE \"mood_new\" AS ENUM ('sad', 'ok')",
      'ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood_new" USING "mood"::text::"mood_new"',
      'ALTER TABLE "people" ALTER COLUMN "history" TYPE "mood_new"[] USING "history"::text[]::"mood_new"[]',
      'DROP TYPE "mood"',
      'ALTER TYPE "mood_new" RENAME TO "mood"',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
    ],
  },
  {
    title: 'alter_enum: a value added and used in the same migration (committed first)',
    from: moods(['sad', 'ok']),
    to: {
      ...moods(['sad', 'ok', 'meh']),
      tables: [{ ...moodTable, columns: [...moodTable.columns, { name: 'now', type: 'mood', default: "'meh'" }] }],
    },
    up: [
      "ALTER TYPE \"mood\" ADD VALUE 'meh' AFTER 'ok'",
      'ALTER TABLE "people" ADD COLUMN "now" "mood" DEFAULT \'meh\'',
    ],
    down: [
      "CREATE TYPE \"mood_new\" AS ENUM ('sad', 'ok')",
      'ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood_new" USING "mood"::text::"mood_new"',
      'ALTER TABLE "people" ALTER COLUMN "history" TYPE "mood_new"[] USING "history"::text[]::"mood_new"[]',
      'ALTER TABLE "people" ALTER COLUMN "now" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "now" TYPE "mood_new" USING "now"::text::"mood_new"',
      'DROP TYPE "mood"',
      'ALTER TYPE "mood_new" RENAME TO "mood"',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
      'ALTER TABLE "people" DROP COLUMN "now"',
    ],
  },
  {
    title: 'alter_enum: reordered values rebuild the type, which takes its comment along',
    from: moods(['sad', 'ok'], 'feelings'),
    to: moods(['ok', 'sad']),
    up: [
      "CREATE TYPE \"mood_new\" AS ENUM ('ok', 'sad')",
      'ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood_new" USING "mood"::text::"mood_new"',
      'ALTER TABLE "people" ALTER COLUMN "history" TYPE "mood_new"[] USING "history"::text[]::"mood_new"[]',
      'DROP TYPE "mood"',
      'ALTER TYPE "mood_new" RENAME TO "mood"',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
    ],
    down: [
      "CREATE TYPE \"mood_new\" AS ENUM ('sad', 'ok')",
      'ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood_new" USING "mood"::text::"mood_new"',
      'ALTER TABLE "people" ALTER COLUMN "history" TYPE "mood_new"[] USING "history"::text[]::"mood_new"[]',
      'DROP TYPE "mood"',
      'ALTER TYPE "mood_new" RENAME TO "mood"',
      'COMMENT ON TYPE "mood" IS \'feelings\'',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
    ],
  },
  {
    title: 'a text column becomes an enum column',
    from: {
      enums: [{ name: 'mood', values: ['sad', 'ok'] }],
      tables: [{ name: 'people', columns: [id, { name: 'mood', type: 'text', default: "'ok'" }] }],
    },
    to: {
      enums: [{ name: 'mood', values: ['sad', 'ok'] }],
      tables: [{ name: 'people', columns: [id, { name: 'mood', type: 'mood', default: "'ok'" }] }],
    },
    up: [
      'ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT',
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood" USING "mood"::"mood"',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
    ],
    down: [
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE text',
      'ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT \'ok\'',
    ],
  },
]

const billing = (columns: ColumnDefinition[]): SchemaDefinition => ({
  enums: [{ name: 'state', schema: 'billing', values: ['open', 'paid'] }],
  tables: [
    { name: 'accounts', schema: 'billing', columns: [id], constraints: [{ type: 'primary_key', columns: ['id'] }] },
    {
      name: 'invoices',
      schema: 'billing',
      columns: [id, { name: 'account_id', type: 'integer' }, ...columns],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        {
          type: 'foreign_key',
          columns: ['account_id'],
          referencedTable: 'accounts',
          referencedSchema: 'billing',
          referencedColumns: ['id'],
        },
      ],
      indexes: [{ columns: ['account_id'] }],
    },
  ],
})

export const NAMESPACE_CASES: readonly MigrationCase[] = [
  {
    title: 'tables and enums in a namespace are schema-qualified',
    from: { tables: [] },
    to: billing([{ name: 'state', type: 'state', nullable: false, default: "'open'" }]),
    up: [
      'CREATE TYPE "billing"."state" AS ENUM (\'open\', \'paid\')',
      'CREATE TABLE "billing"."accounts" (\n  "id" integer NOT NULL,\n  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")\n)',
      'CREATE TABLE "billing"."invoices" (\n  "id" integer NOT NULL,\n  "account_id" integer,\n  "state" "billing"."state" DEFAULT \'open\' NOT NULL,\n  CONSTRAINT "invoices_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "invoices_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "billing"."accounts" ("id")\n)',
      'CREATE INDEX "invoices_account_id_idx" ON "billing"."invoices" ("account_id")',
    ],
    down: ['DROP TABLE "billing"."invoices"', 'DROP TABLE "billing"."accounts"', 'DROP TYPE "billing"."state"'],
  },
  {
    title: 'columns, renames and indexes in a namespace',
    from: billing([{ name: 'amount', type: 'integer' }]),
    to: billing([{ name: 'total', type: 'bigint', comment: 'cents' }]),
    diff: { renames: { columns: { 'billing.invoices.amount': 'total' } } },
    up: [
      'ALTER TABLE "billing"."invoices" RENAME COLUMN "amount" TO "total"',
      'ALTER TABLE "billing"."invoices" ALTER COLUMN "total" TYPE bigint',
      'COMMENT ON COLUMN "billing"."invoices"."total" IS \'cents\'',
    ],
    down: [
      'ALTER TABLE "billing"."invoices" RENAME COLUMN "total" TO "amount"',
      'ALTER TABLE "billing"."invoices" ALTER COLUMN "amount" TYPE integer',
      'COMMENT ON COLUMN "billing"."invoices"."amount" IS NULL',
    ],
  },
]
