import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBodyProblem } from '../../src/dialects/body-guard.js'
import { mysqlLexer } from '../../src/dialects/mysql/lexer.js'
import { sqliteLexer } from '../../src/dialects/sqlite/lexer.js'
import type { Engine } from '../engines/engines.js'
import { sqliteFactory } from './sqlite/sqlite-helpers.js'

// The guard of trigger and routine bodies: exactly one body, nothing after its END. The property runs
// every accepted hostile body on SQLite: the statement creates the trigger whose stored text is the
// whole statement sent, and nothing else happens (the table is still there, nothing else was created).

const problem = (body: string, style: 'sqlite' | 'mysql') =>
  findBodyProblem(body, style === 'sqlite' ? sqliteLexer : mysqlLexer, style)?.problem

describe('findBodyProblem', () => {
  it.each([
    'BEGIN SELECT 1; END',
    "BEGIN INSERT INTO log VALUES ('a;b', 'END'); UPDATE t SET n = CASE WHEN n > 1 THEN 0 END; END",
    'begin delete from log; end',
  ])('sqlite accepts %j', (body) => {
    expect(problem(body, 'sqlite')).toBeUndefined()
  })

  it.each([
    ['BEGIN SELECT 1; END; DROP TABLE t', 'text after the body'],
    ['BEGIN SELECT 1; END DROP TABLE t', 'text after the body'],
    ['BEGIN SELECT 1; END; SELECT 2; END', 'text after the body'],
    ['BEGIN SELECT 1 END', 'does not end with'],
    ['SELECT 1; END', 'does not start with BEGIN'],
    ['BEGIN ; END', 'an empty statement'],
    ['BEGIN SELECT 1;; END', 'an empty statement'],
    ['BEGIN SELECT 1; END -- trailing', 'a comment'],
    ["BEGIN SELECT 'x; END", 'unterminated'],
    ['', 'an empty body'],
  ])('sqlite refuses %j', (body, why) => {
    expect(problem(body, 'sqlite')).toContain(why)
  })

  it.each([
    'SET NEW.total = NEW.total + 1',
    "BEGIN INSERT INTO log VALUES ('a;b'); UPDATE t SET n = IF(n > 1, 0, n); END",
    'BEGIN IF NEW.n > 1 THEN SET NEW.n = 1; ELSE SET NEW.n = 0; END IF; END',
    'BEGIN DECLARE i INT DEFAULT 0; l: LOOP SET i = i + 1; IF i > 3 THEN LEAVE l; END IF; END LOOP l; END',
    'BEGIN CASE WHEN 1 THEN SET @a = 1; ELSE SET @a = CASE WHEN 2 THEN 3 END; END CASE; END',
    'BEGIN WHILE @a < 2 DO SET @a = @a + 1; END WHILE; REPEAT SET @a = @a - 1; UNTIL @a < 0 END REPEAT; END',
  ])('mysql accepts %j', (body) => {
    expect(problem(body, 'mysql')).toBeUndefined()
  })

  it.each([
    ['SET @a = 1; DROP TABLE t', 'not one BEGIN ... END block'],
    ['BEGIN SET @a = 1; END; DROP TABLE t', 'text after'],
    ['BEGIN SET @a = 1; END DROP TABLE t', 'text after'],
    ['BEGIN IF 1 THEN SET @a = 1; END; END', 'closes no'],
    ['BEGIN SET @a = 1;', 'BEGIN without its END'],
    ['BEGIN SET @a = 1; END # x', 'a comment'],
    ['BEGIN SET @a = 1; \\! ls\nEND', 'client command'],
  ])('mysql refuses %j', (body, why) => {
    expect(problem(body, 'mysql')).toContain(why)
  })
})

const PIECES = [
  'BEGIN ',
  ' END',
  ';',
  ' ',
  '\n',
  'SELECT 1',
  'DROP TABLE t',
  'INSERT INTO t VALUES (1)',
  'CASE WHEN 1 THEN 2 END',
  "'",
  '"',
  '`',
  '[',
  ']',
  '--',
  '/*',
  '*/',
  '(',
  ')',
  '\\',
  'END;',
  '; END',
  "'; END; DROP TABLE t; --'",
]

/** Bodies made of hostile pieces, most of them shaped like a block so some are accepted. */
const bodies = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }), fc.boolean())
  .map(([open, middle, close]) => `${open ? 'BEGIN ' : ''}${middle.join('')}${close ? '; END' : ''}`)

describe.skipIf(sqliteFactory.skipReason !== undefined)('an accepted body is exactly one trigger on SQLite', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await sqliteFactory.open()
  })
  afterAll(async () => {
    await engine.close()
  })

  it('creates the trigger with the whole statement as its text, and nothing else', async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        if (problem(body, 'sqlite') !== undefined) return
        accepted++
        await engine.reset()
        await engine.exec('CREATE TABLE t (n integer)')
        const statement = `CREATE TRIGGER "x" AFTER INSERT ON "t" FOR EACH ROW ${body}`
        // exec runs every statement of the text: whatever the body smuggled in would run here.
        await engine.exec(statement).catch(() => undefined)
        const rows = await engine.query('SELECT type, name, sql FROM sqlite_schema ORDER BY name')
        const others = rows.filter((r) => r.name !== 'x')
        expect(others.map((r) => r.name)).toEqual(['t'])
        const trigger = rows.find((r) => r.name === 'x')
        if (trigger) expect(trigger.sql).toBe(statement)
      }),
      { numRuns: 400, seed: 19 },
    )
    expect(accepted).toBeGreaterThan(10)
  })
})
