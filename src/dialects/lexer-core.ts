// What the three dialect lexers share: the token shape, and the scanning of runs every engine reads the
// same way. Each dialect's own file (postgres-lexer.ts, mysql-lexer.ts, sqlite-lexer.ts) follows its
// engine's scanner rule by rule; the expression guard only reads the tokens.

/**
 * Kinds of {@link LexToken}. `space` and `comment` are what the engine skips; `client_command` is a
 * backslash outside quotes (psql and mysql run `\! cmd`, `\gexec`, `\o |cmd`, `\i file`);
 * `client_variable` is a psql interpolation (`:name`, `:'name'`, `:"name"`); `parameter` is a
 * placeholder (`$1`, `?`, `:name`) that DDL cannot take; `other` is a character the engine rejects.
 */
export type LexKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'identifier'
  | 'quoted_identifier'
  | 'number'
  | 'operator'
  | 'open'
  | 'close'
  | 'open_bracket'
  | 'close_bracket'
  | 'comma'
  | 'semicolon'
  | 'parameter'
  | 'client_command'
  | 'client_variable'
  | 'other'

/** One token of SQL text as an engine's scanner reads it: `[start, end)` in UTF-16 units. */
export interface LexToken {
  readonly kind: LexKind
  readonly start: number
  readonly end: number
  /** False when a string, quoted identifier or comment runs to the end of the text unclosed. */
  readonly closed: boolean
  /**
   * A detail the guard reports: a comment's opener (`--`, `#`, `/*`, `/*!`), a string's prefix
   * (`E`, `U&`, `$tag$`), `continued` for a string continued on another line.
   */
  readonly note?: string
}

/**
 * A dialect's scanner: splits text into tokens exactly where the engine (and its command-line client)
 * does. `modes` are server settings that change where tokens end (PostgreSQL's
 * `standard_conforming_strings`, MySQL's `NO_BACKSLASH_ESCAPES` and `ANSI_QUOTES`); the first is the
 * default, and text is only safe when every mode reads the same token boundaries.
 *
 * @example
 * ```ts
 * postgresLexer.tokenize('$a1$;$a1$').map((t) => t.kind) // ['string']
 * ```
 */
export interface SqlLexer {
  /** The dialect, as error messages name it: `PostgreSQL`, `MySQL/MariaDB`, `SQLite`. */
  readonly label: string
  /** Settings that change where tokens end, the default first. */
  readonly modes: readonly string[]
  /**
   * Whether the dialect's command-line client reads scripts line by line and drops the carriage
   * return of a CR LF, inside quotes too (mysql and sqlite3 do; psql keeps it).
   */
  readonly clientDropsCarriageReturns: boolean
  /** Every token of `text` (spaces and comments included) as the engine reads it in `mode` (default: the first). */
  tokenize(text: string, mode?: string): LexToken[]
}

/** Builds tokens one after another; `emit` returns the end so scanners can `i = emit(...)`. @internal */
export class TokenList {
  readonly tokens: LexToken[] = []
  emit(kind: LexKind, start: number, end: number, closed = true, note?: string): number {
    this.tokens.push(note === undefined ? { kind, start, end, closed } : { kind, start, end, closed, note })
    return end
  }
}

/**
 * The end of a quoted run that opens at `start` (the opening quote): a doubled quote stands for one,
 * and with `backslash` a backslash takes the next character whatever it is. Returns the offset after
 * the closing quote, or -1 when the text ends first.
 * @internal
 */
export function quotedEnd(text: string, start: number, quote: string, backslash: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (backslash && c === '\\') {
      i++
      continue
    }
    if (c !== quote) continue
    if (text[i + 1] === quote) {
      i++
      continue
    }
    return i + 1
  }
  return -1
}

/** ASCII letter. @internal */
export const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
/** ASCII digit. @internal */
export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
/**
 * Any character outside ASCII. Engines scan UTF-8 bytes and take every byte >= 0x80 as a letter, so
 * every UTF-16 unit >= 0x80 (surrogates included) is one here.
 * @internal
 */
export const isHigh = (c: string | undefined): boolean => c !== undefined && c.charCodeAt(0) >= 0x80

/** The end of a run of characters matching `test`, from `i`. @internal */
export function runEnd(text: string, i: number, test: (c: string | undefined) => boolean): number {
  let j = i
  while (j < text.length && test(text[j])) j++
  return j
}

/** The offset after the end of the line that `i` is in (`\n` only, or `\n` and `\r`). @internal */
export function lineEnd(text: string, i: number, alsoCarriageReturn: boolean): number {
  for (let j = i; j < text.length; j++) {
    if (text[j] === '\n' || (alsoCarriageReturn && text[j] === '\r')) return j
  }
  return text.length
}
