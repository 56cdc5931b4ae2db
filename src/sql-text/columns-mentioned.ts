import { tokenizeSql } from './sql-tokenizer.js'

/**
 * The columns (of `columns`) a check expression mentions. Unquoted words fold to lower case; words
 * before `(` are functions and words after `::` types.
 * @internal
 */
export function columnsMentioned(columns: ReadonlySet<string>, expression: string): Set<string> {
  const tokens = tokenizeSql(expression)
  const found = new Set<string>()
  for (const [i, t] of tokens.entries()) {
    const name = t.kind === 'identifier' ? t.value : t.kind === 'word' ? t.text.toLowerCase() : undefined
    if (name === undefined || !columns.has(name)) continue
    if (tokens[i + 1]?.text === '(' || tokens[i - 1]?.text === '::') continue
    found.add(name)
  }
  return found
}
