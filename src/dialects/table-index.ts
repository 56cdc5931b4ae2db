import type { Schema, Table } from '../model/types.js'

// Generators look tables up by name for every change; scanning `schema.tables` each time made SQL
// planning grow with changes x tables. Each schema is indexed once, keyed by the schema object (model
// values are immutable), with the same answers as the scan: exact namespace, first table wins.

type TableIndex = Map<string | undefined, Map<string, Table>>

const indexes = new WeakMap<Schema, TableIndex>()

function indexOf(schema: Schema): TableIndex {
  let index = indexes.get(schema)
  if (index === undefined) {
    index = new Map()
    for (const t of schema.tables) {
      let names = index.get(t.schema)
      if (names === undefined) {
        names = new Map()
        index.set(t.schema, names)
      }
      if (!names.has(t.name)) names.set(t.name, t)
    }
    indexes.set(schema, index)
  }
  return index
}

/**
 * The first table of `schema` named `name` in namespace `ns` (`undefined` is the default namespace,
 * distinct from `''`), as `schema.tables.find(...)` would return it, in constant time.
 *
 * @example
 * ```ts
 * findTableIn(schema, 'users', undefined)?.columns
 * ```
 * @internal
 */
export function findTableIn(schema: Schema | undefined, name: string, ns: string | undefined): Table | undefined {
  return schema === undefined ? undefined : indexOf(schema).get(ns)?.get(name)
}
