import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffSchemas, parseSchema } from '../../../src/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { toSQL } from '../../../src/sql/to-sql.js'
import { describeEngines, proveMigration } from './harness.js'

// The seed story (blog v1 -> v2) as PostgreSQL SQL: the full script a reviewer signs off, in both
// directions, and the proof that it takes a database from v1 to v2 and back.

const load = (name: string) =>
  parseSchema(JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')))
const v1 = load('seed-v1.json')
const v2 = load('seed-v2.json')
const migration = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })

describe('postgres: the seed story', () => {
  it('plans v1 -> v2', () => {
    expect(toSQL(migration)).toBe(
      [
        '-- schemaledger migration: postgres, up',
        'BEGIN;',
        "CREATE TYPE \"user_role\" AS ENUM ('admin', 'member', 'guest');",
        'ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey";',
        'ALTER TABLE "users" DROP CONSTRAINT "users_email_key";',
        'CREATE TABLE "tags" (',
        '  "id" serial NOT NULL,',
        '  "name" varchar(50) NOT NULL,',
        '  CONSTRAINT "tags_pkey" PRIMARY KEY ("id"),',
        '  CONSTRAINT "tags_name_key" UNIQUE ("name")',
        ');',
        'ALTER TABLE "posts" ADD COLUMN "body" text;',
        'ALTER TABLE "posts" ADD COLUMN "score" numeric(10,2);',
        'ALTER TABLE "users" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;',
        'ALTER TABLE "users" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;',
        'ALTER TABLE "users" ADD COLUMN "role" "user_role" DEFAULT \'member\' NOT NULL;',
        '-- destructive: alter_column posts.title',
        'ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(100);',
        'ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint;',
        'ALTER SEQUENCE "users_id_seq" AS bigint;',
        'ALTER TABLE "users" ALTER COLUMN "username" TYPE varchar(80);',
        'ALTER TABLE "posts" ADD CONSTRAINT "ck_posts_score" CHECK (score >= 0);',
        'CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");',
        'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE;',
        '-- destructive: drop_column posts.content',
        'ALTER TABLE "posts" DROP COLUMN "content";',
        'COMMIT;',
        '',
      ].join('\n'),
    )
  })

  it('plans v2 -> v1', () => {
    expect(toSQL(migration, { direction: 'down' })).toBe(
      [
        '-- schemaledger migration: postgres, down',
        'BEGIN;',
        'ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey";',
        'DROP INDEX "ix_users_email";',
        'ALTER TABLE "posts" DROP CONSTRAINT "ck_posts_score";',
        'ALTER TABLE "posts" ADD COLUMN "content" text;',
        'ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(200);',
        '-- destructive: alter_column users.id',
        'ALTER TABLE "users" ALTER COLUMN "id" TYPE integer;',
        'ALTER SEQUENCE "users_id_seq" AS integer;',
        '-- destructive: alter_column users.username',
        'ALTER TABLE "users" ALTER COLUMN "username" TYPE varchar(50);',
        'ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email");',
        'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id");',
        '-- destructive: drop_column posts.body',
        'ALTER TABLE "posts" DROP COLUMN "body";',
        '-- destructive: drop_column posts.score',
        'ALTER TABLE "posts" DROP COLUMN "score";',
        '-- destructive: drop_column users.is_active',
        'ALTER TABLE "users" DROP COLUMN "is_active";',
        '-- destructive: drop_column users.created_at',
        'ALTER TABLE "users" DROP COLUMN "created_at";',
        '-- destructive: drop_column users.role',
        'ALTER TABLE "users" DROP COLUMN "role";',
        '-- destructive: drop_table tags',
        'DROP TABLE "tags";',
        '-- destructive: drop_enum enum:user_role',
        'DROP TYPE "user_role";',
        'COMMIT;',
        '',
      ].join('\n'),
    )
  })
})

describeEngines('the seed story applied', (engine) => {
  it('takes v1 to v2 and back, each read back with an empty diff', async () => {
    await proveMigration(engine(), v1, v2)
  })
})
