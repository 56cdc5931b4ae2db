import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas, isSchemaLedgerError, parseSchema } from '../../../src/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { loadSeed, seedV2ForSqlite } from '../../fixtures/seed-for-sqlite.js'
import { create, remaining, script, sqliteFactory } from './sqlite-helpers.js'

// The seed story (test/fixtures/seed-v1.json -> seed-v2.json) on SQLite. v2 as written is outside
// SQLite's expressible subset: a PostgreSQL enum type (user_role) and a BigInteger autoincrement key
// (SQLite's AUTOINCREMENT column must be INTEGER, already 64 bits). Planning it is refused with the
// list of problems. v2 written for SQLite (role as text with a CHECK, id kept INTEGER) migrates with
// rows in both tables: every kept column keeps its values through the rebuilds.

const v1 = parseSchema(loadSeed('seed-v1.json'))
const v2 = parseSchema(loadSeed('seed-v2.json'))

describe.skipIf(sqliteFactory.skipReason !== undefined)(engineTitle(sqliteFactory, 'the seed story'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('refuses v2 as written, naming the enum and the BigInteger autoincrement key', () => {
    let error: unknown
    try {
      planMigration(diffSchemas(v1, v2), { dialect: 'sqlite', from: v1, to: v2 })
    } catch (e) {
      error = e
    }
    expect(isSchemaLedgerError(error) && error.code).toBe('unsupported_feature')
    expect((error as Error).message).toBe(
      [
        'SQLite cannot store these 3 parts of the schema:',
        '  enum:user_role: SQLite has no enum types',
        "  users.id: autoincrement needs the column to be the table's only primary key column, of type integer, without a default (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT)",
        '  users.role: enum "user_role": SQLite has no enum types (use text with a CHECK constraint)',
      ].join('\n'),
    )
  })

  const sqliteV2 = seedV2ForSqlite()
  const migration = planMigration(diffSchemas(v1, sqliteV2), { dialect: 'sqlite', from: v1, to: sqliteV2 })

  it('plans v1 -> v2 for SQLite: posts and users rebuilt once each, tags created', () => {
    expect(script(migration)).toBe(
      [
        '-- schemaledger migration: sqlite, up',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement is off while tables are rebuilt so that dropping the old copy cannot cascade into other tables',
        'PRAGMA foreign_keys = OFF;',
        'BEGIN;',
        'CREATE TABLE "tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, UNIQUE ("name"));',
        'CREATE TABLE "new_posts" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "body" text, "user_id" integer NOT NULL, "score" decimal(10,2), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "ck_posts_score" CHECK (score >= 0));',
        'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_posts\', "seq" FROM "sqlite_sequence" WHERE "name" = \'posts\';',
        'INSERT INTO "new_posts" ("id", "title", "user_id") SELECT "id", "title", "user_id" FROM "posts";',
        '-- destructive: alter_column posts.title',
        'DROP TABLE "posts";',
        'ALTER TABLE "new_posts" RENAME TO "posts";',
        'CREATE INDEX "ix_posts_user_id" ON "posts" ("user_id");',
        'CREATE TABLE "new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "username" varchar(80) NOT NULL, "email" varchar(120) NOT NULL DEFAULT \'\', "is_active" boolean NOT NULL DEFAULT TRUE, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "role" varchar(10) NOT NULL DEFAULT \'member\', UNIQUE ("username"), CONSTRAINT "ck_users_role" CHECK (role IN (\'admin\', \'member\', \'guest\')));',
        'INSERT INTO "sqlite_sequence" ("name", "seq") SELECT \'new_users\', "seq" FROM "sqlite_sequence" WHERE "name" = \'users\';',
        'INSERT INTO "new_users" ("id", "username", "email") SELECT "id", "username", "email" FROM "users";',
        'DROP TABLE "users";',
        'ALTER TABLE "new_users" RENAME TO "users";',
        'CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");',
        'PRAGMA foreign_key_check;',
        'COMMIT;',
        '-- outside the transaction: PRAGMA foreign_keys is a no-op inside a transaction; enforcement comes back on after the commit',
        'PRAGMA foreign_keys = ON;',
        '',
      ].join('\n'),
    )
  })

  it('applies it with rows in users and posts: the data survives, and down comes back to v1', async () => {
    await create(engine, v1)
    await engine.exec(
      "INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com'), ('bob', 'bob@example.com')",
    )
    await engine.exec(
      "INSERT INTO posts (title, content, user_id) VALUES ('hello', 'first', 1), ('again', NULL, 2), ('more', 'x', 1)",
    )
    await engine.exec(script(migration))
    expect(await remaining(engine, sqliteV2)).toEqual([])
    expect(await engine.query('SELECT id, username, email, is_active, role FROM users ORDER BY id')).toEqual([
      { id: 1, username: 'ann', email: 'ann@example.com', is_active: 1, role: 'member' },
      { id: 2, username: 'bob', email: 'bob@example.com', is_active: 1, role: 'member' },
    ])
    // posts.content was dropped and posts.body added (no rename hint): the rest of each row stays.
    expect(await engine.query('SELECT id, title, body, user_id, score FROM posts ORDER BY id')).toEqual([
      { id: 1, title: 'hello', body: null, user_id: 1, score: null },
      { id: 2, title: 'again', body: null, user_id: 2, score: null },
      { id: 3, title: 'more', body: null, user_id: 1, score: null },
    ])
    await engine.exec(script(migration, 'down'))
    expect(await remaining(engine, v1)).toEqual([])
    expect(await engine.query('SELECT count(*) AS n FROM posts')).toEqual([{ n: 3 }])
  })
})
