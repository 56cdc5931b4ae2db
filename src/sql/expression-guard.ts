import { UnsafeExpressionError } from '../errors.js'

/**
 * Finds what would let an expression escape the statement it is embedded in: a `;` or a comment
 * outside quotes, an unterminated quote, or unbalanced parentheses. `backslashEscapes` reads `\'`
 * inside strings as an escaped quote (MySQL) instead of a backslash and a closing quote.
 */
function findProblem(text: string, backslashEscapes: boolean, hashComments: boolean): string | undefined {
  let depth = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    const next = text[i + 1]
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(text, i, ch, backslashEscapes && ch === "'")
      if (end < 0) return `an unterminated ${ch} quote`
      i = end + 1
      continue
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0]
      if (tag) {
        const end = text.indexOf(tag, i + tag.length)
        if (end < 0) return `an unterminated ${tag} quote`
        i = end + tag.length
        continue
      }
    }
    if (ch === ';') return 'a ";" that would end the statement'
    if ((ch === '-' && next === '-') || (hashComments && ch === '#'))
      return 'a comment that would hide the rest of the statement'
    if (ch === '/' && next === '*') return 'a comment that would hide the rest of the statement'
    if (ch === '(') depth++
    if (ch === ')' && --depth < 0) return 'a ")" without its "("'
    i++
  }
  return depth > 0 ? 'a "(" without its ")"' : undefined
}

function closingQuote(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]
    if (backslashEscapes && ch === '\\') {
      i++
      continue
    }
    if (ch !== quote) continue
    if (text[i + 1] === quote) {
      i++
      continue
    }
    return i
  }
  return -1
}

/**
 * Throws {@link UnsafeExpressionError} when a SQL expression taken from a document could end or
 * comment out the statement it is placed in. The expression must be safe both where backslashes
 * escape quotes (MySQL) and where they do not (PostgreSQL, SQLite). `hashComments` (MySQL) also
 * treats `#` as the start of a comment; elsewhere it is an operator (PostgreSQL `#>`).
 *
 * @example
 * ```ts
 * assertSafeExpression("lower(email)", 'users.ix_email')      // ok
 * assertSafeExpression("0); DROP TABLE users; --", 'users.id default') // throws
 * ```
 */
export function assertSafeExpression(
  expression: string,
  where: string,
  options: { hashComments?: boolean } = {},
): string {
  const hash = options.hashComments ?? false
  const problem = findProblem(expression, false, hash) ?? findProblem(expression, true, hash)
  if (problem) throw new UnsafeExpressionError(where, `found ${problem}`, expression)
  if (expression.trim() === '') throw new UnsafeExpressionError(where, 'found an empty expression', expression)
  return expression
}
