import { partitionByMeaning, partitionMeaning } from '../../diff/partition-fields.js'
import type { AlterTableChange } from '../../diff/types.js'
import type { Partition, PartitionBy, Table } from '../../model/types.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import { Stage, type StatementDraft } from '../types.js'
import { tableName } from './keys.js'
import { mysqlExpression, quoteMysqlIdentifier as q, quoteMysqlLiteral, unsupported } from './text.js'

// MySQL/MariaDB partitioning: `PARTITION BY` in CREATE TABLE, and on an existing table the cheapest
// statement that reaches the target (MySQL 8.4 manual, "Management of RANGE and LIST Partitions" and
// "ALTER TABLE Partition Operations"):
// - partitions dropped from a RANGE or LIST table (DROP PARTITION deletes their rows) and partitions
//   appended after the kept ones (ADD PARTITION, no copy for RANGE and LIST);
// - anything else (another key, method or subpartitioning, bounds of kept partitions changed, a
//   partition inserted in the middle, another number of HASH/KEY partitions) repartitions the table
//   with ALTER TABLE ... PARTITION BY, which copies every row (and fails on a row no partition takes);
// - a table no longer partitioned: REMOVE PARTITIONING, which copies the table as well.
// Repartitioning runs after the keys are changed (every unique key must hold the partition columns)
// and REMOVE PARTITIONING before.

const METHODS: Record<PartitionBy['method'], string> = {
  range: 'RANGE',
  list: 'LIST',
  hash: 'HASH',
  key: 'KEY',
  range_columns: 'RANGE COLUMNS',
  list_columns: 'LIST COLUMNS',
}

const byColumns = (p: PartitionBy) => p.method === 'key' || p.method === 'range_columns' || p.method === 'list_columns'

/** `RANGE (expr)`, `LINEAR HASH (expr)`, `KEY (a, b)`, `LIST COLUMNS (a, b)`. */
function methodClause(p: PartitionBy, where: string): string {
  if (p.linear && p.method !== 'hash' && p.method !== 'key') unsupported(where, 'only HASH and KEY can be LINEAR')
  const method = `${p.linear ? 'LINEAR ' : ''}${METHODS[p.method]}`
  if (byColumns(p)) {
    const columns = p.key.map((k) => {
      const name = columnName(k)
      if (name === undefined)
        unsupported(where, `${METHODS[p.method]} partitioning takes columns, not expressions ("${k}")`)
      return q(name)
    })
    return `${method} (${columns.join(', ')})`
  }
  const [only, ...more] = p.key
  if (only === undefined || more.length > 0)
    unsupported(
      where,
      `${METHODS[p.method]} partitioning takes one expression (use ${METHODS[p.method]} COLUMNS for several columns)`,
    )
  const column = columnName(only)
  return `${method} (${column === undefined ? mysqlExpression(only, `${where} key`) : q(column)})`
}

/** The column a key part names (`y`, `"we ird"`, `` `y` ``), or undefined for an expression. */
function columnName(part: string): string | undefined {
  const tokens = tokenizeSql(part.trim())
  const only = tokens.length === 1 ? tokens[0] : undefined
  if (only?.kind === 'identifier' && only.terminated !== false) return only.value
  if (only?.kind === 'word' && /^[a-z_][\w$]*$/i.test(only.text)) return only.text
  const mysql = /^`((?:[^`]|``)+)`$/.exec(part.trim())
  return mysql?.[1]?.replaceAll('``', '`')
}

/** A bound value: `MAXVALUE` as the keyword, anything else as a checked expression. */
const boundValue = (value: string, where: string) =>
  /^maxvalue$/i.test(value.trim()) ? 'MAXVALUE' : mysqlExpression(value, where)

/** `PARTITION name VALUES ... COMMENT = '...' (SUBPARTITION ...)`. */
function partitionDefinition(table: Table, by: PartitionBy, p: Partition): string {
  const where = `table "${table.name}" partition "${p.name}"`
  let text = `PARTITION ${q(p.name)}`
  const range = by.method === 'range' || by.method === 'range_columns'
  const list = by.method === 'list' || by.method === 'list_columns'
  if (range) {
    if (!p.lessThan || p.in) unsupported(where, 'a RANGE partition needs lessThan (and no in)')
    const values = p.lessThan.map((v, i) => boundValue(v, `${where} lessThan[${i}]`))
    if (by.method === 'range' && values.length !== 1) unsupported(where, 'a RANGE partition has one lessThan value')
    text +=
      by.method === 'range' && values[0] === 'MAXVALUE'
        ? ' VALUES LESS THAN MAXVALUE'
        : ` VALUES LESS THAN (${values.join(', ')})`
  } else if (list) {
    if (!p.in || p.lessThan) unsupported(where, 'a LIST partition needs in (and no lessThan)')
    text += ` VALUES IN (${p.in.map((v, i) => mysqlExpression(v, `${where} in[${i}]`)).join(', ')})`
  } else if (p.lessThan || p.in) unsupported(where, `${METHODS[by.method]} partitions have no bounds`)
  if (p.comment) text += ` COMMENT = ${quoteMysqlLiteral(p.comment)}`
  if (table.subpartitionBy) {
    if (!p.subpartitions || p.subpartitions.length === 0)
      unsupported(where, 'with subpartitionBy, every partition lists its subpartitions')
    text += ` (${p.subpartitions.map((s) => `SUBPARTITION ${q(s.name)}`).join(', ')})`
  } else if (p.subpartitions && p.subpartitions.length > 0)
    unsupported(where, 'subpartitions need subpartitionBy on the table')
  return text
}

/**
 * The `PARTITION BY ...` clause of a partitioned table (without a leading space), or undefined for a
 * table that is not partitioned.
 *
 * @example
 * ```ts
 * mysqlPartitionClause({ ...table, partitionBy: { method: 'hash', key: [{ column: 'id' }] } })
 * // 'PARTITION BY HASH (`id`)'
 * ```
 */
export function mysqlPartitionClause(table: Table): string | undefined {
  const by = table.partitionBy
  const where = `table "${table.name}"`
  if (by === undefined) {
    if (table.subpartitionBy || (table.partitions && table.partitions.length > 0))
      unsupported(where, 'partitions and subpartitionBy need partitionBy')
    return undefined
  }
  let text = `PARTITION BY ${methodClause(by, `${where} partitionBy`)}`
  const sub = table.subpartitionBy
  if (sub) {
    if (by.method !== 'range' && by.method !== 'list' && by.method !== 'range_columns' && by.method !== 'list_columns')
      unsupported(where, 'only RANGE and LIST partitions can be subpartitioned')
    if (sub.method !== 'hash' && sub.method !== 'key') unsupported(where, 'subpartitions are by HASH or KEY')
    text += ` SUBPARTITION BY ${methodClause(sub, `${where} subpartitionBy`)}`
  }
  const partitions = table.partitions ?? []
  if (partitions.length === 0) {
    if (by.method !== 'hash' && by.method !== 'key')
      unsupported(where, `${METHODS[by.method]} partitioning needs partitions`)
    return text
  }
  return `${text} (${partitions.map((p) => partitionDefinition(table, by, p)).join(', ')})`
}

/**
 * Partitions dropped and appended when only the partitions of a RANGE or LIST table changed and the
 * kept ones stay as they were, in order, before the new ones; undefined when that is not the case.
 */
function dropAndAppend(before: Table, after: Table) {
  const method = after.partitionBy?.method
  if (method === undefined || method === 'hash' || method === 'key') return undefined
  const old = before.partitions ?? []
  const now = after.partitions ?? []
  const names = new Set(now.map((p) => p.name))
  const kept = old.filter((p) => names.has(p.name))
  const dropped = old.filter((p) => !names.has(p.name))
  if (kept.some((p, i) => now[i] === undefined || partitionMeaning(p) !== partitionMeaning(now[i] as Partition)))
    return undefined
  return { dropped, added: now.slice(kept.length) }
}

/**
 * The statements of an `alter_table` that changes `partitionBy`, `partitions` or `subpartitionBy`.
 *
 * @example
 * ```ts
 * mysqlPartitionChanges(change)[0]?.sql // 'ALTER TABLE `t` DROP PARTITION `p2021`'
 * ```
 */
export function mysqlPartitionChanges(change: AlterTableChange): StatementDraft[] {
  const { before, after } = change
  const fields = change.changes
  if (!fields.includes('partitionBy') && !fields.includes('partitions') && !fields.includes('subpartitionBy')) return []
  const head = `ALTER TABLE ${tableName(change.table, change.schema)}`
  const clause = mysqlPartitionClause(after)
  if (clause === undefined) return [{ sql: `${head} REMOVE PARTITIONING`, stage: Stage.convertTable }]
  const same =
    before.partitionBy !== undefined &&
    partitionByMeaning(before.partitionBy) === partitionByMeaning(after.partitionBy) &&
    partitionByMeaning(before.subpartitionBy) === partitionByMeaning(after.subpartitionBy)
  const step = same ? dropAndAppend(before, after) : undefined
  // Repartitioning waits for the keys (they must hold the new partition columns): after the indexes.
  if (!step) return [{ sql: `${head} ${clause}`, stage: Stage.comment }]
  const by = after.partitionBy as PartitionBy
  const drafts: StatementDraft[] = []
  if (step.dropped.length > 0)
    drafts.push({
      sql: `${head} DROP PARTITION ${step.dropped.map((p) => q(p.name)).join(', ')}`,
      stage: Stage.comment,
      destructive: true,
    })
  if (step.added.length > 0)
    drafts.push({
      sql: `${head} ADD PARTITION (${step.added.map((p) => partitionDefinition(after, by, p)).join(', ')})`,
      stage: Stage.comment,
    })
  return drafts
}
