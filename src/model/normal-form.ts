import { constraintContentKey, stableStringify } from './assemble-table.js'
import type { Constraint, EnumDefinition, Index, Schema, Table } from './types.js'

const CONSTRAINT_ORDER: Readonly<Record<Constraint['type'], number>> = {
  primary_key: 0,
  unique: 1,
  foreign_key: 2,
  check: 3,
}

/** Code-unit order: the same in every locale and runtime, unlike `localeCompare`. */
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  }
}

/** Sort key of a table or enum: namespace, then name. @internal */
export function qualifiedKey(item: { readonly schema?: string; readonly name: string }): string {
  return `${item.schema ?? ''}\u0000${item.name}`
}

/** Sort key of a constraint: kind, then name, then content. @internal */
export function constraintSortKey(c: Constraint): string {
  return `${CONSTRAINT_ORDER[c.type]}\u0000${c.name ?? ''}\u0000${constraintContentKey(c)}`
}

/** Sort key of an index: name, then content. @internal */
export function indexSortKey(x: Index): string {
  const { name: _n, extra: _e, ...content } = x
  return `${x.name ?? ''}\u0000${stableStringify(content)}`
}

/** Puts a table's constraints and indexes in canonical order; columns keep their declared order. @internal */
export function normalizeTable(t: Table): Table {
  return {
    ...t,
    constraints: [...t.constraints].sort(byKey(constraintSortKey)),
    indexes: [...t.indexes].sort(byKey(indexSortKey)),
  }
}

/**
 * Puts a schema in normal form: tables and enums sorted by qualified name, constraints and indexes
 * sorted within each table. Idempotent.
 * @internal
 */
export function normalizeSchema(schema: Schema): Schema {
  return {
    ...schema,
    tables: schema.tables.map(normalizeTable).sort(byKey(qualifiedKey)),
    enums: [...schema.enums].sort(byKey<EnumDefinition>(qualifiedKey)),
  }
}
