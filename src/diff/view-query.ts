import { type SqlToken, tokenizeSql } from '../sql-text/sql-tokenizer.js'

// PostgreSQL 15 prints a view's columns qualified by their relation (`SELECT orders.id FROM
// orders`), 16 and later leave the qualifier out where one relation is read (`SELECT id FROM
// orders`). In a query that reads exactly one relation, with no join, subquery, set operation or
// CTE, every column belongs to that relation, so the qualifier says nothing: it is dropped before
// comparing. Any other query is compared as written (two spellings then differ, never two meanings
// compare equal).

const CLAUSE_WORDS = new Set(['where', 'group', 'having', 'order', 'limit', 'offset', 'window', 'fetch', 'for'])
const REFUSED = new Set(['join', 'union', 'intersect', 'except', 'with', 'lateral', 'from', 'select'])

const nameOf = (t: SqlToken | undefined): string | undefined =>
  t === undefined ? undefined : t.kind === 'word' ? t.text.toLowerCase() : t.kind === 'identifier' ? t.value : undefined

/** The single relation's FROM item (its tokens' range) and the names that qualify its columns. */
interface Relation {
  readonly names: ReadonlySet<string>
  readonly start: number
  readonly end: number
}

/** The relation a query reads alone, or undefined when it reads more (or something else). */
function singleRelation(tokens: readonly SqlToken[]): Relation | undefined {
  const words = tokens.map((t) => (t.kind === 'word' ? t.text.toLowerCase() : ''))
  const count = (w: string) => words.filter((x) => x === w).length
  if (count('select') !== 1 || count('from') !== 1) return undefined
  if (words.some((w) => REFUSED.has(w) && w !== 'from' && w !== 'select')) return undefined
  const start = words.indexOf('from') + 1
  let i = start
  const first = nameOf(tokens[i])
  if (first === undefined || words[i] === 'lateral') return undefined
  const names = [first]
  i++
  if (tokens[i]?.text === '.') {
    const relation = nameOf(tokens[i + 1])
    if (relation === undefined) return undefined
    names.push(relation, `${first}.${relation}`)
    i += 2
  }
  if (words[i] === 'as') i++
  const alias = nameOf(tokens[i])
  if (alias !== undefined && !(tokens[i]?.kind === 'word' && CLAUSE_WORDS.has(alias))) {
    names.push(alias)
    i++
  }
  const next = tokens[i]
  if (next !== undefined && next.text !== ';' && !(next.kind === 'word' && CLAUSE_WORDS.has(words[i] as string)))
    return undefined
  return { names: new Set(names), start, end: i }
}

/**
 * The query's tokens' text with the qualifiers of a single relation's columns dropped (`orders.id` ->
 * `id`); the query unchanged when it reads anything else.
 *
 * @example
 * ```ts
 * unqualifiedViewQuery('SELECT orders.id FROM orders') // 'SELECT id FROM orders'
 * unqualifiedViewQuery('SELECT a.id FROM a JOIN b ON b.id = a.id') // unchanged
 * ```
 * @internal
 */
export function unqualifiedViewQuery(text: string): string {
  const tokens = tokenizeSql(text)
  const relation = singleRelation(tokens)
  if (relation === undefined) return text
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken
    const outside = i < relation.start || i >= relation.end
    const dot = (k: number) => tokens[i + k]?.text === '.'
    const name = nameOf(t)
    // `q.col` (or `s.q.col`), never `q.f(...)`: that names a function of schema q.
    if (outside && name !== undefined && tokens[i - 1]?.text !== '.' && dot(1) && tokens[i + 2] !== undefined) {
      if (dot(3) && relation.names.has(`${name}.${nameOf(tokens[i + 2])}`) && tokens[i + 5]?.text !== '(') {
        i += 3
        continue
      }
      if (!dot(3) && relation.names.has(name) && tokens[i + 3]?.text !== '(') {
        i += 1
        continue
      }
    }
    out.push(t.text)
  }
  return out.join(' ')
}
