import { constraintDisplayName, indexDisplayName, tablePath } from '../../diff/change-path.js'
import { SchemaLedgerError } from '../../errors.js'
import type { ColumnType } from '../../model/column-type.js'
import { formatColumnType } from '../../model/format-column-type.js'
import type { Column, Constraint, EnumDefinition, Index, Schema, Table } from '../../model/types.js'
import { postgresOnlyProblems } from '../table-security-support.js'

/*
 * What SQLite can store, exactly (the "expressible subset"). A schema outside it cannot round-trip
 * (create, read back, compare equal), so SQL for it is refused with one error listing every problem,
 * instead of a script that silently loses part of the model:
 *
 * - STRICT tables: column types INT, INTEGER, REAL, TEXT, BLOB or ANY only; WITHOUT ROWID tables: a
 *   primary key, no AUTOINCREMENT;
 * - no enum types, named or inline (SQLite has none; a CHECK would be a different schema);
 * - no array types, comments, identity columns, namespaces (`Table.schema`, cross-namespace keys);
 * - `autoincrement` only on the single `integer` primary key column (`INTEGER PRIMARY KEY AUTOINCREMENT`
 *   must be exactly INTEGER: it aliases the 64-bit rowid), without a default;
 * - collations: the built-in BINARY, NOCASE and RTRIM (others fail at CREATE time);
 * - constraints: DEFERRABLE only on foreign keys, no MATCH (parsed but ignored by SQLite), no
 *   NULLS NOT DISTINCT;
 * - indexes: no access method (USING), INCLUDE, NULLS NOT DISTINCT, operator classes, prefix lengths or
 *   NULLS FIRST/LAST.
 */

const COLLATIONS = new Set(['binary', 'nocase', 'rtrim'])

/**
 * The error for a schema SQLite cannot store: `SchemaLedgerError` with code `unsupported_feature`.
 * @internal
 *
 * @example
 * ```ts
 * throw unsupported(['users.role: enum "user_role": SQLite has no enum types'])
 * ```
 */
export function unsupported(problems: readonly string[]): SchemaLedgerError {
  const list = problems.map((p) => `  ${p}`).join('\n')
  return new SchemaLedgerError(
    'unsupported_feature',
    `SQLite cannot store ${problems.length === 1 ? 'this part' : `these ${problems.length} parts`} of the schema:\n${list}`,
  )
}

function typeProblem(type: ColumnType): string | undefined {
  if (type.kind === 'enum') {
    const what = type.name === undefined ? 'an inline enum' : `enum "${type.name}"`
    return `${what}: SQLite has no enum types (use text with a CHECK constraint)`
  }
  if (type.kind === 'array') return 'an array type: SQLite has no arrays'
  return undefined
}

/**
 * Problems of one column, each prefixed with `table.column`.
 * @internal
 *
 * @example
 * ```ts
 * columnProblems(users, { name: 'tags', type: { kind: 'array', of: { kind: 'text' } }, nullable: true })
 * // ['users.tags: an array type: SQLite has no arrays']
 * ```
 */
export function columnProblems(table: Table, column: Column): string[] {
  const at = `${tablePath(table.name, table.schema)}.${column.name}`
  const out: string[] = []
  const type = typeProblem(column.type)
  if (type) out.push(`${at}: ${type}`)
  if (column.comment) out.push(`${at}: a comment: SQLite has no comments`)
  if (column.invisible)
    out.push(`${at}: an INVISIBLE column: SQLite has none (its hidden columns are virtual tables' own)`)
  if (column.identity) out.push(`${at}: an identity column: SQLite has none (use autoincrement on an integer key)`)
  if (column.collation !== undefined && !COLLATIONS.has(column.collation.toLowerCase())) {
    out.push(`${at}: collation "${column.collation}": SQLite knows BINARY, NOCASE and RTRIM only`)
  }
  if (column.autoincrement) {
    const pk = table.constraints.find((c) => c.type === 'primary_key')
    const alone = pk?.columns.length === 1 && pk.columns[0] === column.name
    if (column.type.kind !== 'integer' || column.type.unsigned || !alone || column.default !== undefined) {
      out.push(
        `${at}: autoincrement needs the column to be the table's only primary key column, of type integer, without a default (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT)`,
      )
    }
  }
  return out
}

/** The column types a STRICT table takes (https://www.sqlite.org/stricttables.html). */
const STRICT_TYPES = new Set(['int', 'integer', 'real', 'text', 'blob', 'any'])

/**
 * Problems of the table options: a STRICT table's column types must be one of INT, INTEGER, REAL,
 * TEXT, BLOB or ANY (SQLite refuses any other at CREATE time); a WITHOUT ROWID table needs a primary
 * key and cannot have AUTOINCREMENT (which counts rowids).
 * @internal
 *
 * @example
 * ```ts
 * tableOptionProblems({ ...users, withoutRowid: true, constraints: [] })
 * // ['users: WITHOUT ROWID needs a primary key']
 * ```
 */
export function tableOptionProblems(table: Table): string[] {
  const at = tablePath(table.name, table.schema)
  const out: string[] = []
  if (table.strict) {
    for (const c of table.columns) {
      const declared = strictTypeName(table, c)
      if (!STRICT_TYPES.has(declared.toLowerCase()))
        out.push(
          `${at}.${c.name}.type: ${declared === '' ? 'no declared type' : `"${declared}"`} in a STRICT table: SQLite takes INT, INTEGER, REAL, TEXT, BLOB or ANY only`,
        )
    }
  }
  if (table.withoutRowid) {
    if (!table.constraints.some((c) => c.type === 'primary_key'))
      out.push(`${at}.withoutRowid: WITHOUT ROWID needs a primary key`)
    for (const c of table.columns)
      if (c.autoincrement)
        out.push(`${at}.${c.name}.autoincrement: AUTOINCREMENT is not allowed in a WITHOUT ROWID table`)
  }
  if (table.noRowidAlias && !plainIntegerKey(table))
    out.push(
      `${at}.noRowidAlias: needs a rowid table whose primary key is one integer column (not unsigned) without autoincrement`,
    )
  if (table.descendingKey && !descendingKeyColumn(table))
    out.push(`${at}.descendingKey: needs a one-column primary key without autoincrement`)
  if (table.nullableKey && !nullableKeyColumn(table))
    out.push(`${at}.nullableKey: needs a rowid table with a nullable primary key column that is not the rowid's alias`)
  return out
}

/** A nullable key column SQLite keeps nullable: in a rowid table, not the rowid's alias. */
function nullableKeyColumn(table: Table): Column | undefined {
  if (table.withoutRowid) return undefined
  const pk = table.constraints.find((c) => c.type === 'primary_key')
  const alias = rowidAlias(table)
  return table.columns.find((c) => c.nullable && c !== alias && pk?.columns.includes(c.name))
}

/**
 * The column declared `PRIMARY KEY DESC` (`descendingKey`): the table's one primary key column,
 * without autoincrement (AUTOINCREMENT takes the rowid's alias, which a DESC key is not).
 * @internal
 *
 * @example
 * ```ts
 * descendingKeyColumn({ ...items, descendingKey: true }) // items.id
 * ```
 */
export function descendingKeyColumn(table: Table): Column | undefined {
  if (!table.descendingKey) return undefined
  const pk = table.constraints.find((c) => c.type === 'primary_key')
  const column = pk?.columns.length === 1 ? table.columns.find((c) => c.name === pk.columns[0]) : undefined
  return column?.autoincrement ? undefined : column
}

/**
 * The rowid's alias: a rowid table's one signed integer key column declared exactly `INTEGER PRIMARY
 * KEY` (not `INT`, `noRowidAlias`; not `PRIMARY KEY DESC`, `descendingKey`).
 * @internal
 *
 * @example
 * ```ts
 * rowidAlias(users) // users.id when it is the only primary key column, of type integer
 * ```
 */
export function rowidAlias(table: Table): Column | undefined {
  if (table.noRowidAlias || table.descendingKey) return undefined
  const pk = table.constraints.find((c) => c.type === 'primary_key')
  const only = pk?.columns.length === 1 ? table.columns.find((c) => c.name === pk.columns[0]) : undefined
  return !table.withoutRowid && only?.type.kind === 'integer' && !only.type.unsigned ? only : undefined
}

/**
 * The column of a rowid table's one-column signed integer primary key without autoincrement: the
 * rowid's alias when declared `INTEGER`, an ordinary column when declared `INT` (`noRowidAlias`).
 * @internal
 *
 * @example
 * ```ts
 * plainIntegerKey(users) // users.id when it is the only primary key column, of type integer
 * ```
 */
export function plainIntegerKey(table: Table): Column | undefined {
  const pk = table.constraints.find((c) => c.type === 'primary_key')
  const only = pk?.columns.length === 1 ? pk.columns[0] : undefined
  const column = table.columns.find((c) => c.name === only)
  if (table.withoutRowid || !column || column.autoincrement) return undefined
  return column.type.kind === 'integer' && !column.type.unsigned ? column : undefined
}

/** The type name a column declares, as SQLite's STRICT check sees it (custom text unquoted). */
function strictTypeName(table: Table, c: Column): string {
  if (table.noRowidAlias && plainIntegerKey(table) === c) return 'INT'
  return c.type.kind === 'custom' ? c.type.raw.trim().replace(/^"(.*)"$/, '$1') : formatColumnType(c.type)
}

function constraintProblems(table: Table, c: Constraint): string[] {
  const at = `${tablePath(table.name, table.schema)}.${constraintDisplayName(table.name, c)}`
  const out: string[] = []
  if (c.deferrable && c.type !== 'foreign_key') out.push(`${at}: DEFERRABLE: SQLite defers foreign keys only`)
  if (c.type === 'unique' && c.nullsNotDistinct) out.push(`${at}: NULLS NOT DISTINCT: not in SQLite`)
  if ((c.type === 'primary_key' || c.type === 'unique') && c.withoutOverlaps)
    out.push(`${at}: WITHOUT OVERLAPS: not in SQLite (it has no range types)`)
  if (c.type === 'foreign_key' && c.period) out.push(`${at}: PERIOD: not in SQLite`)
  if (c.comment !== undefined) out.push(`${at}: a comment: SQLite has no comments`)
  if (c.type === 'foreign_key') {
    if (c.match) out.push(`${at}: MATCH ${c.match.toUpperCase()}: SQLite parses MATCH but does not enforce it`)
    if (c.referencedSchema !== undefined)
      out.push(`${at}: a reference to namespace "${c.referencedSchema}": not in SQLite`)
  }
  return out
}

/**
 * Problems of one index, each prefixed with `table.index`.
 * @internal
 *
 * @example
 * ```ts
 * indexProblems(users, { name: 'ix', parts: [{ column: 'tags' }], using: 'gin' }) // ['users.ix: USING gin: ...']
 * ```
 */
export function indexProblems(table: Table, x: Index): string[] {
  const at = `${tablePath(table.name, table.schema)}.${indexDisplayName(table.name, x)}`
  const out: string[] = []
  if (x.using !== undefined) out.push(`${at}: USING ${x.using}: SQLite has one index method`)
  if (x.include && x.include.length > 0) out.push(`${at}: INCLUDE: not in SQLite`)
  if (x.nullsNotDistinct) out.push(`${at}: NULLS NOT DISTINCT: not in SQLite`)
  if (x.comment !== undefined) out.push(`${at}: a comment: SQLite has no comments`)
  if (x.with && Object.keys(x.with).length > 0) out.push(`${at}: storage parameters (WITH (...)): not in SQLite`)
  for (const p of x.parts) {
    const part = p.column ?? p.expression ?? ''
    if (p.opclass) out.push(`${at}: operator class ${p.opclass} on ${part}: not in SQLite`)
    if (p.length !== undefined) out.push(`${at}: prefix length on ${part}: not in SQLite`)
    if (p.nulls) out.push(`${at}: NULLS ${p.nulls.toUpperCase()} on ${part}: not in SQLite indexes`)
    if (p.collation !== undefined && !COLLATIONS.has(p.collation.toLowerCase())) {
      out.push(`${at}: collation "${p.collation}" on ${part}: SQLite knows BINARY, NOCASE and RTRIM only`)
    }
  }
  return out
}

/**
 * Every problem of one table: namespace, comment, columns, constraints, indexes.
 * @internal
 *
 * @example
 * ```ts
 * tableProblems({ ...users, comment: 'people' }) // ['users: a table comment: SQLite has no comments']
 * ```
 */
export function tableProblems(table: Table): string[] {
  const at = tablePath(table.name, table.schema)
  return [
    ...(table.schema !== undefined ? [`${at}: namespace "${table.schema}": not in SQLite (one database, "main")`] : []),
    ...(table.comment ? [`${at}: a table comment: SQLite has no comments`] : []),
    ...(table.unlogged ? [`${at}: UNLOGGED: not in SQLite`] : []),
    ...(table.partitionBy || table.partitionOf || table.partitions || table.subpartitionBy
      ? [`${at}: partitioning (partitionBy, partitionOf, partitions): not in SQLite`]
      : []),
    ...(table.inherits ? [`${at}: table inheritance (INHERITS): not in SQLite`] : []),
    ...(table.with && Object.keys(table.with).length > 0
      ? [`${at}: storage parameters (WITH (...)): not in SQLite`]
      : []),
    ...(table.systemVersioning ? [`${at}: system versioning: SQLite keeps no row history`] : []),
    ...tableOptionProblems(table),
    ...table.columns.flatMap((c) => columnProblems(table, c)),
    ...table.constraints.flatMap((c) => constraintProblems(table, c)),
    ...table.indexes.flatMap((x) => indexProblems(table, x)),
    ...postgresOnlyProblems(table, 'SQLite'),
  ]
}

function enumProblem(e: EnumDefinition): string {
  return `enum:${e.name}: SQLite has no enum types`
}

/**
 * Every problem of a schema, in schema order (enums, then tables).
 * @internal
 *
 * @example
 * ```ts
 * schemaProblems(schema).length === 0 // the schema is inside SQLite's expressible subset
 * ```
 */
export function schemaProblems(schema: Schema): string[] {
  return [...schema.enums.map(enumProblem), ...schema.tables.flatMap(tableProblems)]
}

/**
 * Throws {@link unsupported} when the problems are not empty.
 * @internal
 *
 * @example
 * ```ts
 * assertNoProblems(tableProblems(table))
 * ```
 */
export function assertNoProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw unsupported(problems)
}

const checked = new WeakSet<Schema>()

/**
 * Refuses a target schema SQLite cannot store, listing every problem at once; checked once per schema
 * object, since every generator of a migration asks. Nothing to check without a schema.
 * @internal
 *
 * @example
 * ```ts
 * assertSchemaExpressible(ctx.to)
 * ```
 */
export function assertSchemaExpressible(schema: Schema | undefined): void {
  if (!schema || checked.has(schema)) return
  assertNoProblems(schemaProblems(schema))
  checked.add(schema)
}
