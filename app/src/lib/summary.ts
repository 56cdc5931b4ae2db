import type { ChangeCounts, SchemaDiff } from 'schemaledger'
import type { Finding, Severity } from 'schemaledger/impact'
import type { ChangeTreeNode } from 'schemaledger/visual'

/**
 * Counts of one kind of object, as the summary bar shows them.
 *
 * @example
 * ```ts
 * const row: SummaryRow = { label: 'columns', added: 5, changed: 3, removed: 1, renamed: 0 }
 * ```
 */
export interface SummaryRow {
  readonly label: 'tables' | 'columns' | 'constraints' | 'indexes' | 'enums'
  readonly added: number
  readonly changed: number
  readonly removed: number
  readonly renamed: number
}

/**
 * Severities from worst to mildest, the order every panel lists them in.
 *
 * @example
 * ```ts
 * SEVERITIES.map((s) => counts[s])
 * ```
 */
export const SEVERITIES: readonly Severity[] = ['danger', 'warning', 'info']

const row = (label: SummaryRow['label'], c: ChangeCounts): SummaryRow => ({
  label,
  added: c.added,
  changed: c.altered,
  removed: c.removed,
  renamed: c.renamed,
})

/**
 * The summary bar's numbers, with the same meaning as the library's reports: the diff's own counts,
 * except that a table counts as changed when anything inside it changed (read from the change tree).
 *
 * @example
 * ```ts
 * summaryRows(diff, toTree(diff))[0] // { label: 'tables', added: 1, changed: 2, removed: 0, renamed: 0 }
 * ```
 */
export function summaryRows(diff: SchemaDiff, tree: ChangeTreeNode): SummaryRow[] {
  const tables = tree.children.filter((n) => n.kind === 'table')
  const count = (status: string) => tables.filter((n) => n.status === status).length
  const s = diff.summary
  return [
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
  ]
}

/**
 * Findings counted by severity.
 *
 * @example
 * ```ts
 * countBySeverity(findings) // { danger: 1, warning: 6, info: 3 }
 * ```
 */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { danger: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  return counts
}

/**
 * The key that ties a finding to the change (and tree node) it concerns.
 *
 * @example
 * ```ts
 * changeKey({ kind: 'drop_column', path: 'posts.content' }) // 'drop_column posts.content'
 * ```
 */
export const changeKey = (change: { readonly kind: string; readonly path: string }): string =>
  `${change.kind} ${change.path}`

/**
 * Findings grouped by the change they concern.
 *
 * @example
 * ```ts
 * findingsByChange(findings).get('drop_column posts.content')?.[0]?.code // 'DS013'
 * ```
 */
export function findingsByChange(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = changeKey(f.change)
    map.set(key, [...(map.get(key) ?? []), f])
  }
  return map
}
