import type { ColumnDefinition, SchemaDefinition, TableDefinition } from '../../../src/index.js'
import { BACKGROUND, type ShortTable } from './tables.js'

/** One calibration case: two versions and the renames a person made between them. */
export interface CalibrationCase {
  /** The pattern it belongs to (a row of the table in docs/diff.md). */
  readonly pattern: string
  readonly name: string
  readonly from: SchemaDefinition
  readonly to: SchemaDefinition
  /** The renames that happened: `table old>new`, `column table.old>new` (the table by its new name). */
  readonly expected: readonly string[]
}

/** `name:type[!][=default]` as a column definition. */
export function column(short: string): ColumnDefinition {
  const m = /^([^:]+):([^!=]+)(!?)(?:=(.*))?$/.exec(short)
  if (!m) throw new Error(`bad short column ${short}`)
  const [, name, type, notNull, def] = m as unknown as [string, string, string, string, string | undefined]
  return { name, type, nullable: notNull !== '!', ...(def === undefined ? {} : { default: def }) }
}

const columnName = (short: string) => short.slice(0, short.indexOf(':'))

/** A short table as a definition, its first column the primary key. */
export function tableDefinition(t: ShortTable): TableDefinition {
  const pk = columnName(t.columns[0] as string)
  return { name: t.name, columns: t.columns.map(column), constraints: [{ type: 'primary_key', columns: [pk] }] }
}

/** A schema of `tables` plus the unchanged background tables. */
export function schema(tables: readonly ShortTable[], enums: SchemaDefinition['enums'] = []): SchemaDefinition {
  return { enums, tables: [...BACKGROUND, ...tables].map(tableDefinition) }
}

/** `t` with its columns changed by `edit`. */
export function withColumns(t: ShortTable, edit: (columns: string[]) => string[], name = t.name): ShortTable {
  return { name, columns: edit([...t.columns]) }
}

/** Renames column `from` to `to` in a short column list, keeping type and place. */
export function renameIn(columns: readonly string[], from: string, to: string): string[] {
  return columns.map((c) => (columnName(c) === from ? `${to}${c.slice(c.indexOf(':'))}` : c))
}

export { columnName }
