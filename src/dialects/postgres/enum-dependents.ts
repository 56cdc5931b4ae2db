import deepEqual from 'fast-deep-equal'
import { usesEnum } from '../../model/enum-reference.js'
import type { Constraint, EnumDefinition, Index, Table } from '../../model/types.js'
import { columnsMentioned } from '../../sql-text/columns-mentioned.js'
import { tokenizeSql } from '../../sql-text/sql-tokenizer.js'
import type { GeneratorContext } from '../dialect.js'
import { createIndexSQL } from '../render.js'
import type { StageValue, StatementDraft } from '../types.js'
import { constraintDefinition } from './constraints.js'
import { tableName } from './context.js'
import { markDroppedEarly } from './early-drops.js'
import { constraintNameIn, indexNameIn } from './names.js'

// Rebuilding an enum converts its columns to a new type. PostgreSQL then re-creates the checks and
// indexes over those columns, and one whose expression compares a column with a label of the old
// type (a partial index `WHERE s = 'a'`, stored as `s = 'a'::t`) fails: `operator does not exist:
// t_new = t`. Such checks and indexes are dropped before the conversion and created again once the
// new type has the old name. One that the migration itself drops or changes is only dropped early:
// its own change then skips the drop (`droppedEarly`) and adds the new version as planned.

/** Whether an expression names the type (`::t`, `::ns.t`) or one of the columns of that type. */
function mentions(expression: string | undefined, columns: ReadonlySet<string>, type: EnumDefinition): boolean {
  if (expression === undefined) return false
  if (columnsMentioned(columns, expression).size > 0) return true
  const tokens = tokenizeSql(expression)
  const word = (i: number) => {
    const t = tokens[i]
    return t === undefined ? undefined : t.kind === 'identifier' ? t.value : t.text
  }
  return tokens.some(
    (_, i) =>
      word(i) === type.name &&
      (word(i - 1) === '::' ||
        (type.schema !== undefined && word(i - 1) === '.' && word(i - 2) === type.schema && word(i - 3) === '::')),
  )
}

/** Whether the plan drops or alters the object with a change of its own. */
const isTouched = (ctx: GeneratorContext, object: Constraint | Index) =>
  ctx.changes.some(
    (c) =>
      (c.kind === 'drop_constraint' ||
        c.kind === 'alter_constraint' ||
        c.kind === 'drop_index' ||
        c.kind === 'alter_index') &&
      (c.before === object || deepEqual(c.before, object)),
  )

/**
 * The statements around an enum rebuild, by `from` names (the rebuild runs before the renames):
 * `drops` of the checks and indexes of `table` whose expressions use the enum's columns or the type,
 * and `restores` of those the migration keeps as they are.
 *
 * @example
 * ```ts
 * enumDependents(ctx, people, mood, Stage.renameTable) // { drops: [DROP INDEX "ix_happy"], restores: [CREATE INDEX "ix_happy" ...] }
 * ```
 * @internal
 */
export function enumDependents(
  ctx: GeneratorContext,
  table: Table,
  e: EnumDefinition,
  stage: StageValue,
): { drops: StatementDraft[]; restores: StatementDraft[] } {
  const d = ctx.dialect
  const columns = new Set(table.columns.filter((c) => usesEnum(c.type, e)).map((c) => c.name))
  const drops: StatementDraft[] = []
  const restores: StatementDraft[] = []
  const target = tableName(ctx, table.name, table.schema)
  if (columns.size === 0) return { drops, restores }
  for (const c of table.constraints) {
    if (c.type !== 'check' || !mentions(c.expression, columns, e) || !markDroppedEarly(ctx, c)) continue
    const name = constraintNameIn(table, table.name, c)
    drops.push({ sql: `ALTER TABLE ${target} DROP CONSTRAINT ${d.quoteIdentifier(name)}`, stage })
    if (!isTouched(ctx, c))
      restores.push({
        sql: `ALTER TABLE ${target} ADD ${constraintDefinition(ctx, table.name, table.schema, c, name)}`,
        stage,
      })
  }
  for (const x of table.indexes) {
    const used = mentions(x.where, columns, e) || x.parts.some((p) => mentions(p.expression, columns, e))
    if (!used || !markDroppedEarly(ctx, x)) continue
    const name = indexNameIn(table, table.name, x)
    drops.push({ sql: `DROP INDEX ${tableName(ctx, name, table.schema)}`, stage })
    if (!isTouched(ctx, x)) restores.push({ sql: createIndexSQL(d, table.name, table.schema, { ...x, name }), stage })
  }
  return { drops, restores }
}
