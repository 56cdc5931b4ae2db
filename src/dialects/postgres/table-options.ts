import { storageParametersMeaning } from '../../diff/semantic-keys.js'
import { SchemaLedgerError } from '../../errors.js'
import type { PartitionBy, PartitionOf, Table, TableReference } from '../../model/types.js'
import type { Dialect, GeneratorContext } from '../dialect.js'
import { expression, storageParameterList, storageParameterNames } from '../render.js'
import { Stage, type StatementDraft } from '../types.js'

// The PostgreSQL table clauses beyond columns and constraints: UNLOGGED, INHERITS, PARTITION BY,
// PARTITION OF ... FOR VALUES, WITH (storage parameters). Verbatim text in them (partition key
// expressions, bound values) goes through the lexer guard; the keywords around it are ours.

const invalid = (where: string, problem: string) => new SchemaLedgerError('invalid_option', `${where}: ${problem}`)

/**
 * ` WITH (fillfactor=70)`, or nothing when there are no parameters.
 * @internal
 */
export function withClause(d: Dialect, params: Readonly<Record<string, string>> | undefined, where: string): string {
  if (!params || Object.keys(params).length === 0) return ''
  return ` WITH (${storageParameterList(d, params, where)})`
}

/** A bare or double-quoted identifier, which a partition key takes without parentheses. */
const IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")$/

/**
 * `PARTITION BY RANGE (created_at, (lower(region)))`: column names as written, expressions in
 * parentheses, each checked to be one expression.
 *
 * @example
 * ```ts
 * partitionByClause(postgres, { method: 'range', key: ['created_at'] }, 'events') // 'PARTITION BY RANGE (created_at)'
 * ```
 * @internal
 */
export function partitionByClause(d: Dialect, p: PartitionBy, where: string): string {
  const parts = p.key.map((k, i) => {
    const text = expression(d, k, `${where}.partitionBy.key[${i}]`)
    return IDENTIFIER.test(text.trim()) ? text.trim() : `(${text})`
  })
  return `PARTITION BY ${p.method.toUpperCase()} (${parts.join(', ')})`
}

/** Index of the `)` closing the `(` at `start`, skipping quoted text; -1 when unbalanced. */
function closing(s: string, start: number): number {
  let depth = 0
  for (let i = start; i < s.length; i++) {
    const ch = s[i]
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i + 1)
      if (end < 0) return -1
      i = end
      continue
    }
    if (ch === '(') depth++
    if (ch === ')' && --depth === 0) return i
  }
  return -1
}

/** A `( ... )` list of bound values: checked as one (parenthesized) expression, returned as written. */
function valueList(d: Dialect, text: string, where: string): string {
  const s = text.trim()
  if (!s.startsWith('(') || closing(s, 0) !== s.length - 1)
    throw invalid(where, `expected a parenthesized list of values, found ${JSON.stringify(text)}`)
  return expression(d, s, where)
}

/**
 * A partition bound as the statement writes it: `DEFAULT`, `FOR VALUES IN (...)`, `FOR VALUES FROM
 * (...) TO (...)` or `FOR VALUES WITH (MODULUS n, REMAINDER r)`. The keywords are ours; each list
 * of values is checked to be one expression. Anything else throws, naming `where`.
 *
 * @example
 * ```ts
 * partitionBoundSQL(postgres, "for values from ('2024-01-01') to ('2025-01-01')", 'events_2024.partitionOf.bound')
 * // "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
 * ```
 * @internal
 */
export function partitionBoundSQL(d: Dialect, bound: string, where: string): string {
  const s = bound.trim()
  if (/^default$/i.test(s)) return 'DEFAULT'
  const hash = /^for\s+values\s+with\s*\(\s*modulus\s+(\d+)\s*,\s*remainder\s+(\d+)\s*\)$/i.exec(s)
  if (hash) return `FOR VALUES WITH (MODULUS ${Number(hash[1])}, REMAINDER ${Number(hash[2])})`
  const list = /^for\s+values\s+in\s*(\(.*\))$/is.exec(s)
  if (list) return `FOR VALUES IN ${valueList(d, list[1] ?? '', where)}`
  const range = /^for\s+values\s+from\s*(\(.*\))\s*to\s*(\(.*\))$/is.exec(s)
  if (range) return `FOR VALUES FROM ${valueList(d, range[1] ?? '', where)} TO ${valueList(d, range[2] ?? '', where)}`
  throw invalid(
    where,
    `a partition bound is DEFAULT or FOR VALUES IN (...), FROM (...) TO (...) or WITH (MODULUS n, REMAINDER r); found ${JSON.stringify(bound)}`,
  )
}

/** The parent a partition or child names, in its namespace unless it says another. */
export const parentOf = (t: Table, p: PartitionOf | TableReference) => ({
  table: p.table,
  schema: p.schema ?? t.schema,
})

/**
 * `SET (...)` for the storage parameters `after` adds or changes and `RESET (...)` for those it no
 * longer has, after `prefix` (`ALTER TABLE "t"`, `ALTER INDEX "i"`).
 * @internal
 */
export function storageParameterChanges(
  ctx: GeneratorContext,
  prefix: string,
  before: Readonly<Record<string, string>> | undefined,
  after: Readonly<Record<string, string>> | undefined,
  where: string,
): StatementDraft[] {
  const was = storageParametersMeaning(before)
  const now = storageParametersMeaning(after)
  const set = Object.fromEntries(
    Object.entries(after ?? {}).filter(([k, v]) => was[k.toLowerCase()] !== v.toLowerCase()),
  )
  const reset = Object.keys(was).filter((k) => !(k in now))
  const drafts: StatementDraft[] = []
  if (reset.length > 0)
    drafts.push({
      sql: `${prefix} RESET (${storageParameterNames(reset, where)})`,
      stage: Stage.convertTable,
    })
  if (Object.keys(set).length > 0)
    drafts.push({ sql: `${prefix} SET (${storageParameterList(ctx.dialect, set, where)})`, stage: Stage.convertTable })
  return drafts
}
