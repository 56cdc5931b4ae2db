import deepEqual from 'fast-deep-equal'
import { DiffApplicationError } from '../errors.js'
import { stableStringify } from '../model/assemble-table.js'
import { renameListedColumns } from '../model/constraint-columns.js'
import { normalizeSchema } from '../model/normal-form.js'
import type { Column, Constraint, EnumDefinition, Index, Schema, Table } from '../model/types.js'
import { applyObjectChanges } from './apply-object-changes.js'
import {
  constraintMeaning,
  indexMeaning,
  type RenameMaps,
  tableKey,
  translateConstraint,
  translateIndex,
} from './semantic-keys.js'
import type { SchemaChange, SchemaDiff } from './types.js'

type MutableTable = { -readonly [K in keyof Table]: Table[K] } & {
  columns: Column[]
  constraints: Constraint[]
  indexes: Index[]
}

/**
 * Patches a schema with a diff: `applyDiff(a, diffSchemas(a, b))` equals `b`. Renames are applied
 * first and, as in a database, rewrite the constraints, indexes and foreign keys that name the renamed
 * table or column. Throws {@link DiffApplicationError} when a change does not fit the schema (for
 * example a dropped column that is not there).
 *
 * @example
 * ```ts
 * const v2 = applyDiff(v1, diffSchemas(v1, v2Expected))
 * ```
 */
export function applyDiff(schema: Schema, diff: SchemaDiff): Schema {
  const tables: MutableTable[] = schema.tables.map((t) => ({
    ...t,
    columns: [...t.columns],
    constraints: [...t.constraints],
    indexes: [...t.indexes],
  }))
  const enums = applyEnumChanges(schema.enums, diff.changes)
  const renames = renameMapsOf(diff.changes)
  const find = (path: string, table: string, tschema?: string) => {
    const t = tables.find((x) => x.name === table && x.schema === tschema)
    if (!t) throw new DiffApplicationError(path, `table "${table}" does not exist`)
    return t
  }
  for (const c of diff.changes) {
    if (c.kind === 'rename_table') renameTable(tables, find(c.path, c.from, c.schema), c.table)
  }
  for (const c of diff.changes) {
    if (c.kind === 'rename_column') renameColumn(tables, find(c.path, c.table, c.schema), c.from, c.column, c.path)
  }
  for (const c of diff.changes) {
    if (c.kind === 'drop_table') tables.splice(tables.indexOf(find(c.path, c.table, c.schema)), 1)
    if (c.kind === 'create_table') {
      if (tables.some((t) => t.name === c.table && t.schema === c.schema))
        throw new DiffApplicationError(c.path, 'table already exists')
      tables.push({
        ...c.after,
        columns: [...c.after.columns],
        constraints: [...c.after.constraints],
        indexes: [...c.after.indexes],
      })
    }
  }
  const placed = new Map<MutableTable, { column: Column; position: number }[]>()
  for (const c of diff.changes) {
    if (!('table' in c) || c.kind === 'create_table' || c.kind === 'drop_table' || c.kind === 'rename_table') continue
    const t = find(c.path, c.table, c.schema)
    const fromKey = tableKey(c.schema, renames.oldTableName.get(tableKey(c.schema, c.table)) ?? c.table)
    switch (c.kind) {
      case 'alter_table':
        for (const field of c.changes) setOptional(t, field, c.after[field])
        break
      case 'drop_column':
        t.columns.splice(indexOfColumn(t, c.column, c.path), 1)
        break
      case 'add_column':
        addPlaced(placed, t, c.after, c.position)
        break
      case 'alter_column': {
        const i = indexOfColumn(t, c.column, c.path)
        if (c.changes.includes('position')) {
          t.columns.splice(i, 1)
          addPlaced(placed, t, c.after, c.position)
        } else t.columns[i] = c.after
        break
      }
      case 'rename_column':
        break
      case 'drop_constraint':
        t.constraints.splice(indexOfConstraint(t, translateConstraint(c.before, fromKey, c.schema, renames), c.path), 1)
        break
      case 'alter_constraint':
        t.constraints[indexOfConstraint(t, translateConstraint(c.before, fromKey, c.schema, renames), c.path)] = c.after
        break
      case 'add_constraint':
        t.constraints.push(c.after)
        break
      case 'drop_index':
        t.indexes.splice(indexOfIndex(t, translateIndex(c.before, fromKey, renames), c.path), 1)
        break
      case 'alter_index':
        t.indexes[indexOfIndex(t, translateIndex(c.before, fromKey, renames), c.path)] = c.after
        break
      case 'add_index':
        t.indexes.push(c.after)
        break
    }
  }
  for (const [t, columns] of placed) {
    for (const { column, position } of columns.sort((a, b) => a.position - b.position)) {
      t.columns.splice(Math.min(position, t.columns.length), 0, column)
    }
  }
  return normalizeSchema({ ...schema, tables, enums, ...applyObjectChanges(schema, diff.changes) })
}

function addPlaced(
  placed: Map<MutableTable, { column: Column; position: number }[]>,
  t: MutableTable,
  column: Column,
  position: number,
) {
  const list = placed.get(t) ?? []
  list.push({ column, position })
  placed.set(t, list)
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key]
  else target[key] = value
}

function applyEnumChanges(enums: readonly EnumDefinition[], changes: readonly SchemaChange[]): EnumDefinition[] {
  const out = [...enums]
  const indexOf = (path: string, name: string, schema?: string) => {
    const i = out.findIndex((e) => e.name === name && e.schema === schema)
    if (i < 0) throw new DiffApplicationError(path, `enum "${name}" does not exist`)
    return i
  }
  for (const c of changes) {
    if (c.kind === 'drop_enum') out.splice(indexOf(c.path, c.enum, c.schema), 1)
    if (c.kind === 'alter_enum') out[indexOf(c.path, c.enum, c.schema)] = c.after
    if (c.kind === 'create_enum') {
      if (out.some((e) => e.name === c.enum && e.schema === c.schema))
        throw new DiffApplicationError(c.path, 'enum already exists')
      out.push(c.after)
    }
  }
  return out
}

/** The rename maps a diff implies, plus new table name -> old table name. */
function renameMapsOf(changes: readonly SchemaChange[]): RenameMaps & { oldTableName: Map<string, string> } {
  const tables = new Map<string, string>()
  const oldTableName = new Map<string, string>()
  for (const c of changes) {
    if (c.kind !== 'rename_table') continue
    tables.set(tableKey(c.schema, c.from), c.table)
    oldTableName.set(tableKey(c.schema, c.table), c.from)
  }
  const columns = new Map<string, Map<string, string>>()
  for (const c of changes) {
    if (c.kind !== 'rename_column') continue
    const key = tableKey(c.schema, oldTableName.get(tableKey(c.schema, c.table)) ?? c.table)
    const map = columns.get(key) ?? new Map<string, string>()
    map.set(c.from, c.column)
    columns.set(key, map)
  }
  return { tables, columns, oldTableName }
}

function renameTable(tables: MutableTable[], t: MutableTable, newName: string): void {
  const oldName = t.name
  t.name = newName
  for (const other of tables) {
    other.constraints = other.constraints.map((k) =>
      k.type === 'foreign_key' && k.referencedTable === oldName && (k.referencedSchema ?? other.schema) === t.schema
        ? { ...k, referencedTable: newName }
        : k,
    )
  }
}

function renameColumn(tables: MutableTable[], t: MutableTable, oldName: string, newName: string, path: string): void {
  const i = indexOfColumn(t, oldName, path)
  t.columns[i] = { ...(t.columns[i] as Column), name: newName }
  const rename = (names: readonly string[]) => names.map((n) => (n === oldName ? newName : n))
  t.constraints = t.constraints.map((k) => renameListedColumns(k, (n) => (n === oldName ? newName : n)))
  t.indexes = t.indexes.map((x) => ({
    ...x,
    parts: x.parts.map((p) => (p.column === oldName ? { ...p, column: newName } : p)),
    ...(x.include ? { include: rename(x.include) } : {}),
  }))
  for (const other of tables) {
    other.constraints = other.constraints.map((k) =>
      k.type === 'foreign_key' && k.referencedTable === t.name && (k.referencedSchema ?? other.schema) === t.schema
        ? { ...k, referencedColumns: rename(k.referencedColumns) }
        : k,
    )
  }
}

function indexOfColumn(t: MutableTable, name: string, path: string): number {
  const i = t.columns.findIndex((c) => c.name === name)
  if (i < 0) throw new DiffApplicationError(path, `column "${name}" does not exist in table "${t.name}"`)
  return i
}

/** Finds a constraint: the same object, else the same name, else the same meaning. */
function indexOfConstraint(t: MutableTable, target: Constraint, path: string): number {
  const meaning = (c: Constraint) => `${c.type}:${stableStringify(constraintMeaning(c))}`
  let i = t.constraints.findIndex((c) => deepEqual(c, target))
  if (i < 0 && target.name !== undefined)
    i = t.constraints.findIndex((c) => c.type === target.type && c.name === target.name)
  if (i < 0) i = t.constraints.findIndex((c) => meaning(c) === meaning(target))
  if (i < 0) throw new DiffApplicationError(path, `constraint does not exist in table "${t.name}"`)
  return i
}

function indexOfIndex(t: MutableTable, target: Index, path: string): number {
  let i = t.indexes.findIndex((x) => deepEqual(x, target))
  if (i < 0 && target.name !== undefined) i = t.indexes.findIndex((x) => x.name === target.name)
  if (i < 0) i = t.indexes.findIndex((x) => stableStringify(indexMeaning(x)) === stableStringify(indexMeaning(target)))
  if (i < 0) throw new DiffApplicationError(path, `index does not exist in table "${t.name}"`)
  return i
}
