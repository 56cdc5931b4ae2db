import type { Finding, Severity } from 'schemaledger/impact'
import type { ChangeTreeNode } from 'schemaledger/visual'
import { changeKey } from './change-key.js'

const isObject = (node: ChangeTreeNode) => node.kind === 'column' || node.kind === 'constraint' || node.kind === 'index'

/**
 * Which parts of the change tree to show.
 *
 * @example
 * ```ts
 * const filter: TreeFilter = { kind: 'column', severity: 'danger', search: 'post' }
 * ```
 */
export interface TreeFilter {
  /**
   * Object kind to keep (`all` keeps everything; `object` keeps the views, routines, triggers,
   * sequences and other objects beside tables and enums).
   */
  readonly kind: 'all' | 'table' | 'column' | 'constraint' | 'index' | 'enum' | 'object'
  /** Keep only changes with a finding of this severity (`all` keeps everything). */
  readonly severity: 'all' | Severity
  /** Case-insensitive text a table, enum or object name (`view:recent`) must contain. */
  readonly search: string
}

/**
 * The tree with only the nodes the filter keeps (and the tables and enums that hold them); details and
 * hints stay under the objects they describe.
 *
 * @example
 * ```ts
 * filterTree(toTree(diff), { kind: 'column', severity: 'all', search: '' }, findings)
 * ```
 */
export function filterTree(tree: ChangeTreeNode, filter: TreeFilter, findings: readonly Finding[]): ChangeTreeNode {
  const search = filter.search.trim().toLowerCase()
  const flagged = new Set(findings.filter((f) => f.severity === filter.severity).map((f) => changeKey(f.change)))
  const hasFinding = (node: ChangeTreeNode) => node.changes.some((c) => flagged.has(changeKey(c)))

  const passesSeverity = (node: ChangeTreeNode) => filter.severity === 'all' || hasFinding(node)
  const passesKind = (node: ChangeTreeNode) => filter.kind === 'all' || filter.kind === node.kind

  const top = tree.children.flatMap((node): ChangeTreeNode[] => {
    if (search !== '' && !node.name.toLowerCase().includes(search)) return []
    if (node.kind !== 'table') return passesKind(node) && passesSeverity(node) ? [node] : []
    if (filter.kind === 'enum' || filter.kind === 'object') return []
    // Table-level changes: created, dropped, renamed or altered tables, shown whole.
    if (filter.kind === 'table') return node.changes.length > 0 && passesSeverity(node) ? [node] : []
    const children = node.children.filter((c) => !isObject(c) || (passesKind(c) && passesSeverity(c)))
    const ownKept = filter.kind === 'all' && node.changes.length > 0 && passesSeverity(node)
    if (ownKept) return [filter.severity === 'all' ? node : { ...node, children }]
    return children.some(isObject) ? [{ ...node, children }] : []
  })
  return { ...tree, children: top }
}
