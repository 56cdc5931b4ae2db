import { SchemaLedgerError } from '../../errors.js'
import type { Column, Table } from '../../model/types.js'
import { UNTYPED_COLUMN } from './types.js'

// What the model holds for MySQL/MariaDB that PostgreSQL cannot store, refused with
// `unsupported_feature` (the refusal lint reports as BP021) rather than left out of the SQL: an
// INVISIBLE column, a column without a declared type (SQLite's), MySQL's partition list,
// subpartitions and partitioning methods, system versioning. The MySQL table options and ignored indexes change no data and are not written.

/**
 * Throws `unsupported_feature` for a column PostgreSQL cannot store as the model says.
 *
 * @example
 * ```ts
 * refuseColumn('users', { name: 'h', type: { kind: 'integer' }, nullable: true, invisible: true }) // throws
 * ```
 */
export function refuseColumn(table: string, column: Column): void {
  if (column.type.kind === 'untyped')
    throw new SchemaLedgerError('unsupported_feature', `${table}.${column.name}.type: ${UNTYPED_COLUMN}`)
  if (column.invisible)
    throw new SchemaLedgerError(
      'unsupported_feature',
      `${table}.${column.name}: an INVISIBLE column: PostgreSQL has none (every column is in SELECT *)`,
    )
  if (column.onUpdate !== undefined)
    throw new SchemaLedgerError(
      'unsupported_feature',
      `${table}.${column.name}: ON UPDATE ${column.onUpdate}: PostgreSQL has no ON UPDATE for columns (a trigger does it)`,
    )
}

/**
 * Throws `unsupported_feature` for MySQL/MariaDB table features PostgreSQL cannot store.
 *
 * @example
 * ```ts
 * refuseTable({ ...table, systemVersioning: true }) // throws: PostgreSQL has no system-versioned tables
 * ```
 */
export function refuseTable(table: Table): void {
  const problems: string[] = []
  const by = table.partitionBy
  if (by && !['range', 'list', 'hash'].includes(by.method))
    problems.push(
      `partitioning by ${by.method.replace('_', ' ').toUpperCase()}: MySQL/MariaDB's; PostgreSQL partitions by RANGE, LIST or HASH`,
    )
  if (by?.linear) problems.push("LINEAR partitioning: MySQL/MariaDB's; PostgreSQL has none")
  if (table.partitions || table.subpartitionBy)
    problems.push('a list of partitions or subpartitions: MySQL/MariaDB partitions; PostgreSQL partitions are tables')
  if (table.systemVersioning) problems.push('WITH SYSTEM VERSIONING: PostgreSQL has no system-versioned tables')
  if (problems.length > 0)
    throw new SchemaLedgerError('unsupported_feature', `table "${table.name}": ${problems.join('; ')}`)
  for (const c of table.columns) refuseColumn(table.name, c)
}
