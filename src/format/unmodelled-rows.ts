import type { ReportSide, ReportUnmodelled } from './report-options.js'

// An object the model cannot hold is usually on both sides of a diff (a rule nobody touched): the
// reports list it once, as on `both` sides, and keep the two apart only when what they say differs.

/**
 * One line of a report's list of unmodelled objects: its side (`both` when the two sides hold the
 * same object for the same reason), kind, name and why. @internal
 *
 * @example
 * ```ts
 * const row: UnmodelledRow = { side: 'both', kind: 'rule', name: 'public.orders.no_delete', why: 'a rewrite rule: ...' }
 * ```
 */
export interface UnmodelledRow {
  readonly side: ReportSide | 'both'
  readonly kind: string
  readonly name: string
  readonly why: string
}

/**
 * The rows a report lists: an object found on both sides for the same reason once, as `both`, the
 * rest in the order given (from before to). @internal
 *
 * @example
 * ```ts
 * unmodelledRows([{ side: 'from', kind: 'rule', name: 'r', why: 'w' }, { side: 'to', kind: 'rule', name: 'r', why: 'w' }])
 * // [{ side: 'both', kind: 'rule', name: 'r', why: 'w' }]
 * ```
 */
export function unmodelledRows(items: readonly ReportUnmodelled[] = []): UnmodelledRow[] {
  const key = (u: ReportUnmodelled) => JSON.stringify([u.kind, u.name, u.why])
  const onTo = new Set(items.filter((u) => u.side === 'to').map(key))
  const onFrom = new Set(items.filter((u) => u.side === 'from').map(key))
  const ordered = [...items.filter((u) => u.side === 'from'), ...items.filter((u) => u.side === 'to')]
  const seen = new Set<string>()
  const rows: UnmodelledRow[] = []
  for (const u of ordered) {
    const k = key(u)
    const both = onFrom.has(k) && onTo.has(k)
    if (both && seen.has(k)) continue
    seen.add(k)
    rows.push({ side: both ? 'both' : u.side, kind: u.kind, name: u.name, why: u.why })
  }
  return rows
}

/**
 * The heading every report gives the list: what it is and why it matters. @internal
 *
 * @example
 * ```ts
 * UNMODELLED_HEADING // 'Not in the schemas, so not compared'
 * ```
 */
export const UNMODELLED_HEADING = 'Not in the schemas, so not compared'
