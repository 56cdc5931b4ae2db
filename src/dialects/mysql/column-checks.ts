import { tableKey } from '../../diff/semantic-keys.js'
import type { Column, Constraint, Table } from '../../model/types.js'
import { columnsMentioned } from '../../sql-text/columns-mentioned.js'
import type { GeneratorContext } from '../dialect.js'
import { CHECK_NAME_KEY } from './object-names.js'
import { isTouched, planState, sourceTable } from './plan-state.js'
import { mysqlExpression } from './text.js'

// MariaDB keeps a check declared on a column (`b int CHECK (b > 0)`, introspected as an unnamed check
// whose name is recorded under CHECK_NAME_KEY) inside the column's definition: DROP CONSTRAINT cannot
// reach it, and every MODIFY COLUMN that does not restate it removes it. So a MODIFY restates the
// checks of the column that stay, and dropping one is a MODIFY without it. Created with its column
// (CREATE TABLE, ADD COLUMN), such a check is written in the column's definition, where MariaDB keeps
// it column-level; added on its own, it would become a table-level check.

/** Whether `c` is a check MariaDB keeps in the definition of one of the table's columns. */
export function isColumnLevelCheck(c: Constraint): c is Extract<Constraint, { type: 'check' }> {
  return c.type === 'check' && typeof c.extra?.[CHECK_NAME_KEY] === 'string'
}

/**
 * The column of `table` a column-level check belongs to: the one column its expression mentions (a
 * renamed column keeps the check under its old name), else the column it is named after.
 */
function columnOf(table: Table, c: Extract<Constraint, { type: 'check' }>): string | undefined {
  const mentioned = columnsMentioned(new Set(table.columns.map((col) => col.name)), c.expression)
  const recorded = c.extra?.[CHECK_NAME_KEY]
  return mentioned.size === 1 ? [...mentioned][0] : typeof recorded === 'string' ? recorded : undefined
}

/**
 * ` CHECK (...)` for every column-level check of `column` (its name in `from`) that this migration
 * leaves alone, to append to its MODIFY COLUMN definition; `except` is being dropped.
 *
 * @example
 * ```ts
 * keptColumnChecks(ctx, 't', undefined, 'b') // ' CHECK (b > 0)' when b was declared `b int CHECK (b > 0)`
 * ```
 */
export function keptColumnChecks(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  column: string,
  except?: Constraint,
): string {
  const source = sourceTable(ctx, table, schema)
  if (!source) return ''
  let out = ''
  for (const c of source.constraints) {
    if (c === except || !isColumnLevelCheck(c) || columnOf(source, c) !== column) continue
    if (isTouched(ctx, table, schema, c)) continue
    out += ` CHECK (${mysqlExpression(c.expression, `column "${column}" check`)})`
  }
  return out
}

/**
 * The column of `table` (a target table) a column-level check belongs to, for adding the check to a
 * column that exists already: MariaDB keeps it column-level only when written in the column's
 * definition (MODIFY COLUMN), and takes one check there.
 */
export function targetCheckColumn(table: Table, c: Extract<Constraint, { type: 'check' }>): Column | undefined {
  const name = columnOf(table, c)
  return table.columns.find((col) => col.name === name)
}

/** The column of `from` a column-level check belongs to. */
export function checkColumn(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  c: Extract<Constraint, { type: 'check' }>,
): Column | undefined {
  const source = sourceTable(ctx, table, schema)
  const name = source && columnOf(source, c)
  return source?.columns.find((col) => col.name === name)
}

/**
 * The column-level checks of `table` (a target table) that go inside the definition of `column`
 * when it is created, by CREATE TABLE or ADD COLUMN: written as a constraint of the table, MariaDB
 * would keep them at table level under the column's name. MariaDB takes one check in a column's
 * definition; MySQL has no column-level checks (it keeps them all in the table).
 *
 * @example
 * ```ts
 * inlineColumnChecks(table, 'd', true) // [{ type: 'check', expression: 'd > 5', extra: { mysqlName: 'd' } }]
 * ```
 */
export function inlineColumnChecks(
  table: Table,
  column: string,
  mariadb: boolean,
): Extract<Constraint, { type: 'check' }>[] {
  if (!mariadb) return []
  const first = table.constraints.find((c) => isColumnLevelCheck(c) && columnOf(table, c) === column)
  return first && isColumnLevelCheck(first) ? [first] : []
}

/** ` CHECK (...)` for {@link inlineColumnChecks}, to append to the column's definition. */
export function inlineColumnCheckClauses(table: Table, column: string, mariadb: boolean): string {
  return inlineColumnChecks(table, column, mariadb)
    .map((c) => ` CHECK (${mysqlExpression(c.expression, `column "${column}" check`)})`)
    .join('')
}

/**
 * Whether `c`, a check added to `table` by this migration, is written inside a column that the
 * migration adds (by {@link inlineColumnChecks}), so that adding it on its own writes nothing.
 */
export function isAddedWithItsColumn(
  ctx: GeneratorContext,
  target: Table | undefined,
  c: Constraint,
  mariadb: boolean,
): boolean {
  if (!target || !isColumnLevelCheck(c)) return false
  const column = columnOf(target, c)
  if (column === undefined || !inlineColumnChecks(target, column, mariadb).includes(c)) return false
  const changes = planState(ctx).byTable.get(tableKey(target.schema, target.name)) ?? []
  return changes.some((x) => x.kind === 'add_column' && x.after.name === column)
}
