import { type ExpressionProblem, findTextProblem, throwExpressionProblem } from './expression-guard.js'
import type { LexToken, SqlLexer } from './lexer-core.js'

// A trigger's or routine's body holds `;` between its statements, so the expression guard cannot
// check it. It goes into a statement only when it is exactly one body to the dialect's engine and
// client: lexically safe (the expression guard's rules, `;` allowed between statements), one
// `BEGIN ... END` block (or one statement without `;`), and nothing after the block's END — the place
// where the engine (and the sqlite3 shell, the mysql client) ends the CREATE statement.

/** How a dialect ends a body: SQLite at the first `; END`, MySQL at the END that closes the first BEGIN. */
export type BodyStyle = 'sqlite' | 'mysql'

const word = (text: string, t: LexToken | undefined) =>
  t?.kind === 'identifier' ? text.slice(t.start, t.end).toLowerCase() : undefined

/** MySQL statements that open a construct closed by `END [word]`, when they start a statement. */
const MYSQL_OPENERS = new Set(['if', 'case', 'loop', 'while', 'repeat'])
/** Tokens after which a MySQL compound statement's next statement starts. */
const MYSQL_STATEMENT_START = new Set(['begin', 'then', 'else', 'do', 'loop', 'repeat'])

/**
 * The first reason `text` is not exactly one body of a trigger or routine in `style`, or undefined.
 * SQLite: `BEGIN stmt; [stmt; ...] END`, where `; END` occurs only at the end (SQLite and the sqlite3
 * shell end the trigger there). MySQL/MariaDB: one statement without `;`, or one `BEGIN ... END`
 * block whose BEGIN/END, IF/END IF, CASE/END [CASE], LOOP, WHILE and REPEAT pairs close at the last
 * token. Either way: the lexical rules of the expression guard (no comment, no client command, no
 * unterminated quote, one reading in every mode), `;` only between statements.
 *
 * @example
 * ```ts
 * findBodyProblem('BEGIN UPDATE t SET n = n + 1; END', sqliteLexer, 'sqlite') // undefined
 * findBodyProblem('BEGIN SELECT 1; END; DROP TABLE t', sqliteLexer, 'sqlite') // { problem: 'text after the body's END ...', ... }
 * ```
 */
export function findBodyProblem(text: string, lexer: SqlLexer, style: BodyStyle): ExpressionProblem | undefined {
  const lexical = findTextProblem(text, lexer, 'block')
  if (lexical) return lexical
  const tokens = lexer.tokenize(text, lexer.modes[0]).filter((t) => t.kind !== 'space')
  return style === 'sqlite' ? sqliteBlock(text, tokens) : mysqlBody(text, tokens)
}

function sqliteBlock(text: string, tokens: readonly LexToken[]): ExpressionProblem | undefined {
  const first = tokens[0] as LexToken
  if (word(text, first) !== 'begin') return { problem: 'a body that does not start with BEGIN', offset: first.start }
  const last = tokens.length - 1
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as LexToken
    if (t.kind !== 'semicolon') continue
    const prev = tokens[i - 1] as LexToken
    if (prev.kind === 'semicolon' || i === 1) return { problem: 'an empty statement', offset: t.start }
    if (word(text, tokens[i + 1]) === 'end' && i + 1 !== last)
      return { problem: 'text after the body\'s "; END", which would run as another statement', offset: t.start }
  }
  if (word(text, tokens[last]) !== 'end' || tokens[last - 1]?.kind !== 'semicolon')
    return { problem: 'a body that does not end with "; END"', offset: text.length }
  return undefined
}

function mysqlBody(text: string, tokens: readonly LexToken[]): ExpressionProblem | undefined {
  const first = tokens[0] as LexToken
  if (word(text, first) !== 'begin') {
    const semicolon = tokens.find((t) => t.kind === 'semicolon')
    return semicolon
      ? { problem: 'a ";" in a body that is not one BEGIN ... END block', offset: semicolon.start }
      : undefined
  }
  const stack: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as LexToken
    const w = word(text, t)
    if (w === undefined) continue
    const prev = tokens[i - 1]
    const atStart =
      prev === undefined ||
      prev.kind === 'semicolon' ||
      (prev.kind === 'operator' && text.slice(prev.start, prev.end) === ':') ||
      MYSQL_STATEMENT_START.has(word(text, prev) ?? '')
    if (w === 'begin') stack.push('begin')
    else if (w === 'case' || (atStart && MYSQL_OPENERS.has(w))) stack.push(w)
    else if (w === 'end') {
      const closes = word(text, tokens[i + 1])
      const top = stack.pop()
      const expected = closes !== undefined && MYSQL_OPENERS.has(closes) && closes !== 'case' ? closes : undefined
      const ok =
        top === undefined
          ? false
          : expected !== undefined
            ? top === expected
            : closes === 'case'
              ? top === 'case'
              : top === 'begin' || top === 'case'
      if (!ok) return { problem: 'an END that closes no BEGIN, IF, CASE, LOOP, WHILE or REPEAT', offset: t.start }
      if (expected !== undefined || closes === 'case') i++
      if (stack.length === 0 && i !== tokens.length - 1)
        return { problem: "text after the body's last END, which would run as another statement", offset: t.end }
    }
  }
  if (stack.length > 0)
    return { problem: `a ${(stack.at(-1) as string).toUpperCase()} without its END`, offset: text.length }
  return undefined
}

/** The body, or {@link UnsafeExpressionError} naming `where` (`triggers[0].body`). @internal */
export function assertBody(text: string, where: string, lexer: SqlLexer, style: BodyStyle): string {
  return throwExpressionProblem(text, where, lexer, findBodyProblem(text, lexer, style))
}
