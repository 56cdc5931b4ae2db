import { formatColumnType } from '../model/format-column-type.js'
import type { Schema } from '../model/types.js'
import {
  type DiagramColumns,
  type DiagramOptions,
  type MarkedColumn,
  type MarkedTable,
  selectDiagramTables,
  shownColumns,
} from './marked-schema.js'
import { mermaidIds, mermaidLabel, statusWord } from './mermaid-text.js'

// Mermaid's ER grammar: attribute types and names are bare words of these characters (names may be
// back-quoted instead); PK/FK/UK alone are key words, so columns called that are quoted too.
const ATTRIBUTE_WORD = /^[*A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-_[\]().,\u00C0-\uFFFF*]*$/
const KEY_WORD = /^(pk|fk|uk)$/i

function attributeType(column: MarkedColumn): string {
  const text = formatColumnType(column.column.type)
    .replace(/,\s+/g, ',')
    .replace(/[^A-Za-z0-9\-_[\]().,\u00C0-\uFFFF*]/g, '_')
  return /^[*A-Za-z_\u00C0-\uFFFF]/.test(text) ? text : `t_${text}`
}

function attributeName(name: string): string {
  return ATTRIBUTE_WORD.test(name) && !KEY_WORD.test(name) ? name : `\`${name.replaceAll('`', "'")}\``
}

function attributeComment(t: MarkedTable, c: MarkedColumn): string {
  // A rename's note already says so ("renamed from x"); other notes are field changes. Columns of an
  // added or removed table share its status, which the entity title already says.
  const inherited = c.status === t.status && (t.status === 'added' || t.status === 'removed')
  const mark =
    c.status === 'changed' && c.note ? `changed: ${c.note}` : (c.note ?? (inherited ? '' : statusWord(c.status)))
  const text = [mark, c.column.comment ?? ''].filter(Boolean).join(' · ')
  return text ? ` "${mermaidLabel(text)}"` : ''
}

function entityLabel(t: MarkedTable): string {
  const status = t.note ?? statusWord(t.status)
  return status ? `${t.key} (${status})` : t.key
}

/**
 * Options of {@link toMermaid}.
 *
 * @example
 * ```ts
 * const options: ErDiagramOptions = { diff, focus: { depth: 1, maxTables: 30 }, columns: 'changed' }
 * ```
 */
export interface ErDiagramOptions extends DiagramOptions {
  /**
   * Which columns each entity lists: all (default), only those the diff touched, or none. Mermaid
   * lays out an entity's every row, so fewer columns draw a large diagram several times faster.
   */
  readonly columns?: DiagramColumns
}

/**
 * A Mermaid `erDiagram` of a schema: one entity per table with its columns (type, name, PK/FK/UK, the
 * column comment) and one relationship per foreign key. With a diff (leading to this schema), tables
 * say `(added)`, `(removed)`, `(changed)` or `(renamed from x)` in their titles and columns say what
 * changed in their comments; removed tables, columns and foreign keys are drawn from the diff. Mermaid
 * ER diagrams cannot colour single entities: use {@link toMermaidFlowchart} or {@link toDot} for colour.
 * With a `focus`, only the changed tables and their neighbours are drawn, and a `%%` comment says what
 * was left out (`showing 12 of 1000 tables; 988 unchanged tables hidden`).
 *
 * @example
 * ```ts
 * const source = toMermaid(v2, { diff: diffSchemas(v1, v2) })
 * // erDiagram
 * //   posts["posts (changed)"] {
 * //     varchar(100) title "changed: type: varchar(200) -> varchar(100)"
 * // ...
 * ```
 */
export function toMermaid(schema: Schema, options: ErDiagramOptions = {}): string {
  const { tables, note } = selectDiagramTables(schema, options)
  const id = mermaidIds([
    ...tables.map((t) => t.key),
    ...tables.flatMap((t) => t.foreignKeys.map((f) => f.constraint.referencedTable)),
  ])
  const lines = ['erDiagram', ...(options.focus ? [`  %% ${note}`] : [])]
  for (const t of tables) {
    const label = entityLabel(t)
    const head = label === id(t.key) ? id(t.key) : `${id(t.key)}["${mermaidLabel(label)}"]`
    lines.push(`  ${head} {`)
    for (const c of shownColumns(t, options.columns)) {
      const keys = c.keys.length > 0 ? ` ${c.keys.join(',')}` : ''
      lines.push(`    ${attributeType(c)} ${attributeName(c.column.name)}${keys}${attributeComment(t, c)}`)
    }
    lines.push('  }')
  }
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const { constraint } = fk
      const target = constraint.referencedSchema
        ? `${constraint.referencedSchema}.${constraint.referencedTable}`
        : constraint.referencedTable
      const columns = t.columns.filter((c) => constraint.columns.includes(c.column.name))
      // Many rows point at one parent row; an optional key makes the parent side optional.
      const parent = columns.some((c) => c.column.nullable) ? 'o|' : '||'
      const status = statusWord(fk.status)
      const text = `${constraint.columns.join(', ')}${status ? ` (${status})` : ''}`
      lines.push(`  ${id(t.key)} }o--${parent} ${id(target)} : "${mermaidLabel(text)}"`)
    }
  }
  return `${lines.join('\n')}\n`
}
