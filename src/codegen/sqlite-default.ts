// What SQLite's DEFAULT takes bare: a number, a string or blob literal, NULL, TRUE, FALSE, CURRENT_*.
const SQLITE_LITERAL =
  /^\s*(?:[+-]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|x?'(?:[^']|'')*'|null|true|false|current_(?:time|date|timestamp))\s*$/i

/**
 * A default as SQLite's grammar takes it after DEFAULT: a literal as is, anything else in
 * parentheses (`DEFAULT now()` is a syntax error there). SQLAlchemy and drizzle-kit both write the
 * text they are given verbatim, so the generated code has to carry the parentheses.
 *
 * @example
 * ```ts
 * sqliteDefaultText('now()') // '(now())'
 * ```
 * @internal
 */
export const sqliteDefaultText = (text: string): string => (SQLITE_LITERAL.test(text) ? text : `(${text})`)
