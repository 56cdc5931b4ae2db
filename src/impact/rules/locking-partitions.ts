import { tablePath } from '../../diff/change-path.js'
import { onExistingTable } from '../../diff/change-scope.js'
import type { AlterTableChange, SchemaChange } from '../../diff/types.js'
import { defineAnalyzer } from '../define-analyzer.js'

// LK: PostgreSQL table-level changes that lock or rewrite a busy table: attaching and detaching
// partitions, and switching a table between logged and unlogged.

const alteredTable = (change: SchemaChange, field: 'partitionOf' | 'unlogged'): change is AlterTableChange =>
  change.kind === 'alter_table' && change.changes.includes(field)

const detachPartition = defineAnalyzer({
  code: 'LK015',
  title: 'DETACH PARTITION without CONCURRENTLY takes an exclusive lock on the partitioned table',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" DETACH PARTITION "events_2024"',
    why: 'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on any of its partitions waits behind it (Squawk require-concurrent-partition-detach).',
    fix: 'On PostgreSQL 14 and later, DETACH PARTITION ... CONCURRENTLY outside a transaction (not for a default partition).',
  },
  analyze(change, ctx) {
    if (!alteredTable(change, 'partitionOf') || !change.before.partitionOf || !onExistingTable(ctx, change))
      return undefined
    const parent = tablePath(change.before.partitionOf.table, change.before.partitionOf.schema ?? change.schema)
    return {
      message: `detaching ${change.path} from ${parent} locks ${parent} (ACCESS EXCLUSIVE) until the migration commits`,
      explanation:
        'DETACH PARTITION without CONCURRENTLY waits for every running query on the partitioned table, and every query after it queues behind it.',
      fix: {
        description: `Run ALTER TABLE ${parent} DETACH PARTITION ${change.path} CONCURRENTLY on its own, outside a transaction (PostgreSQL 14+; not for the default partition).`,
      },
    }
  },
})

const attachPartition = defineAnalyzer({
  code: 'LK022',
  title: 'ATTACH PARTITION scans the table to check its bound',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" ATTACH PARTITION "archive" FOR VALUES FROM (\'2000-01-01\') TO (\'2024-01-01\')',
    why: 'Attaching a table reads every row of it to check that it fits the bound, under an ACCESS EXCLUSIVE lock on the table (and, with a default partition, a scan of that one too). PostgreSQL skips the scan when a valid CHECK constraint on the table already implies the bound (PostgreSQL documentation, ALTER TABLE ... ATTACH PARTITION).',
    fix: 'Before attaching, add a CHECK constraint matching the bound NOT VALID, VALIDATE it (a weaker lock), attach, then drop the check.',
  },
  analyze(change, ctx) {
    if (!alteredTable(change, 'partitionOf') || !change.after.partitionOf || !onExistingTable(ctx, change))
      return undefined
    return {
      message: `attaching ${change.path} scans all of its rows under an ACCESS EXCLUSIVE lock to check ${change.after.partitionOf.bound}`,
      explanation:
        'PostgreSQL checks every row against the partition bound unless a valid CHECK constraint on the table already implies it.',
      fix: {
        description:
          'Add a CHECK constraint that matches the bound (NOT VALID, then VALIDATE CONSTRAINT) before attaching, and drop it afterwards.',
      },
    }
  },
})

const setLogged = defineAnalyzer({
  code: 'LK023',
  title: 'SET LOGGED / SET UNLOGGED rewrites the table',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" SET LOGGED',
    why: 'Switching a table between logged and unlogged rewrites it, with its indexes, under an ACCESS EXCLUSIVE lock; SET LOGGED also writes the whole table to the write-ahead log (PostgreSQL documentation, ALTER TABLE ... SET LOGGED).',
    fix: 'Run it in a maintenance window, or create the table as it should be and copy the rows.',
  },
  analyze(change, ctx) {
    if (!alteredTable(change, 'unlogged') || !onExistingTable(ctx, change)) return undefined
    const to = change.after.unlogged ? 'UNLOGGED' : 'LOGGED'
    return {
      message: `SET ${to} rewrites ${change.path} and its indexes under an ACCESS EXCLUSIVE lock`,
      explanation: `ALTER TABLE ... SET ${to} copies every row into a new file${to === 'LOGGED' ? ' and writes it all to the write-ahead log' : ''}; reads and writes wait until it is done.`,
      fix: { description: 'Run it in a maintenance window, or create the new table and copy the rows in batches.' },
    }
  },
})

/** LK015, LK022, LK023. @internal */
export const partitionLockAnalyzers = [detachPartition, attachPartition, setLogged]
