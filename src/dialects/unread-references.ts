import type { UnmodelledKind, UnmodelledObject } from './introspect-types.js'

// The last step of every introspector before validation: a key or index that points at a table or
// column the introspector did not read (a partition, a period column, a table that does not exist)
// cannot be in the schema, since validation would reject it. It is taken out and listed with why, so
// reading a database never fails on what it finds there.

/** A table of the document under construction. */
type DocTable = Record<string, unknown>

/**
 * What an introspector left out on purpose, with why: tables by name, columns by table then name.
 *
 * @example
 * ```ts
 * const skipped: Skipped = { tables: new Map([['events_2024', 'a partition of "events"']]) }
 * ```
 * @internal
 */
export interface Skipped {
  readonly tables?: ReadonlyMap<string, string>
  readonly columns?: ReadonlyMap<string, ReadonlyMap<string, string>>
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [])
/** Column names of a constraint's list or an index's parts (expressions name none directly). */
const partColumns = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap((p) => (typeof p === 'string' ? [p] : typeof p?.column === 'string' ? [p.column as string] : []))
    : []

/**
 * The tables with every foreign key, key and index that refers to a table or column not among them
 * taken out, and those objects as {@link UnmodelledObject}s. Foreign keys into another namespace are
 * kept: the model holds them without checking them.
 *
 * @example
 * ```ts
 * const { tables, unmodelled } = withoutUnreadReferences(documentTables, { tables: partitions })
 * ```
 * @internal
 */
export function withoutUnreadReferences(
  tables: readonly DocTable[],
  skipped: Skipped = {},
): { tables: DocTable[]; unmodelled: UnmodelledObject[] } {
  const columnsOf = new Map(
    tables.map((t) => [String(t.name), new Set((t.columns as DocTable[] | undefined)?.map((c) => String(c.name)))]),
  )
  const unmodelled: UnmodelledObject[] = []
  const missingColumn = (table: string, columns: readonly string[]) => {
    const missing = columns.find((c) => !columnsOf.get(table)?.has(c))
    if (missing === undefined) return undefined
    const reason = skipped.columns?.get(table)?.get(missing)
    return `column "${missing}" of "${table}"${reason ? `, which is not read: ${reason}` : ', which does not exist'}`
  }
  const whyNot = (table: string, object: DocTable): string | undefined => {
    const own = missingColumn(table, partColumns(object.columns))
    if (own) return `uses ${own}`
    const included = missingColumn(table, strings(object.include))
    if (included) return `includes ${included}`
    if (object.type !== 'foreign_key' || object.referencedSchema !== undefined) return undefined
    const target = String(object.referencedTable)
    if (!columnsOf.has(target)) {
      const reason = skipped.tables?.get(target)
      return `references "${target}"${reason ? `, which is not read: ${reason}` : ', which does not exist'}`
    }
    const referenced = missingColumn(target, strings(object.referencedColumns))
    return referenced ? `references ${referenced}` : undefined
  }
  const keep = (table: string, list: unknown, kindOf: (o: DocTable) => UnmodelledKind) =>
    ((list as DocTable[] | undefined) ?? []).filter((object) => {
      const why = whyNot(table, object)
      if (why === undefined) return true
      const kind = kindOf(object)
      const name = `${table}.${object.name ?? kind.replace('_', ' ')}`
      unmodelled.push({ kind, name, why: `${why}; left out of the schema` })
      return false
    })
  const result = tables.map((t) => {
    const name = String(t.name)
    return {
      ...t,
      constraints: keep(name, t.constraints, (c) => c.type as UnmodelledKind),
      indexes: keep(name, t.indexes, () => 'index'),
    }
  })
  return { tables: result, unmodelled }
}
