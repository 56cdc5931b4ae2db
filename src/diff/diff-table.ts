import { stableStringify } from '../model/assemble-table.js'
import { columnTypesEqual } from '../model/format-column-type.js'
import type { Column, Constraint, Index, Table } from '../model/types.js'
import { defaultsEqual } from '../sql-text/normalize-default.js'
import { type ExpressionOptions, expressionsEqual, normalizeExpression } from '../sql-text/normalize-expression.js'
import { changePath } from './change-path.js'
import { identitiesEqual } from './identity-meaning.js'
import type { MatchedPair } from './match-renames.js'
import {
  isDefaultConstraintName,
  isDefaultIndexName,
  type NamingConvention,
  sameNameOrDefault,
} from './naming-convention.js'
import { pairNamed } from './pair-named.js'
import { partitionByMeaning, partitionFieldChanges } from './partition-fields.js'
import {
  constraintIdentity,
  constraintMeaning,
  differingFields,
  indexIdentity,
  indexMeaning,
  type RenameMaps,
  storageParametersMeaning,
  tableKey,
  translateConstraint,
  translateIndex,
} from './semantic-keys.js'
import { grantsEqual, policiesEqual, rowSecurityOf } from './table-security.js'
import type {
  ChangeWithoutPath,
  ColumnField,
  ConstraintField,
  IndexField,
  ResolvedDiffOptions,
  SchemaChange,
  TableField,
} from './types.js'

/** Where a change inside a table is addressed. */
interface Scope {
  readonly table: string
  readonly schema?: string
}

/** Adds the computed path to a change. */
export function withPath(change: ChangeWithoutPath): SchemaChange {
  return { ...change, path: changePath(change) } as SchemaChange
}

/**
 * Which fields of a column differ in meaning (spelling differences of types and defaults are not
 * changes; `expressions` names the enum types whose casts do not count in a generated expression).
 * `sequenceGrants` is compared only with `comparePrivileges`.
 */
export function columnFieldChanges(
  before: Column,
  after: Column,
  expressions: ExpressionOptions = {},
  options: { readonly comparePrivileges?: boolean } = {},
): ColumnField[] {
  const fields: ColumnField[] = []
  if (!columnTypesEqual(before.type, after.type)) fields.push('type')
  if (before.nullable !== after.nullable) fields.push('nullable')
  if (!defaultsEqual(before.default, after.default, after.type)) fields.push('default')
  if ((before.autoincrement ?? false) !== (after.autoincrement ?? false)) fields.push('autoincrement')
  if (!identitiesEqual(before.identity, after.identity, after.type)) fields.push('identity')
  if (
    (before.generated === undefined) !== (after.generated === undefined) ||
    (before.generated &&
      after.generated &&
      (before.generated.stored !== after.generated.stored ||
        !expressionsEqual(before.generated.expression, after.generated.expression, expressions)))
  ) {
    fields.push('generated')
  }
  if (before.collation !== after.collation) fields.push('collation')
  if ((before.comment || undefined) !== (after.comment || undefined)) fields.push('comment')
  if ((before.invisible ?? false) !== (after.invisible ?? false)) fields.push('invisible')
  if (!defaultsEqual(before.onUpdate, after.onUpdate, after.type)) fields.push('onUpdate')
  if (options.comparePrivileges && !grantsEqual(before.sequenceGrants, after.sequenceGrants))
    fields.push('sequenceGrants')
  return fields
}

/** A partition key with its expressions normalized (absent: not partitioned). */
/** A partition's parent (its namespace made explicit) and normalized bound (absent: not a partition). */
const partitionOfMeaning = (t: Table) =>
  t.partitionOf && {
    table: t.partitionOf.table,
    schema: t.partitionOf.schema ?? t.schema,
    bound: normalizeExpression(t.partitionOf.bound),
  }

/** Parents of an inheriting table, namespaces made explicit. */
const parentsMeaning = (t: Table) => (t.inherits ?? []).map((p) => ({ table: p.table, schema: p.schema ?? t.schema }))

/**
 * Whether two sets of storage parameters are the same: names without case, absent meaning none.
 *
 * @example
 * ```ts
 * storageParametersEqual({ fillfactor: '70' }, { FillFactor: '70' }) // true
 * ```
 */
export function storageParametersEqual(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  return stableStringify(storageParametersMeaning(a)) === stableStringify(storageParametersMeaning(b))
}

/** The MySQL table options, in the order `alter_table` lists them. */
const TABLE_OPTIONS = ['engine', 'charset', 'collation', 'rowFormat', 'keyBlockSize'] as const

/**
 * Which fields of a table differ: its comment, each MySQL table option that both versions state
 * (absent means whatever the database has, as Atlas treats inherited attributes; names compare
 * without case, as MySQL's do), its partitioning and its system versioning, SQLite's STRICT and
 * WITHOUT ROWID, row-level security and
 * its policies, and, with `comparePrivileges`, its grants.
 */
export function tableFieldChanges(
  before: Table,
  after: Table,
  options: { readonly comparePrivileges?: boolean } = {},
  expressions: ExpressionOptions = {},
): TableField[] {
  const fields: TableField[] = []
  if ((before.comment || undefined) !== (after.comment || undefined)) fields.push('comment')
  if ((before.unlogged ?? false) !== (after.unlogged ?? false)) fields.push('unlogged')
  if (partitionByMeaning(before.partitionBy, expressions) !== partitionByMeaning(after.partitionBy, expressions))
    fields.push('partitionBy')
  if (stableStringify(partitionOfMeaning(before)) !== stableStringify(partitionOfMeaning(after)))
    fields.push('partitionOf')
  if (stableStringify(parentsMeaning(before)) !== stableStringify(parentsMeaning(after))) fields.push('inherits')
  if (!storageParametersEqual(before.with, after.with)) fields.push('with')
  for (const option of TABLE_OPTIONS) {
    const [a, b] = [before[option], after[option]]
    if (a !== undefined && b !== undefined && a.toLowerCase() !== b.toLowerCase()) fields.push(option)
  }
  fields.push(...partitionFieldChanges(before, after, expressions))
  if ((before.systemVersioning ?? false) !== (after.systemVersioning ?? false)) fields.push('systemVersioning')
  if ((before.strict ?? false) !== (after.strict ?? false)) fields.push('strict')
  if ((before.withoutRowid ?? false) !== (after.withoutRowid ?? false)) fields.push('withoutRowid')
  if ((before.noRowidAlias ?? false) !== (after.noRowidAlias ?? false)) fields.push('noRowidAlias')
  if ((before.nullableKey ?? false) !== (after.nullableKey ?? false)) fields.push('nullableKey')
  if ((before.descendingKey ?? false) !== (after.descendingKey ?? false)) fields.push('descendingKey')
  if (rowSecurityOf(before) !== rowSecurityOf(after)) fields.push('rowSecurity')
  if (!policiesEqual(before.policies, after.policies, expressions)) fields.push('policies')
  if (options.comparePrivileges && !grantsEqual(before.grants, after.grants)) fields.push('grants')
  if (before.owner !== undefined && after.owner !== undefined && before.owner !== after.owner) fields.push('owner')
  return fields
}

/**
 * Columns whose rank among the columns both versions share differs. The rule is symmetric (the same
 * columns move when the versions are swapped), which a minimal "longest common order" choice is not.
 */
function movedColumns(pairs: readonly MatchedPair<Column>[], from: Table, to: Table): Set<Column> {
  const byFrom = [...pairs].sort((a, b) => from.columns.indexOf(a.from) - from.columns.indexOf(b.from))
  const byTo = [...pairs].sort((a, b) => to.columns.indexOf(a.to) - to.columns.indexOf(b.to))
  return new Set(byTo.filter((p, rank) => byFrom[rank] !== p).map((p) => p.to))
}

/**
 * Every change between two versions of the same (possibly renamed) table, except the rename itself.
 * `expressions` carries the enum types of both schemas, whose casts in expressions are not changes.
 */
export function diffTablePair(
  from: Table,
  to: Table,
  columns: {
    readonly pairs: readonly MatchedPair<Column>[]
    readonly dropped: readonly Column[]
    readonly added: readonly Column[]
  },
  renames: RenameMaps,
  options: ResolvedDiffOptions,
  expressions: ExpressionOptions = {},
): SchemaChange[] {
  const conventions = options.namingConventions
  const scope: Scope = to.schema === undefined ? { table: to.name } : { table: to.name, schema: to.schema }
  const changes: SchemaChange[] = []
  const tableFields = tableFieldChanges(from, to, options, expressions)
  if (tableFields.length > 0) {
    changes.push(withPath({ kind: 'alter_table', ...scope, before: from, after: to, changes: tableFields }))
  }
  const toPosition = (c: Column) => to.columns.indexOf(c)
  const fromPosition = (c: Column) => from.columns.indexOf(c)
  // A partition's columns are its parent's: one that becomes or stops being a partition keeps them
  // (ATTACH and DETACH move no column), so the columns one side lists are no change.
  if (from.partitionOf || to.partitionOf) columns = { pairs: [], dropped: [], added: [] }
  for (const c of columns.dropped) {
    changes.push(withPath({ kind: 'drop_column', ...scope, column: c.name, position: fromPosition(c), before: c }))
  }
  for (const c of columns.added) {
    changes.push(withPath({ kind: 'add_column', ...scope, column: c.name, position: toPosition(c), after: c }))
  }
  const moved = options.comparePositions ? movedColumns(columns.pairs, from, to) : new Set<Column>()
  for (const p of columns.pairs) {
    const positions = { position: toPosition(p.to), previousPosition: fromPosition(p.from) }
    if (p.renamed) {
      changes.push(
        withPath({
          kind: 'rename_column',
          ...scope,
          column: p.to.name,
          from: p.from.name,
          ...positions,
          before: p.from,
          after: p.to,
        }),
      )
    }
    const fields = columnFieldChanges(p.from, p.to, expressions, options)
    if (moved.has(p.to)) fields.push('position')
    if (fields.length > 0) {
      changes.push(
        withPath({
          kind: 'alter_column',
          ...scope,
          column: p.to.name,
          ...positions,
          before: p.from,
          after: p.to,
          changes: fields,
        }),
      )
    }
  }
  const key = tableKey(from.schema, from.name)
  // Which columns a check mentions decides its default name in PostgreSQL; wanted only for unnamed checks.
  let columnNames: Set<string> | undefined
  const tableColumns = () => {
    columnNames ??= new Set([...from.columns, ...to.columns].map((c) => c.name))
    return columnNames
  }
  changes.push(
    ...diffConstraints(from.constraints, to.constraints, key, from.schema, renames, scope, expressions, {
      columns: tableColumns,
      conventions,
    }),
  )
  changes.push(...diffIndexes(from.indexes, to.indexes, key, renames, scope, expressions, conventions))
  return changes
}

/** Names match when equal, or when one is absent and the other is the default name of that side's object. */
const constraintNamesMatch =
  (table: string, naming: ConstraintNaming) =>
  (a: Constraint, b: Constraint): boolean => {
    const isDefault = isDefaultConstraintName(naming.conventions)
    return sameNameOrDefault(a.name, b.name, (name) =>
      isDefault(table, a.name === undefined ? a : b, name, naming.columns()),
    )
  }

const indexNamesMatch =
  (table: string, conventions: readonly NamingConvention[]) =>
  (a: Index, b: Index): boolean => {
    const isDefault = isDefaultIndexName(conventions)
    return sameNameOrDefault(a.name, b.name, (name) => isDefault(table, a.name === undefined ? a : b, name))
  }

/** What decides whether a constraint's name is a default one: the conventions, and the table's columns. */
interface ConstraintNaming {
  readonly columns: () => ReadonlySet<string>
  readonly conventions: readonly NamingConvention[]
}

/**
 * A foreign key pointing at another table points at other columns too: `referencedColumns` is listed
 * whenever the referenced table is. Otherwise the list would depend on the direction of the diff,
 * since the old key's columns are read under the renames of the table it pointed at.
 */
function withReferencedColumns(fields: ConstraintField[]): ConstraintField[] {
  const moved = fields.includes('referencedTable') || fields.includes('referencedSchema')
  if (!moved || fields.includes('referencedColumns')) return fields
  // In the order of the meaning's fields: ..., referencedTable, referencedSchema, referencedColumns, ...
  const after = Math.max(fields.indexOf('referencedTable'), fields.indexOf('referencedSchema'))
  return [...fields.slice(0, after + 1), 'referencedColumns', ...fields.slice(after + 1)]
}

function diffConstraints(
  before: readonly Constraint[],
  after: readonly Constraint[],
  fromTableKey: string,
  fromSchema: string | undefined,
  renames: RenameMaps,
  scope: Scope,
  expressions: ExpressionOptions,
  naming: ConstraintNaming,
): SchemaChange[] {
  const namesMatch = constraintNamesMatch(scope.table, naming)
  const translated = before.map((c) => translateConstraint(c, fromTableKey, fromSchema, renames))
  const meaning = (c: Constraint) => constraintMeaning(c, expressions)
  const content = (c: Constraint) => `${c.type}:${stableStringify(meaning(c))}`
  const pairing = pairNamed(translated, after, {
    // Constraints of different kinds never pair, even under the same name.
    name: (c) => (c.name === undefined ? undefined : `${c.type}:${c.name}`),
    content,
    identity: (c) => {
      const id = constraintIdentity(c)
      return id === undefined ? undefined : `${c.type}:${id}`
    },
    sameName: namesMatch,
  })
  const changes: SchemaChange[] = []
  for (const [i, j] of pairing.pairs) {
    const [b, t, a] = [before[i] as Constraint, translated[i] as Constraint, after[j] as Constraint]
    const fields = withReferencedColumns(differingFields(meaning(t), meaning(a)) as ConstraintField[])
    if (!namesMatch(t, a)) fields.unshift('name')
    // The comment is no part of the meaning (a constraint re-commented is still the same one).
    if (t.comment !== a.comment) fields.push('comment')
    if (fields.length > 0)
      changes.push(withPath({ kind: 'alter_constraint', ...scope, before: b, after: a, changes: fields }))
  }
  for (const i of pairing.dropped)
    changes.push(withPath({ kind: 'drop_constraint', ...scope, before: before[i] as Constraint }))
  for (const j of pairing.added)
    changes.push(withPath({ kind: 'add_constraint', ...scope, after: after[j] as Constraint }))
  return changes
}

function diffIndexes(
  before: readonly Index[],
  after: readonly Index[],
  fromTableKey: string,
  renames: RenameMaps,
  scope: Scope,
  expressions: ExpressionOptions,
  conventions: readonly NamingConvention[],
): SchemaChange[] {
  const namesMatch = indexNamesMatch(scope.table, conventions)
  const translated = before.map((x) => translateIndex(x, fromTableKey, renames))
  const meaning = (x: Index) => indexMeaning(x, expressions)
  const pairing = pairNamed(translated, after, {
    name: (x) => x.name,
    content: (x) => stableStringify(meaning(x)),
    identity: (x) => indexIdentity(x, expressions),
    sameName: namesMatch,
  })
  const changes: SchemaChange[] = []
  for (const [i, j] of pairing.pairs) {
    const [b, t, a] = [before[i] as Index, translated[i] as Index, after[j] as Index]
    const fields = differingFields(meaning(t), meaning(a)) as IndexField[]
    if (!namesMatch(t, a)) fields.unshift('name')
    if (t.comment !== a.comment) fields.push('comment')
    if (fields.length > 0)
      changes.push(withPath({ kind: 'alter_index', ...scope, before: b, after: a, changes: fields }))
  }
  for (const i of pairing.dropped) changes.push(withPath({ kind: 'drop_index', ...scope, before: before[i] as Index }))
  for (const j of pairing.added) changes.push(withPath({ kind: 'add_index', ...scope, after: after[j] as Index }))
  return changes
}
