import type { SchemaChange } from '../../diff/types.js'
import { InvalidOptionError } from '../../errors.js'
import type { Column, Table } from '../../model/types.js'
import {
  type DialectImpactFacts,
  type EngineVersion,
  type OperationCost,
  parseVersionNumbers,
} from '../dialect-facts.js'
import { sqlite } from './dialect.js'
import { isDroppable } from './rebuild.js'
import { isAddableDefault } from './types.js'

// What SQLite does to a populated table for each kind of change. Sources:
// - ALTER TABLE: RENAME (3.25+ for columns), ADD COLUMN (only edits the stored schema; restrictions:
//   no PRIMARY KEY/UNIQUE, constant default, non-NULL default for NOT NULL, no STORED generated
//   column), DROP COLUMN (3.35+, not for columns used by keys, indexes, checks or generated columns),
//   and the 12-step table rebuild for everything else: https://www.sqlite.org/lang_altertable.html
// - PRAGMA foreign_keys is a no-op inside a transaction, so a rebuild run inside the caller's own
//   transaction drops the old copy with foreign keys still on, and ON DELETE actions fire:
//   https://www.sqlite.org/pragma.html#pragma_foreign_keys
// - Column types are affinities: lengths and precisions are not enforced and values are kept as
//   given: https://www.sqlite.org/datatype3.html
// - CHECK constraints are enforced (3.3+); identifiers have no length limit.
// How schemaledger's SQLite plan rebuilds is in sqlite-rebuild.ts (foreign keys off outside the
// transaction, coalesce(column, default) when a column becomes NOT NULL, PRAGMA foreign_key_check).

/** The release that added DROP COLUMN, the oldest the sqlite dialect plans for. */
const DEFAULT_VERSION = '3.35.0'

const METADATA: OperationCost = { work: 'metadata', blocks: 'writes', detail: 'changes only the stored schema' }
const REBUILD: OperationCost = {
  work: 'rewrite',
  blocks: 'writes',
  detail: 'rebuilds the table (create a copy, copy the rows, drop the old table, rename), holding the write lock',
}

function version(input: string | number | undefined): EngineVersion {
  const numbers = parseVersionNumbers(input ?? DEFAULT_VERSION)
  if (!numbers) throw new InvalidOptionError('dialectVersion', `"${input}" is not an SQLite version such as "3.45.1"`)
  return {
    ...numbers,
    label: `SQLite ${numbers.major}.${numbers.minor}.${numbers.patch}`,
    assumed: input === undefined,
  }
}

/** Whether ADD COLUMN can add the column in place (otherwise the plan rebuilds the table). */
const addable = (column: Column) =>
  !column.autoincrement && !column.identity && !column.generated?.stored && isAddableDefault(sqlite, column)

function rebuildsTable(change: SchemaChange, source: Table | undefined): boolean {
  switch (change.kind) {
    case 'alter_column':
      return change.changes.some((f) => f !== 'comment')
    case 'add_constraint':
    case 'drop_constraint':
    case 'alter_constraint':
      return true
    case 'add_column':
      return !addable(change.after)
    case 'drop_column':
      return source !== undefined && !isDroppable(source, change.column)
    default:
      return false
  }
}

/**
 * What SQLite does with each kind of change on a populated table, as schemaledger's SQLite plan
 * carries it out.
 *
 * @example
 * ```ts
 * const v = sqliteImpactFacts.version(undefined, 'sqlite')
 * sqliteImpactFacts.rebuildsTable(alterColumnChange, v, source) // true
 * ```
 */
export const sqliteImpactFacts: DialectImpactFacts = {
  dialect: 'sqlite',
  defaultVersion: DEFAULT_VERSION,
  version: (input) => version(input),
  addColumn: (column) => (addable(column) ? METADATA : REBUILD),
  changeType: () => REBUILD,
  // Affinity conversion keeps every value; nothing is rejected or cut.
  convertValues: () => ({ onBadValue: 'kept', castExists: true }),
  convertExpression: (_d, expression) => expression,
  // length() counts characters of text and bytes of blobs.
  lengthExpression: (expression) => `length(${expression})`,
  setNotNull: () => REBUILD,
  // The rebuild copies coalesce(column, default) into a column that becomes NOT NULL.
  existingNullsOnSetNotNull: (hasDefault) => (hasDefault ? 'get_default' : 'fail'),
  setNotNullUsesCheck: () => false,
  buildIndex: () => ({ work: 'build', blocks: 'writes', detail: 'builds it holding the write lock' }),
  dropIndex: () => METADATA,
  addConstraint: () => REBUILD,
  requiredColumnWithoutDefault: () => 'fails',
  // The rebuild checks with PRAGMA foreign_key_check, which lists violations without failing.
  foreignKeyOrphans: () => 'reported',
  enforcesChecks: () => true,
  foreignKeyTypes: () => undefined,
  indexesForeignKeys: false,
  longIdentifiers: 'allowed',
  rebuildsTable: (change, _v, source) => rebuildsTable(change, source),
  knownIssue: () => undefined,
  enumValueUsableInSameTransaction: () => true,
}
