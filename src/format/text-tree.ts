import type { Finding, Severity } from '../impact/types.js'
import type { ChangeTreeNode, TreeStatus } from '../visual/to-tree.js'
import { placeFindings } from './findings-by-change.js'
import { suppressionText } from './suppression-text.js'

/**
 * Options of {@link renderTreeText}. @internal
 *
 * @example
 * ```ts
 * const options: TreeTextOptions = { findings, indent: 2, width: 100 }
 * ```
 */
export interface TreeTextOptions {
  /** Findings to print under the changes they concern. */
  readonly findings?: readonly Finding[]
  /** ANSI colours (the caller decides: TTY, `NO_COLOR`). Default false. */
  readonly color?: boolean
  /** Wrap prose at this many columns. Default 80. */
  readonly width?: number
  /** Spaces before every line. Default 0. */
  readonly indent?: number
}

/**
 * The marker printed before a node of each status. @internal
 *
 * @example
 * ```ts
 * `${MARKERS[node.status]} ${node.label}` // '+ column body text'
 * ```
 */
export const MARKERS: Readonly<Record<TreeStatus, string>> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '>',
  unchanged: ' ',
}

const SGR: Readonly<Record<TreeStatus | Severity | 'hint' | 'bold', string>> = {
  added: '32',
  removed: '31',
  changed: '33',
  renamed: '36',
  unchanged: '0',
  danger: '1;31',
  warning: '1;33',
  info: '1;34',
  hint: '2',
  bold: '1',
}

/**
 * Paints text with an ANSI style when colour is on. @internal
 *
 * @example
 * ```ts
 * paint('+ column x', 'added', true) // '\u001b[32m+ column x\u001b[0m'
 * ```
 */
export function paint(text: string, style: keyof typeof SGR, color: boolean | undefined): string {
  return color && text ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text
}

/**
 * Breaks text into lines of at most `width` columns at spaces; the first line starts at `first`
 * spaces, the others at `rest`. Words longer than a line stay whole. @internal
 *
 * @example
 * ```ts
 * wrap('a b c', 0, 2, 3) // ['a b', '  c']
 * ```
 */
export function wrap(text: string, first: number, rest: number, width: number): string[] {
  const lines: string[] = []
  let line = ' '.repeat(first)
  let empty = true
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line)
      line = ' '.repeat(rest) + word
    } else {
      line += (empty ? '' : ' ') + word
    }
    empty = false
  }
  lines.push(line)
  return lines
}

/**
 * Draws a change tree (see {@link toTree}) as indented lines: `+`/`-`/`~`/`>` markers for objects,
 * `field: before -> after` details under them, `?` for possible renames, and `!` findings with their
 * fix under the change they concern. Top-level nodes are separated by a blank line. @internal
 *
 * @example
 * ```ts
 * renderTreeText(toTree(diff), { findings }).join('\n')
 * ```
 */
export function renderTreeText(tree: ChangeTreeNode, options: TreeTextOptions = {}): string[] {
  const width = options.width ?? 80
  const base = options.indent ?? 0
  const color = options.color
  const placed = placeFindings(tree, options.findings)
  const out: string[] = []
  const push = (text: string, first: number, rest: number, style?: keyof typeof SGR) => {
    for (const line of wrap(text, base + first, base + rest, width)) {
      out.push(style ? line.slice(0, first + base) + paint(line.slice(first + base), style, color) : line)
    }
  }
  const finding = (f: Finding, at: number) => {
    const head = `! ${f.suppressed ? 'suppressed ' : ''}${f.severity} ${f.code}`
    const lines = wrap(`${head} ${f.message}`, base + at, base + at + 2, width)
    lines.forEach((line, i) => {
      const lead = ' '.repeat(base + at)
      out.push(
        i === 0 && color ? `${lead}${paint(head, f.severity, color)}${line.slice(lead.length + head.length)}` : line,
      )
    })
    const note = suppressionText(f)
    if (note) push(note, at + 2, at + 4, 'hint')
    push(`fix: ${f.fix.description}`, at + 2, at + 4)
    for (const sql of f.fix.sql ?? []) out.push(`${' '.repeat(base + at + 4)}${sql};`)
  }
  const node = (n: ChangeTreeNode, at: number) => {
    push(`${MARKERS[n.status]} ${n.label}`, at, at + 2, n.status)
    const inner = at + 4
    for (const c of n.children) {
      if (c.kind === 'detail')
        push(c.status === 'changed' ? c.label : `${MARKERS[c.status]} ${c.label}`, inner, inner + 2)
      if (c.kind === 'hint') push(`? ${c.label}`, inner, inner + 2, 'hint')
    }
    for (const f of placed.of(n)) finding(f, inner)
    for (const c of n.children) if (c.kind !== 'detail' && c.kind !== 'hint') node(c, at + 2)
  }
  tree.children.forEach((n, i) => {
    if (i > 0) out.push('')
    node(n, 0)
  })
  if (placed.unplaced.length > 0) {
    out.push('', `${' '.repeat(base)}Findings about changes not in this diff:`)
    for (const f of placed.unplaced) finding(f, 2)
  }
  return out
}
