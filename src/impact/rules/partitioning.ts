import type { AlterTableChange } from '../../diff/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { rowsText } from '../finding-text.js'
import type { AnalyzerContext } from '../types.js'

// MySQL/MariaDB partitioning and MariaDB system versioning on existing tables, judged by the
// statements the plan runs for the change. Sources:
// - MySQL 8.4 Reference Manual, "Management of RANGE and LIST Partitions": DROP PARTITION deletes
//   the rows stored in the partition; ADD PARTITION appends a range (or list values) without touching
//   the rows (https://dev.mysql.com/doc/refman/8.4/en/partitioning-management-range-list.html).
// - MySQL 8.4 Reference Manual, "ALTER TABLE Partition Operations" and "Online DDL Operations"
//   (Partitioning Operations): ALTER TABLE ... PARTITION BY repartitions by copying the table
//   (ALGORITHM=COPY, writes blocked), as does REMOVE PARTITIONING
//   (https://dev.mysql.com/doc/refman/8.4/en/alter-table-partition-operations.html,
//   https://dev.mysql.com/doc/refman/8.4/en/online-ddl-partitioning.html).
// - MariaDB Knowledge Base, "System-Versioned Tables": ALTER TABLE ... DROP SYSTEM VERSIONING removes
//   the historical rows (checked on MariaDB 10.11: SELECT ... FOR SYSTEM_TIME ALL counts only the
//   current rows afterwards) (https://mariadb.com/kb/en/system-versioned-tables/).

/** The SQL the plan runs for this change, empty when it cannot be planned. */
const plannedSql = (ctx: AnalyzerContext, change: AlterTableChange) => (ctx.planned(change) ?? []).map((s) => s.sql)

const rows = (ctx: AnalyzerContext, change: AlterTableChange) => {
  const profile = ctx.tableProfile(change.table, change.schema)
  return profile ? ` (${rowsText(profile.rows)})` : ''
}

const dropPartition = defineAnalyzer({
  code: 'DS014',
  title: 'Dropping a partition deletes its rows',
  dialects: ['mysql'],
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE `sales` DROP PARTITION `p2022`',
    why: 'DROP PARTITION deletes every row stored in the partition with it (MySQL manual, "Management of RANGE and LIST Partitions"); nothing asks whether the partition still holds rows.',
    fix: 'Archive the rows first (EXCHANGE PARTITION with an empty table, or copy them out), or merge the partition into its neighbour with REORGANIZE PARTITION, which keeps the rows.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_table' || !change.changes.includes('partitions')) return undefined
    const dropped = plannedSql(ctx, change).find((s) => / DROP PARTITION /.test(s))
    if (!dropped) return undefined
    const names = (change.before.partitions ?? [])
      .filter((p) => !(change.after.partitions ?? []).some((q) => q.name === p.name))
      .map((p) => p.name)
    return {
      message: `dropping partition${names.length === 1 ? '' : 's'} ${names.join(', ')} of ${change.path} deletes the rows stored in ${names.length === 1 ? 'it' : 'them'}${rows(ctx, change)}`,
      explanation:
        'DROP PARTITION removes the partition and every row it holds; the rows cannot be recovered without a backup.',
      fix: {
        description:
          'Archive the rows first (ALTER TABLE ... EXCHANGE PARTITION with an empty table of the same shape), or keep them by merging the partition into a neighbour (REORGANIZE PARTITION).',
      },
    }
  },
})

const repartition = defineAnalyzer({
  code: 'LK024',
  title: 'Repartitioning or removing partitioning copies the table',
  dialects: ['mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE `sales` PARTITION BY HASH (`id`) PARTITIONS 8',
    why: 'ALTER TABLE ... PARTITION BY and REMOVE PARTITIONING rebuild the table by copying every row (ALGORITHM=COPY), blocking writes until the copy ends; a row that no new partition takes makes the statement fail. ADD PARTITION to a RANGE or LIST table and DROP PARTITION do not copy (MySQL manual, ALTER TABLE Partition Operations; Skeema classifies partition changes as unsafe).',
    fix: 'Keep the partitioning method and key and only append or drop RANGE/LIST partitions, or run the repartitioning in a maintenance window (or with an online schema change tool) on a large table.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_table') return undefined
    const copy = plannedSql(ctx, change).find((s) => / (PARTITION BY|REMOVE PARTITIONING)\b/.test(s))
    if (!copy) return undefined
    const what = /REMOVE PARTITIONING/.test(copy) ? 'removing the partitioning of' : 'repartitioning'
    return {
      message: `${what} ${change.path} copies the table${rows(ctx, change)}, blocking writes until it finishes`,
      explanation:
        'MySQL and MariaDB rebuild a table to change or remove its partitioning (ALGORITHM=COPY): every row is copied and writes wait; a row that none of the new partitions takes makes the statement fail.',
      fix: {
        description:
          'Only append or drop RANGE/LIST partitions (no copy), or run it in a maintenance window or with an online schema change tool (gh-ost, pt-online-schema-change).',
      },
    }
  },
})

const dropVersioning = defineAnalyzer({
  code: 'DS015',
  title: 'Dropping system versioning deletes the history',
  dialects: ['mysql'],
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE `plans` DROP SYSTEM VERSIONING',
    why: 'A system-versioned table keeps the past versions of its rows; DROP SYSTEM VERSIONING deletes them all, and adding versioning back starts an empty history (MariaDB Knowledge Base, "System-Versioned Tables").',
    fix: 'Copy the history out first (INSERT INTO archive SELECT * FROM t FOR SYSTEM_TIME ALL), or keep the versioning and purge old history with DELETE HISTORY.',
  },
  analyze(change, ctx) {
    if (
      change.kind !== 'alter_table' ||
      !change.changes.includes('systemVersioning') ||
      change.after.systemVersioning ||
      ctx.isNewTable(change.table, change.schema)
    )
      return undefined
    return {
      message: `dropping system versioning from ${change.path} deletes the history of its rows`,
      explanation:
        'Every past version of every row is deleted with the versioning; only the current rows remain, and versioning added back later starts from nothing.',
      fix: {
        description:
          'Archive the history first (INSERT INTO archive SELECT * FROM t FOR SYSTEM_TIME ALL), or keep the versioning and remove old history with DELETE HISTORY FROM t BEFORE SYSTEM_TIME ...',
      },
    }
  },
})

/** DS014, DS015, LK024. */
export const partitioningAnalyzers = [dropPartition, dropVersioning, repartition]
