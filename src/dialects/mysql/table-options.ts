import { tableKey } from '../../diff/semantic-keys.js'
import type { AlterTableChange } from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { postgresOnlyTableChanges } from '../table-security-support.js'
import { Stage, type StatementDraft } from '../types.js'
import { charsetOfCollation } from './charsets.js'
import { foreignKeysAroundColumn } from './column-changes.js'
import { keptColumnChecks } from './column-checks.js'
import { mysqlColumnDefinition } from './columns.js'
import { keyContext, tableName } from './keys.js'
import { mysqlPartitionChanges } from './partitions.js'
import { findTable, planState, sourceTable } from './plan-state.js'
import { systemVersioningChanges } from './system-versioning.js'
import { quoteMysqlIdentifier as q, quoteMysqlLiteral, unsupported } from './text.js'

// The table options of MySQL/MariaDB: ENGINE, DEFAULT CHARSET, COLLATE, ROW_FORMAT, KEY_BLOCK_SIZE and
// COMMENT.
// The table's collation is the collation of every column that states none (introspection reports a
// column's collation only when it differs), so changing it converts the table (CONVERT TO CHARACTER
// SET), after which the columns that state their own collation are restated. MySQL refuses to
// convert a column under a foreign key: the keys on the table's text columns are dropped before and
// added back after.

/** The row formats InnoDB, Aria and MyISAM take (a keyword, never quoted). */
const ROW_FORMATS = new Set(['DEFAULT', 'DYNAMIC', 'FIXED', 'COMPRESSED', 'REDUNDANT', 'COMPACT', 'PAGE'])

/** Column kinds that hold text and so have a collation. */
const TEXT_KINDS = new Set(['char', 'varchar', 'text', 'enum', 'set'])

/** The key block sizes InnoDB takes, in KB (0: none). */
const KEY_BLOCK_SIZES = new Set(['0', '1', '2', '4', '8', '16'])

function keyBlockSize(table: Table): string {
  const size = table.keyBlockSize ?? ''
  if (!KEY_BLOCK_SIZES.has(size))
    unsupported(
      `table "${table.name}"`,
      `KEY_BLOCK_SIZE ${JSON.stringify(table.keyBlockSize)} is none of ${[...KEY_BLOCK_SIZES].join(', ')}`,
    )
  return size
}

function rowFormat(table: Table): string {
  const format = (table.rowFormat ?? '').toUpperCase()
  if (!ROW_FORMATS.has(format))
    unsupported(
      `table "${table.name}"`,
      `ROW_FORMAT ${JSON.stringify(table.rowFormat)} is none of ${[...ROW_FORMATS].join(', ')}`,
    )
  return format
}

/**
 * Refuses (`unsupported_feature`) the PostgreSQL table features MySQL/MariaDB cannot store:
 * `UNLOGGED`, declarative partitioning, inheritance and storage parameters.
 *
 * @example
 * ```ts
 * refusePostgresTableFeatures({ ...table, unlogged: true }) // throws: MySQL/MariaDB have no UNLOGGED tables
 * ```
 * @internal
 */
export function refusePostgresTableFeatures(table: Table): void {
  const where = `table "${table.name}"`
  if (table.unlogged) unsupported(where, 'MySQL/MariaDB have no UNLOGGED tables')
  if (table.partitionOf)
    unsupported(
      where,
      "a partition that is a table of its own (partitionOf) is PostgreSQL's: MySQL/MariaDB list partitions in the partitioned table (partitions)",
    )
  if (table.inherits) unsupported(where, 'MySQL/MariaDB have no table inheritance (INHERITS)')
  if (table.with && Object.keys(table.with).length > 0)
    unsupported(where, 'MySQL/MariaDB have no storage parameters (WITH (...))')
}

/**
 * The table options a table states, as CREATE TABLE writes them after its closing parenthesis.
 *
 * @example
 * ```ts
 * mysqlTableOptions({ name: 't', columns: [], constraints: [], indexes: [], engine: 'InnoDB', charset: 'latin1' })
 * // ' ENGINE=`InnoDB` DEFAULT CHARSET=`latin1`'
 * ```
 */
export function mysqlTableOptions(table: Table): string {
  let out = ''
  if (table.engine !== undefined) out += ` ENGINE=${q(table.engine)}`
  if (table.charset !== undefined) out += ` DEFAULT CHARSET=${q(table.charset)}`
  if (table.collation !== undefined) out += ` COLLATE=${q(table.collation)}`
  // DEFAULT is what a table that declares no row format has: nothing to write.
  if (table.rowFormat !== undefined && rowFormat(table) !== 'DEFAULT') out += ` ROW_FORMAT=${rowFormat(table)}`
  if (table.keyBlockSize !== undefined && keyBlockSize(table) !== '0') out += ` KEY_BLOCK_SIZE=${keyBlockSize(table)}`
  if (table.comment) out += ` COMMENT ${quoteMysqlLiteral(table.comment)}`
  return out
}

/**
 * `CONVERT TO CHARACTER SET` for a changed table charset or collation, with the keys on the table's
 * text columns dropped around it and the columns that state their own collation restated after it.
 */
function convertTable(change: AlterTableChange, ctx: GeneratorContext): StatementDraft[] {
  const kctx = keyContext(ctx)
  const { table, schema, after } = change
  const head = `ALTER TABLE ${tableName(table, schema)}`
  const charset = after.charset ?? charsetOfCollation(after.collation ?? '')
  const collate = after.collation === undefined ? '' : ` COLLATE ${q(after.collation)}`
  const source = sourceTable(ctx, table, schema)
  const target = findTable(ctx.to, table, schema) ?? after
  const drops: StatementDraft[] = []
  const adds: StatementDraft[] = []
  for (const c of source?.columns ?? []) {
    if (!TEXT_KINDS.has(c.type.kind)) continue
    const around = foreignKeysAroundColumn(kctx, table, schema, c.name)
    drops.push(...around.drops)
    adds.push(...around.adds)
  }
  const drafts: StatementDraft[] = [
    { sql: `${head} CONVERT TO CHARACTER SET ${q(charset)}${collate}`, stage: Stage.convertTable },
  ]
  // Columns an alter_column or add_column writes anyway come later; the others are restated here.
  const changes = planState(ctx).byTable.get(tableKey(schema, table)) ?? []
  const written = new Set(
    changes.flatMap((x) => (x.kind === 'alter_column' || x.kind === 'add_column' ? [x.after.name] : [])),
  )
  for (const c of target.columns) {
    if (c.collation === undefined || written.has(c.name)) continue
    const renamed = changes.find((x) => x.kind === 'rename_column' && x.column === c.name)
    const previous = renamed?.kind === 'rename_column' ? renamed.from : c.name
    drafts.push({
      sql: `${head} MODIFY COLUMN ${mysqlColumnDefinition(c, kctx)}${keptColumnChecks(ctx, table, schema, previous)}`,
      stage: Stage.convertTable,
    })
  }
  return [...drops, ...drafts, ...adds]
}

/**
 * `alter_table`: ENGINE and ROW_FORMAT in one statement, a new charset or collation by converting
 * the table, the comment (`COMMENT = ''` removes it), partitioning (partitions.ts) and system
 * versioning (system-versioning.ts).
 *
 * @example
 * ```ts
 * alterTableChange(change, ctx)[0].sql // "ALTER TABLE `users` COMMENT = 'people'"
 * ```
 */
export function alterTableChange(change: AlterTableChange, ctx: GeneratorContext): StatementDraft[] {
  refusePostgresTableFeatures(change.after)
  const [problem] = postgresOnlyTableChanges(change.path, change.changes, 'MySQL/MariaDB')
  if (problem) throw new SchemaLedgerError('unsupported_feature', problem)
  const head = `ALTER TABLE ${tableName(change.table, change.schema)}`
  const { after, changes } = change
  const drafts: StatementDraft[] = []
  const options: string[] = []
  if (changes.includes('engine') && after.engine !== undefined) options.push(`ENGINE = ${q(after.engine)}`)
  if (changes.includes('rowFormat')) options.push(`ROW_FORMAT = ${rowFormat(after)}`)
  if (changes.includes('keyBlockSize')) options.push(`KEY_BLOCK_SIZE = ${keyBlockSize(after)}`)
  if (options.length > 0) drafts.push({ sql: `${head} ${options.join(', ')}`, stage: Stage.convertTable })
  if (changes.includes('charset') || changes.includes('collation')) drafts.push(...convertTable(change, ctx))
  if (changes.includes('comment'))
    drafts.push({ sql: `${head} COMMENT = ${quoteMysqlLiteral(after.comment ?? '')}`, stage: Stage.comment })
  drafts.push(...mysqlPartitionChanges(change), ...systemVersioningChanges(change, ctx))
  return drafts
}
