import { type SqlToken, tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import type { Statement } from '../types.js'

// Reads planned PostgreSQL statements back to tell whether they take the lock-friendly forms: the
// impact rules judge the plan the user will run, not the options they passed. Identifiers are
// single tokens, so a name that spells `NOT VALID` or `CONCURRENTLY` cannot fool it.

const isWord = (t: SqlToken | undefined, ...words: string[]) =>
  t?.kind === 'word' && words.includes(t.text.toLowerCase())

/** `ALTER TABLE <name>` and the index after the name, or undefined. The name is its tokens' values. */
function alteredTable(tokens: readonly SqlToken[]): { table: string; next: number } | undefined {
  if (!isWord(tokens[0], 'alter') || !isWord(tokens[1], 'table')) return undefined
  let i = isWord(tokens[2], 'only') ? 3 : 2
  const name: string[] = []
  while (tokens[i]?.kind === 'identifier' || (tokens[i]?.kind === 'punctuation' && tokens[i]?.text === '.')) {
    name.push((tokens[i] as SqlToken).value)
    i++
  }
  return name.length > 0 ? { table: name.join('\u0000'), next: i } : undefined
}

type Step =
  | { readonly kind: 'add'; readonly table: string; readonly name: string; readonly notValid: boolean }
  | { readonly kind: 'validate'; readonly table: string; readonly name: string }

/** A statement that adds a foreign key or check, or validates a constraint; undefined for others. */
function constraintStep(sql: string): Step | undefined {
  const tokens = tokenizeSql(sql)
  const altered = alteredTable(tokens)
  if (!altered) return undefined
  const [a, b, c, d] = tokens.slice(altered.next)
  if (isWord(a, 'add') && isWord(b, 'constraint') && c?.kind === 'identifier' && isWord(d, 'foreign', 'check')) {
    const notValid = isWord(tokens.at(-2), 'not') && isWord(tokens.at(-1), 'valid')
    return { kind: 'add', table: altered.table, name: c.value, notValid }
  }
  if (isWord(a, 'validate') && isWord(b, 'constraint') && c?.kind === 'identifier' && d === undefined)
    return { kind: 'validate', table: altered.table, name: c.value }
  return undefined
}

/** Whether statements `from` to `to` would share one transaction: all of them may. */
const shareTransaction = (statements: readonly Statement[], from: number, to: number) =>
  statements.slice(from, to + 1).every((s) => s.transactional)

/**
 * Whether the statements planned for a change add every foreign key and check `NOT VALID` and validate
 * it in a later statement that does not share the ADD's transaction, so the ADD's lock is released
 * before the rows are scanned. False when they add none.
 *
 * @example
 * ```ts
 * validatesAfterCommit(planned) // true for [ADD ... NOT VALID (transactional), VALIDATE CONSTRAINT (not)]
 * ```
 * @internal
 */
export function validatesAfterCommit(statements: readonly Statement[]): boolean {
  const steps = statements.map((s) => constraintStep(s.sql))
  const adds = steps.flatMap((step, i) => (step?.kind === 'add' ? [{ step, i }] : []))
  if (adds.length === 0) return false
  return adds.every(({ step, i }) => {
    if (!step.notValid) return false
    const j = steps.findIndex(
      (other, k) => k > i && other?.kind === 'validate' && other.table === step.table && other.name === step.name,
    )
    return j > i && !shareTransaction(statements, i, j)
  })
}

/** Whether a statement creates or drops an index; `concurrent` when it does so CONCURRENTLY. */
function indexStep(sql: string): { concurrent: boolean } | undefined {
  const tokens = tokenizeSql(sql)
  const create = isWord(tokens[0], 'create')
  const drop = isWord(tokens[0], 'drop')
  if (!create && !drop) return undefined
  const i = create && isWord(tokens[1], 'unique') ? 2 : 1
  if (!isWord(tokens[i], 'index')) return undefined
  return { concurrent: isWord(tokens[i + 1], 'concurrently') }
}

/**
 * Whether the statements planned for a change build and drop every index `CONCURRENTLY`, outside a
 * transaction block, so writes go on. False when they touch no index.
 *
 * @example
 * ```ts
 * indexesConcurrently(planned) // true for [CREATE INDEX CONCURRENTLY ... (not transactional)]
 * ```
 * @internal
 */
export function indexesConcurrently(statements: readonly Statement[]): boolean {
  const steps = statements.flatMap((s) => {
    const step = indexStep(s.sql)
    return step ? [{ ...step, transactional: s.transactional }] : []
  })
  return steps.length > 0 && steps.every((s) => s.concurrent && !s.transactional)
}
