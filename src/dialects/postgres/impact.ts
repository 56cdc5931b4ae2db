import { InvalidOptionError } from '../../errors.js'
import type { ColumnType } from '../../model/column-type.js'
import { isNumericType, typeFamily } from '../../model/type-family.js'
import type { TypeRelation } from '../../model/type-relation.js'
import type { Column, ConstraintType } from '../../model/types.js'
import { isVolatileDefault, normalizeDefault } from '../../sql-text/normalize-default.js'
import type { Dialect } from '../dialect.js'
import {
  atLeast,
  type DialectImpactFacts,
  type EngineVersion,
  type OperationCost,
  parseVersionNumbers,
  type ValueConversion,
} from '../dialect-facts.js'
import { indexesConcurrently, validatesAfterCommit } from './lock-forms.js'
import { postgresColumnStorage } from './storage.js'
import { renderPostgresType } from './types.js'

// What PostgreSQL does to a populated table for each kind of change, by version. Sources:
// - ALTER TABLE, "Notes" (lock levels, rewrites, binary coercible type changes, SET NOT NULL scan):
//   https://www.postgresql.org/docs/current/sql-altertable.html
// - Explicit locking (ACCESS EXCLUSIVE, SHARE, SHARE ROW EXCLUSIVE):
//   https://www.postgresql.org/docs/current/explicit-locking.html
// - PostgreSQL 11 release notes: ADD COLUMN with a non-volatile default no longer rewrites the table.
// - PostgreSQL 12 release notes: SET NOT NULL skips the scan when a validated CHECK proves no NULLs;
//   ALTER TYPE ... ADD VALUE may run inside a transaction block (the value is unusable until commit).
// - PostgreSQL 14.4 release notes: CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY in 14.0-14.3
//   could build corrupt indexes.
// - CREATE INDEX: a plain build takes a SHARE lock (blocks writes), CONCURRENTLY does not:
//   https://www.postgresql.org/docs/current/sql-createindex.html
// - Identifiers are truncated to NAMEDATALEN-1 = 63 bytes:
//   https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS

/** Oldest major version supported by the PostgreSQL project when this was written (14 reached end of life in November 2026). */
const DEFAULT_VERSION = '15'

const METADATA: OperationCost = { work: 'metadata', blocks: 'reads_and_writes', detail: 'changes only the catalog' }
const REWRITE: OperationCost = {
  work: 'rewrite',
  blocks: 'reads_and_writes',
  detail: 'rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes',
}
const SCAN_EXCLUSIVE: OperationCost = {
  work: 'scan',
  blocks: 'reads_and_writes',
  detail: 'scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes',
}

function version(input: string | number | undefined, _requested: string): EngineVersion {
  const numbers = parseVersionNumbers(input ?? DEFAULT_VERSION)
  if (!numbers)
    throw new InvalidOptionError('dialectVersion', `"${input}" is not a PostgreSQL version such as 16 or "15.4"`)
  // PostgreSQL 10+ numbers majors with one part; 9.6 style keeps two.
  const label = numbers.major >= 10 && numbers.minor === 0 ? `${numbers.major}` : `${numbers.major}.${numbers.minor}`
  return { ...numbers, label: `PostgreSQL ${label}`, assumed: input === undefined }
}

function addColumn(column: Column, v: EngineVersion): OperationCost {
  if (column.generated && (column.generated.stored || !atLeast(v, 18))) return REWRITE
  if (column.identity || column.autoincrement) return REWRITE
  const value = normalizeDefault(column.default, column.type)
  if (value === undefined || column.default === undefined) return METADATA
  // 11+ stores a non-volatile default in the catalog; a volatile one still needs a value per row.
  if (!atLeast(v, 11) || isVolatileDefault(column.default)) return REWRITE
  return METADATA
}

const typmodOnly = (a: ColumnType, b: ColumnType) => a.kind === b.kind

/** Whether the new type only relaxes the old one's modifier, so PostgreSQL skips the rewrite. */
function binaryCoercible(before: ColumnType, after: ColumnType): boolean {
  const from = renderPostgresType(before)
  const to = renderPostgresType(after)
  if (from === to) return true
  if ((before.kind === 'varchar' || before.kind === 'text') && (after.kind === 'varchar' || after.kind === 'text')) {
    const limit = (t: ColumnType) => (t.kind === 'varchar' ? (t.length ?? Infinity) : Infinity)
    return limit(after) >= limit(before)
  }
  if (before.kind === 'decimal' && after.kind === 'decimal' && typmodOnly(before, after)) {
    if (after.precision === undefined) return true
    return before.precision !== undefined && after.precision >= before.precision && before.scale === after.scale
  }
  if ((before.kind === 'timestamp' || before.kind === 'time') && before.kind === after.kind) {
    if (before.timezone !== after.timezone) return false
    return after.precision === undefined || (before.precision !== undefined && after.precision >= before.precision)
  }
  return false
}

function changeType(before: Column, after: Column): OperationCost {
  return binaryCoercible(before.type, after.type) ? METADATA : REWRITE
}

function convertValues(before: ColumnType, after: ColumnType, relation: TypeRelation): ValueConversion {
  if (relation === 'none') return { onBadValue: 'fails', castExists: false }
  // Assignment casts reject what does not fit, except where PostgreSQL rounds: numeric scale,
  // fractional seconds, floating point, and timestamps cut to dates.
  const rounds =
    (before.kind === 'decimal' && after.kind === 'decimal' && (after.scale ?? 0) < (before.scale ?? 0)) ||
    (before.kind === after.kind && (before.kind === 'timestamp' || before.kind === 'time')) ||
    after.kind === 'real' ||
    after.kind === 'double' ||
    (before.kind === 'timestamp' && after.kind === 'date')
  return { onBadValue: rounds ? 'truncated' : 'fails', castExists: true }
}

function addConstraint(type: ConstraintType): OperationCost {
  switch (type) {
    case 'foreign_key':
      return {
        work: 'scan',
        blocks: 'writes',
        detail: 'scans every row under SHARE ROW EXCLUSIVE locks on both tables, blocking writes to them',
      }
    case 'check':
      return SCAN_EXCLUSIVE
    default:
      return {
        work: 'build',
        blocks: 'reads_and_writes',
        detail: 'builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes',
      }
  }
}

/** PostgreSQL joins any two types with a cross-type equality operator (all numbers, all strings). */
function foreignKeyTypes(referencing: Column, referenced: Column): 'rejected' | 'inconsistent' | undefined {
  const [a, b] = [referencing.type, referenced.type]
  if (renderPostgresType(a) === renderPostgresType(b)) return undefined
  if (typeFamily(a) === 'string' && typeFamily(b) === 'string') return undefined
  return isNumericType(a) && isNumericType(b) ? 'inconsistent' : 'rejected'
}

const qualified = (d: Dialect, name: string, schema?: string) =>
  schema === undefined ? d.quoteIdentifier(name) : `${d.quoteIdentifier(schema)}.${d.quoteIdentifier(name)}`

/**
 * What PostgreSQL does, by version, with each kind of change on a populated table.
 *
 * @example
 * ```ts
 * const v = postgresImpactFacts.version(10, 'postgres')
 * postgresImpactFacts.addColumn({ name: 'a', type: { kind: 'boolean' }, nullable: false, default: 'true' }, v, { last: true }).work // 'rewrite'
 * ```
 */
export const postgresImpactFacts: DialectImpactFacts = {
  dialect: 'postgres',
  defaultVersion: DEFAULT_VERSION,
  version,
  addColumn: (column, v) => addColumn(column, v),
  changeType: (before, after) => changeType(before, after),
  convertValues: (before, after, relation) => convertValues(before, after, relation),
  convertExpression: (d, expression, type) => `CAST(${expression} AS ${d.renderType(type)})`,
  lengthExpression: (expression, unit) => `${unit === 'bytes' ? 'octet_length' : 'char_length'}(${expression})`,
  setNotNull: () => SCAN_EXCLUSIVE,
  existingNullsOnSetNotNull: () => 'fail',
  setNotNullUsesCheck: (v) => atLeast(v, 12),
  buildIndex: () => ({ work: 'build', blocks: 'writes', detail: 'builds it under a SHARE lock, blocking writes' }),
  dropIndex: () => ({
    work: 'metadata',
    blocks: 'reads_and_writes',
    detail:
      'takes an ACCESS EXCLUSIVE lock on the table, which waits for running queries while new ones queue behind it',
  }),
  addConstraint: (type) => addConstraint(type),
  requiredColumnWithoutDefault: () => 'fails',
  foreignKeyOrphans: () => 'fail',
  enforcesChecks: () => true,
  foreignKeyTypes,
  indexesForeignKeys: false,
  longIdentifiers: 'truncated',
  rebuildsTable: () => false,
  knownIssue: (operation, v) =>
    operation === 'concurrent_index' && v.major === 14 && !atLeast(v, 14, 4)
      ? 'PostgreSQL 14.0 to 14.3 can build corrupt indexes with CONCURRENTLY (fixed in 14.4; REINDEX affected indexes after upgrading)'
      : undefined,
  enumValueUsableInSameTransaction: () => false,
  columnStorage: postgresColumnStorage,
  validatesAfterCommit,
  indexesWithoutBlocking: indexesConcurrently,
  saferSql: {
    uniqueUsingIndex: (d, table, schema, name, index) =>
      `ALTER TABLE ${qualified(d, table, schema)} ADD CONSTRAINT ${d.quoteIdentifier(name)} UNIQUE USING INDEX ${d.quoteIdentifier(index)}`,
    primaryKeyUsingIndex: (d, table, schema, name, index) =>
      `ALTER TABLE ${qualified(d, table, schema)} ADD CONSTRAINT ${d.quoteIdentifier(name)} PRIMARY KEY USING INDEX ${d.quoteIdentifier(index)}`,
    dropIndexConcurrently: (d, schema, index) => `DROP INDEX CONCURRENTLY ${qualified(d, index, schema)}`,
    lockTimeout: (ms) => `SET lock_timeout = '${Math.max(0, Math.round(ms))}ms'`,
  },
}
