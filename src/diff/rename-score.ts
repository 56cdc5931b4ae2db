import type { ColumnType } from '../model/column-type.js'
import { columnTypesEqual, formatColumnType } from '../model/format-column-type.js'
import { compareColumnTypes } from '../model/type-relation.js'
import type { Column, Table } from '../model/types.js'
import { defaultsEqual } from '../sql-text/normalize-default.js'
import { assignPairs } from './assign-pairs.js'
import { nameTokens, type RewriteCounts } from './rename-rewrites.js'

// Every score here is symmetric: scoring `to` -> `from` gives the same number and the same reasons,
// so that `reverseDiff(diffSchemas(a, b))` equals `diffSchemas(b, a)`. The weights are documented in
// docs/diff.md; the threshold they are read against is calibrated on test/diff/rename-calibration.

/** A scored guess that `from` became `to`. */
export interface ScoredPair {
  readonly score: number
  readonly reasons: readonly string[]
}

/** Candidates scoring below this are not reported at all. */
export const MIN_CANDIDATE_SCORE = 0.5

/**
 * The default `renameThreshold`: the score from which `inferRenames: 'apply'` renames. Chosen on the
 * calibration set (test/diff/rename-calibration), as docs/diff.md describes.
 */
export const DEFAULT_RENAME_THRESHOLD = 0.8

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

const round = (n: number) => Math.round(Math.min(1, n) * 100) / 100

/**
 * Whether two different types hold the same kind of value, one a wider or narrower version of the
 * other (`varchar(50)` and `text`, `integer` and `bigint`, two enums), so that a rename across them is a
 * rename plus an `alter_column`.
 */
export function sameTypeFamily(a: ColumnType, b: ColumnType): boolean {
  if (a.kind === b.kind) return true
  let byB = families.get(a)
  const known = byB?.get(b)
  if (known !== undefined) return known
  const r = compareColumnTypes(a, b)
  const result = r === 'same' || r === 'widen' || r === 'narrow'
  byB ??= new WeakMap()
  byB.set(b, result)
  families.set(a, byB)
  return result
}

// Every column type is compared with many others while a diff is scored.
const families = new WeakMap<ColumnType, WeakMap<ColumnType, boolean>>()

/** What a column is scored with besides itself. */
export interface ColumnRenameContext {
  /** Whether the two columns sit at the same position in their tables. */
  readonly samePosition: boolean
  /** Whether they are the only dropped and the only added column of their type family in the table. */
  readonly onlyOfItsType: boolean
  /** The rewrites of the whole diff (see {@link RewriteCounts}); absent: none counted. */
  readonly rewrites?: RewriteCounts | undefined
}

/**
 * The name part of a score: a rewrite shared with other pairs of the diff counts as a full match plus
 * 0.1; otherwise name similarity up to `weight`.
 */
function nameEvidence(
  from: string,
  to: string,
  weight: number,
  rewrites: RewriteCounts | undefined,
  reasons: string[],
) {
  const shared = rewrites?.shared(from, to)
  if (shared !== undefined && shared.pairs >= 2) {
    const others = shared.pairs - 1
    reasons.push(`same rewrite as ${others} other pair${others === 1 ? '' : 's'} (${shared.words})`)
    return weight + 0.1
  }
  const similarity = nameSimilarity(from, to)
  const related = relatedNames(from, to)
  if (related !== undefined && similarity < RELATED_NAME_SIMILARITY) {
    reasons.push(related)
    return weight * RELATED_NAME_SIMILARITY
  }
  if (similarity >= 0.3) reasons.push(`similar name (${Math.round(similarity * 100)}%)`)
  return weight * similarity
}

/** What a name that abbreviates or contains the other counts as, in name similarity. */
const RELATED_NAME_SIMILARITY = 0.8

/**
 * Why one name stands for the other, if it does: the words of one are all words of the other
 * (`phone`, `phone_number`; `is_active`, `active`), or one is an abbreviation of the other (its
 * letters in order, from the same first letter: `qty`, `quantity`; `pwd`, `password`). The same both
 * ways round.
 */
function relatedNames(a: string, b: string): string | undefined {
  // Words compared without a plural `s` (`views`, `view_count`).
  const stem = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)
  const [ta, tb] = [nameTokens(a).map(stem), nameTokens(b).map(stem)]
  const within = (x: string[], y: string[]) => x.length > 0 && x.every((t) => y.includes(t))
  if ((within(ta, tb) || within(tb, ta)) && ta.join('_') !== tb.join('_')) return 'one name holds the other'
  const [x, y] = [ta.join(''), tb.join('')]
  const [short, long] = x.length <= y.length ? [x, y] : [y, x]
  if (short.length >= 2 && long.length >= short.length + 2 && short[0] === long[0] && isSubsequence(short, long))
    return 'one name abbreviates the other'
  return undefined
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0
  for (const ch of long) if (ch === short[i]) i++
  return i === short.length
}

/**
 * Scores "column `from` was renamed to `to`": same type 0.35 (a wider or narrower type of the same
 * family 0.25: a rename with an `alter_column`), same nullability 0.1, same default 0.1, same position
 * 0.1, the only dropped/added pair of that type family 0.1, name similarity up to 0.25 (at least 0.2
 * when one name abbreviates or holds the other; a rewrite shared with other pairs of the diff: 0.35).
 * At most 1.
 */
export function scoreColumnRename(from: Column, to: Column, context: ColumnRenameContext): ScoredPair {
  let score = 0
  const reasons: string[] = []
  if (columnTypesEqual(from.type, to.type)) {
    score += 0.35
    reasons.push('same type')
  } else if (sameTypeFamily(from.type, to.type)) {
    score += 0.25
    reasons.push('same type family')
  }
  if (from.nullable === to.nullable) {
    score += 0.1
    reasons.push('same nullability')
  }
  if (defaultsEqual(from.default, to.default, to.type) && defaultsEqual(from.default, to.default, from.type)) {
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
  score += nameEvidence(from.name, to.name, 0.25, context.rewrites, reasons)
  return { score: round(score), reasons }
}

/** What a table is scored with besides itself. */
export interface TableRenameContext {
  /** Whether it is the only dropped and the only created table. */
  readonly onlyPair: boolean
  /**
   * Whether no other dropped table shares most of its columns with `to`, and no other created table
   * with `from` (true when it is the only pair): nothing else claims these columns.
   */
  readonly uncontested?: boolean
  /**
   * How many dropped or created tables (the most of either side) have exactly these columns, when the
   * two tables have identical columns: the strength of that evidence is shared among them.
   */
  readonly claimants?: number
  /** The rewrites of the whole diff (see {@link RewriteCounts}). */
  readonly rewrites?: RewriteCounts | undefined
}

// Columns nearly every table has say little about which table became which.
const GENERIC_COLUMNS = new Set([
  'id',
  'name',
  'title',
  'description',
  'created_at',
  'updated_at',
  'deleted_at',
  'created',
  'updated',
  'createdat',
  'updatedat',
  'status',
  'type',
  'position',
  'value',
  'uuid',
])

const isGeneric = (name: string) => GENERIC_COLUMNS.has(name.toLowerCase())

/** How the columns of two tables pair up, and how much those pairs weigh. */
interface ColumnCorrespondence {
  /** Same name and type. */
  readonly byName: number
  /** Same name, another type of the same family. */
  readonly byNameFamily: number
  /** Paired as column renames (scored at least {@link RENAMED_COLUMN_SCORE}). */
  readonly renamed: number
  /** Sum of the pairs' weights (1 for same name and type). */
  readonly weight: number
  /** The same sum with columns every table has counted half. */
  readonly distinctWeight: number
}

/** Pairs the columns of two tables: by name first, then the rest as scored column renames (jointly). */
function correspond(from: Table, to: Table, rewrites: RewriteCounts | undefined): ColumnCorrespondence {
  // Sums are kept in whole hundredths so that they do not depend on the order they are added in
  // (scoring the other way round adds the same numbers in another order).
  let [byName, byNameFamily, renamed, hundredths, distinctHalves] = [0, 0, 0, 0, 0]
  const toByName = new Map(to.columns.map((c) => [c.name, c]))
  const fromNames = new Set(from.columns.map((c) => c.name))
  const count = (generic: boolean, w: number) => {
    const h = Math.round(w * 100)
    hundredths += h
    distinctHalves += generic ? h : 2 * h
  }
  for (const c of from.columns) {
    const twin = toByName.get(c.name)
    if (twin === undefined) continue
    if (columnTypesEqual(c.type, twin.type)) {
      byName++
      count(isGeneric(c.name), 1)
    } else if (sameTypeFamily(c.type, twin.type)) {
      byNameFamily++
      count(isGeneric(c.name), 0.8)
    }
  }
  const dropped = from.columns.filter((c) => !toByName.has(c.name))
  const added = to.columns.filter((c) => !fromNames.has(c.name))
  // Columns are paired as renames only where something else links the two tables (a column of the
  // same name, or related table names): two unrelated tables are not worth scoring column by column,
  // and a diff dropping and creating many tables stays fast.
  const linked =
    hundredths > 0 ||
    nameSimilarity(from.name, to.name) >= 0.3 ||
    relatedNames(from.name, to.name) !== undefined ||
    (rewrites?.shared(from.name, to.name).pairs ?? 0) >= 2
  if (!linked) return { byName, byNameFamily, renamed, weight: 0, distinctWeight: 0 }
  // Only columns of one type family can reach RENAMED_COLUMN_SCORE; the others are not scored.
  const scored = dropped.flatMap((f) =>
    added.flatMap((t) => {
      if (!sameTypeFamily(f.type, t.type)) return []
      const { score } = scoreColumnRename(f, t, columnContext(f, t, from, to, dropped, added, rewrites))
      return [{ from: f, to: t, score, symmetricKey: [f.name, t.name].sort().join('\u0000') }]
    }),
  )
  for (const p of assignPairs(scored.filter((s) => s.score >= RENAMED_COLUMN_SCORE))) {
    renamed++
    count(isGeneric(p.from.name) && isGeneric(p.to.name), p.score)
  }
  return { byName, byNameFamily, renamed, weight: hundredths / 100, distinctWeight: distinctHalves / 200 }
}

/** A column pair inside a candidate table pair counts from this score. */
const RENAMED_COLUMN_SCORE = 0.7

const signatures = new WeakMap<Table, string>()

/** The columns (names, types, order) and primary key of a table, as one string. */
export function columnSignature(t: Table): string {
  let found = signatures.get(t)
  if (found === undefined) {
    const pk = t.constraints.find((c) => c.type === 'primary_key')
    found = JSON.stringify([t.columns.map((c) => [c.name, formatColumnType(c.type)]), pk?.columns ?? []])
    signatures.set(t, found)
  }
  return found
}

/**
 * How many of the dropped or of the created tables (the most of either side) have the columns of both
 * `from` and `to` when the two are identical; 1 otherwise.
 */
export function identicalClaimants(from: Table, to: Table, dropped: readonly Table[], added: readonly Table[]): number {
  const s = columnSignature(from)
  if (s !== columnSignature(to)) return 1
  const count = (ts: readonly Table[]) => ts.filter((t) => columnSignature(t) === s).length
  return Math.max(1, count(dropped), count(added))
}

/** The context of a column pair among the `dropped` and `added` columns of one table pair. */
export function columnContext(
  f: Column,
  t: Column,
  fromTable: Table,
  toTable: Table,
  dropped: readonly Column[],
  added: readonly Column[],
  rewrites: RewriteCounts | undefined,
): ColumnRenameContext {
  const familyCount = (cols: readonly Column[], type: ColumnType) =>
    cols.filter((c) => sameTypeFamily(c.type, type)).length
  return {
    samePosition: fromTable.columns.indexOf(f) === toTable.columns.indexOf(t),
    onlyOfItsType: familyCount(dropped, f.type) === 1 && familyCount(added, t.type) === 1,
    rewrites,
  }
}

/**
 * Scores "table `from` was renamed to `to`". The columns are paired first (by name and type 1, by
 * name within the type family 0.8, the rest as column renames weighing their own score), and the
 * share of columns paired (against both tables' sizes) counts up to 0.8, scaled down when few columns
 * carry it (a column every table has counts half). Identical columns (names, types, order, primary
 * key) add up to 0.2; when other dropped or created tables have the same columns, this whole column
 * evidence is divided among them. Name similarity
 * up to 0.2 (a rewrite shared with other pairs of the diff: 0.3); 0.1 when no other dropped or created
 * table shares most of the columns. At most 1.
 */
export function scoreTableRename(from: Table, to: Table, context: TableRenameContext): ScoredPair {
  const pairs = correspond(from, to, context.rewrites)
  const size = Math.max(from.columns.length, to.columns.length, 1)
  // Dice: the paired columns against both tables' sizes, so that a column added or dropped with the
  // rename costs little.
  const overlap = (2 * pairs.weight) / Math.max(1, from.columns.length + to.columns.length)
  const strength = Math.min(1, 0.4 + 0.2 * pairs.distinctWeight)
  const reasons = [`${pairs.byName} of ${size} columns match by name and type`]
  if (pairs.byNameFamily > 0) reasons.push(`${pairs.byNameFamily} more by name, within the type family`)
  if (pairs.renamed > 0) reasons.push(`${pairs.renamed} more paired as column renames`)
  let columns = 0.8 * overlap * strength
  // Identical columns: strong evidence, but only as strong as it is unique. When several dropped or
  // created tables have exactly these columns, any of them could be the one renamed.
  let claimants = 1
  if (columnSignature(from) === columnSignature(to)) {
    claimants = Math.max(1, context.claimants ?? 1)
    columns += 0.2 * Math.min(1, pairs.distinctWeight / 3)
    reasons.push(
      claimants === 1
        ? 'identical columns and primary key'
        : `identical columns and primary key, like ${claimants - 1} other table${claimants === 2 ? '' : 's'}`,
    )
  }
  let score = columns / claimants
  score += nameEvidence(from.name, to.name, 0.2, context.rewrites, reasons)
  if (context.onlyPair) {
    score += 0.1
    reasons.push('only dropped and added table')
  } else if (context.uncontested) {
    score += 0.1
    reasons.push('no other dropped or created table shares most of its columns')
  }
  return { score: round(score), reasons }
}

const overlaps = new WeakMap<Table, WeakMap<Table, number>>()

/** The share of columns two tables have with the same name and type (Dice), from 0 to 1. */
export function columnOverlap(a: Table, b: Table): number {
  const cached = overlaps.get(a)?.get(b)
  if (cached !== undefined) return cached
  const bByName = new Map(b.columns.map((c) => [c.name, c]))
  let shared = 0
  for (const c of a.columns) {
    const twin = bByName.get(c.name)
    if (twin !== undefined && columnTypesEqual(c.type, twin.type)) shared++
  }
  const result = (2 * shared) / Math.max(1, a.columns.length + b.columns.length)
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const byOther = overlaps.get(x) ?? new WeakMap<Table, number>()
    byOther.set(y, result)
    overlaps.set(x, byOther)
  }
  return result
}

/** Whether no dropped table but `from` shares most of its columns with `to`, and no created table but `to` with `from`. */
export function uncontested(from: Table, to: Table, dropped: readonly Table[], added: readonly Table[]): boolean {
  return (
    dropped.every((d) => d === from || columnOverlap(d, to) < 0.5) &&
    added.every((a) => a === to || columnOverlap(from, a) < 0.5)
  )
}
