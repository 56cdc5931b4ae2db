import type { Row } from '../introspect-types.js'
import { standardExpression } from './introspect-text.js'

// information_schema.PARTITIONS as the model's partitionBy, partitions and subpartitionBy: one row per
// partition, or per subpartition when there are subpartitions; PARTITION_METHOD is RANGE, LIST,
// HASH, KEY, LINEAR HASH, LINEAR KEY, RANGE COLUMNS or LIST COLUMNS; PARTITION_EXPRESSION is the
// expression (`year(\`joined\`)`) or the columns (`\`a\`,\`b\``); PARTITION_DESCRIPTION the bound
// (`10`, `MAXVALUE`, `5,'2020-01-01'`, `('a',1),('b',2)`).

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)

/** Splits MySQL SQL text at the commas outside quotes and parentheses. */
function splitTopLevel(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(text.slice(start).trim())
  return out.filter((s) => s !== '')
}

const METHODS: Readonly<Record<string, string>> = {
  RANGE: 'range',
  LIST: 'list',
  HASH: 'hash',
  KEY: 'key',
  'RANGE COLUMNS': 'range_columns',
  'LIST COLUMNS': 'list_columns',
}

/** `partitionBy` / `subpartitionBy` from a method and an expression, or undefined. */
function readPartitionBy(method: string | undefined, expression: string | undefined) {
  if (method === undefined) return undefined
  const linear = /^LINEAR /i.test(method)
  const name = METHODS[method.replace(/^LINEAR /i, '').toUpperCase()]
  if (name === undefined) return undefined
  const parts = splitTopLevel(expression ?? '').map(standardExpression)
  return { method: name, key: parts, ...(linear ? { linear: true } : {}) }
}

/**
 * The partitioning fields of one table from its PARTITIONS rows (ordered by partition, then
 * subpartition), or nothing when the table is not partitioned.
 *
 * @example
 * ```ts
 * readPartitioning(rows) // { partitionBy: { method: 'range', key: [{ column: 'y' }] }, partitions: [{ name: 'p1', lessThan: ['10'] }] }
 * ```
 */
export function readPartitioning(rows: readonly Row[]): Record<string, unknown> {
  const first = rows[0]
  if (!first || str(first.partition_name) === undefined) return {}
  const partitionBy = readPartitionBy(str(first.method), str(first.expression))
  if (!partitionBy) return {}
  const subpartitionBy = readPartitionBy(str(first.sub_method), str(first.sub_expression))
  const partitions: Record<string, unknown>[] = []
  const byName = new Map<string, Record<string, unknown>>()
  for (const r of rows) {
    const name = str(r.partition_name) ?? ''
    let p = byName.get(name)
    if (!p) {
      const description = str(r.description)
      const values = description === undefined ? undefined : splitTopLevel(description).map(standardExpression)
      const comment = str(r.comment)
      p = {
        name,
        ...(values && /^range/.test(partitionBy.method) ? { lessThan: values } : {}),
        ...(values && /^list/.test(partitionBy.method) ? { in: values } : {}),
        ...(comment ? { comment } : {}),
        ...(subpartitionBy ? { subpartitions: [] } : {}),
      }
      byName.set(name, p)
      partitions.push(p)
    }
    const sub = str(r.subpartition_name)
    if (sub !== undefined && subpartitionBy) (p.subpartitions as Record<string, unknown>[]).push({ name: sub })
  }
  return { partitionBy, partitions, ...(subpartitionBy ? { subpartitionBy } : {}) }
}
