import { stableStringify } from '../model/assemble-table.js'
import type { Partition, PartitionBy, Table } from '../model/types.js'
import { type ExpressionOptions, normalizeExpression } from '../sql-text/normalize-expression.js'
import type { TableField } from './types.js'

// Partitioning compared by meaning: key parts, SQL values and expressions compare normalized (`TO_DAYS(\`d\`)` is `to_days(d)`, `MAXVALUE` is
// `maxvalue`), an empty comment is no comment.

/** The meaning of a partition key (`PARTITION BY` or `SUBPARTITION BY`), undefined for none. @internal */
export function partitionByMeaning(p: PartitionBy | undefined, options: ExpressionOptions = {}): string | undefined {
  if (p === undefined) return undefined
  const key = p.key.map((k) => normalizeExpression(k, options))
  return stableStringify({ method: p.method, key, linear: p.linear ?? false })
}

/** The meaning of one partition: its name, bound, comment and subpartitions. @internal */
export function partitionMeaning(p: Partition, options: ExpressionOptions = {}): string {
  const values = (list: readonly string[] | undefined) => list?.map((v) => normalizeExpression(v, options))
  return stableStringify({
    name: p.name,
    lessThan: values(p.lessThan),
    in: values(p.in),
    comment: p.comment || undefined,
    subpartitions: (p.subpartitions ?? []).map((s) => s.name),
  })
}

/**
 * Which MySQL partitioning fields of a table differ besides `partitionBy` (which the table's own
 * comparison lists): `partitions`, `subpartitionBy`, in that order. Partitions are compared only when both versions list them (absent means whatever the
 * database has, as for the MySQL table options: PostgreSQL's partitions are tables of their own), and
 * a table without `partitionBy` has none.
 * @internal
 */
export function partitionFieldChanges(before: Table, after: Table, options: ExpressionOptions = {}): TableField[] {
  const fields: TableField[] = []
  const list = (t: Table) =>
    t.partitionBy === undefined ? '[]' : stableStringify((t.partitions ?? []).map((p) => partitionMeaning(p, options)))
  if (before.partitions !== undefined && after.partitions !== undefined && list(before) !== list(after))
    fields.push('partitions')
  if (partitionByMeaning(before.subpartitionBy, options) !== partitionByMeaning(after.subpartitionBy, options))
    fields.push('subpartitionBy')
  return fields
}
