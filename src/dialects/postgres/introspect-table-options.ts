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
 * The parts of a list at its top level: `a, (lower(b)), c` -> `a`, `(lower(b))`, `c` (commas inside
 * parentheses or quotes do not split).
 *
 * @example
 * ```ts
 * topLevelParts("a, lower(b || ','), c") // ['a', "lower(b || ',')", 'c']
 * ```
 * @internal
 */
export function topLevelParts(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1)
      i = end < 0 ? text.length : end
    } else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(text.slice(start).trim())
  return parts.filter((p) => p !== '')
}

/**
 * `pg_get_partkeydef` text (`RANGE (created_at)`, `LIST (lower(region))`) as the document's
 * `partitionBy`.
 *
 * @example
 * ```ts
 * partitionBy('HASH (a, b)') // { method: 'hash', key: ['a', 'b'] }
 * ```
 * @internal
 */
export function partitionBy(definition: string): DocObject | undefined {
  const m = /^\s*(RANGE|LIST|HASH)\s*\((.*)\)\s*$/is.exec(definition)
  if (!m) return undefined
  return { method: (m[1] ?? '').toLowerCase(), key: topLevelParts(m[2] ?? '') }
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
    const by = partitionBy(row.partition_key)
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
