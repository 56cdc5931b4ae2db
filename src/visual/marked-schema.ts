import { constraintDisplayName, tablePath } from '../diff/change-path.js'
import { describeChange } from '../diff/describe-change.js'
import type { SchemaChange, SchemaDiff } from '../diff/types.js'
import { listedColumns } from '../model/constraint-columns.js'
import type { Column, ForeignKeyConstraint, Schema, Table } from '../model/types.js'
import { type DiagramFocus, type DiagramSelection, focusTables } from './diagram-focus.js'
import type { TreeStatus } from './to-tree.js'

/**
 * A column as a diagram draws it: its definition (the old one when removed) and what the diff did to
 * it, with a short note for changes (`type: integer -> bigint`, `renamed from content`).
 *
 * @example
 * ```ts
 * const c: MarkedColumn = { column, status: 'changed', note: 'type: integer -> bigint', keys: ['PK'] }
 * ```
 */
export interface MarkedColumn {
  readonly column: Column
  readonly status: TreeStatus
  readonly note?: string
  /** `PK`, `FK`, `UK` markers from the table's constraints. */
  readonly keys: readonly ('PK' | 'FK' | 'UK')[]
}

/**
 * A foreign key as a diagram draws it: an edge from its table to the referenced one.
 *
 * @example
 * ```ts
 * const fk: MarkedForeignKey = { name: 'posts_user_id_fkey', constraint, status: 'added' }
 * ```
 */
export interface MarkedForeignKey {
  /** The name shown for it (its own, or the default name the diff uses). */
  readonly name: string
  readonly constraint: ForeignKeyConstraint
  readonly status: TreeStatus
}

/**
 * A table as a diagram draws it: the newer definition (the old one when removed), its columns
 * (removed ones included where they stood) and its foreign keys (removed ones included).
 *
 * @example
 * ```ts
 * markSchema(v2, { diff }).filter((t) => t.status !== 'unchanged').map((t) => t.key)
 * ```
 */
export interface MarkedTable {
  /** The qualified name (`billing.invoices`), unique within the schema. */
  readonly key: string
  readonly table: Table
  readonly status: TreeStatus
  /** `renamed from people` for renamed tables. */
  readonly note?: string
  readonly columns: readonly MarkedColumn[]
  readonly foreignKeys: readonly MarkedForeignKey[]
}

/**
 * Options of {@link markSchema} and the diagram functions.
 *
 * @example
 * ```ts
 * const options: DiagramOptions = { diff: diffSchemas(v1, v2) }
 * ```
 */
export interface DiagramOptions {
  /** A diff that leads to the schema; its changes are marked and what it removed is drawn too. */
  readonly diff?: SchemaDiff
  /**
   * Draw only the changed tables (or the `around` ones) and their foreign-key neighbours; the diagram
   * then says in a comment what it left out, and {@link selectDiagramTables} returns it as data.
   */
  readonly focus?: DiagramFocus
}

/**
 * Which columns a diagram lists for each table: every column, only those the diff touched (added,
 * removed, changed, renamed), or none (the table's name alone).
 *
 * @example
 * ```ts
 * toMermaid(v2, { diff, focus: { depth: 1 }, columns: 'changed' })
 * ```
 */
export type DiagramColumns = 'all' | 'changed' | 'none'

/**
 * The columns of a marked table that a diagram lists. @internal
 *
 * @example
 * ```ts
 * shownColumns(table, 'changed').map((c) => c.column.name)
 * ```
 */
export function shownColumns(table: MarkedTable, columns: DiagramColumns = 'all'): readonly MarkedColumn[] {
  if (columns === 'none') return []
  return columns === 'changed' ? table.columns.filter((c) => c.status !== 'unchanged') : table.columns
}

type TableChange = Extract<SchemaChange, { table: string }>

function keysOf(table: Table, column: string): ('PK' | 'FK' | 'UK')[] {
  const has = (type: string) => table.constraints.some((c) => c.type === type && listedColumns(c).includes(column))
  const keys: ('PK' | 'FK' | 'UK')[] = []
  if (has('primary_key')) keys.push('PK')
  if (has('foreign_key')) keys.push('FK')
  if (has('unique') || table.indexes.some((x) => x.unique && x.parts.length === 1 && x.parts[0]?.column === column))
    keys.push('UK')
  return keys
}

/** Changes inside one table, by path, plus the table-level ones. */
function indexChanges(diff: SchemaDiff | undefined): Map<string, TableChange[]> {
  const byTable = new Map<string, TableChange[]>()
  for (const c of diff?.changes ?? []) {
    if (!('table' in c)) continue
    const key = tablePath(c.table, c.schema)
    byTable.set(key, [...(byTable.get(key) ?? []), c])
  }
  return byTable
}

function markColumns(table: Table, changes: readonly TableChange[], all: TreeStatus | undefined): MarkedColumn[] {
  const key = tablePath(table.name, table.schema)
  const columns: MarkedColumn[] = table.columns.map((column) => {
    const mine = changes.filter((c) => c.path === `${key}.${column.name}` && c.kind.endsWith('_column'))
    const renamed = mine.find((c) => c.kind === 'rename_column')
    const notes = [
      ...(renamed?.kind === 'rename_column' ? [`renamed from ${renamed.from}`] : []),
      ...mine.flatMap((c) => (c.kind === 'alter_column' ? describeChange(c).details : [])),
    ]
    const status: TreeStatus =
      all ??
      (mine.some((c) => c.kind === 'add_column')
        ? 'added'
        : renamed
          ? 'renamed'
          : mine.length > 0
            ? 'changed'
            : 'unchanged')
    return { column, status, keys: keysOf(table, column.name), ...(notes.length > 0 ? { note: notes.join('; ') } : {}) }
  })
  // Removed columns go back where they stood in the old table.
  const dropped = changes.filter((c) => c.kind === 'drop_column').sort((a, b) => a.position - b.position)
  for (const c of dropped) {
    columns.splice(Math.min(c.position, columns.length), 0, { column: c.before, status: 'removed', keys: [] })
  }
  return columns
}

function markForeignKeys(table: Table, changes: readonly TableChange[], all: TreeStatus | undefined) {
  const key = tablePath(table.name, table.schema)
  const fks: MarkedForeignKey[] = []
  for (const constraint of table.constraints) {
    if (constraint.type !== 'foreign_key') continue
    const name = constraintDisplayName(table.name, constraint)
    const change = changes.find((c) => c.path === `${key}.${name}` && c.kind.endsWith('_constraint'))
    const status: TreeStatus = all ?? (change?.kind === 'add_constraint' ? 'added' : change ? 'changed' : 'unchanged')
    fks.push({ name, constraint, status })
  }
  for (const c of changes) {
    if (c.kind === 'drop_constraint' && c.before.type === 'foreign_key')
      fks.push({ name: constraintDisplayName(table.name, c.before), constraint: c.before, status: 'removed' })
  }
  return fks
}

function markTable(table: Table, changes: readonly TableChange[] = [], forced?: TreeStatus): MarkedTable {
  const created = changes.some((c) => c.kind === 'create_table')
  const rename = changes.find((c) => c.kind === 'rename_table')
  const all = forced ?? (created ? 'added' : undefined)
  const status: TreeStatus = all ?? (rename ? 'renamed' : changes.length > 0 ? 'changed' : 'unchanged')
  return {
    key: tablePath(table.name, table.schema),
    table,
    status,
    ...(rename?.kind === 'rename_table' ? { note: `renamed from ${rename.from}` } : {}),
    columns: markColumns(table, changes, all),
    foreignKeys: markForeignKeys(table, changes, all),
  }
}

function markAll(schema: Schema, options: DiagramOptions): MarkedTable[] {
  const byTable = indexChanges(options.diff)
  const tables = schema.tables.map((t) => markTable(t, byTable.get(tablePath(t.name, t.schema))))
  const present = new Set(tables.map((t) => t.key))
  for (const c of options.diff?.changes ?? []) {
    if (c.kind === 'drop_table' && !present.has(c.path)) tables.push(markTable(c.before, [], 'removed'))
  }
  return tables.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/**
 * The tables a diagram of the schema draws, with what a diff did to them, and what a `focus` left
 * out: counts of hidden changed and unchanged tables and of foreign keys not drawn, and a sentence
 * saying so. Without a focus every table is drawn.
 *
 * @example
 * ```ts
 * const s = selectDiagramTables(v2, { diff: diffSchemas(v1, v2), focus: { depth: 1 } })
 * s.tables.length // 12
 * s.note // 'showing 12 of 1000 tables; 988 unchanged tables hidden'
 * ```
 */
export function selectDiagramTables(schema: Schema, options: DiagramOptions = {}): DiagramSelection {
  return focusTables(markAll(schema, options), options.focus)
}

/**
 * The tables of a schema with what a diff did to them, as the diagrams draw them. Pass the newer
 * schema (the diff's `to`): tables and columns the diff removed are taken from the diff itself. With
 * a `focus`, only the tables it selects ({@link selectDiagramTables} also says what it left out).
 *
 * @example
 * ```ts
 * for (const t of markSchema(v2, { diff: diffSchemas(v1, v2) })) console.log(t.status, t.key)
 * ```
 */
export function markSchema(schema: Schema, options: DiagramOptions = {}): MarkedTable[] {
  return [...selectDiagramTables(schema, options).tables]
}
