import { changeKey as key } from '../diff/change-path.js'
import type { Finding } from '../impact/types.js'
import type { ChangeTreeNode } from '../visual/to-tree.js'

/**
 * Where findings go in a report: under the tree node that shows the change they concern, in the
 * order given; findings about changes the tree does not show are kept apart.
 *
 * @example
 * ```ts
 * const placed = placeFindings(toTree(diff), findings)
 * placed.of(node) // the findings to print under node
 * ```
 */
export interface PlacedFindings {
  /** The findings about the changes a node shows. */
  of(node: ChangeTreeNode): readonly Finding[]
  /** Findings whose change is not in the tree (made for another diff). */
  readonly unplaced: readonly Finding[]
}

/**
 * Places findings under the tree nodes of the changes they concern.
 *
 * @example
 * ```ts
 * placeFindings(tree, analyzeImpact(diff, { dialect: 'postgres' }).findings).unplaced // []
 * ```
 */
export function placeFindings(tree: ChangeTreeNode, findings: readonly Finding[] = []): PlacedFindings {
  const shown = new Set<string>()
  const visit = (n: ChangeTreeNode): void => {
    for (const c of n.changes) shown.add(key(c))
    n.children.forEach(visit)
  }
  visit(tree)
  const byChange = new Map<string, Finding[]>()
  for (const f of findings) byChange.set(key(f.change), [...(byChange.get(key(f.change)) ?? []), f])
  return {
    of: (node) => node.changes.flatMap((c) => byChange.get(key(c)) ?? []),
    unplaced: findings.filter((f) => !shown.has(key(f.change))),
  }
}
