import { stableStringify } from '../model/assemble-table.js'
import { renameListedColumns } from '../model/constraint-columns.js'
import type { Constraint, Index, IndexPart } from '../model/types.js'
import { type ExpressionOptions, normalizeExpression } from '../sql-text/normalize-expression.js'

/** Renames in effect for a diff, keyed by `from` names. */
export interface RenameMaps {
  /** `from` qualified table key (`schema\0name`) -> table name in `to`. */
  readonly tables: ReadonlyMap<string, string>
  /** `from` qualified table key -> (old column name -> new column name). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>
}

/** Qualified table key used by the rename maps. */
export function tableKey(schema: string | undefined, name: string): string {
  return `${schema ?? ''}\u0000${name}`
}

const renameColumn = (map: ReadonlyMap<string, string> | undefined) => (name: string) => map?.get(name) ?? name

/** A `from` constraint with table and column names as they are called in `to`. */
export function translateConstraint(
  c: Constraint,
  ownTableKey: string,
  ownSchema: string | undefined,
  renames: RenameMaps,
): Constraint {
  if (c.type === 'check') return c
  const own = renameColumn(renames.columns.get(ownTableKey))
  if (c.type !== 'foreign_key') return renameListedColumns(c, own)
  const columns = c.columns.map(own)
  const targetKey = tableKey(c.referencedSchema ?? ownSchema, c.referencedTable)
  const target = renameColumn(renames.columns.get(targetKey))
  return {
    ...c,
    columns,
    referencedTable: renames.tables.get(targetKey) ?? c.referencedTable,
    referencedColumns: c.referencedColumns.map(target),
  }
}

/** A `from` index with column names as they are called in `to`. */
export function translateIndex(x: Index, ownTableKey: string, renames: RenameMaps): Index {
  const own = renameColumn(renames.columns.get(ownTableKey))
  const parts = x.parts.map((p) => (p.column === undefined ? p : { ...p, column: own(p.column) }))
  return x.include ? { ...x, parts, include: x.include.map(own) } : { ...x, parts }
}

/**
 * The meaning of a constraint, field by field, with spelling differences normalized away (`options`
 * names the enum types whose casts PostgreSQL adds to a check).
 */
export function constraintMeaning(c: Constraint, options: ExpressionOptions = {}): Record<string, unknown> {
  const flags = { deferrable: c.deferrable ?? false, initiallyDeferred: c.initiallyDeferred ?? false }
  switch (c.type) {
    case 'primary_key':
      return { columns: c.columns, withoutOverlaps: c.withoutOverlaps ?? false, ...flags }
    case 'unique':
      return {
        columns: c.columns,
        nullsNotDistinct: c.nullsNotDistinct ?? false,
        withoutOverlaps: c.withoutOverlaps ?? false,
        ...flags,
      }
    case 'foreign_key':
      return {
        columns: c.columns,
        referencedTable: c.referencedTable,
        referencedSchema: c.referencedSchema,
        referencedColumns: c.referencedColumns,
        onDelete: c.onDelete ?? 'no_action',
        onUpdate: c.onUpdate ?? 'no_action',
        match: c.match ?? 'simple',
        period: c.period ?? false,
        notValid: c.notValid ?? false,
        ...flags,
      }
    case 'check':
      return {
        expression: normalizeExpression(c.expression, options),
        notValid: c.notValid ?? false,
        noInherit: c.noInherit ?? false,
        ...flags,
      }
    case 'exclude':
      return {
        using: (c.using ?? 'gist').toLowerCase(),
        elements: c.elements.map((e) => ({
          ...partMeaning({ ...e, operator: undefined } as IndexPart, options),
          operator: e.operator.replace(/\s+/g, ''),
        })),
        where: c.where === undefined ? undefined : normalizeExpression(c.where, options),
        ...flags,
      }
  }
}

/** What identifies an unnamed constraint across versions even when its details change. */
export function constraintIdentity(c: Constraint): string | undefined {
  switch (c.type) {
    case 'primary_key':
      return 'pk'
    case 'unique':
      return `unique:${stableStringify(c.columns)}`
    case 'foreign_key':
      return `fk:${stableStringify([c.columns, c.referencedSchema, c.referencedTable])}`
    case 'check':
    case 'exclude':
      return undefined
  }
}

function partMeaning(p: IndexPart, options: ExpressionOptions): Record<string, unknown> {
  return {
    column: p.column,
    expression: p.expression === undefined ? undefined : normalizeExpression(p.expression, options),
    descending: p.descending ?? false,
    nulls: p.nulls,
    opclass: p.opclass?.toLowerCase(),
    collation: p.collation,
    length: p.length,
  }
}

/** The meaning of an index, field by field, with spelling differences normalized away (see {@link constraintMeaning}). */
export function indexMeaning(x: Index, options: ExpressionOptions = {}): Record<string, unknown> {
  return {
    parts: x.parts.map((p) => partMeaning(p, options)),
    unique: x.unique ?? false,
    where: x.where === undefined ? undefined : normalizeExpression(x.where, options),
    using: x.using,
    include: x.include ?? [],
    nullsNotDistinct: x.nullsNotDistinct ?? false,
    with: storageParametersMeaning(x.with),
    ignored: x.ignored ?? false,
  }
}

/**
 * Storage parameters by lower-case name, values lower-cased (`on`/`ON`), absent meaning none.
 *
 * @example
 * ```ts
 * storageParametersMeaning({ FillFactor: '70' }) // { fillfactor: '70' }
 * ```
 */
export function storageParametersMeaning(p: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(p ?? {})) out[k.toLowerCase()] = v.toLowerCase()
  return out
}

/** What identifies an unnamed index across versions: its key parts. */
export function indexIdentity(x: Index, options: ExpressionOptions = {}): string {
  return stableStringify(x.parts.map((p) => partMeaning(p, options)))
}

/** Fields whose meaning differs between two objects, in the order of `a`'s keys. */
export function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(a).filter((k) => stableStringify(a[k]) !== stableStringify(b[k]))
}
