import type { TableDefinition } from '../../../src/index.js'
import { column, constraints, type MigrationCase, nativeScript, posts, rebuildScript, users } from './change-cases.js'
import { BLOG, withColumn, withTable } from './sqlite-fixtures.js'

// Constraint and index changes: every constraint change is a rebuild (SQLite cannot ALTER a
// constraint), index changes are native.

const tags: TableDefinition = {
  name: 'tags',
  columns: [
    { name: 'label', type: 'text', nullable: false },
    { name: 'post_id', type: 'integer' },
  ],
}
const withTags = (edit: (t: TableDefinition) => TableDefinition = (t) => t) => withTable(BLOG, 'tags', () => edit(tags))
const fk = (edit: Record<string, unknown>) =>
  posts((t) => ({ ...t, constraints: constraints(t).map((c) => (c.type === 'foreign_key' ? { ...c, ...edit } : c)) }))

export const CONSTRAINT_AND_INDEX_CASES: readonly MigrationCase[] = [
  {
    title: 'add_constraint primary key',
    from: withTags(),
    to: withTags((t) => ({ ...t, constraints: [{ type: 'primary_key', columns: ['label'] }] })),
    changes: ['add_constraint tags.tags_pkey'],
    up: rebuildScript(
      'CREATE TABLE "new_tags" ("label" text NOT NULL, "post_id" integer, PRIMARY KEY ("label"));',
      'INSERT INTO "new_tags" ("label", "post_id") SELECT "label", "post_id" FROM "tags";',
      'DROP TABLE "tags";',
      'ALTER TABLE "new_tags" RENAME TO "tags";',
    ),
  },
  {
    title: 'add_constraint unique, named',
    from: BLOG,
    to: users((t) => ({
      ...t,
      constraints: [...constraints(t), { type: 'unique', name: 'uq_users_name', columns: ['name'] }],
    })),
    changes: ['add_constraint users.uq_users_name'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer, UNIQUE ("email"), CONSTRAINT "uq_users_name" UNIQUE ("name"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'add_constraint check',
    from: BLOG,
    to: users((t) => ({ ...t, constraints: [...constraints(t), { type: 'check', expression: 'score >= 0' }] })),
    changes: ['add_constraint users.users_check'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer, UNIQUE ("email"), CHECK (score >= 0));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'add_constraint foreign key: a rebuild, the key inline in CREATE TABLE',
    from: withTags(),
    to: withTags((t) => ({
      ...t,
      constraints: [
        {
          type: 'foreign_key',
          columns: ['post_id'],
          referencedTable: 'posts',
          referencedColumns: ['id'],
          onUpdate: 'cascade',
        },
      ],
    })),
    changes: ['add_constraint tags.tags_post_id_fkey'],
    up: rebuildScript(
      'CREATE TABLE "new_tags" ("label" text NOT NULL, "post_id" integer, FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON UPDATE CASCADE);',
      'INSERT INTO "new_tags" ("label", "post_id") SELECT "label", "post_id" FROM "tags";',
      'DROP TABLE "tags";',
      'ALTER TABLE "new_tags" RENAME TO "tags";',
    ),
  },
  {
    title: 'drop_constraint foreign key',
    from: BLOG,
    to: posts((t) => ({ ...t, constraints: constraints(t).filter((c) => c.type !== 'foreign_key') })),
    changes: ['drop_constraint posts.posts_user_id_fkey'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL, "user_id" integer NOT NULL, "title" text NOT NULL, PRIMARY KEY ("id"));',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
    ),
  },
  {
    title: 'alter_constraint onDelete',
    from: BLOG,
    to: fk({ onDelete: 'restrict' }),
    changes: ['alter_constraint posts.posts_user_id_fkey'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL, "user_id" integer NOT NULL, "title" text NOT NULL, PRIMARY KEY ("id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT);',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
    ),
  },
  {
    title: 'alter_constraint deferrable',
    from: BLOG,
    to: fk({ deferrable: true, initiallyDeferred: true }),
    changes: ['alter_constraint posts.posts_user_id_fkey'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL, "user_id" integer NOT NULL, "title" text NOT NULL, PRIMARY KEY ("id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
    ),
  },
  {
    title: 'alter_constraint name only: still a rebuild (names live in the CREATE TABLE text)',
    from: BLOG,
    to: fk({ name: 'fk_posts_author' }),
    changes: ['alter_constraint posts.fk_posts_author'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL, "user_id" integer NOT NULL, "title" text NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "fk_posts_author" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE);',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
    ),
  },
  {
    title: 'alter_constraint check expression',
    from: users((t) => ({
      ...t,
      constraints: [...constraints(t), { type: 'check', name: 'ck_score', expression: 'score >= 0' }],
    })),
    to: users((t) => ({
      ...t,
      constraints: [...constraints(t), { type: 'check', name: 'ck_score', expression: 'score >= -10' }],
    })),
    changes: ['alter_constraint users.ck_score'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer, UNIQUE ("email"), CONSTRAINT "ck_score" CHECK (score >= -10));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'add_index: unique, expression, partial',
    from: BLOG,
    to: users((t) => ({
      ...t,
      indexes: [
        ...(t.indexes ?? []),
        {
          name: 'ix_users_lower_email',
          unique: true,
          columns: [{ expression: 'lower(email)' }],
          where: 'score IS NOT NULL',
        },
      ],
    })),
    changes: ['add_index users.ix_users_lower_email'],
    up: nativeScript('CREATE UNIQUE INDEX "ix_users_lower_email" ON "users" ((lower(email))) WHERE score IS NOT NULL;'),
  },
  {
    title: 'drop_index: the database-named one by its default name',
    from: BLOG,
    to: users((t) => ({ ...t, indexes: [] })),
    changes: ['drop_index users.users_name_idx'],
    up: nativeScript('DROP INDEX "users_name_idx";'),
  },
  {
    title: 'alter_index name: SQLite cannot rename an index, so drop and create',
    from: BLOG,
    to: posts((t) => ({ ...t, indexes: [{ name: 'ix_posts_author', columns: ['user_id'] }] })),
    changes: ['alter_index posts.ix_posts_author'],
    up: nativeScript('DROP INDEX "ix_posts_user";', 'CREATE INDEX "ix_posts_author" ON "posts" ("user_id");'),
  },
  {
    title: 'alter_index parts: DESC and COLLATE',
    from: BLOG,
    to: users((t) => ({ ...t, indexes: [{ columns: [{ column: 'name', descending: true, collation: 'NOCASE' }] }] })),
    changes: ['drop_index users.users_name_idx', 'add_index users.users_name_idx'],
    up: nativeScript(
      'DROP INDEX "users_name_idx";',
      'CREATE INDEX "users_name_idx" ON "users" ("name" COLLATE "NOCASE" DESC);',
    ),
  },
  {
    title: 'changes on two tables: one pair of pragmas around both rebuilds',
    from: BLOG,
    to: withTable(
      column('score', (c) => ({ ...c, type: 'bigint' })),
      'posts',
      (t) => withColumn(t, 'title', (c) => ({ ...c, type: 'varchar(200)' })),
    ),
    changes: ['alter_column posts.title', 'alter_column users.score'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL, "user_id" integer NOT NULL, "title" varchar(200) NOT NULL, PRIMARY KEY ("id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE);',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" bigint, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
]
