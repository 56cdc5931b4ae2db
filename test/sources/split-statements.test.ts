import { describe, expect, test } from 'vitest'
import { splitStatements } from '../../src/sources/index.js'

describe('splitStatements', () => {
  test('PostgreSQL: comments, quotes, dollar quotes and E-strings hold semicolons; lines are counted', () => {
    const script = [
      '-- header; not a statement',
      "SET client_encoding = 'UTF8';",
      '/* outer /* nested; */ still comment; */',
      'CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$',
      "BEGIN RETURN 'a;b'; END",
      '$body$;',
      "INSERT INTO t VALUES (E'it\\'s; fine', 'x''; y', \"odd;name\");",
      '\\restrict abc123',
      'SELECT 1',
    ].join('\n')
    expect(splitStatements(script, 'postgres')).toEqual([
      { sql: "SET client_encoding = 'UTF8'", line: 2 },
      {
        sql: "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$\nBEGIN RETURN 'a;b'; END\n$body$",
        line: 4,
      },
      { sql: "INSERT INTO t VALUES (E'it\\'s; fine', 'x''; y', \"odd;name\")", line: 7 },
      { sql: '\\restrict abc123', line: 8, meta: true },
      { sql: 'SELECT 1', line: 9 },
    ])
  })

  test('PostgreSQL: a BEGIN ATOMIC body (with CASE ... END) is one statement', () => {
    const script =
      'CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3;'
    expect(splitStatements(script, 'postgres').map((s) => s.sql)).toEqual([
      'CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END',
      'SELECT 3',
    ])
  })

  test('SQLite: a trigger body is one statement; [bracketed] and `backquoted` names hold semicolons', () => {
    const script =
      'CREATE TABLE [a;b] (`c;d` int);\nCREATE TRIGGER tr AFTER INSERT ON [a;b] BEGIN\n  UPDATE [a;b] SET `c;d` = CASE WHEN 1 THEN 2 END;\n  DELETE FROM [a;b];\nEND;\nPRAGMA foreign_keys = ON;'
    expect(splitStatements(script, 'sqlite')).toEqual([
      { sql: 'CREATE TABLE [a;b] (`c;d` int)', line: 1 },
      {
        sql: 'CREATE TRIGGER tr AFTER INSERT ON [a;b] BEGIN\n  UPDATE [a;b] SET `c;d` = CASE WHEN 1 THEN 2 END;\n  DELETE FROM [a;b];\nEND',
        line: 2,
      },
      { sql: 'PRAGMA foreign_keys = ON', line: 6 },
    ])
  })

  test('MySQL: DELIMITER changes the terminator, /*! */ is SQL, # and "-- " are comments, backslash escapes', () => {
    const script = [
      '/*!40101 SET NAMES utf8mb4 */;',
      '# a comment; here',
      "INSERT INTO t VALUES ('a\\';b', \"c;d\");",
      'DELIMITER ;;',
      '/*!50003 CREATE*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END */;;',
      'DELIMITER ;',
      'SELECT 1--2;',
    ].join('\n')
    expect(splitStatements(script, 'mysql')).toEqual([
      { sql: '/*!40101 SET NAMES utf8mb4 */', line: 1 },
      { sql: "INSERT INTO t VALUES ('a\\';b', \"c;d\")", line: 3 },
      { sql: 'DELIMITER ;;', line: 4, meta: true },
      {
        sql: '/*!50003 CREATE*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END */',
        line: 5,
      },
      { sql: 'DELIMITER ;', line: 6, meta: true },
      { sql: 'SELECT 1--2', line: 7 },
    ])
  })

  test('MySQL: a BEGIN ... END body without DELIMITER is one statement (as migration tools send it)', () => {
    const script = [
      'CREATE DEFINER=root@localhost TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN',
      '  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;',
      '  CASE WHEN NEW.b IS NULL THEN SET NEW.b = 1; ELSE SET NEW.b = 2; END CASE;',
      '  WHILE NEW.a > 10 DO SET NEW.a = NEW.a - 1; END WHILE;',
      'END;',
      'CREATE FUNCTION one() RETURNS INT DETERMINISTIC RETURN 1;',
      'SELECT 2;',
    ].join('\n')
    const statements = splitStatements(script, 'mysql')
    expect(statements.map((s) => s.line)).toEqual([1, 6, 7])
    expect(statements[0]?.sql.endsWith('END WHILE;\nEND')).toBe(true)
  })

  test('an unterminated string or a missing last semicolon keeps the rest as one statement', () => {
    expect(splitStatements("SELECT 'open; never closed", 'postgres')).toEqual([
      { sql: "SELECT 'open; never closed", line: 1 },
    ])
    expect(splitStatements('  \n-- only a comment\n', 'sqlite')).toEqual([])
  })
})
