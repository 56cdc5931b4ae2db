import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { diffSchemas, isSchemaLedgerError, parseSchema, type Schema } from '../../src/index.js'
import { readSQL, SqlScriptError } from '../../src/sources/index.js'
import { createSchemaSQL, planMigration, toSQL } from '../../src/sql/index.js'

const load = (name: string) =>
  parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')))

async function failure(promise: Promise<unknown>): Promise<SqlScriptError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SqlScriptError) return error
    throw error
  }
  throw new Error('expected a SqlScriptError')
}

const sqlOf = (schema: Schema, dialect: 'postgres' | 'sqlite') => toSQL(createSchemaSQL(schema, dialect))

// Each readSQL on PostgreSQL starts a PGlite (seconds on a busy machine).
describe('readSQL: PostgreSQL on PGlite', { timeout: 180_000 }, () => {
  test('.sql schemas diff and plan like their JSON documents', async () => {
    const v1 = load('seed-v1.json')
    const v2 = load('seed-v2.json')
    const [r1, r2] = [
      (await readSQL(sqlOf(v1, 'postgres'), { dialect: 'postgres' })).schema,
      (await readSQL(sqlOf(v2, 'postgres'), { dialect: 'postgres' })).schema,
    ]
    expect(diffSchemas(r1, v1).changes).toEqual([])
    expect(diffSchemas(r2, v2).changes).toEqual([])
    // The same changes and the same plan: statement for statement the same change, destructive flag
    // and transaction rule. (Expressions read back from the engine keep its spelling, such as
    // `'member'::user_role`, which the diff knows to be equal.)
    const fromJson = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
    const fromSql = planMigration(diffSchemas(r1 as Schema, r2 as Schema), { dialect: 'postgres', from: r1, to: r2 })
    const shape = (m: typeof fromJson) =>
      m.up.map((s) => [s.change?.kind, s.change?.path, s.destructive, s.transactional])
    expect(diffSchemas(r1 as Schema, r2 as Schema).changes.map((c) => [c.kind, c.path])).toEqual(
      diffSchemas(v1, v2).changes.map((c) => [c.kind, c.path]),
    )
    expect(shape(fromSql)).toEqual(shape(fromJson))
    expect(fromSql.up.length).toBeGreaterThan(10)
  })

  test('a rejected statement names the file, its line (or the error position line) and the engine message', async () => {
    const text = 'CREATE TABLE t (a int);\n\nCREATE INDEX i ON t (\n  a,\n  nope);\nCREATE TABLE u (b int);'
    const error = await failure(readSQL(text, { dialect: 'postgres', file: 'db/schema.sql' }))
    expect(error.code).toBe('statement_failed')
    expect([error.file, error.line, error.engineMessage]).toEqual(['db/schema.sql', 3, 'column "nope" does not exist'])
    expect(error.statement).toBe('CREATE INDEX i ON t (\n  a,\n  nope)')
    expect(error.message).toBe('db/schema.sql:3: column "nope" does not exist\n  in: CREATE INDEX i ON t ( a, nope)')
    // A syntax error carries its position: the line is the one it points at.
    const syntax = await failure(
      readSQL('SELECT 1;\nCREATE TABLE u (\n  a int,\n  b int,,\n  c int);', { dialect: 'postgres' }),
    )
    expect([syntax.line, syntax.engineMessage]).toEqual([4, 'syntax error at or near ","'])
  })

  test('roles, grants and owners that the engine rejects are skipped with notes; --strict makes them errors', async () => {
    const text = [
      "SET client_min_messages = 'warning';",
      'CREATE TABLE t (a int);',
      'ALTER TABLE t OWNER TO app_owner;',
      'GRANT SELECT ON t TO reader;',
      'GRANT UPDATE ON t TO reader;',
      'CREATE DATABASE other;',
      '\\connect other',
      'BEGIN;',
      'GRANT INSERT ON t TO reader;',
      'CREATE TABLE u (b int);',
      'COMMIT;',
    ].join('\n')
    const read = await readSQL(text, { dialect: 'postgres', file: 'a.sql' })
    expect(read.schema.tables.map((t) => t.name)).toEqual(['t', 'u'])
    expect(read.notes).toEqual([
      {
        kind: 'skipped',
        reason: 'role "app_owner" does not exist',
        file: 'a.sql',
        line: 3,
        statement: 'ALTER TABLE t OWNER TO app_owner',
        count: 1,
      },
      {
        kind: 'skipped',
        reason: 'role "reader" does not exist',
        file: 'a.sql',
        line: 4,
        statement: 'GRANT SELECT ON t TO reader',
        count: 3,
      },
      {
        kind: 'outside_database',
        reason: 'it acts outside the database being read',
        file: 'a.sql',
        line: 6,
        statement: 'CREATE DATABASE other',
        count: 1,
      },
      {
        kind: 'client_command',
        reason: 'a psql command, not SQL',
        file: 'a.sql',
        line: 7,
        statement: '\\connect other',
        count: 1,
      },
    ])
    const strict = await failure(readSQL(text, { dialect: 'postgres', file: 'a.sql', strict: true }))
    expect(strict.code).toBe('statement_not_run')
    expect(strict.message).toBe(
      'a.sql:3: not run (skipped): role "app_owner" does not exist; without --strict it is skipped with a note\n  in: ALTER TABLE t OWNER TO app_owner',
    )
  })

  test('contrib extensions load when the text creates them; one PGlite lacks is named', async () => {
    const text =
      'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION hstore;\nCREATE EXTENSION ltree;\nCREATE TABLE t (id uuid DEFAULT uuid_generate_v4(), h hstore, p ltree);\nCREATE INDEX t_p ON t USING gist (p);'
    const { schema } = await readSQL(text, { dialect: 'postgres' })
    const table = schema.tables[0]
    expect(table?.columns.map((c) => [c.name, c.default ?? null])).toEqual([
      ['id', 'uuid_generate_v4()'],
      ['h', null],
      ['p', null],
    ])
    expect(table?.indexes.map((i) => [i.name, i.using])).toEqual([['t_p', 'gist']])
    let error: unknown
    try {
      await readSQL('CREATE EXTENSION postgis;', { dialect: 'postgres' })
    } catch (e) {
      error = e
    }
    expect(isSchemaLedgerError(error) && error.code).toBe('unsupported_extension')
    expect((error as Error).message).toMatch(/^extension "postgis" is not available in PGlite \(it has amcheck, /)
  })
})

describe('readSQL: every extension PGlite can load', { timeout: 180_000 }, () => {
  test("diagnostic contrib modules, spi's extensions and pgvector load when the text creates them", async () => {
    const text = [
      'CREATE EXTENSION pg_stat_statements;',
      'CREATE EXTENSION pageinspect;',
      'CREATE EXTENSION refint;',
      'CREATE EXTENSION vector;',
      'CREATE TABLE docs (id integer NOT NULL, embedding vector(3));',
      'CREATE INDEX docs_embedding ON docs USING hnsw (embedding vector_cosine_ops) WITH (m = 24);',
    ].join('\n')
    const { schema } = await readSQL(text, { dialect: 'postgres' })
    expect(schema.extensions?.map((x) => x.name)).toEqual(['pageinspect', 'pg_stat_statements', 'refint', 'vector'])
    expect(schema.tables[0]?.columns.map((c) => c.type)).toEqual([
      { kind: 'integer' },
      { kind: 'custom', raw: 'vector(3)' },
    ])
    expect(schema.tables[0]?.indexes).toEqual([
      {
        name: 'docs_embedding',
        using: 'hnsw',
        parts: [{ column: 'embedding', opclass: 'vector_cosine_ops' }],
        with: { m: '24' },
      },
    ])
  })
})

describe('readSQL: SQLite on sql.js', () => {
  test('a schema with a trigger reads back as its document and the trigger; errors name the line', async () => {
    const v1 = load('seed-v1.json')
    const body = 'BEGIN\n  UPDATE users SET email = lower(NEW.email) WHERE id = NEW.id;\nEND'
    const text = `${sqlOf(v1, 'sqlite')}\nCREATE TRIGGER touch AFTER INSERT ON users ${body};`
    const { schema, notes } = await readSQL(text, { dialect: 'sqlite' })
    const withTrigger = {
      ...v1,
      triggers: [{ name: 'touch', table: 'users', timing: 'after', events: ['insert'], body }],
    }
    expect(diffSchemas(schema, withTrigger as typeof v1).changes).toEqual([])
    expect(notes).toEqual([])
    const error = await failure(readSQL('CREATE TABLE a (x int);\nINSERT INTO b VALUES (1);', { dialect: 'sqlite' }))
    expect(error.message).toBe('<sql>:2: no such table: b\n  in: INSERT INTO b VALUES (1)')
  })
})

describe('readSQL: MySQL and MariaDB', () => {
  test('without a dev server it says plainly what it needs', async () => {
    let error: unknown
    try {
      await readSQL('CREATE TABLE t (a int)', { dialect: 'mysql' })
    } catch (e) {
      error = e
    }
    expect(isSchemaLedgerError(error) && error.code).toBe('dev_url_required')
    expect((error as Error).message).toBe(
      'MySQL and MariaDB have no embedded engine: give a dev server (devUrl / --dev-url mysql://user@host:3306) on which a scratch database is created and dropped',
    )
  })

  test('a dev URL of the wrong kind is refused before anything runs', async () => {
    let error: unknown
    try {
      await readSQL('CREATE TABLE t (a int)', { dialect: 'mysql', devUrl: 'postgres://u:secret@h/db' })
    } catch (e) {
      error = e
    }
    expect((error as Error).message).toBe(
      'a mysql dev URL starts with mysql:// or mariadb://, not postgres://u:***@h/db',
    )
  })
})
