// Mermaid's ER syntax cannot colour single entities, so toMermaid writes the change into the titles
// ("users (changed)") and attribute comments ("added", "changed: ..."). This reads those marks back
// from the rendered SVG and colours the shapes, so the picture shows what the text says.

const STATUSES = ['added', 'removed', 'changed', 'renamed'] as const

type Status = (typeof STATUSES)[number]

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

function titleStatus(text: string): Status | undefined {
  if (/\(added\)\s*$/.test(text)) return 'added'
  if (/\(removed\)\s*$/.test(text)) return 'removed'
  if (/\(changed\)\s*$/.test(text)) return 'changed'
  if (/\(renamed from [^)]*\)\s*$/.test(text)) return 'renamed'
  return undefined
}

/**
 * Colours the entities of a rendered Mermaid ER diagram by the change marks `toMermaid` put in their
 * titles: green added, red (dashed) removed, amber changed, blue renamed. Returns how many it coloured.
 *
 * @example
 * ```ts
 * colourErDiagram(container.querySelector('svg')!)
 * ```
 */
export function colourErDiagram(svg: SVGSVGElement): number {
  let coloured = 0
  const host = svg.parentElement ?? document.body
  const colours = new Map<string, string>()
  const colour = (variable: string) => {
    if (!colours.has(variable)) colours.set(variable, resolveColour(host, variable))
    return colours.get(variable) ?? ''
  }
  for (const node of svg.querySelectorAll<SVGGElement>('g.node, g[id^="entity-"]')) {
    const label = node.querySelector('.label, text')
    const status = titleStatus(label?.textContent ?? '')
    if (!status) continue
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
