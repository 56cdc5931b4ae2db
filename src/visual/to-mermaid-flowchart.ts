import { formatColumnType } from '../model/format-column-type.js'
import type { Schema } from '../model/types.js'
import {
  type DiagramColumns,
  type DiagramOptions,
  type MarkedColumn,
  selectDiagramTables,
  shownColumns,
} from './marked-schema.js'
import { mermaidIds, mermaidLabel } from './mermaid-text.js'
import type { TreeStatus } from './to-tree.js'

/**
 * Options of {@link toMermaidFlowchart}.
 *
 * @example
 * ```ts
 * const options: FlowchartOptions = { diff, columns: 'changed', direction: 'TB' }
 * ```
 */
export interface FlowchartOptions extends DiagramOptions {
  /** Which columns each table node lists: all (default), only those the diff touched, or none. */
  readonly columns?: DiagramColumns
  /** Layout direction. Default `LR`. */
  readonly direction?: 'LR' | 'TB'
}

const MARK: Readonly<Record<TreeStatus, string>> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '>',
  unchanged: ' ',
}

/** Fill, stroke and text colours per status: green, red, amber, blue; unchanged stays neutral. */
const CLASS_DEFS = [
  'classDef added fill:#dafbe1,stroke:#1a7f37,color:#0f3d1c',
  'classDef removed fill:#ffebe9,stroke:#cf222e,color:#5c0a12,stroke-dasharray:5 3',
  'classDef changed fill:#fff8c5,stroke:#9a6700,color:#3b2300',
  'classDef renamed fill:#ddf4ff,stroke:#0969da,color:#0a3069',
  'classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#24292f',
]

const LINK_STYLE: Readonly<Record<TreeStatus, string | undefined>> = {
  added: 'stroke:#1a7f37,stroke-width:2px',
  removed: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 3',
  changed: 'stroke:#9a6700,stroke-width:2px',
  renamed: 'stroke:#0969da,stroke-width:2px',
  unchanged: undefined,
}

function columnLine(c: MarkedColumn): string {
  const keys = c.keys.length > 0 ? ` ${c.keys.join(',')}` : ''
  const note = c.note ? ` (${c.note})` : ''
  return `${MARK[c.status]} ${c.column.name}: ${formatColumnType(c.column.type)}${keys}${note}`
}

/**
 * A Mermaid `flowchart` of a schema: one box per table listing its columns, one arrow per foreign
 * key, coloured by what a diff did (`classDef` classes `added` green, `removed` red, `changed` amber,
 * `renamed` blue). Use it where colour matters; {@link toMermaid} is the ER notation. A `focus` draws
 * only the changed tables and their neighbours, as in {@link toMermaid}.
 *
 * @example
 * ```ts
 * const source = toMermaidFlowchart(v2, { diff: diffSchemas(v1, v2), columns: 'changed' })
 * // flowchart LR
 * //   tags["<b>tags</b><br/>+ id: integer PK<br/>..."]:::added
 * ```
 */
export function toMermaidFlowchart(schema: Schema, options: FlowchartOptions = {}): string {
  const { tables, note } = selectDiagramTables(schema, options)
  const id = mermaidIds(tables.map((t) => t.key))
  // Mermaid wraps node labels at 200px by default, which breaks column lines apart.
  const lines = [
    '---',
    'config:',
    '  flowchart:',
    '    wrappingWidth: 640',
    '---',
    `flowchart ${options.direction ?? 'LR'}`,
    ...(options.focus ? [`  %% ${note}`] : []),
  ]
  for (const t of tables) {
    const shown = shownColumns(t, options.columns)
    const title = `<b>${mermaidLabel(t.key)}</b>${t.note ? ` <i>${mermaidLabel(t.note)}</i>` : ''}`
    const body = shown.map((c) => `<br/>${mermaidLabel(columnLine(c))}`).join('')
    lines.push(`  ${id(t.key)}["${title}${body}"]:::${t.status}`)
  }
  const styles: string[] = []
  let link = 0
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const c = fk.constraint
      const target = id(c.referencedSchema ? `${c.referencedSchema}.${c.referencedTable}` : c.referencedTable)
      const arrow = fk.status === 'removed' ? '-.->' : '-->'
      lines.push(`  ${id(t.key)} ${arrow}|"${mermaidLabel(c.columns.join(', '))}"| ${target}`)
      const style = LINK_STYLE[fk.status]
      if (style) styles.push(`  linkStyle ${link} ${style}`)
      link++
    }
  }
  return `${[...lines, ...styles, ...CLASS_DEFS.map((d) => `  ${d}`)].join('\n')}\n`
}
