import type { Column, Constraint, PrimaryKeyConstraint, Table } from '../../model/types.js'
import type { Dialect } from '../dialect.js'
import { constraintClause, expression, qualifiedName } from '../render.js'
import { plainIntegerKey } from './subset.js'
import { renderSqliteType, sqliteDefaultExpression } from './types.js'

/**
 * The primary key a column carries inline: SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT` must be a
 * column constraint, and so must `PRIMARY KEY DESC` (`descendingKey`: as a table constraint, an
 * INTEGER key in descending order would still be the rowid's alias), so the table-level clause is left
 * out.
 * @internal
 *
 * @example
 * ```ts
 * inlinePrimaryKey(users) // users' primary_key constraint when its one column has autoincrement
 * ```
 */
export function inlinePrimaryKey(table: Table): PrimaryKeyConstraint | undefined {
  const pk = table.constraints.find((c): c is PrimaryKeyConstraint => c.type === 'primary_key')
  const only = pk?.columns.length === 1 ? pk.columns[0] : undefined
  const inline = table.descendingKey || table.columns.some((c) => c.name === only && c.autoincrement)
  return only !== undefined && inline ? pk : undefined
}

/**
 * One column definition, as CREATE TABLE and ADD COLUMN take it.
 * @internal
 *
 * @example
 * ```ts
 * columnDefinition(sqlite, users, email) // '"email" varchar(120) NOT NULL DEFAULT \'\' COLLATE "NOCASE"'
 * ```
 */
export function columnDefinition(d: Dialect, table: Table, column: Column): string {
  const where = `${table.name}.${column.name}`
  // Only a key declared exactly INTEGER is the rowid's alias; INT is the same integer kind without it.
  const type =
    table.noRowidAlias && plainIntegerKey(table) === column ? 'INT' : renderSqliteType(d, column.type, `${where} type`)
  // A column without a declared type is its name alone (`untyped`).
  let sql = type === '' ? d.quoteIdentifier(column.name) : `${d.quoteIdentifier(column.name)} ${type}`
  if (!column.nullable) sql += ' NOT NULL'
  const pk = inlinePrimaryKey(table)
  if (pk?.columns[0] === column.name) {
    const order = column.autoincrement ? ' AUTOINCREMENT' : table.descendingKey ? ' DESC' : ''
    sql += `${pk.name === undefined ? '' : ` CONSTRAINT ${d.quoteIdentifier(pk.name)}`} PRIMARY KEY${order}`
  }
  // A NULL default is no default: nothing to write.
  if (column.default !== undefined && sqliteDefaultExpression(d, column.default, column) !== undefined) {
    sql += ` DEFAULT ${d.renderDefault(column.default, column)}`
  }
  if (column.generated) {
    const body = expression(d, column.generated.expression, `${where} generated expression`)
    sql += ` GENERATED ALWAYS AS (${body}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`
  }
  if (column.collation !== undefined) sql += ` COLLATE ${d.quoteIdentifier(column.collation)}`
  return sql
}

/**
 * A table constraint. SQLite never names a constraint itself and every constraint change rebuilds the
 * table, so a constraint the model leaves unnamed stays unnamed (a default name written into the
 * CREATE TABLE text would go stale when the table or a column is renamed).
 * @internal
 *
 * @example
 * ```ts
 * tableConstraint(sqlite, users, { type: 'unique', columns: ['email'] }) // 'UNIQUE ("email")'
 * ```
 */
export function tableConstraint(d: Dialect, table: Table, c: Constraint): string {
  const clause = constraintClause(d, table.name, c)
  if (c.name !== undefined) return clause
  return clause.slice(`CONSTRAINT ${d.quoteIdentifier(d.constraintName(table.name, c))} `.length)
}

/**
 * `CREATE TABLE "name" (columns, constraints) [WITHOUT ROWID] [STRICT]` for the table's full definition, under `name` (the
 * rebuild creates `new_<table>` first). Foreign keys are always inline: SQLite cannot add them later
 * and does not check them at CREATE time.
 * @internal
 *
 * @example
 * ```ts
 * createTableSQL(sqlite, users, 'new_users') // 'CREATE TABLE "new_users" ("id" integer NOT NULL ...)'
 * ```
 */
export function createTableSQL(d: Dialect, table: Table, name = table.name): string {
  const inline = inlinePrimaryKey(table)
  const parts = [
    ...table.columns.map((c) => columnDefinition(d, table, c)),
    ...table.constraints.filter((c) => c !== inline).map((c) => tableConstraint(d, table, c)),
  ]
  return `CREATE TABLE ${qualifiedName(d, name)} (${parts.join(', ')})${tableOptions(table)}`
}

/**
 * The table options after the closing parenthesis: `WITHOUT ROWID` and `STRICT`, comma-separated as
 * SQLite's grammar wants them.
 * @internal
 *
 * @example
 * ```ts
 * tableOptions({ ...users, strict: true, withoutRowid: true }) // ' WITHOUT ROWID, STRICT'
 * ```
 */
export function tableOptions(table: Table): string {
  const options = [...(table.withoutRowid ? ['WITHOUT ROWID'] : []), ...(table.strict ? ['STRICT'] : [])]
  return options.length === 0 ? '' : ` ${options.join(', ')}`
}
