import { describe, expect, test } from 'vitest'
import { detectSqlDialect } from '../../src/sources/index.js'

describe('detectSqlDialect', () => {
  test.each([
    ['--\n-- PostgreSQL database dump\n--\nCREATE TABLE `odd` (a int);', 'postgres'],
    ['-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\nCREATE TABLE t (a text DEFAULT (1)::text);', 'mysql'],
    ['CREATE TABLE t (id bigserial PRIMARY KEY, d jsonb);', 'postgres'],
    ["CREATE TABLE t (a text DEFAULT 'x'::text);", 'postgres'],
    ['CREATE TABLE `t` (id int unsigned AUTO_INCREMENT) ENGINE=InnoDB;', 'mysql'],
    ['CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID;', 'sqlite'],
  ])('%s -> %s', (text, dialect) => {
    expect(detectSqlDialect(text).dialect).toBe(dialect)
  })

  test('no clue, or clues of two dialects, is undefined with the clues listed', () => {
    expect(detectSqlDialect('CREATE TABLE t (a int);')).toEqual({
      dialect: undefined,
      clues: { postgres: [], mysql: [], sqlite: [] },
    })
    expect(detectSqlDialect('CREATE TABLE `t` (a int DEFAULT 1::int) ENGINE=InnoDB;')).toEqual({
      dialect: undefined,
      clues: { postgres: ['::casts'], mysql: ['`backquotes`', 'ENGINE='], sqlite: [] },
    })
  })
})
