import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  findStandardBodyProblem,
  type StandardBodyKind,
  standardBodySQL,
} from '../../../src/dialects/postgres/standard-body.js'
import { diffSchemas, parseSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, enginesFor } from '../../engines/engines.js'

// The guard of SQL-standard routine bodies, written unquoted: exactly one body to the server's grammar
// and to psql. The property runs every accepted hostile body on PGlite (exec sends the whole text as
// one simple query, so whatever the grammar reads as a second statement would run) and, on the
// server, through psql (which splits statements itself): the canary table is never dropped and
// nothing but the routine is created.

const problem = (body: string, kind: StandardBodyKind) => findStandardBodyProblem(body, kind)?.problem

describe('findStandardBodyProblem', () => {
  it.each([
    ['', 'atomic'],
    ['SELECT 1;', 'atomic'],
    [' SELECT count(*) AS count\n    FROM orders;', 'atomic'],
    ["INSERT INTO log VALUES ('a; END', $$b; END$$); UPDATE t SET n = CASE WHEN n > 1 THEN 0 END;", 'atomic'],
    ['SELECT (CASE WHEN true THEN 1 END); SELECT 2;', 'atomic'],
    ['a + b', 'return'],
    ['CASE WHEN a THEN 1 ELSE 2 END', 'return'],
    ["(SELECT 'x; END')", 'return'],
  ] as const)('accepts %j as %s', (body, kind) => {
    expect(problem(body, kind)).toBeUndefined()
  })

  it.each([
    ['SELECT 1; END; DROP TABLE t;', 'atomic', 'an END where a statement starts'],
    ['END; DROP TABLE t;', 'atomic', 'an END where a statement starts'],
    ['SELECT 1', 'atomic', 'not ended by ";"'],
    ['SELECT 1;;', 'atomic', 'an empty statement'],
    ['; SELECT 1;', 'atomic', 'an empty statement'],
    ['SELECT t.end FROM t;', 'atomic', "psql reads as the block's"],
    ['SELECT begin FROM t;', 'atomic', 'psql counts without its END'],
    ['SELECT CASE WHEN true THEN 1;', 'atomic', 'psql counts without its END'],
    ['SELECT 1; -- x\n', 'atomic', 'a comment'],
    ['SELECT 1; /* END; */', 'atomic', 'a comment'],
    ["SELECT 'x;", 'atomic', 'unterminated'],
    ['SELECT :x;', 'atomic', 'psql variable'],
    ['SELECT 1; \\! ls\n', 'atomic', 'backslash'],
    ["SELECT 'a\\'; DROP TABLE t; SELECT '';", 'atomic', 'reads differently'],
    ['SELECT (1; 2);', 'atomic', 'a ";"'],
    ['1; DROP TABLE t', 'return', 'a ";"'],
    ['begin + 1', 'return', 'unquoted BEGIN'],
    ['1 -- x', 'return', 'a comment'],
    ['', 'return', 'empty'],
  ] as const)('refuses %j as %s', (body, kind, why) => {
    expect(problem(body, kind)).toContain(why)
  })

  it('refuses an unsafe body before writing any SQL, naming the document path', () => {
    const schema = parseSchema({
      format: 'schemaledger/1',
      tables: [],
      functions: [
        { name: 'f', arguments: '', returns: 'integer', bodyKind: 'atomic', body: 'SELECT 1; END; DROP TABLE t;' },
      ],
    })
    expect(() => createSchemaSQL(schema, 'postgres')).toThrow(/functions\[0\]\.body/)
  })

  it('refuses a setting or language named BEGIN, which psql would count as a block', () => {
    const routine = (extra: Record<string, unknown>) =>
      parseSchema({
        format: 'schemaledger/1',
        tables: [],
        functions: [{ name: 'f', arguments: '', returns: 'integer', bodyKind: 'return', body: '1', ...extra }],
      })
    expect(() => createSchemaSQL(routine({ config: ['x.begin=1'] }), 'postgres')).toThrow(/functions\[0\]\.config\[0\]/)
    expect(() => createSchemaSQL(routine({ language: 'BEGIN' }), 'postgres')).toThrow(/functions\[0\]\.language/)
    expect(createSchemaSQL(routine({ config: ['x.beginning=1'] }), 'postgres').map((s) => s.sql)).toEqual([
      `CREATE FUNCTION "f"() RETURNS integer LANGUAGE sql SET x.beginning TO '1' RETURN 1`,
    ])
  })

  it('refuses a SQL-standard body below PostgreSQL 14 and on MySQL', () => {
    const to = parseSchema({
      format: 'schemaledger/1',
      tables: [],
      functions: [{ name: 'f', arguments: '', returns: 'integer', bodyKind: 'return', body: '1' }],
    })
    const from = parseSchema({ format: 'schemaledger/1', tables: [] })
    const plan = (dialect: 'postgres' | 'mysql', dialectVersion?: number) =>
      planMigration(diffSchemas(from, to), { dialect, from, to, ...(dialectVersion ? { dialectVersion } : {}) })
    expect(plan('postgres', 14).up.map((s) => s.sql)).toEqual([
      'CREATE FUNCTION "f"() RETURNS integer LANGUAGE sql RETURN 1',
    ])
    expect(() => plan('postgres', 13)).toThrow(
      'function f(): bodyKind: a SQL-standard body (BEGIN ATOMIC / RETURN) needs PostgreSQL 14 or later',
    )
    expect(() => plan('mysql')).toThrow("function:f.bodyKind: a SQL-standard body (PostgreSQL's BEGIN ATOMIC / RETURN)")
  })
})

const PIECES = [
  'SELECT 1',
  ';',
  ' END',
  'END;',
  ' ATOMIC ',
  'BEGIN ',
  'begin',
  'CASE WHEN true THEN 1 END',
  'CASE ',
  '(',
  ')',
  "'",
  '"',
  '$$',
  '$a$',
  'E',
  '\\',
  ':x',
  '--',
  '/*',
  '*/',
  '\n',
  ' ',
  'DROP TABLE canary',
  "'; END; DROP TABLE canary; --'",
  ' t.end ',
  'RETURN 1',
]

const bodies = fc
  .tuple(fc.constantFrom<StandardBodyKind>('atomic', 'return'), fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }))
  .map(([kind, pieces]) => ({ kind, body: kind === 'atomic' ? `${pieces.join('')};` : pieces.join('') }))

const createSQL = (body: string, kind: StandardBodyKind) =>
  `CREATE FUNCTION "x"() RETURNS integer LANGUAGE sql ${standardBodySQL(body, kind)}`

/** The accepted bodies of the property's runs, for the psql check. */
const accepted: { body: string; kind: StandardBodyKind }[] = []

for (const factory of enginesFor('postgres')) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name}: an accepted body is one routine`, () => {
    let engine: Engine
    beforeAll(async () => {
      engine = await factory.open()
    }, 120_000)
    afterAll(async () => {
      await engine?.close()
    })

    it('creates at most the routine, never runs a second statement', { timeout: 300_000 }, async () => {
      accepted.length = 0
      await fc.assert(
        fc.asyncProperty(bodies, async ({ body, kind }) => {
          if (problem(body, kind) !== undefined) return
          accepted.push({ body, kind })
          await engine.reset()
          await engine.exec('CREATE TABLE canary (n integer)')
          // exec sends the text as one simple query: a second statement the grammar reads would run.
          await engine.exec(createSQL(body, kind)).catch(() => undefined)
          const relations = await engine.query(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
          )
          expect(relations.map((r) => r.relname)).toEqual(['canary'])
          const routines = await engine.query(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'",
          )
          expect(routines.map((r) => r.proname).filter((n) => n !== 'x')).toEqual([])
        }),
        { numRuns: 500, seed: 18 },
      )
      expect(accepted.length).toBeGreaterThan(20)
    })

    // psql splits a file into statements with its own lexer: every accepted body must stay inside
    // its statement there too (the server engine only; psql is its client).
    it.skipIf(factory.name !== 'postgres-server')(
      'sends each accepted body as one statement through psql',
      async () => {
        const url = process.env.SCHEMALEDGER_PG_URL as string
        await engine.reset()
        await engine.exec('CREATE TABLE canary (n integer)')
        const file = join(mkdtempSync(join(tmpdir(), 'pg-body-')), 'bodies.sql')
        const lines = accepted.flatMap(({ body, kind }) => [
          `${createSQL(body, kind)};`,
          "SELECT 'statement end';",
          'DROP FUNCTION IF EXISTS "x"();',
        ])
        writeFileSync(file, `${lines.join('\n')}\n`)
        const out = execFileSync('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=0', '-f', file], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        })
        // One 'statement end' per body: psql ended each CREATE where the server did.
        expect(out.split('\n').filter((l) => l === 'statement end')).toHaveLength(accepted.length)
        const relations = await engine.query(
          "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
        )
        expect(relations.map((r) => r.relname)).toEqual(['canary'])
      },
    )
  })
}
