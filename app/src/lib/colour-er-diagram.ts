// Mermaid's ER syntax cannot colour single entities, so the page colours the rendered shapes itself,
// from the marks markSchema returns as data (the engine sends them with the diagram's source): the
// entity titled with a table's key takes that table's status.
import type { TableMark } from './engine.js'

/** The page's colour for a status (`--added`, `--added-bg`, ...) as a plain rgb() value, so an exported
 * SVG keeps its colours outside the page. */
function resolveColour(host: Element, variable: string): string {
  const probe = document.createElement('span')
  probe.style.color = `var(${variable})`
  host.append(probe)
  const colour = getComputedStyle(probe).color
  probe.remove()
  return colour
}

/**
 * The mark of the table an entity's title names: toMermaid titles an entity with the table's key,
 * followed by a parenthesized status for a changed one (`users (changed)`). The longest key that
 * fits wins, so `a (b)` is not taken for `a`.
 */
function markOf(title: string, marks: readonly TableMark[]): TableMark | undefined {
  let best: TableMark | undefined
  for (const m of marks) {
    if (title !== m.key && !title.startsWith(`${m.key} (`)) continue
    if (!best || m.key.length > best.key.length) best = m
  }
  return best
}

/**
 * Colours the entities of a rendered Mermaid ER diagram by the status of their tables (`marks`, from
 * the diagram's data): green added, red (dashed) removed, amber changed, blue renamed. Returns how
 * many it coloured.
 *
 * @example
 * ```ts
 * colourErDiagram(container.querySelector('svg')!, diagram.marks)
 * ```
 */
export function colourErDiagram(svg: SVGSVGElement, marks: readonly TableMark[]): number {
  let coloured = 0
  const host = svg.parentElement ?? document.body
  const colours = new Map<string, string>()
  const colour = (variable: string) => {
    if (!colours.has(variable)) colours.set(variable, resolveColour(host, variable))
    return colours.get(variable) ?? ''
  }
  for (const node of svg.querySelectorAll<SVGGElement>('g.node, g[id^="entity-"]')) {
    const label = node.querySelector('.label, text')
    const status = markOf((label?.textContent ?? '').trim(), marks)?.status
    if (!status || status === 'unchanged') continue
    node.dataset.status = status
    for (const shape of node.querySelectorAll<SVGElement>(
      ':scope > path, :scope > rect, :scope > g > path, :scope > g > rect',
    )) {
      shape.style.stroke = colour(`--${status}`)
      shape.style.strokeWidth = '2px'
      if (status === 'removed') shape.style.strokeDasharray = '6 3'
    }
    const title = node.querySelector<SVGElement>(':scope > path, :scope > rect, :scope > g > path')
    if (title) title.style.fill = colour(`--${status}-bg`)
    coloured++
  }
  return coloured
}
