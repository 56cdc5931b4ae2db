import { describe, expect, it } from 'vitest'
import { UnsafeExpressionError } from '../../src/index.js'
import { assertSafeExpression } from '../../src/sql/index.js'

describe('assertSafeExpression', () => {
  it.each([
    'lower(email)',
    "'it''s'",
    "status IN ('a', 'b')",
    "data #> '{a,b}'",
    "'semi;colon' || 'x'",
    '"weird;name" > 0',
    '$$dollar;quoted$$',
    "'--not a comment'",
    'a / 2',
  ])('accepts %s', (expression) => {
    expect(assertSafeExpression(expression, 't.c')).toBe(expression)
  })

  it.each([
    ['0); DROP TABLE users; --', 'a ")" without its "("'],
    ['1; DELETE FROM t', 'a ";"'],
    ["'unterminated", "unterminated ' quote"],
    ['"unterminated', 'unterminated " quote'],
    ['now() -- the rest is gone', 'a comment'],
    ['1 /* hidden */', 'a comment'],
    ['(1', '"(" without its ")"'],
    ['1)', '")" without its "("'],
    ['$$open', 'unterminated $$ quote'],
    ['', 'an empty expression'],
    // Safe where backslashes are literal, but MySQL reads \' as a quote and the string never ends there.
    ["'a\\'); DROP TABLE t; --'", 'a ")" without its "("'],
  ])('rejects %j', (expression, problem) => {
    expect(() => assertSafeExpression(expression, 'users.id default')).toThrow(UnsafeExpressionError)
    expect(() => assertSafeExpression(expression, 'users.id default')).toThrow(problem)
  })

  it('treats # as a comment only when asked (MySQL)', () => {
    expect(assertSafeExpression('a # b', 'x')).toBe('a # b')
    expect(() => assertSafeExpression('1 # rest', 'x', { hashComments: true })).toThrow('a comment')
  })

  it('names where the expression comes from', () => {
    expect(() => assertSafeExpression('1;', 'users.score check')).toThrow(/^users\.score check: found a ";"/)
  })
})
