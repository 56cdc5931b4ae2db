import { parsePartitionBy } from '../../model/partition-key.js'
import type { Row } from '../introspect-types.js'
import { type DocObject, texts } from './introspect-rows.js'

// Catalog rows of a table turned into its PostgreSQL options in the document: UNLOGGED, storage
// parameters, partition key, the partition's parent and bound, the parents it inherits from.

/**
 * Storage parameters from a `reloptions` array (`{fillfactor=70}`), or undefined when there are none.
 *
 * @example
 * ```ts
 * storageParameters(['fillfactor=70']) // { fillfactor: '70' }
 * ```
 * @internal
 */
export function storageParameters(options: unknown): Record<string, string> | undefined {
  const list = texts(options)
  if (list.length === 0) return undefined
  const out: Record<string, string> = {}
  for (const item of list) {
    const at = item.indexOf('=')
    if (at > 0) out[item.slice(0, at)] = item.slice(at + 1)
  }
  return out
}

/**
 * A table's PostgreSQL options from its row of `TABLES_SQL` and its rows of `INHERITS_SQL`; `schema`
 * is its namespace (parents elsewhere keep theirs).
 *
 * @example
 * ```ts
 * tableOptions({ persistence: 'u', options: ['fillfactor=70'] }, [], 'public') // { unlogged: true, with: { fillfactor: '70' } }
 * ```
 * @internal
 */
export function tableOptions(row: Row, parents: readonly Row[], schema: string): DocObject {
  const out: DocObject = {}
  if (row.persistence === 'u') out.unlogged = true
  if (typeof row.partition_key === 'string') {
    const by = parsePartitionBy(row.partition_key)
    if (by) out.partitionBy = by
  }
  if (row.parent !== null && row.parent !== undefined && typeof row.bound === 'string') {
    out.partitionOf = {
      table: String(row.parent),
      ...(row.parent_schema !== schema ? { schema: String(row.parent_schema) } : {}),
      bound: row.bound,
    }
  }
  if (parents.length > 0)
    out.inherits = parents.map((p) => ({
      table: String(p.parent),
      ...(p.parent_schema !== schema ? { schema: String(p.parent_schema) } : {}),
    }))
  const params = storageParameters(row.options)
  if (params) out.with = params
  return out
}
