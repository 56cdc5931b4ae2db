import { constraintDisplayName, indexDisplayName, tablePath } from '../diff/change-path.js'
import { describeConstraint, describeIndex } from '../diff/describe-change.js'
import { formatColumnType } from '../model/format-column-type.js'
import type { Column, ForeignKeyConstraint, Schema, Table } from '../model/types.js'
import { mdCode, mdTable, mdText } from './markdown-text.js'

/**
 * Options of {@link formatSchemaMarkdown}.
 *
 * @example
 * ```ts
 * const options: SchemaMarkdownOptions = { title: 'Billing database' }
 * ```
 */
export interface SchemaMarkdownOptions {
  /** The page heading. Default `Schema <name>` or `Schema`. */
  readonly title?: string
}

const target = (fk: ForeignKeyConstraint) =>
  fk.referencedSchema ? `${fk.referencedSchema}.${fk.referencedTable}` : fk.referencedTable

/** PK / FK -> target / UK markers of one column. */
function keys(table: Table, column: Column): string {
  const marks: string[] = []
  for (const c of table.constraints) {
    if (c.type === 'check' || c.type === 'exclude' || !c.columns.includes(column.name)) continue
    if (c.type === 'primary_key') marks.push('PK')
    if (c.type === 'unique') marks.push('UK')
    if (c.type === 'foreign_key') {
      const to = c.referencedColumns[c.columns.indexOf(column.name)] ?? ''
      marks.push(`FK → ${mdCode(`${target(c)}.${to}`)}`)
    }
  }
  return marks.join(', ')
}

function columnExtras(column: Column): string {
  const bits: string[] = []
  if (column.autoincrement) bits.push('auto-increment')
  if (column.identity) bits.push(`identity (${column.identity.generation.replace('_', ' ')})`)
  if (column.generated) bits.push(`generated: ${mdCode(column.generated.expression)}`)
  if (column.collation) bits.push(`collation ${mdCode(column.collation)}`)
  if (column.comment) bits.push(mdText(column.comment))
  return bits.join('; ')
}

function tableSection(schema: Schema, table: Table): string[] {
  const key = tablePath(table.name, table.schema)
  const out = [`## ${mdCode(key)}`, '']
  if (table.comment) out.push(mdText(table.comment), '')
  out.push(
    mdTable(
      ['Column', 'Type', 'Null', 'Default', 'Key', 'Notes'],
      ['left', 'left', 'center', 'left', 'left', 'left'],
      table.columns.map((c) => [
        mdCode(c.name),
        mdCode(formatColumnType(c.type)),
        c.nullable ? 'yes' : 'no',
        c.default === undefined ? '' : mdCode(c.default),
        keys(table, c),
        columnExtras(c),
      ]),
    ),
  )
  if (table.constraints.length > 0) {
    out.push('', '**Constraints**', '')
    for (const c of table.constraints)
      out.push(`- ${mdCode(constraintDisplayName(table.name, c))}: ${mdCode(describeConstraint(c))}`)
  }
  if (table.indexes.length > 0) {
    out.push('', '**Indexes**', '')
    for (const x of table.indexes) out.push(`- ${mdCode(indexDisplayName(table.name, x))}: ${mdCode(describeIndex(x))}`)
  }
  const outgoing = table.constraints.filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key')
  const incoming = schema.tables.flatMap((t) =>
    t.constraints
      .filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key' && target(c) === key)
      .map((c) => ({ from: t, fk: c })),
  )
  if (outgoing.length + incoming.length > 0) {
    out.push('', '**Relationships**', '')
    for (const fk of outgoing) {
      const actions = [
        fk.onDelete && `on delete ${fk.onDelete.replace('_', ' ')}`,
        fk.onUpdate && `on update ${fk.onUpdate.replace('_', ' ')}`,
      ]
      const extra = actions.filter(Boolean).join(', ')
      out.push(
        `- ${mdCode(fk.columns.join(', '))} → ${mdCode(`${target(fk)} (${fk.referencedColumns.join(', ')})`)}${extra ? ` (${extra})` : ''}`,
      )
    }
    for (const { from, fk } of incoming) {
      const source = tablePath(from.name, from.schema)
      out.push(`- referenced by ${mdCode(`${source} (${fk.columns.join(', ')})`)}`)
    }
  }
  return out
}

/**
 * A data dictionary of one schema version in Markdown, for documentation sites: every enum with its
 * values, and for every table its comment, a column table (type, nullability, default, PK/FK/UK,
 * identity, generated expression, collation, comment), its constraints, indexes and relationships in
 * both directions.
 *
 * @example
 * ```ts
 * writeFileSync('docs/schema.md', formatSchemaMarkdown(parseSchema(doc), { title: 'Billing database' }))
 * ```
 */
export function formatSchemaMarkdown(schema: Schema, options: SchemaMarkdownOptions = {}): string {
  const title = options.title ?? (schema.name ? `Schema ${schema.name}` : 'Schema')
  const tables = schema.tables.length
  const enums = schema.enums.length
  const out = [
    `# ${mdText(title)}`,
    '',
    `${tables} table${tables === 1 ? '' : 's'}${enums > 0 ? `, ${enums} enum${enums === 1 ? '' : 's'}` : ''}${
      tables > 0 ? `: ${schema.tables.map((t) => mdCode(tablePath(t.name, t.schema))).join(', ')}` : ''
    }`,
  ]
  if (enums > 0) {
    out.push(
      '',
      '## Enums',
      '',
      mdTable(
        ['Enum', 'Values', 'Comment'],
        ['left', 'left', 'left'],
        schema.enums.map((e) => [
          mdCode(e.schema ? `${e.schema}.${e.name}` : e.name),
          e.values.map(mdCode).join(', '),
          e.comment ? mdText(e.comment) : '',
        ]),
      ),
    )
  }
  for (const table of schema.tables) out.push('', ...tableSection(schema, table))
  return `${out.join('\n')}\n`
}
