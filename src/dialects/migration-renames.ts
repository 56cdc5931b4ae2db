import { type RenameMaps, tableKey } from '../diff/semantic-keys.js'
import type { SchemaChange } from '../diff/types.js'
import type { GeneratorContext } from './dialect.js'

// Generators that look at objects of `from` (a foreign key, a key) need them under the names they
// have in `to`: the renames of the whole migration, in the shape the diff itself translates with.

const cache = new WeakMap<readonly SchemaChange[], RenameMaps>()

/**
 * The table and column renames among `changes`, keyed by `from` names like the diff's own maps
 * (`previousTableName` gives a renamed table's old name, under which its column renames are filed).
 *
 * @example
 * ```ts
 * renameMapsOf(changes, ctx.previousTableName).tables.get(tableKey(undefined, 'people')) // 'users'
 * ```
 * @internal
 */
export function renameMapsOf(
  changes: readonly SchemaChange[],
  previousTableName: (table: string, schema?: string) => string,
): RenameMaps {
  const tables = new Map<string, string>()
  const columns = new Map<string, Map<string, string>>()
  for (const c of changes) {
    if (c.kind === 'rename_table') tables.set(tableKey(c.schema, c.from), c.table)
    if (c.kind === 'rename_column') {
      const key = tableKey(c.schema, previousTableName(c.table, c.schema))
      const map = columns.get(key) ?? new Map<string, string>()
      map.set(c.from, c.column)
      columns.set(key, map)
    }
  }
  return { tables, columns }
}

/**
 * The renames of the migration a generator is part of (computed once per plan direction).
 *
 * @example
 * ```ts
 * migrationRenames(ctx).columns.get(tableKey(undefined, 'posts'))?.get('user_id') // 'author_id'
 * ```
 * @internal
 */
export function migrationRenames(ctx: GeneratorContext): RenameMaps {
  let maps = cache.get(ctx.changes)
  if (maps === undefined) {
    maps = renameMapsOf(ctx.changes, ctx.previousTableName)
    cache.set(ctx.changes, maps)
  }
  return maps
}
