import { type ExpressionProblem, findExpressionProblem, findTextProblem } from '../expression-guard.js'
import type { LexToken } from '../lexer-core.js'
import { postgresLexer } from './lexer.js'

// A SQL-standard routine body (PostgreSQL 14+) is written unquoted, so it is checked to be exactly
// one body to both readers of a migration:
// - the server's grammar (gram.y: `BEGIN_P ATOMIC routine_body_stmt_list END_P`, each statement
//   followed by `;`) ends the block at an END where a statement would start, after a `;` — only the
//   last token may be such an END; CASE ... END inside a statement nests;
// - psql (psqlscan.l) ends a statement at a `;` outside parentheses once its count of BEGIN and
//   CASE (after a BEGIN) minus END, outside parentheses, is back to zero; the count must reach zero
//   at the block's END and never before, and a RETURN expression must leave it at zero (an unquoted
//   `begin` there would make psql glue the next statement on).
// The lexical rules are the expression guard's: no comment, no backslash command, no psql variable,
// nothing unterminated, one reading under both settings of standard_conforming_strings.

/** How a SQL-standard body is written: `BEGIN ATOMIC body END` or `RETURN body`. */
export type StandardBodyKind = 'atomic' | 'return'

const word = (text: string, t: LexToken | undefined) =>
  t?.kind === 'identifier' ? text.slice(t.start, t.end).toLowerCase() : undefined

/** The statement `body` becomes inside its wrapper. */
export const standardBodySQL = (body: string, kind: StandardBodyKind): string =>
  kind === 'return' ? `RETURN ${body}` : body.trim() === '' ? 'BEGIN ATOMIC\nEND' : `BEGIN ATOMIC\n${body}\nEND`

/**
 * psql's BEGIN/END count over `tokens`, starting at `depth`: where it first reaches zero (an index),
 * or the count at the end when it never does.
 */
function psqlDepth(text: string, tokens: readonly LexToken[], depth: number): { zeroAt?: number; depth: number } {
  let parens = 0
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'open') parens++
    else if (t.kind === 'close') parens--
    const w = parens === 0 ? word(text, t) : undefined
    if (w === 'begin') depth++
    else if (w === 'case' && depth >= 1) depth++
    else if (w === 'end' && depth > 0) {
      depth--
      if (depth === 0) return { zeroAt: i, depth }
    }
  }
  return { depth }
}

/** The statements of `BEGIN ATOMIC ... END`: each ends with `;`, no END where a statement starts. */
function atomicProblem(text: string): ExpressionProblem | undefined {
  if (text.trim() === '') return undefined
  const lexical = findTextProblem(text, postgresLexer, 'block')
  if (lexical) return lexical
  const tokens = postgresLexer.tokenize(text, postgresLexer.modes[0]).filter((t) => t.kind !== 'space')
  for (const [i, t] of tokens.entries()) {
    const prev = tokens[i - 1]
    const atStart = prev === undefined || prev.kind === 'semicolon'
    if (atStart && t.kind === 'semicolon') return { problem: 'an empty statement', offset: t.start }
    if (atStart && word(text, t) === 'end')
      return { problem: 'an END where a statement starts, which would end the block early', offset: t.start }
  }
  const last = tokens.at(-1) as LexToken
  if (last.kind !== 'semicolon') return { problem: 'a statement not ended by ";"', offset: text.length }
  // The block's own BEGIN counts one: the body must keep psql's count above zero.
  const psql = psqlDepth(text, tokens, 1)
  if (psql.zeroAt !== undefined)
    return {
      problem: "an END that psql reads as the block's, which would end the statement early",
      offset: (tokens[psql.zeroAt] as LexToken).start,
    }
  if (psql.depth !== 1)
    return { problem: 'a BEGIN or CASE that psql counts without its END, which would join statements', offset: 0 }
  return undefined
}

/** The expression of `RETURN`: one expression, no unquoted BEGIN that psql would count. */
function returnProblem(text: string): ExpressionProblem | undefined {
  const lexical = findExpressionProblem(text, postgresLexer)
  if (lexical) return lexical
  const tokens = postgresLexer.tokenize(text, postgresLexer.modes[0]).filter((t) => t.kind !== 'space')
  if (psqlDepth(text, tokens, 0).depth !== 0)
    return { problem: 'an unquoted BEGIN that psql counts, which would join statements', offset: 0 }
  return undefined
}

/**
 * The first reason `body` is not exactly one SQL-standard body of kind `kind` to PostgreSQL and psql,
 * or undefined. `atomic`: statements each ended by `;` (or none), no END where a statement starts,
 * psql's BEGIN/END count kept open; `return`: one expression (the expression guard's rules).
 *
 * @example
 * ```ts
 * findStandardBodyProblem('SELECT count(*) FROM t;', 'atomic') // undefined
 * findStandardBodyProblem('SELECT 1; END; DROP TABLE t;', 'atomic') // { problem: 'an END where a statement starts ...', ... }
 * findStandardBodyProblem('a + b', 'return') // undefined
 * ```
 */
export function findStandardBodyProblem(body: string, kind: StandardBodyKind): ExpressionProblem | undefined {
  return kind === 'atomic' ? atomicProblem(body) : returnProblem(body)
}
