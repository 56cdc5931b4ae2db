import type { PartitionBy } from './types.js'

// A partition key as PostgreSQL prints it (`pg_get_partkeydef`) and SQLAlchemy spells it
// (`postgresql_partition_by`): `RANGE (at)`, `LIST (lower(region))`, `HASH (a, b)`.

/**
 * The parts of a list at its top level: commas inside parentheses or quotes do not split.
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
 * `RANGE (at)` as the model's `partitionBy`, or undefined when it is not a partition key.
 *
 * @example
 * ```ts
 * parsePartitionBy('HASH (a, b)') // { method: 'hash', key: ['a', 'b'] }
 * ```
 * @internal
 */
export function parsePartitionBy(text: string): PartitionBy | undefined {
  const m = /^\s*(RANGE|LIST|HASH)\s*\((.*)\)\s*$/is.exec(text)
  const key = m ? topLevelParts(m[2] ?? '') : []
  if (!m || key.length === 0) return undefined
  return { method: (m[1] ?? '').toLowerCase() as PartitionBy['method'], key }
}
