import type { ForeignKeyConstraint, Schema, Table } from '../model/types.js'

// Generators that ask "which foreign keys involve this table?" for every altered column used to scan
// every constraint of the schema each time. Each schema is indexed once, keyed by the schema object
// (model values are immutable).

/** A foreign key with its table and their positions in the schema, which give the scan's order. */
interface Entry {
  readonly table: Table
  readonly fk: ForeignKeyConstraint
  readonly order: number
}

type ByName = Map<string | undefined, Map<string, Entry[]>>

interface ForeignKeyIndex {
  /** By the namespace and name of the table that owns the key. */
  readonly byOwner: ByName
  /** By the namespace (`referencedSchema`, else the owner's) and name of the referenced table. */
  readonly byTarget: ByName
}

const indexes = new WeakMap<Schema, ForeignKeyIndex>()

function add(index: ByName, ns: string | undefined, name: string, entry: Entry): void {
  let names = index.get(ns)
  if (names === undefined) {
    names = new Map()
    index.set(ns, names)
  }
  const list = names.get(name)
  if (list === undefined) names.set(name, [entry])
  else list.push(entry)
}

function indexOf(schema: Schema): ForeignKeyIndex {
  let index = indexes.get(schema)
  if (index === undefined) {
    index = { byOwner: new Map(), byTarget: new Map() }
    let order = 0
    for (const table of schema.tables) {
      for (const fk of table.constraints) {
        if (fk.type !== 'foreign_key') continue
        const entry = { table, fk, order: order++ }
        add(index.byOwner, table.schema, table.name, entry)
        add(index.byTarget, fk.referencedSchema ?? table.schema, fk.referencedTable, entry)
      }
    }
    indexes.set(schema, index)
  }
  return index
}

/**
 * The foreign keys of `schema` that belong to table `name` in namespace `ns` or point at it, in the
 * order a walk over `schema.tables` and their constraints meets them, each once.
 *
 * @example
 * ```ts
 * foreignKeysInvolving(schema, 'users', undefined) // [{ table: posts, fk: posts_user_id_fkey }, ...]
 * ```
 * @internal
 */
export function foreignKeysInvolving(
  schema: Schema | undefined,
  name: string,
  ns: string | undefined,
): readonly { readonly table: Table; readonly fk: ForeignKeyConstraint }[] {
  if (schema === undefined) return []
  const index = indexOf(schema)
  const owned = index.byOwner.get(ns)?.get(name) ?? []
  const pointing = index.byTarget.get(ns)?.get(name) ?? []
  if (pointing.length === 0) return owned
  if (owned.length === 0) return pointing
  const both = new Set([...owned, ...pointing])
  return [...both].sort((a, b) => a.order - b.order)
}

/**
 * The foreign keys of `schema` that use column `column` of table `name` (namespace `ns`), as one of
 * their own columns or as a referenced one: the keys a type change of that column affects.
 *
 * @example
 * ```ts
 * foreignKeysOnColumn(schema, 'users', undefined, 'id') // [{ table: posts, fk: posts_user_id_fkey }]
 * ```
 * @internal
 */
export function foreignKeysOnColumn(
  schema: Schema | undefined,
  name: string,
  ns: string | undefined,
  column: string,
): readonly { readonly table: Table; readonly fk: ForeignKeyConstraint }[] {
  return foreignKeysInvolving(schema, name, ns).filter(({ table, fk }) => {
    const own = table.name === name && table.schema === ns && fk.columns.includes(column)
    const referenced =
      fk.referencedTable === name &&
      (fk.referencedSchema ?? table.schema) === ns &&
      fk.referencedColumns.includes(column)
    return own || referenced
  })
}
