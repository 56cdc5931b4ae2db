import { UnsafeExpressionError } from '../errors.js'
import type { LexToken, SqlLexer } from './lexer-core.js'
import { mysqlLexer } from './mysql/lexer.js'
import { postgresLexer } from './postgres/lexer.js'
import { sqliteLexer } from './sqlite/lexer.js'
import { LONE_SURROGATE } from './text-rules.js'

// SQL text taken verbatim from a document (defaults, checks, generated columns, index expressions and
// predicates, custom types) goes into a statement only when the dialect's own lexer reads it as one
// expression: nothing that ends the statement, comments out its rest, reaches the command-line client,
// or starts another clause of it.

/** What is wrong with a verbatim text, and where (an offset in UTF-16 units). */
export interface ExpressionProblem {
  readonly problem: string
  readonly offset: number
}

/**
 * Reserved words that start a column or table clause and never stand outside parentheses in an
 * expression: text holding one at its top level could add a key, a default or a reference.
 */
const CLAUSE_WORDS = new Set(['primary', 'references', 'constraint', 'unique', 'check', 'default', 'on', 'as'])

function unterminated(text: string, t: LexToken): string {
  if (t.kind === 'comment') return `an unterminated ${t.note ?? '/*'} comment`
  if (t.note?.startsWith('$')) return `an unterminated ${t.note.replace(/ continued$/, '')} quote`
  // The opening quote with its prefix: ', E', U&', B', "", U&", `, [.
  const quote = /['"`[]/.exec(text.slice(t.start, t.start + 4))
  return `an unterminated ${text.slice(t.start, t.start + (quote ? quote.index + 1 : 1))} quote`
}

/** The first offset where two readings of the same text put a token boundary differently. */
function firstDifference(a: readonly LexToken[], b: readonly LexToken[]): number | undefined {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k]
    const y = b[k]
    if (!x || !y) return (x ?? y)?.start
    if (x.start !== y.start || x.end !== y.end || x.closed !== y.closed) return Math.min(x.start, y.start)
  }
  return undefined
}

/**
 * The first reason `text` is not exactly one SQL expression to `lexer`'s engine and client, or
 * undefined when it is. Refused: NUL and lone surrogates anywhere; any reading that differs between
 * the engine's modes; a CR LF inside quotes where the client drops the CR; outside literals a `;`, a
 * comment, a backslash (a psql or mysql command), a psql variable, a parameter; an unterminated quote
 * or comment; unbalanced parentheses or brackets; a `,` or a clause keyword (PRIMARY, REFERENCES,
 * CONSTRAINT, UNIQUE, CHECK, DEFAULT, ON, AS) at the top level; an empty text.
 *
 * @example
 * ```ts
 * findExpressionProblem('$a1$;$a1$', postgresLexer) // undefined: one dollar-quoted string
 * findExpressionProblem('$$;$$', mysqlLexer) // { problem: 'a ";" that would end the statement', offset: 2 }
 * ```
 */
export function findExpressionProblem(text: string, lexer: SqlLexer): ExpressionProblem | undefined {
  return findTextProblem(text, lexer, 'expression')
}

/**
 * The first reason `text` is not exactly one query (`SELECT`, `WITH`, `VALUES`, `TABLE`, or one in
 * parentheses) to `lexer`'s engine and client, as a view's definition must be: the checks of
 * {@link findExpressionProblem} but that commas and clause keywords are the query's own.
 *
 * @example
 * ```ts
 * findQueryProblem('SELECT id, name FROM users', postgresLexer) // undefined
 * findQueryProblem('SELECT 1; DROP TABLE users', postgresLexer) // { problem: 'a ";" that would end the statement', offset: 8 }
 * ```
 */
export function findQueryProblem(text: string, lexer: SqlLexer): ExpressionProblem | undefined {
  const found = findTextProblem(text, lexer, 'query')
  if (found) return found
  const first = /^[\s(]*([A-Za-z]+)/.exec(text)?.[1]?.toLowerCase()
  if (first === undefined || !QUERY_WORDS.has(first))
    return { problem: 'a statement that is not a query (SELECT, WITH, VALUES or TABLE)', offset: 0 }
  return undefined
}

const QUERY_WORDS = new Set(['select', 'with', 'values', 'table'])

/**
 * The first reason `text` is not one clause to `lexer`'s engine and client (a routine's argument list
 * or return type, a setting's value): the checks of {@link findQueryProblem} without its first word.
 */
export function findClauseProblem(text: string, lexer: SqlLexer): ExpressionProblem | undefined {
  return findTextProblem(text, lexer, 'query')
}

/**
 * The lexical checks shared by every verbatim text: one reading in every mode, nothing that reaches
 * the client, nothing unterminated, balanced parentheses; `block` (a trigger's or routine's body)
 * lets `;` stand between statements outside parentheses. @internal
 */
export function findTextProblem(
  text: string,
  lexer: SqlLexer,
  kind: 'expression' | 'query' | 'block',
): ExpressionProblem | undefined {
  const nul = text.indexOf('\u0000')
  if (nul >= 0) return { problem: 'a NUL character', offset: nul }
  const lone = LONE_SURROGATE.exec(text)
  if (lone) return { problem: 'a lone UTF-16 surrogate, which is not text', offset: lone.index }
  const tokens = lexer.tokenize(text, lexer.modes[0])
  const found = tokenProblem(text, tokens, lexer, kind)
  if (found) return found
  for (const mode of lexer.modes.slice(1)) {
    const at = firstDifference(tokens, lexer.tokenize(text, mode))
    if (at !== undefined) return { problem: `quoting that ${lexer.label} reads differently under ${mode}`, offset: at }
  }
  return undefined
}

/** The first problem among the tokens of one reading. */
function tokenProblem(
  text: string,
  tokens: readonly LexToken[],
  lexer: SqlLexer,
  kind: 'expression' | 'query' | 'block',
): ExpressionProblem | undefined {
  const expression = kind === 'expression'
  let depth = 0
  let brackets = 0
  let empty = true
  for (const t of tokens) {
    if (t.kind === 'space') continue
    empty = false
    const at = (problem: string) => ({ problem, offset: t.start })
    if (!t.closed) return at(unterminated(text, t))
    const crlf = text.slice(t.start, t.end).indexOf('\r\n')
    if (lexer.clientDropsCarriageReturns && crlf >= 0 && (t.kind === 'string' || t.kind === 'quoted_identifier'))
      return {
        problem: 'a carriage return before a line feed inside quotes, which the mysql and sqlite3 clients drop',
        offset: t.start + crlf,
      }
    switch (t.kind) {
      case 'comment':
        return at(
          t.note === '/*!'
            ? 'an executable comment (/*! */), which the server runs'
            : `a comment (${t.note}) that could hide the rest of the statement`,
        )
      case 'semicolon':
        if (kind === 'block' && depth === 0 && brackets === 0) break
        return at('a ";" that would end the statement')
      case 'client_command':
        return at('a backslash outside quotes, which psql and mysql run as a client command (\\! runs a shell)')
      case 'client_variable':
        return at('a psql variable reference (:name), which psql replaces before sending')
      case 'parameter':
        return at('a parameter placeholder, which DDL cannot take')
      case 'open':
        depth++
        break
      case 'close':
        if (--depth < 0) return at('a ")" without its "("')
        break
      case 'open_bracket':
        brackets++
        break
      case 'close_bracket':
        if (--brackets < 0) return at('a "]" without its "["')
        break
      case 'comma':
        if (expression && depth === 0 && brackets === 0)
          return at('a "," outside parentheses, which would start another clause')
        break
      case 'identifier': {
        const word = text.slice(t.start, t.end).toLowerCase()
        if (expression && depth === 0 && brackets === 0 && CLAUSE_WORDS.has(word))
          return at(`the keyword ${word.toUpperCase()} outside parentheses, which would start another clause`)
        break
      }
    }
  }
  if (empty) return { problem: `an empty ${kind === 'block' ? 'body' : kind}`, offset: 0 }
  if (depth > 0) return { problem: 'a "(" without its ")"', offset: text.length }
  if (brackets > 0) return { problem: 'a "[" without its "]"', offset: text.length }
  return undefined
}

/**
 * Throws {@link UnsafeExpressionError} naming `where`, the dialect and the position when `problem` is
 * set; returns `text` otherwise.
 * @internal
 */
export function throwExpressionProblem(
  text: string,
  where: string,
  lexer: SqlLexer,
  problem: ExpressionProblem | undefined,
): string {
  if (!problem) return text
  throw new UnsafeExpressionError(where, `found ${problem.problem}`, text, {
    dialect: lexer.label,
    position: [...text.slice(0, problem.offset)].length + 1,
  })
}

/**
 * Checks one verbatim SQL text with a dialect's lexer and returns it, or throws
 * {@link UnsafeExpressionError} naming `where` (a document path such as
 * `tables[3].columns[1].default`), the dialect and the 1-based character position.
 *
 * @example
 * ```ts
 * assertOneExpression("lower(email)", 'tables[0].indexes[0].columns[0].expression', postgresLexer) // ok
 * ```
 */
export function assertOneExpression(text: string, where: string, lexer: SqlLexer): string {
  return throwExpressionProblem(text, where, lexer, findExpressionProblem(text, lexer))
}

const LEXERS: Readonly<Record<string, SqlLexer>> = {
  postgres: postgresLexer,
  mysql: mysqlLexer,
  sqlite: sqliteLexer,
}

/**
 * Throws {@link UnsafeExpressionError} when a SQL expression taken from a document is not exactly one
 * expression to the dialect's lexer (see {@link findExpressionProblem}): it could end the statement,
 * hide its rest in a comment, reach psql or mysql as a client command, or add a clause. `dialect`
 * picks the lexer (`postgres` by default; `hashComments: true` is the older spelling of `mysql`).
 *
 * @example
 * ```ts
 * assertSafeExpression("lower(email)", 'users.ix_email')      // ok
 * assertSafeExpression("0); DROP TABLE users; --", 'users.id default') // throws
 * assertSafeExpression("$$a;b$$", 't.c', { dialect: 'mysql' }) // throws: MySQL has no dollar quotes
 * ```
 */
export function assertSafeExpression(
  expression: string,
  where: string,
  options: { dialect?: 'postgres' | 'mysql' | 'sqlite'; hashComments?: boolean } = {},
): string {
  const lexer = LEXERS[options.dialect ?? (options.hashComments ? 'mysql' : 'postgres')] ?? postgresLexer
  return assertOneExpression(expression, where, lexer)
}

/** A query or clause for the given lexer, or {@link UnsafeExpressionError} naming `where`. @internal */
export function assertQueryText(text: string, where: string, lexer: SqlLexer, kind: 'query' | 'clause'): string {
  const problem = kind === 'query' ? findQueryProblem(text, lexer) : findClauseProblem(text, lexer)
  return throwExpressionProblem(text, where, lexer, problem)
}

/** For dialects without a lexer: one query or clause to every built-in lexer. @internal */
export function assertOneQueryEverywhere(text: string, where: string, kind: 'query' | 'clause'): string {
  for (const lexer of Object.values(LEXERS)) assertQueryText(text, where, lexer, kind)
  return text
}

/**
 * For dialects that bring no lexer of their own: the text must be one expression to every built-in
 * lexer. @internal
 */
export function assertOneExpressionEverywhere(text: string, where: string): string {
  for (const lexer of Object.values(LEXERS)) assertOneExpression(text, where, lexer)
  return text
}
