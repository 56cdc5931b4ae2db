import { escapeXml as xml } from './escape-xml.js'
import type { ChangeTreeNode, TreeStatus } from './to-tree.js'

/**
 * Options of {@link toTreeSvg}.
 *
 * @example
 * ```ts
 * const options: TreeSvgOptions = { fontSize: 14, title: 'Release 42' }
 * ```
 */
export interface TreeSvgOptions {
  /** Font size in pixels. Default 12. */
  readonly fontSize?: number
  /** An accessible title. Default `Schema change tree`. */
  readonly title?: string
}

const INK: Readonly<Record<TreeStatus, string>> = {
  added: '#1a7f37',
  removed: '#cf222e',
  changed: '#9a6700',
  renamed: '#0969da',
  unchanged: '#57606a',
}

const MARK: Readonly<Record<TreeStatus, string>> = {
  added: '+',
  removed: '−',
  changed: '~',
  renamed: '>',
  unchanged: '',
}

interface Row {
  readonly node: ChangeTreeNode
  readonly depth: number
  readonly parent: number
}

function flatten(tree: ChangeTreeNode): Row[] {
  const rows: Row[] = []
  const visit = (node: ChangeTreeNode, depth: number, parent: number) => {
    const index = rows.length
    rows.push({ node, depth, parent })
    for (const child of node.children) visit(child, depth + 1, index)
  }
  visit(tree, 0, -1)
  return rows
}

/**
 * The change tree drawn as a standalone SVG: one row per node, indented with connector lines, a
 * coloured marker per status (green `+`, red `−` struck through, amber `~`, blue `>`), details in grey
 * and possible renames with `?`. No scripts, fonts or external references: it can be inlined in HTML
 * or saved as a file.
 *
 * @example
 * ```ts
 * writeFileSync('changes.svg', toTreeSvg(toTree(diffSchemas(v1, v2))))
 * ```
 */
export function toTreeSvg(tree: ChangeTreeNode, options: TreeSvgOptions = {}): string {
  const size = options.fontSize ?? 12
  const rowH = Math.round(size * 1.75)
  const indent = Math.round(size * 1.6)
  const charW = size * 0.6
  const pad = 8
  const box = Math.round(size * 1.15)
  const rows = flatten(tree)
  const x = (r: Row) => pad + r.depth * indent
  const cy = (i: number) => pad + i * rowH + rowH / 2
  let width = 0
  const lines: string[] = []
  const marks: string[] = []
  const texts: string[] = []
  rows.forEach((r, i) => {
    const { node } = r
    const left = x(r)
    if (r.parent >= 0) {
      const px = x(rows[r.parent] as Row) + box / 2
      lines.push(`<path d="M${px} ${cy(r.parent) + box / 2}V${cy(i)}H${left}"/>`)
    }
    const ink = INK[node.status]
    const isDetail = node.kind === 'detail' || node.kind === 'hint'
    const mark = node.kind === 'hint' ? '?' : isDetail ? '' : MARK[node.status]
    const textX = left + box + 6
    if (mark) {
      marks.push(
        `<rect x="${left}" y="${cy(i) - box / 2}" width="${box}" height="${box}" rx="3" fill="${node.kind === 'hint' ? '#8c959f' : ink}"/>`,
        `<text x="${left + box / 2}" y="${cy(i)}" fill="#ffffff" text-anchor="middle" dominant-baseline="central" font-weight="bold">${xml(mark)}</text>`,
      )
    } else {
      marks.push(`<circle cx="${left + box / 2}" cy="${cy(i)}" r="2.5" fill="#8c959f"/>`)
    }
    const style = isDetail
      ? ` fill="#57606a"${node.kind === 'hint' ? ' font-style="italic"' : ''}`
      : ` fill="${node.status === 'unchanged' ? '#24292f' : ink}"${node.status === 'removed' ? ' text-decoration="line-through"' : ''}${node.kind === 'table' || node.kind === 'enum' || node.kind === 'diff' ? ' font-weight="bold"' : ''}`
    texts.push(`<text x="${textX}" y="${cy(i)}" dominant-baseline="central"${style}>${xml(node.label)}</text>`)
    width = Math.max(width, textX + node.label.length * charW + pad)
  })
  const height = pad * 2 + rows.length * rowH
  const w = Math.ceil(width)
  const title = xml(options.title ?? 'Schema change tree')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" role="img" aria-label="${title}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="${size}">`,
    `<title>${title}</title>`,
    `<rect width="${w}" height="${height}" fill="#ffffff"/>`,
    `<g fill="none" stroke="#d0d7de" stroke-width="1">${lines.join('')}</g>`,
    `<g>${marks.join('')}</g>`,
    `<g>${texts.join('')}</g>`,
    '</svg>',
  ].join('\n')
}
