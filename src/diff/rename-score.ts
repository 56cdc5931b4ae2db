import { columnTypesEqual } from '../model/format-column-type.js'
import type { Column, Table } from '../model/types.js'
import { defaultsEqual } from '../sql-text/normalize-default.js'

/** A scored guess that `from` became `to`. */
export interface ScoredPair {
  readonly score: number
  readonly reasons: readonly string[]
}

/** Candidates scoring below this are not reported at all. */
export const MIN_CANDIDATE_SCORE = 0.5

/**
 * How alike two identifiers are, from 0 to 1: the Dice coefficient of their letter pairs after case,
 * `_` and `-` are ignored (`fullname` and `full_name` score 1).
 */
export function nameSimilarity(a: string, b: string): number {
  const x = a.toLowerCase().replace(/[_\-\s]/g, '')
  const y = b.toLowerCase().replace(/[_\-\s]/g, '')
  if (x === y) return 1
  if (x.length < 2 || y.length < 2) return 0
  const pairs = new Map<string, number>()
  for (let i = 0; i < x.length - 1; i++) {
    const p = x.slice(i, i + 2)
    pairs.set(p, (pairs.get(p) ?? 0) + 1)
  }
  let shared = 0
  for (let i = 0; i < y.length - 1; i++) {
    const p = y.slice(i, i + 2)
    const n = pairs.get(p) ?? 0
    if (n > 0) {
      shared++
      pairs.set(p, n - 1)
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1))
}

const round = (n: number) => Math.round(n * 100) / 100

/**
 * Scores "column `from` was renamed to `to`": same type 0.35 (same type family 0.15), same
 * nullability 0.1, same default 0.1, same position 0.1, the only dropped/added pair of that type 0.1,
 * name similarity up to 0.25.
 */
export function scoreColumnRename(
  from: Column,
  to: Column,
  context: { readonly samePosition: boolean; readonly onlyOfItsType: boolean },
): ScoredPair {
  let score = 0
  const reasons: string[] = []
  if (columnTypesEqual(from.type, to.type)) {
    score += 0.35
    reasons.push('same type')
  } else if (from.type.kind === to.type.kind) {
    score += 0.15
    reasons.push('same type family')
  }
  if (from.nullable === to.nullable) {
    score += 0.1
    reasons.push('same nullability')
  }
  if (defaultsEqual(from.default, to.default, to.type)) {
    score += 0.1
    reasons.push(from.default === undefined ? 'neither has a default' : 'same default')
  }
  if (context.samePosition) {
    score += 0.1
    reasons.push('same position')
  }
  if (context.onlyOfItsType) {
    score += 0.1
    reasons.push('only dropped and added column of its type')
  }
  const similarity = nameSimilarity(from.name, to.name)
  score += 0.25 * similarity
  if (similarity >= 0.3) reasons.push(`similar name (${Math.round(similarity * 100)}%)`)
  return { score: round(score), reasons }
}

/**
 * Scores "table `from` was renamed to `to`": column overlap up to 0.6 (a column with the same name and
 * type counts 1, one with the same position and type, neither matched by name, 0.75, since columns are
 * often renamed together with their table), name similarity up to 0.3, the only dropped/added pair 0.1.
 * The score is symmetric: scoring `to` -> `from` gives the same number.
 */
export function scoreTableRename(from: Table, to: Table, context: { readonly onlyPair: boolean }): ScoredPair {
  let byName = 0
  let byPosition = 0
  for (const [i, c] of from.columns.entries()) {
    const atSamePosition = to.columns[i]
    if (hasTwin(c, to)) byName++
    // Both sides must be unmatched by name, so that scoring to -> from gives the same number.
    else if (atSamePosition && !hasTwin(atSamePosition, from) && columnTypesEqual(c.type, atSamePosition.type))
      byPosition++
  }
  const size = Math.max(from.columns.length, to.columns.length, 1)
  const overlap = (byName + 0.75 * byPosition) / size
  const similarity = nameSimilarity(from.name, to.name)
  const reasons = [`${byName} of ${size} columns match by name and type`]
  if (byPosition > 0) reasons.push(`${byPosition} more by position and type`)
  if (similarity >= 0.3) reasons.push(`similar name (${Math.round(similarity * 100)}%)`)
  if (context.onlyPair) reasons.push('only dropped and added table')
  return { score: round(0.6 * overlap + 0.3 * similarity + (context.onlyPair ? 0.1 : 0)), reasons }
}

// Every dropped table is scored against every added one: each table's column lookup is built once.
const byNameCache = new WeakMap<Table, ReadonlyMap<string, Column>>()

/** Whether `table` has a column with the name and type of `column`. */
function hasTwin(column: Column, table: Table): boolean {
  const twin = columnsByName(table).get(column.name)
  return twin !== undefined && columnTypesEqual(column.type, twin.type)
}

/** A table's columns by name (for a repeated name, the last column, as before). */
function columnsByName(t: Table): ReadonlyMap<string, Column> {
  let found = byNameCache.get(t)
  if (found === undefined) {
    found = new Map(t.columns.map((c) => [c.name, c]))
    byNameCache.set(t, found)
  }
  return found
}
