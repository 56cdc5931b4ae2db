import {
  isDigit,
  isHigh,
  isLetter,
  type LexToken,
  lineEnd,
  quotedEnd,
  runEnd,
  type SqlLexer,
  TokenList,
} from '../lexer-core.js'

// MySQL/MariaDB's scanner (sql/sql_lex.cc, MYSQLlex) and the mysql client's statement splitter
// (client/mysql.cc, add_line), for what decides where tokens end:
// - no dollar quoting: `$` is an identifier character like letters, digits, `_` and every non-ASCII
//   byte, so `$$` is a name and `;` after it ends the statement;
// - '...' and "..." double their quote and take backslash escapes, unless NO_BACKSLASH_ESCAPES;
//   ANSI_QUOTES makes "..." an identifier (no escapes); `...` doubles backticks and never escapes;
// - x'..', b'..' end at the next quote; N'..' and _charset'..' are a name then a string;
// - `#` comments to the end of the line; `--` is a comment only before whitespace, a control
//   character or the end; /* */ does not nest, and /*! ... */, /*!50000 ... */, /*M! ... */ are
//   executable comments whose content the server runs;
// - the client reads a backslash outside quotes as a command (`\! cmd` runs a shell).

const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v'])
const SINGLE: Readonly<Record<string, LexToken['kind']>> = {
  '(': 'open',
  ')': 'close',
  ',': 'comma',
  ';': 'semicolon',
}
const OPERATOR = new Set('+-*/%=<>!~^&|.:@'.split(''))

const identChar = (c: string | undefined) => isLetter(c) || isDigit(c) || c === '_' || c === '$' || isHigh(c)
/** The server's `my_isspace || my_iscntrl` test after `--` (the end of the text reads as NUL, a control). */
const endsDashes = (c: string | undefined) => c === undefined || SPACE.has(c) || c.charCodeAt(0) < 0x20 || c === '\x7f'

function tokenize(text: string, mode = 'default'): LexToken[] {
  const backslash = mode !== 'NO_BACKSLASH_ESCAPES'
  const ansiQuotes = mode === 'ANSI_QUOTES'
  const out = new TokenList()
  let i = 0
  const quoted = (kind: 'string' | 'quoted_identifier', start: number, quote: string, escapes: boolean) => {
    const end = quotedEnd(text, start, quote, escapes)
    return out.emit(kind, start, end < 0 ? text.length : end, end >= 0)
  }
  while (i < text.length) {
    const c = text[i] as string
    const next = text[i + 1]
    const lower = c.toLowerCase()
    if (SPACE.has(c))
      i = out.emit(
        'space',
        i,
        runEnd(text, i, (x) => x !== undefined && SPACE.has(x)),
      )
    else if (c === '#') i = out.emit('comment', i, lineEnd(text, i, false), true, '#')
    else if (c === '-' && next === '-' && endsDashes(text[i + 2]))
      i = out.emit('comment', i, lineEnd(text, i, false), true, '--')
    else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2)
      const executable = text[i + 2] === '!' || (text[i + 2] === 'M' && text[i + 3] === '!')
      i = out.emit('comment', i, close < 0 ? text.length : close + 2, close >= 0, executable ? '/*!' : '/*')
    } else if ((lower === 'x' || lower === 'b') && next === "'") {
      // Hex and bit strings run to the next quote, with no escapes and no doubling.
      const close = text.indexOf("'", i + 2)
      i = out.emit('string', i, close < 0 ? text.length : close + 1, close >= 0, c)
    } else if (c === "'") i = quoted('string', i, "'", backslash)
    else if (c === '"')
      i = ansiQuotes ? quoted('quoted_identifier', i, '"', false) : quoted('string', i, '"', backslash)
    else if (c === '`') i = quoted('quoted_identifier', i, '`', false)
    else if (isDigit(c) && !runIsName(text, i)) i = out.emit('number', i, numberEnd(text, i))
    else if (identChar(c)) i = out.emit('identifier', i, runEnd(text, i, identChar))
    else if (c === '.' && isDigit(next)) i = out.emit('number', i, numberEnd(text, i))
    else if (c === '?') i = out.emit('parameter', i, i + 1)
    else if (c === '\\') i = out.emit('client_command', i, i + 1)
    else if (SINGLE[c]) i = out.emit(SINGLE[c], i, i + 1)
    else if (OPERATOR.has(c)) i = out.emit('operator', i, i + 1)
    else i = out.emit('other', i, i + 1)
  }
  return out.tokens
}

/** A run of identifier characters starting with a digit is a name unless it reads as a number (`1e5`, `0x1f`). */
function runIsName(text: string, i: number): boolean {
  const run = text.slice(i, runEnd(text, i, identChar))
  return !/^(?:\d+(?:[eE]\d+)?|0x[0-9a-fA-F]+|0b[01]+)$/.test(run) && !/^\d+[eE]$/.test(run) && /\D/.test(run)
}

function numberEnd(text: string, i: number): number {
  const m = /^(?:0x[0-9a-fA-F]+|0b[01]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 400))
  return i + (m?.[0].length || 1)
}

/**
 * MySQL/MariaDB's scanner as the server and the mysql client run it. Modes: the default SQL mode,
 * `NO_BACKSLASH_ESCAPES` and `ANSI_QUOTES`.
 *
 * @example
 * ```ts
 * mysqlLexer.tokenize('$$;$$').map((t) => t.kind) // ['identifier', 'semicolon', 'identifier']
 * ```
 */
export const mysqlLexer: SqlLexer = {
  label: 'MySQL/MariaDB',
  clientDropsCarriageReturns: true,
  modes: ['default', 'NO_BACKSLASH_ESCAPES', 'ANSI_QUOTES'],
  tokenize,
}
