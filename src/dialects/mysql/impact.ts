import { InvalidOptionError } from '../../errors.js'
import type { ColumnType } from '../../model/column-type.js'
import { columnTypesEqual } from '../../model/format-column-type.js'
import type { TypeRelation } from '../../model/type-relation.js'
import type { Column, ConstraintType } from '../../model/types.js'
import { normalizeDefault } from '../../sql-text/normalize-default.js'
import {
  atLeast,
  type DialectImpactFacts,
  type EngineVersion,
  type OperationCost,
  parseVersionNumbers,
  type ValueConversion,
} from '../dialect-facts.js'

// What MySQL and MariaDB (InnoDB) do to a populated table for each kind of change, by version. Sources:
// - MySQL 8.0/8.4 Reference Manual, "Online DDL Operations" (column, index, foreign key, primary key
//   operations; INSTANT/INPLACE/COPY, "Permits Concurrent DML"):
//   https://dev.mysql.com/doc/refman/8.4/en/innodb-online-ddl-operations.html
//   - ADD COLUMN is INSTANT from 8.0.12 (last position only before 8.0.29); an expression default
//     is not (https://github.com/vitessio/vitess/issues/16024); AUTO_INCREMENT and STORED generated
//     columns need a rebuild without concurrent writes.
//   - Extending VARCHAR is in place while the length prefix stays 1 byte (<= 255 bytes) or 2 bytes;
//     crossing it, shrinking, or changing the type copies the table (WL#6554).
//   - Appending ENUM/SET members is instant while the storage size does not change.
//   - ADD FOREIGN KEY is COPY while foreign_key_checks=1; secondary and unique indexes build online.
// - MySQL bug #117450: ADD CHECK is ALGORITHM=COPY. CHECK is enforced from 8.0.16 (WL#929).
// - MariaDB Knowledge Base, "InnoDB Online DDL Operations with the INSTANT Alter Algorithm": instant
//   ADD COLUMN from 10.3.2 (last column), any position from 10.4; CHECK enforced from 10.2.1.
// - ADD COLUMN ... NOT NULL without DEFAULT fills existing rows with the type's implicit default
//   (0, '', zero date) even in strict mode: https://dev.mysql.com/doc/refman/8.4/en/data-type-defaults.html
// - Strict mode (the default since MySQL 5.7 and MariaDB 10.2.4) makes ALTER reject values that do
//   not fit ("Data too long", "Out of range"); scale and fractional seconds are rounded.
// - An integer display width limits no value: changing it alone is ALGORITHM=INSTANT on MariaDB
//   (test/sql/mysql/catalog-judged.test.ts runs it); on MySQL 8 the plan writes nothing for it.
// - Foreign key columns: "The size and sign of fixed precision types such as INTEGER and DECIMAL must
//   be the same. The length of string types need not be the same."
// - Identifiers longer than 64 characters are rejected (error 1059).

/** MySQL 8.0 reached end of life in April 2026, so 8.4 LTS; MariaDB 10.11 LTS is the oldest maintained LTS. */
const DEFAULT_MYSQL = '8.4'
const DEFAULT_MARIADB = '10.11'

const INSTANT: OperationCost = {
  work: 'metadata',
  blocks: 'nothing',
  detail: 'changes only metadata (ALGORITHM=INSTANT)',
}
const ONLINE_REBUILD: OperationCost = {
  work: 'rewrite',
  blocks: 'nothing',
  detail: 'rebuilds the table in place while reads and writes continue (ALGORITHM=INPLACE)',
}
const COPY: OperationCost = {
  work: 'rewrite',
  blocks: 'writes',
  detail: 'copies the table (ALGORITHM=COPY), blocking writes until it finishes',
}

function version(input: string | number | undefined, requested: string): EngineVersion {
  const text = input === undefined ? undefined : String(input)
  const mariadb = requested.toLowerCase() === 'mariadb' || /mariadb/i.test(text ?? '')
  const numbers = parseVersionNumbers(text ?? (mariadb ? DEFAULT_MARIADB : DEFAULT_MYSQL))
  if (!numbers)
    throw new InvalidOptionError('dialectVersion', `"${input}" is not a MySQL or MariaDB version such as "8.0.32"`)
  // MySQL has no version 10 or later yet; those numbers are MariaDB's.
  const isMariadb = mariadb || numbers.major >= 10
  const label = `${isMariadb ? 'MariaDB' : 'MySQL'} ${numbers.major}.${numbers.minor}${numbers.patch ? `.${numbers.patch}` : ''}`
  return { ...numbers, ...(isMariadb ? { flavor: 'mariadb' } : {}), label, assumed: input === undefined }
}

const isMariadb = (v: EngineVersion) => v.flavor === 'mariadb'

/** Whether ADD COLUMN can be instant at this version and position. */
function instantAdd(v: EngineVersion, last: boolean): boolean {
  if (isMariadb(v)) return atLeast(v, 10, 4) || (last && atLeast(v, 10, 3, 2))
  return atLeast(v, 8, 0, 29) || (last && atLeast(v, 8, 0, 12))
}

const NOW = /^current_(timestamp|date|time)$/
const PLAIN_LITERAL = /^(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false)$/i

function addColumn(column: Column, v: EngineVersion, last: boolean): OperationCost {
  if (column.autoincrement || column.identity) {
    return {
      ...ONLINE_REBUILD,
      blocks: 'writes',
      detail: 'rebuilds the table without allowing writes (AUTO_INCREMENT column)',
    }
  }
  if (column.generated) return column.generated.stored ? COPY : INSTANT
  const value = column.default === undefined ? undefined : normalizeDefault(column.default, column.type)
  // MySQL writes anything but a single literal (or CURRENT_TIMESTAMP) as an expression default `(expr)`.
  const expression = value !== undefined && !PLAIN_LITERAL.test(value) && !NOW.test(value)
  return !expression && instantAdd(v, last) ? INSTANT : ONLINE_REBUILD
}

/** Bytes per character of a column's character set, from its collation (utf8mb4 when unknown). */
function bytesPerChar(collation: string | undefined): number {
  const c = (collation ?? '').toLowerCase()
  if (/^(latin|ascii|binary|cp125|koi8|greek|hebrew|tis620|swe7|dec8|hp8|armscii8|geostd8)/.test(c)) return 1
  if (/^(utf8mb3|utf8_)/.test(c) || c === 'utf8') return 3
  if (/^ucs2/.test(c)) return 2
  return 4
}

function lengthBytes(type: ColumnType, collation: string | undefined): number | undefined {
  if (type.kind === 'varbinary') return type.length
  if (type.kind === 'varchar' && type.length !== undefined) return type.length * bytesPerChar(collation)
  return undefined
}

/** The type without its display width, which limits no value (ZEROFILL, which makes it unsigned, stays). */
function withoutWidth(type: ColumnType): ColumnType {
  if (!('displayWidth' in type) || type.displayWidth === undefined) return type
  const { displayWidth: _, ...rest } = type
  return rest
}

function changeType(before: Column, after: Column, relation: TypeRelation, v: EngineVersion): OperationCost {
  if (relation === 'same') return INSTANT
  // A display width alone: metadata on MariaDB (ALGORITHM=INSTANT, run in the tests); MySQL 8 writes nothing.
  if ((isMariadb(v) || v.major >= 8) && columnTypesEqual(withoutWidth(before.type), withoutWidth(after.type)))
    return INSTANT
  const b = lengthBytes(before.type, before.collation)
  const a = lengthBytes(after.type, after.collation)
  if (
    before.type.kind === after.type.kind &&
    b !== undefined &&
    a !== undefined &&
    a >= b &&
    before.collation === after.collation
  ) {
    // The length prefix is 1 byte up to 255 bytes, 2 bytes above; in place only when it stays the same.
    if (b <= 255 === a <= 255)
      return { ...INSTANT, detail: 'changes only metadata (ALGORITHM=INPLACE without a rebuild)' }
  }
  const [bv, av] = [before.type, after.type]
  if (bv.kind === 'enum' && av.kind === 'enum' && bv.values && av.values) {
    const appended = bv.values.every((value, i) => av.values?.[i] === value)
    if (appended && bv.values.length <= 255 === av.values.length <= 255) return INSTANT
  }
  return COPY
}

function convertValues(before: ColumnType, after: ColumnType): ValueConversion {
  // Strict mode rejects values that do not fit; scale, fractional seconds and time parts are rounded off.
  const rounds =
    (before.kind === 'decimal' && after.kind === 'decimal' && (after.scale ?? 0) < (before.scale ?? 0)) ||
    (before.kind === after.kind && (before.kind === 'timestamp' || before.kind === 'time')) ||
    (before.kind === 'timestamp' && after.kind === 'date')
  return { onBadValue: rounds ? 'truncated' : 'fails', castExists: true }
}

function addConstraint(type: ConstraintType, v: EngineVersion): OperationCost {
  switch (type) {
    case 'foreign_key':
      return { ...COPY, detail: 'copies the table (ALGORITHM=COPY while foreign_key_checks is on), blocking writes' }
    case 'check':
      return enforcesChecks(v) ? COPY : INSTANT
    case 'unique':
      return { work: 'build', blocks: 'nothing', detail: 'builds the index online (ALGORITHM=INPLACE, LOCK=NONE)' }
    case 'primary_key':
    // MySQL has no exclusion constraints: the planner refuses them.
    case 'exclude':
      return ONLINE_REBUILD
  }
}

const enforcesChecks = (v: EngineVersion) => (isMariadb(v) ? atLeast(v, 10, 2, 1) : atLeast(v, 8, 0, 16))

/** InnoDB compares integer size and sign, decimal precision and scale, and string collation. */
function foreignKeyTypes(referencing: Column, referenced: Column): 'rejected' | undefined {
  const norm = (t: ColumnType): ColumnType => (t.kind === 'boolean' ? { kind: 'tinyint' } : withoutWidth(t))
  const [a, b] = [norm(referencing.type), norm(referenced.type)]
  const strings = new Set(['char', 'varchar'])
  const bytes = new Set(['binary', 'varbinary'])
  if (strings.has(a.kind) && strings.has(b.kind))
    return referencing.collation === referenced.collation ? undefined : 'rejected'
  if (bytes.has(a.kind) && bytes.has(b.kind)) return undefined
  return columnTypesEqual(a, b) ? undefined : 'rejected'
}

/**
 * What MySQL and MariaDB (InnoDB, strict mode) do, by version, with each kind of change on a
 * populated table.
 *
 * @example
 * ```ts
 * const v = mysqlImpactFacts.version('8.0.11', 'mysql')
 * mysqlImpactFacts.addColumn({ name: 'a', type: { kind: 'integer' }, nullable: true }, v, { last: true }).detail
 * // 'rebuilds the table in place while reads and writes continue (ALGORITHM=INPLACE)'
 * ```
 */
export const mysqlImpactFacts: DialectImpactFacts = {
  dialect: 'mysql',
  defaultVersion: DEFAULT_MYSQL,
  version,
  addColumn: (column, v, placement) => addColumn(column, v, placement.last),
  changeType: (before, after, relation, v) => changeType(before, after, relation, v),
  convertValues: (before, after) => convertValues(before, after),
  // Assignment converts to the column type; MySQL's CAST knows only a few target types.
  convertExpression: (_d, expression) => expression,
  lengthExpression: (expression, unit) => `${unit === 'bytes' ? 'octet_length' : 'char_length'}(${expression})`,
  setNotNull: () => ONLINE_REBUILD,
  existingNullsOnSetNotNull: () => 'fail',
  setNotNullUsesCheck: () => false,
  buildIndex: () => ({ work: 'build', blocks: 'nothing', detail: 'builds it online (ALGORITHM=INPLACE, LOCK=NONE)' }),
  dropIndex: () => ({ ...INSTANT, detail: 'changes only metadata' }),
  addConstraint,
  requiredColumnWithoutDefault: () => 'fills_implicit_default',
  foreignKeyOrphans: () => 'fail',
  enforcesChecks,
  foreignKeyTypes,
  indexesForeignKeys: true,
  longIdentifiers: 'rejected',
  rebuildsTable: () => false,
  knownIssue: () => undefined,
  // No transactional DDL: every statement commits on its own.
  enumValueUsableInSameTransaction: () => true,
}
