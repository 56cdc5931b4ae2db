/**
 * Pictures of a schema and of a diff: ER diagrams and flowcharts in Mermaid, Graphviz DOT, and the
 * change tree (data and SVG). Pure and browser-safe.
 *
 * @packageDocumentation
 */

export type { DiagramFocus, DiagramSelection } from './diagram-focus.js'
export {
  type DiagramColumns,
  type DiagramOptions,
  type MarkedColumn,
  type MarkedForeignKey,
  type MarkedTable,
  markSchema,
  selectDiagramTables,
} from './marked-schema.js'
export { toDot } from './to-dot.js'
export { type ErDiagramOptions, toMermaid } from './to-mermaid.js'
export { type FlowchartOptions, toMermaidFlowchart } from './to-mermaid-flowchart.js'
export { type ChangeRef, type ChangeTreeNode, type TreeNodeKind, type TreeStatus, toTree } from './to-tree.js'
export { type TreeSvgOptions, toTreeSvg } from './tree-svg.js'
