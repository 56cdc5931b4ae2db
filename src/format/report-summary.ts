import type { ChangeCounts, SchemaDiff } from '../diff/types.js'
import { SEVERITIES } from '../impact/severities.js'
import type { Finding, Severity } from '../impact/types.js'
import { OBJECT_KINDS, OBJECT_LISTS, type ObjectKind } from '../model/object-kinds.js'
import type { ChangeTreeNode } from '../visual/to-tree.js'

/**
 * Counts of one kind of object, as every report shows them. `changed` counts for tables are tables
 * with any change inside them, not only table-level alterations.
 *
 * @example
 * ```ts
 * const row: SummaryRow = { label: 'columns', added: 5, changed: 3, removed: 1, renamed: 0 }
 * ```
 */
export interface SummaryRow {
  readonly label: 'tables' | 'columns' | 'constraints' | 'indexes' | 'enums' | (typeof OBJECT_LISTS)[ObjectKind]
  readonly added: number
  readonly changed: number
  readonly removed: number
  readonly renamed: number
}

/**
 * The numbers at the top of every report: changes by object kind and findings by severity.
 *
 * @example
 * ```ts
 * const s = summarizeReport(diff, toTree(diff), findings)
 * s.findings.danger // 1
 * ```
 */
export interface ReportSummary {
  readonly changes: number
  readonly rows: readonly SummaryRow[]
  /** Findings by severity, suppressed ones not counted. */
  readonly findings: Readonly<Record<Severity, number>>
  /** Suppressed findings (shown in reports, marked). */
  readonly suppressed: number
}

const row = (label: SummaryRow['label'], c: ChangeCounts): SummaryRow => ({
  label,
  added: c.added,
  changed: c.altered,
  removed: c.removed,
  renamed: c.renamed,
})

/**
 * Summarizes a diff for a report: the diff's own counts, except that a table counts as changed when
 * anything inside it changed (read from the change tree).
 *
 * @example
 * ```ts
 * summarizeReport(diff, toTree(diff), findings).rows.map(countsText) // ['tables +1 ~2', ...]
 * ```
 */
export function summarizeReport(
  diff: SchemaDiff,
  tree: ChangeTreeNode,
  findings: readonly Finding[] = [],
): ReportSummary {
  const counted = findings.filter((f) => !f.suppressed)
  const tables = tree.children.filter((n) => n.kind === 'table')
  const count = (status: string) => tables.filter((n) => n.status === status).length
  const s = diff.summary
  return {
    changes: s.total,
    rows: [
      {
        label: 'tables',
        added: count('added'),
        changed: count('changed'),
        removed: count('removed'),
        renamed: count('renamed'),
      },
      row('columns', s.columns),
      row('constraints', s.constraints),
      row('indexes', s.indexes),
      row('enums', s.enums),
      // The other objects, only those with changes (their counts have no renames).
      ...OBJECT_KINDS.flatMap((k) => {
        const c = s.objects?.[k]
        return c ? [row(OBJECT_LISTS[k], c)] : []
      }),
    ],
    findings: {
      danger: counted.filter((f) => f.severity === 'danger').length,
      warning: counted.filter((f) => f.severity === 'warning').length,
      info: counted.filter((f) => f.severity === 'info').length,
    },
    suppressed: findings.length - counted.length,
  }
}

/**
 * One summary row in the compact notation of terminals: `columns +5 ~3 -1 >1` (added, changed,
 * removed, renamed), or undefined when nothing of that kind changed.
 *
 * @example
 * ```ts
 * countsText({ label: 'tables', added: 2, changed: 3, removed: 1, renamed: 0 }) // 'tables +2 ~3 -1'
 * ```
 */
export function countsText(r: SummaryRow): string | undefined {
  const bits = [
    r.added && `+${r.added}`,
    r.changed && `~${r.changed}`,
    r.removed && `-${r.removed}`,
    r.renamed && `>${r.renamed}`,
  ].filter(Boolean)
  return bits.length > 0 ? `${r.label} ${bits.join(' ')}` : undefined
}

/**
 * Findings by severity in words: `1 danger, 2 warnings, 3 info`, or `none`.
 *
 * @example
 * ```ts
 * findingsText({ danger: 0, warning: 2, info: 1 }) // '2 warnings, 1 info'
 * ```
 */
export function findingsText(counts: Readonly<Record<Severity, number>>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map(
    (s) => `${counts[s]} ${s}${s === 'warning' && counts[s] !== 1 ? 's' : ''}`,
  )
  return parts.length > 0 ? parts.join(', ') : 'none'
}
