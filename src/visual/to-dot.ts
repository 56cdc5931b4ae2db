import { formatColumnType } from '../model/format-column-type.js'
import type { Schema } from '../model/types.js'
import { escapeXml as html } from './escape-xml.js'
import { type DiagramOptions, type MarkedColumn, type MarkedTable, selectDiagramTables } from './marked-schema.js'
import type { TreeStatus } from './to-tree.js'

/** Background and text colour per status: green added, red removed, amber changed, blue renamed. */
const COLOURS: Readonly<Record<TreeStatus, { fill: string; ink: string }>> = {
  added: { fill: '#dafbe1', ink: '#1a7f37' },
  removed: { fill: '#ffebe9', ink: '#cf222e' },
  changed: { fill: '#fff8c5', ink: '#9a6700' },
  renamed: { fill: '#ddf4ff', ink: '#0969da' },
  unchanged: { fill: '#ffffff', ink: '#24292f' },
}

/** A DOT double-quoted string (node ids, attribute values). */
const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`

function columnRow(c: MarkedColumn, port: number): string {
  const { fill, ink } = COLOURS[c.status]
  const keys = c.keys.length > 0 ? ` <FONT COLOR="#57606a">${c.keys.join(' ')}</FONT>` : ''
  let text = `${html(c.column.name)}  <FONT COLOR="#57606a">${html(formatColumnType(c.column.type))}</FONT>${keys}`
  if (c.status === 'removed') text = `<S>${text}</S>`
  if (c.status !== 'unchanged') text = `<FONT COLOR="${ink}">${text}</FONT>`
  const note = c.note ? `<BR ALIGN="LEFT"/><FONT POINT-SIZE="9" COLOR="${ink}">${html(c.note)}</FONT>` : ''
  return `<TR><TD PORT="c${port}" ALIGN="LEFT" BGCOLOR="${fill}">${text}${note}<BR ALIGN="LEFT"/></TD></TR>`
}

function tableLabel(t: MarkedTable): string {
  const { fill, ink } = COLOURS[t.status]
  const head = t.status === 'unchanged' ? '#eaeef2' : fill
  const status = t.note ?? (t.status === 'unchanged' ? '' : t.status)
  const title = `<B>${html(t.key)}</B>${status ? ` <FONT POINT-SIZE="9" COLOR="${ink}">${html(status)}</FONT>` : ''}`
  const rows = t.columns.map(columnRow)
  // One row per line keeps the DOT source readable; whitespace between table tags is ignored.
  return [
    `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="${t.status === 'unchanged' ? '#8c959f' : ink}">`,
    `<TR><TD BGCOLOR="${head}">${title}</TD></TR>`,
    ...rows,
    '</TABLE>',
  ].join('\n    ')
}

const LEGEND = [
  '  subgraph cluster_legend {',
  '    label="legend"; fontsize=10; color="#d0d7de";',
  `    legend [label=<<TABLE BORDER="0" CELLSPACING="2">${(['added', 'removed', 'changed', 'renamed'] as const)
    .map((s) => `<TR><TD BGCOLOR="${COLOURS[s].fill}"><FONT COLOR="${COLOURS[s].ink}">${s}</FONT></TD></TR>`)
    .join('')}</TABLE>>];`,
  '  }',
]

/**
 * A Graphviz DOT graph of a schema: each table a record-style node listing its columns (type and
 * PK/FK/UK), each foreign key an edge from the referencing column to the referenced one. With a diff
 * (leading to this schema), added elements are green, removed ones red and struck through (drawn from
 * the diff), changed ones amber with a `before -> after` note, renamed ones blue; a legend is added.
 * Render it with `dot -Tsvg`. A `focus` draws only the changed tables and their neighbours, as in
 * {@link toMermaid}.
 *
 * @example
 * ```ts
 * writeFileSync('schema.dot', toDot(v2, { diff: diffSchemas(v1, v2) }))
 * // $ dot -Tsvg schema.dot > schema.svg
 * ```
 */
export function toDot(schema: Schema, options: DiagramOptions = {}): string {
  const { tables, note } = selectDiagramTables(schema, options)
  const lines = [
    'digraph schema {',
    ...(options.focus ? [`  // ${note}`] : []),
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=10, nodesep=0.4, ranksep=0.9];',
    '  node [shape=plain, fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9, color="#57606a", arrowsize=0.7];',
  ]
  for (const t of tables) lines.push(`  ${quoted(t.key)} [label=<${tableLabel(t)}>];`)
  const byKey = new Map(tables.map((t) => [t.key, t]))
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const c = fk.constraint
      const target = c.referencedSchema ? `${c.referencedSchema}.${c.referencedTable}` : c.referencedTable
      const from = t.columns.findIndex((col) => col.column.name === c.columns[0])
      const parent = byKey.get(target)
      const to = parent ? parent.columns.findIndex((col) => col.column.name === c.referencedColumns[0]) : -1
      const attrs = [`tooltip=${quoted(fk.name)}`]
      if (fk.status !== 'unchanged') attrs.push(`color=${quoted(COLOURS[fk.status].ink)}`, 'penwidth=1.6')
      if (fk.status === 'removed') attrs.push('style=dashed')
      const tail = from >= 0 ? `${quoted(t.key)}:c${from}` : quoted(t.key)
      const head = to >= 0 ? `${quoted(target)}:c${to}` : quoted(target)
      lines.push(`  ${tail} -> ${head} [${attrs.join(', ')}];`)
    }
  }
  if (options.diff) lines.push(...LEGEND)
  lines.push('}')
  return `${lines.join('\n')}\n`
}
