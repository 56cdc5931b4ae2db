import { expression, qualifiedName } from '../dialects/render.js'
import { changePath } from '../diff/change-path.js'
import type { AlterColumnChange, ChangeWithoutPath, RenameColumnChange, SchemaChange } from '../diff/types.js'
import type { Column, ForeignKeyConstraint } from '../model/types.js'
import { steps, typeText } from './finding-text.js'
import type { AnalyzerContext, FindingFix } from './types.js'

// SQL for safe alternatives and pre-checks, written through the target dialect: generated DDL comes
// from the dialect's own generators (ctx.planSql on changes built here), plain queries use its quoting.

/** A change built for a fix, with its path. @internal */
export function synthetic(change: ChangeWithoutPath): SchemaChange {
  return { ...change, path: changePath(change) } as SchemaChange
}

const tableSql = (ctx: AnalyzerContext, table: string, schema?: string) => qualifiedName(ctx.dialect, table, schema)
const q = (ctx: AnalyzerContext, name: string) => ctx.dialect.quoteIdentifier(name)

/** Rows sharing a value of `columns`. @internal */
export function duplicatesQuery(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  columns: readonly string[],
): string {
  const list = columns.map((c) => q(ctx, c)).join(', ')
  return `SELECT ${list}, count(*) FROM ${tableSql(ctx, table, schema)} GROUP BY ${list} HAVING count(*) > 1`
}

/**
 * Rows of `table` that a key `WITHOUT OVERLAPS` on `columns` (the last one a range) refuses: pairs
 * equal on the other columns whose ranges overlap, then empty ranges. @internal
 */
export function overlapsQueries(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  columns: readonly string[],
): string[] {
  const range = q(ctx, columns[columns.length - 1] as string)
  const from = tableSql(ctx, table, schema)
  const same = columns
    .slice(0, -1)
    .map((c) => `a.${q(ctx, c)} = b.${q(ctx, c)} AND `)
    .join('')
  return [
    `SELECT a.*, b.${range} AS overlapping FROM ${from} a JOIN ${from} b ON a.ctid < b.ctid AND ${same}a.${range} && b.${range}`,
    `SELECT * FROM ${from} WHERE isempty(${range})`,
  ]
}

/** How many rows hold NULL in `column`. @internal */
export function nullsQuery(ctx: AnalyzerContext, table: string, schema: string | undefined, column: string): string {
  return `SELECT count(*) FROM ${tableSql(ctx, table, schema)} WHERE ${q(ctx, column)} IS NULL`
}

/** How many values of `column` are longer than `length` characters (or bytes). @internal */
export function tooLongQuery(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  column: string,
  length: number,
  unit: 'characters' | 'bytes',
): string {
  const measured = ctx.facts.lengthExpression(q(ctx, column), unit)
  return `SELECT count(*) FROM ${tableSql(ctx, table, schema)} WHERE ${measured} > ${length}`
}

/** How many rows hold `value` in `column`. @internal */
export function valueCountQuery(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  column: string,
  value: string,
): string {
  return `SELECT count(*) FROM ${tableSql(ctx, table, schema)} WHERE ${q(ctx, column)} = ${ctx.dialect.quoteLiteral(value)}`
}

/** How many rows a check expression rejects; undefined when the expression is unsafe to embed. @internal */
export function violationsQuery(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  check: string,
): string | undefined {
  try {
    return `SELECT count(*) FROM ${tableSql(ctx, table, schema)} WHERE NOT (${expression(ctx.dialect, check, `${table} check`)})`
  } catch {
    return undefined
  }
}

/** How many rows reference a missing parent row. @internal */
export function orphansQuery(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  fk: ForeignKeyConstraint,
): string {
  const parent = tableSql(ctx, fk.referencedTable, fk.referencedSchema ?? schema)
  const set = fk.columns.map((c) => `c.${q(ctx, c)} IS NOT NULL`).join(' AND ')
  const join = fk.columns.map((c, i) => `p.${q(ctx, fk.referencedColumns[i] ?? c)} = c.${q(ctx, c)}`).join(' AND ')
  return `SELECT count(*) FROM ${tableSql(ctx, table, schema)} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${join})`
}

/** `UPDATE t SET target = value WHERE target IS NULL` (run it in batches on big tables). @internal */
export function backfillSql(
  ctx: AnalyzerContext,
  table: string,
  schema: string | undefined,
  target: string,
  value: string,
): string {
  return `UPDATE ${tableSql(ctx, table, schema)} SET ${q(ctx, target)} = ${value} WHERE ${q(ctx, target)} IS NULL`
}

/** A column as the expand step adds it: nullable, with nothing that would fill or rewrite rows. */
function expandColumn(column: Column, name: string): Column {
  const { default: _d, autoincrement: _a, identity: _i, generated: _g, ...plain } = column
  return { ...plain, name, nullable: true }
}

type Scope = { readonly table: string; readonly schema?: string }
const scope = (c: Scope) => (c.schema === undefined ? { table: c.table } : { table: c.table, schema: c.schema })

function addColumn(ctx: AnalyzerContext, at: Scope, column: Column): SchemaChange {
  const position = ctx.targetTable(at.table, at.schema)?.columns.length ?? 0
  return synthetic({ kind: 'add_column', ...scope(at), column: column.name, position, after: column })
}

function alterNullability(at: Scope, before: Column, after: Column, position: number): SchemaChange {
  return synthetic({
    kind: 'alter_column',
    ...scope(at),
    column: after.name,
    position,
    previousPosition: position,
    before,
    after,
    changes: ['nullable'],
  })
}

const concat = (...parts: (readonly string[] | undefined)[]): string[] | undefined =>
  parts.every((p) => p !== undefined) ? parts.flatMap((p) => p ?? []) : undefined

/**
 * The expand/contract sequence that replaces a column's type without breaking the running version:
 * add a new column, backfill it with an explicit conversion, switch the application, then drop the
 * old column and give the new one its name. @internal
 */
export function replaceTypeFix(ctx: AnalyzerContext, change: AlterColumnChange): FindingFix {
  const { before, after } = change
  const temp = `${after.name}_new`
  const old = q(ctx, before.name)
  const description = steps([
    `Expand: add ${temp} ${typeText(after.type)} next to ${change.path} (nullable, so it is instant).`,
    `Backfill it in batches (converting explicitly where the types need it, and fixing values that do not convert), and have the application write both columns (or a trigger copy them).`,
    `Deploy the version that reads ${temp}.`,
    `Contract: drop ${before.name}, rename ${temp} to ${after.name}${after.nullable ? '' : ', set NOT NULL'}, and recreate the indexes and constraints that used it.`,
  ])
  const added = expandColumn(after, temp)
  const position = ctx.targetTable(change.table, change.schema)?.columns.length ?? 0
  const sql = concat(
    ctx.planSql([addColumn(ctx, change, added)]),
    [
      backfillSql(
        ctx,
        change.table,
        change.schema,
        temp,
        ctx.facts.convertExpression(ctx.dialect, old, after.type, after),
      ),
    ],
    ctx.planSql([
      synthetic({
        kind: 'drop_column',
        ...scope(change),
        column: before.name,
        position: change.previousPosition,
        before,
      }),
    ]),
    ctx.planSql([
      synthetic({
        kind: 'rename_column',
        ...scope(change),
        column: after.name,
        from: temp,
        position,
        previousPosition: position,
        before: added,
        after: { ...added, name: after.name },
      }),
    ]),
    after.nullable
      ? []
      : ctx.planSql([
          alterNullability(
            change,
            { ...added, name: after.name },
            { ...added, name: after.name, nullable: false },
            position,
          ),
        ]),
  )
  return sql ? { description, sql } : { description }
}

/** The expand/contract sequence for a column rename the running version does not know about. @internal */
export function renameColumnFix(ctx: AnalyzerContext, change: RenameColumnChange): FindingFix {
  const { before, after } = change
  const description = steps([
    `Expand: add ${after.name} next to ${before.name} and backfill it in batches; have the application write both (or a trigger copy them).`,
    `Deploy the version that reads ${after.name}.`,
    `Contract: drop ${before.name}${after.nullable ? '' : ` and set ${after.name} NOT NULL`}.`,
    `Or keep the rename and map the old name in the application (ORM column mapping) until every running version uses the new one.`,
  ])
  const added = expandColumn(after, after.name)
  const sql = concat(
    ctx.planSql([addColumn(ctx, change, added)]),
    [backfillSql(ctx, change.table, change.schema, after.name, q(ctx, before.name))],
    ctx.planSql([
      synthetic({
        kind: 'drop_column',
        ...scope(change),
        column: before.name,
        position: change.previousPosition,
        before,
      }),
    ]),
    after.nullable
      ? []
      : ctx.planSql([alterNullability(change, added, { ...added, nullable: false }, change.position)]),
  )
  return sql ? { description, sql } : { description }
}

/** The statements of an added column without its default, then the default for new rows only. @internal */
export function addThenDefaultSql(
  ctx: AnalyzerContext,
  change: SchemaChange & Scope,
  column: Column,
): string[] | undefined {
  const plain = expandColumn(column, column.name)
  const position = ctx.targetTable(change.table, change.schema)?.columns.length ?? 0
  const withDefault = { ...plain, ...(column.default === undefined ? {} : { default: column.default }) }
  return concat(
    ctx.planSql([addColumn(ctx, change, plain)]),
    ctx.planSql([
      synthetic({
        kind: 'alter_column',
        ...scope(change),
        column: column.name,
        position,
        previousPosition: position,
        before: plain,
        after: withDefault,
        changes: ['default'],
      }),
    ]),
  )
}

/** A nullable version of a column as the first, instant step of adding it. @internal */
export const addNullableSql = (ctx: AnalyzerContext, change: SchemaChange & Scope, column: Column) =>
  ctx.planSql([addColumn(ctx, change, expandColumn(column, column.name))])
