import type { SchemaDefinition, TableDefinition } from '../../../src/index.js'
import type { MigrationCase } from '../migration-case.js'
import { BLOG, POSTS, USERS, withColumn, withTable } from './sqlite-fixtures.js'

// One case per change kind and per altered field: the migration from `from` to `to`, and the exact
// `up` script a reviewer reads. Every case also runs on SQLite with rows in both tables. Tables and
// columns here; constraints and indexes in constraint-cases.ts.

export type { MigrationCase } from '../migration-case.js'

export const users = (edit: (t: TableDefinition) => TableDefinition) => withTable(BLOG, 'users', (t) => edit(t))
export const posts = (edit: (t: TableDefinition) => TableDefinition) => withTable(BLOG, 'posts', (t) => edit(t))
const addColumns =
  (...columns: TableDefinition['columns']) =>
  (t: TableDefinition) => ({
    ...t,
    columns: [...t.columns, ...columns],
  })
export const column = (
  name: string,
  edit: (c: TableDefinition['columns'][number]) => TableDefinition['columns'][number],
) => users((t) => withColumn(t, name, edit))
export const constraints = (t: TableDefinition) => t.constraints ?? []
/** The blog with `users` called `name`, and posts' key following it. */
const renamedUsers = (name: string): SchemaDefinition => ({
  tables: [
    { ...USERS, name },
    {
      ...POSTS,
      constraints: constraints(POSTS).map((c) => (c.type === 'foreign_key' ? { ...c, referencedTable: name } : c)),
    },
  ],
})

const HEAD = '-- schemaledger migration: sqlite, up'
const OFF = [
  '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement is off while tables are rebuilt so that dropping the old copy cannot cascade into other tables',
  'PRAGMA foreign_keys = OFF;',
]
const ON = [
  'PRAGMA foreign_key_check;',
  'COMMIT;',
  '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement comes back on after the commit',
  'PRAGMA foreign_keys = ON;',
]
/** The up script of a migration that rebuilds tables. */
export const rebuildScript = (...body: string[]) => [HEAD, ...OFF, 'BEGIN;', ...body, ...ON]
/** The up script of a migration without rebuilds. */
export const nativeScript = (...body: string[]) => [HEAD, 'BEGIN;', ...body, 'COMMIT;']

export const TABLE_AND_COLUMN_CASES: readonly MigrationCase[] = [
  {
    title: 'create_table: columns, keys, checks, inline foreign keys, then its indexes',
    from: BLOG,
    to: withTable(BLOG, 'tags', () => ({
      name: 'tags',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoincrement: true },
        { name: 'label', type: 'varchar(40)', nullable: false, collation: 'NOCASE' },
        { name: 'post_id', type: 'integer' },
        { name: 'slug', type: 'text', generated: { expression: "lower(label) || '-tag'", stored: false } },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'unique', name: 'uq_tags_label', columns: ['label'] },
        { type: 'check', expression: 'length(label) > 1' },
        {
          type: 'foreign_key',
          columns: ['post_id'],
          referencedTable: 'posts',
          referencedColumns: ['id'],
          onDelete: 'set_null',
          deferrable: true,
          initiallyDeferred: true,
        },
      ],
      indexes: [
        { columns: ['post_id'] },
        {
          name: 'ix_tags_slug',
          columns: [{ expression: 'lower(slug)', descending: true }],
          where: 'post_id IS NOT NULL',
        },
      ],
    })),
    changes: ['create_table tags'],
    up: nativeScript(
      'CREATE TABLE "tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(40) NOT NULL COLLATE "NOCASE", "post_id" integer, "slug" text GENERATED ALWAYS AS (lower(label) || \'-tag\') VIRTUAL, CONSTRAINT "uq_tags_label" UNIQUE ("label"), FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED, CHECK (length(label) > 1));',
      'CREATE INDEX "tags_post_id_idx" ON "tags" ("post_id");',
      'CREATE INDEX "ix_tags_slug" ON "tags" ((lower(slug)) DESC) WHERE post_id IS NOT NULL;',
    ),
  },
  {
    title: 'drop_table',
    from: BLOG,
    to: withTable(BLOG, 'posts', () => undefined),
    changes: ['drop_table posts'],
    up: nativeScript('-- destructive: drop_table posts', 'DROP TABLE "posts";'),
  },
  {
    title: 'rename_table: ALTER TABLE RENAME TO, and the database-named index follows the new name',
    from: BLOG,
    to: renamedUsers('people'),
    diff: { renames: { tables: { users: 'people' } } },
    changes: ['rename_table people'],
    up: nativeScript(
      'ALTER TABLE "users" RENAME TO "people";',
      'DROP INDEX "users_name_idx";',
      'CREATE INDEX "people_name_idx" ON "people" ("name");',
    ),
  },
  {
    title: 'rename_table: a change of letter case only goes through a temporary name',
    from: BLOG,
    to: renamedUsers('Users'),
    diff: { renames: { tables: { users: 'Users' } } },
    changes: ['rename_table Users'],
    up: nativeScript(
      'ALTER TABLE "users" RENAME TO "Users__renaming";',
      'ALTER TABLE "Users__renaming" RENAME TO "Users";',
      'DROP INDEX "users_name_idx";',
      'CREATE INDEX "Users_name_idx" ON "Users" ("name");',
    ),
  },
  {
    title: 'add_column: plain columns are added natively (a NOT NULL one with a constant default)',
    from: BLOG,
    to: users(
      addColumns(
        { name: 'nickname', type: 'text' },
        { name: 'active', type: 'boolean', nullable: false, default: 'true' },
      ),
    ),
    changes: ['add_column users.nickname', 'add_column users.active'],
    up: nativeScript(
      'ALTER TABLE "users" ADD COLUMN "nickname" text;',
      'ALTER TABLE "users" ADD COLUMN "active" boolean NOT NULL DEFAULT TRUE;',
    ),
  },
  {
    title: 'add_column: a non-constant default needs the rebuild',
    from: BLOG,
    to: users(addColumns({ name: 'created_at', type: 'timestamp', nullable: false, default: 'now()' })),
    changes: ['add_column users.created_at'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer, "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'add_column: a STORED generated column needs the rebuild',
    from: BLOG,
    to: users(
      addColumns({
        name: 'domain',
        type: 'text',
        generated: { expression: "substr(email, instr(email, '@') + 1)", stored: true },
      }),
    ),
    changes: ['add_column users.domain'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer, "domain" text GENERATED ALWAYS AS (substr(email, instr(email, \'@\') + 1)) STORED, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'drop_column: a plain column is dropped natively',
    from: BLOG,
    to: users((t) => withColumn(t, 'score', () => undefined)),
    changes: ['drop_column users.score'],
    up: nativeScript('-- destructive: drop_column users.score', 'ALTER TABLE "users" DROP COLUMN "score";'),
  },
  {
    title: 'drop_column: a column a CHECK constraint uses needs the rebuild',
    from: users((t) => ({
      ...t,
      constraints: [...constraints(t), { type: 'check', name: 'ck_score', expression: 'score >= 0' }],
    })),
    to: users((t) => withColumn(t, 'score', () => undefined)),
    changes: ['drop_column users.score', 'drop_constraint users.ck_score'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name") SELECT "id", "email", "name" FROM "users";',
      '-- destructive: drop_column users.score',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'rename_column: RENAME COLUMN, and the database-named index follows the new name',
    from: BLOG,
    to: users((t) => ({
      ...withColumn(t, 'name', (c) => ({ ...c, name: 'full_name' })),
      indexes: [{ columns: ['full_name'] }],
    })),
    diff: { renames: { columns: { 'users.name': 'full_name' } } },
    changes: ['rename_column users.full_name'],
    up: nativeScript(
      'ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";',
      'DROP INDEX "users_name_idx";',
      'CREATE INDEX "users_full_name_idx" ON "users" ("full_name");',
    ),
  },
  {
    title: 'rename_column: a change of letter case only',
    from: BLOG,
    to: users((t) => ({ ...withColumn(t, 'name', (c) => ({ ...c, name: 'Name' })), indexes: [{ columns: ['Name'] }] })),
    diff: { renames: { columns: { 'users.name': 'Name' } } },
    changes: ['rename_column users.Name'],
    up: nativeScript(
      'ALTER TABLE "users" RENAME COLUMN "name" TO "Name";',
      'DROP INDEX "users_name_idx";',
      'CREATE INDEX "users_Name_idx" ON "users" ("Name");',
    ),
  },
  {
    title: 'alter_column type: rebuild, values converted by the new affinity',
    from: BLOG,
    to: column('score', (c) => ({ ...c, type: 'decimal(10,2)' })),
    changes: ['alter_column users.score'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" decimal(10,2), UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      '-- destructive: alter_column users.score',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'alter_column nullable: NOT NULL with a default copies coalesce(column, default)',
    from: BLOG,
    to: column('name', (c) => ({ ...c, nullable: false, default: "'anonymous'" })),
    changes: ['alter_column users.name'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text NOT NULL DEFAULT \'anonymous\', "score" integer, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", coalesce("name", \'anonymous\'), "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'alter_column default',
    from: BLOG,
    to: column('email', (c) => ({ ...c, default: "'nobody@example.com'" })),
    changes: ['alter_column users.email'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'nobody@example.com\', "name" text, "score" integer, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'alter_column autoincrement: INTEGER PRIMARY KEY AUTOINCREMENT',
    from: BLOG,
    to: posts((t) => withColumn(t, 'id', (c) => ({ ...c, autoincrement: true }))),
    changes: ['alter_column posts.id'],
    up: rebuildScript(
      'CREATE TABLE "new_posts" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL, "title" text NOT NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE);',
      'INSERT INTO "new_posts" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";',
      'DROP TABLE "posts";',
      'ALTER TABLE "new_posts" RENAME TO "posts";',
      'CREATE INDEX "ix_posts_user" ON "posts" ("user_id");',
    ),
  },
  {
    title: 'alter_column generated: a column becomes VIRTUAL generated',
    from: BLOG,
    to: column('score', (c) => ({ ...c, generated: { expression: 'length(email)', stored: false } })),
    changes: ['alter_column users.score'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, "score" integer GENERATED ALWAYS AS (length(email)) VIRTUAL, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name") SELECT "id", "email", "name" FROM "users";',
      '-- destructive: alter_column users.score',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'alter_column collation',
    from: BLOG,
    to: column('email', (c) => ({ ...c, collation: 'NOCASE' })),
    changes: ['alter_column users.email'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(120) NOT NULL DEFAULT \'\' COLLATE "NOCASE", "name" text, "score" integer, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
  {
    title: 'alter_column position (comparePositions): the rebuild writes the new order',
    from: BLOG,
    to: users((t) => ({ ...t, columns: [t.columns[0]!, t.columns[3]!, t.columns[1]!, t.columns[2]!] })),
    diff: { comparePositions: true },
    changes: ['alter_column users.score', 'alter_column users.email', 'alter_column users.name'],
    up: rebuildScript(
      'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "score" integer, "email" varchar(120) NOT NULL DEFAULT \'\', "name" text, UNIQUE ("email"));',
      'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
      'INSERT INTO "new_users" ("id", "score", "email", "name") SELECT "id", "score", "email", "name" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "new_users" RENAME TO "users";',
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
    ),
  },
]
