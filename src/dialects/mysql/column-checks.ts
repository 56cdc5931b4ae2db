import { CHECK_NAME_KEY } from '../../diff/mysql-object-names.js'
import { columnsMentioned } from '../../diff/postgres-object-names.js'
import type { Column, Constraint, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { isTouched, sourceTable } from './plan-state.js'
import { mysqlExpression } from './text.js'

// MariaDB keeps a check declared on a column (`b int CHECK (b > 0)`, introspected as an unnamed check
// whose name is recorded under CHECK_NAME_KEY) inside the column's definition: DROP CONSTRAINT cannot
// reach it, and every MODIFY COLUMN that does not restate it removes it. So a MODIFY restates the
// checks of the column that stay, and dropping one is a MODIFY without it.

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
