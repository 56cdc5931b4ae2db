import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspectDatabase } from '../../../src/introspect/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { sqliteFactory } from './sqlite-helpers.js'

// SQLite accepts a foreign key to a table that does not exist, or to a view, and checks it only when
// a row is written. Introspection keeps the table and lists the key with why instead of failing.

describe.skipIf(sqliteFactory.skipReason !== undefined)(
  engineTitle(sqliteFactory, 'introspection of keys to what is not a table'),
  () => {
    let engine: Engine
    beforeAll(async () => {
      engine = await sqliteFactory.open()
    })
    afterAll(async () => {
      await engine.close()
    })

    it('lists foreign keys to a missing table and to a view, and reads the rest', async () => {
      await engine.exec(`
        CREATE TABLE users (id INTEGER PRIMARY KEY);
        CREATE VIEW active_users AS SELECT id FROM users;
        CREATE TABLE posts (
          id INTEGER PRIMARY KEY,
          user_id INTEGER CONSTRAINT fk_user REFERENCES users (id),
          author_id INTEGER CONSTRAINT fk_author REFERENCES active_users (id),
          team_id INTEGER CONSTRAINT fk_team REFERENCES teams (id)
        );`)
      const read = await introspectDatabase((sql, params) => engine.query(sql, params), { dialect: 'sqlite' })
      expect(read.schema.tables.map((t) => [t.name, t.constraints.map((c) => `${c.type} ${c.name ?? ''}`)])).toEqual([
        ['posts', ['primary_key ', 'foreign_key fk_user']],
        ['users', ['primary_key ']],
      ])
      expect(read.unmodelled).toEqual([
        {
          kind: 'foreign_key',
          name: 'posts.fk_author',
          why: 'references "active_users", which is not read: a view; left out of the schema',
        },
        {
          kind: 'foreign_key',
          name: 'posts.fk_team',
          why: 'references "teams", which does not exist; left out of the schema',
        },
      ])
      // The engine holds all three keys.
      const keys = await engine.query(`SELECT "table" FROM pragma_foreign_key_list('posts') ORDER BY "table"`)
      expect(keys.map((r) => r.table)).toEqual(['active_users', 'teams', 'users'])
    })
  },
)
