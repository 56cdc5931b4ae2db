import { tablePath } from '../../diff/change-path.js'
import type { AlterTableChange, CreateTableChange, DropTableChange, TableField } from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Constraint, Table } from '../../model/types.js'
import { creationOrder } from '../dependency-order.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'
import { createIndexSQL } from '../render.js'
import { findTableIn } from '../table-index.js'
import { Stage, type StatementDraft } from '../types.js'
import { columnCommentSQL, columnDefinition } from './columns.js'
import { constraintCommentDraft, constraintDefinition, dropConstraintDraft, indexCommentDraft } from './constraints.js'
import { tableName } from './context.js'
import { relationKey, tableRelationKeys } from './name-claims.js'
import { constraintNameIn, indexNameIn } from './names.js'
import { currentConstraintName, currentIndexName } from './renames.js'
import { alterTableSecuritySQL, createTableSecuritySQL } from './security.js'
import { parentOf, partitionBoundSQL, partitionByClause, storageParameterChanges, withClause } from './table-options.js'
import { refuseTable } from './unsupported.js'

const isNotValid = (c: Constraint) => (c.type === 'foreign_key' || c.type === 'check') && c.notValid === true

// Whole tables: CREATE TABLE with its constraints, indexes and comments; DROP TABLE; table comments.

/** `COMMENT ON TABLE "t" IS '...'` (or `IS NULL`). */
function tableCommentSQL(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  comment: string | undefined,
): string {
  return `COMMENT ON TABLE ${tableName(ctx, table, schema)} IS ${comment ? ctx.dialect.quoteLiteral(comment) : 'NULL'}`
}

/**
 * `CREATE TABLE` with its columns and constraints (except `omitForeignKeys`, added later by the
 * planner), then its indexes and comments, all at the create stage so they read together.
 *
 * @example
 * ```ts
 * createTableSQL(table, ctx, new Set()) // CREATE TABLE "tags" (\n  "id" serial NOT NULL,\n  CONSTRAINT "tags_pkey" PRIMARY KEY ("id")\n)
 * ```
 */
export function createTableSQL(
  table: Table,
  ctx: GeneratorContext,
  omitForeignKeys: ReadonlySet<Constraint>,
): StatementDraft[] {
  refuseTable(table)
  const d = ctx.dialect
  const stage = Stage.createTable
  const target = tableName(ctx, table.name, table.schema)
  // A NOT VALID constraint written inside CREATE TABLE is marked valid: it is added after, NOT VALID.
  const notValid = table.constraints.filter((c) => isNotValid(c) && !omitForeignKeys.has(c))
  const inline = table.constraints.filter((c) => !omitForeignKeys.has(c) && !isNotValid(c))
  // CREATE TABLE silently drops a unique constraint on the same columns as the primary key or an
  // earlier unique constraint; such a twin is added by its own statement, which keeps it.
  const keys = new Set<string>()
  const twins = new Set(
    inline.filter((c) => {
      if (c.type !== 'primary_key' && c.type !== 'unique') return false
      const key = JSON.stringify(c.columns)
      const twin = keys.has(key)
      keys.add(key)
      return twin
    }),
  )
  const definition = (c: Constraint) =>
    constraintDefinition(ctx, table.name, table.schema, c, constraintNameIn(table, table.name, c))
  const lines = [
    ...table.columns.map((c) => columnDefinition(d, ctx, table.name, c)),
    ...inline.filter((c) => !twins.has(c)).map(definition),
  ]
  // The statement claims every name the table takes, its indexes' included, so a dropped table that
  // holds one of them goes first.
  const claims = tableRelationKeys(
    table,
    (c) => constraintNameIn(table, table.name, c),
    (x) => indexNameIn(table, table.name, x),
  )
  const drafts: StatementDraft[] = [
    { sql: createTableStatement(ctx, table, target, lines), stage, claims },
    ...[...twins].map((c) => ({ sql: `ALTER TABLE ${target} ADD ${definition(c)}`, stage })),
    ...notValid.map((c) => ({ sql: `ALTER TABLE ${target} ADD ${definition(c)} NOT VALID`, stage })),
  ]
  for (const x of table.indexes) {
    // A new table is empty: its indexes are never built concurrently.
    const name = indexNameIn(table, table.name, x)
    drafts.push({
      sql: createIndexSQL(d, table.name, table.schema, { ...x, name }),
      stage,
      claims: [relationKey(name, table.schema)],
    })
  }
  for (const c of [...inline, ...notValid])
    if (c.comment !== undefined)
      drafts.push(
        constraintCommentDraft(ctx, table.name, table.schema, constraintNameIn(table, table.name, c), c.comment, stage),
      )
  for (const x of table.indexes)
    if (x.comment !== undefined)
      drafts.push(indexCommentDraft(ctx, table.schema, indexNameIn(table, table.name, x), x.comment, stage))
  if (table.comment) drafts.push({ sql: tableCommentSQL(ctx, table.name, table.schema, table.comment), stage })
  for (const c of table.columns) {
    if (c.comment) drafts.push({ sql: columnCommentSQL(ctx, table.name, table.schema, c.name, c.comment), stage })
  }
  drafts.push(...createTableSecuritySQL(ctx, table, stage))
  return drafts
}

/**
 * The `CREATE TABLE` statement itself: `UNLOGGED`, the column and constraint lines (a partition has
 * constraints only, its columns are its parent's), `INHERITS`, `PARTITION OF ... FOR VALUES`,
 * `PARTITION BY` and `WITH (...)`.
 */
function createTableStatement(ctx: GeneratorContext, table: Table, target: string, lines: readonly string[]): string {
  const d = ctx.dialect
  const where = tablePath(table.name, table.schema)
  const head = `CREATE ${table.unlogged ? 'UNLOGGED ' : ''}TABLE ${target}`
  const body = lines.length === 0 ? '' : ` (\n  ${lines.join(',\n  ')}\n)`
  let sql: string
  if (table.partitionOf) {
    const parent = parentOf(table, table.partitionOf)
    const bound = partitionBoundSQL(d, table.partitionOf.bound, `${where}.partitionOf.bound`)
    sql = `${head} PARTITION OF ${tableName(ctx, parent.table, parent.schema)}${body} ${bound}`
  } else {
    sql = `${head} (\n  ${lines.join(',\n  ')}\n)`
    if (table.inherits) {
      const parents = table.inherits.map((p) => parentOf(table, p))
      sql += ` INHERITS (${parents.map((p) => tableName(ctx, p.table, p.schema)).join(', ')})`
    }
  }
  if (table.partitionBy) sql += ` ${partitionByClause(d, table.partitionBy, where)}`
  return sql + withClause(d, table.with, `${where}.with`)
}

/**
 * The `create_table` generator: {@link createTableSQL} without the foreign keys the planner adds later.
 *
 * @example
 * ```ts
 * createTableChangeSQL(change, ctx) // CREATE TABLE "tags" (...)
 * ```
 */
export function createTableChangeSQL(change: CreateTableChange, ctx: GeneratorContext): StatementDraft[] {
  return createTableSQL(change.after, ctx, ctx.deferredForeignKeys)
}

/** The keys of a table that a foreign key to `columns` can use, as `type:name`. */
function keysOn(table: Table, columns: readonly string[]): Set<string> {
  const same = (cols: readonly (string | undefined)[]) =>
    cols.length === columns.length && cols.every((c, i) => c === columns[i])
  const keys = new Set<string>()
  for (const c of table.constraints) {
    if ((c.type === 'primary_key' || c.type === 'unique') && same(c.columns))
      keys.add(`${c.type}:${constraintNameIn(table, table.name, c)}`)
  }
  for (const x of table.indexes) {
    if (x.unique && x.where === undefined && same(x.parts.map((p) => p.column)))
      keys.add(`index:${indexNameIn(table, table.name, x)}`)
  }
  return keys
}

/**
 * `DROP TABLE` (destructive). Tables are dropped in reverse creation order. A foreign key goes first
 * (at the foreign-key stage) when it closes a cycle among dropped tables, or when the key it uses in a
 * kept table is dropped or replaced by this migration (that drop would otherwise fail on it).
 *
 * @example
 * ```ts
 * dropTableSQL(change, ctx) // DROP TABLE "tags"
 * ```
 */
export function dropTableSQL(change: DropTableChange, ctx: GeneratorContext): StatementDraft[] {
  const t = change.before
  const { from } = ctx
  const cycle = ctx.droppedTables.length > 0 ? droppedCycle(ctx) : creationOrder([t]).deferred
  const keyChanges = (c: Constraint) => {
    if (c.type !== 'foreign_key' || !from) return false
    const target = findTableIn(from, c.referencedTable, c.referencedSchema ?? t.schema)
    const kept = target && keptTable(ctx, target)
    if (!target || !kept || target === t) return false
    const after = keysOn(kept, c.referencedColumns)
    return [...keysOn(target, c.referencedColumns)].some((k) => !after.has(k))
  }
  return [
    ...t.constraints
      .filter((c) => cycle.has(c) || keyChanges(c))
      .map((fk) => dropConstraintDraft(ctx, t.name, t.schema, fk, currentConstraintName(ctx, t.name, t.schema, fk))),
    {
      sql: `DROP TABLE ${tableName(ctx, t.name, t.schema)}`,
      stage: Stage.dropTable,
      destructive: true,
      releases: tableRelationKeys(
        t,
        (c) => currentConstraintName(ctx, t.name, t.schema, c),
        (x) => currentIndexName(ctx, t.name, t.schema, x),
      ),
    },
  ]
}

// Every dropped table of a plan asks the same questions: answered once per plan (GeneratorContext).
const DROPPED_CYCLE = planStateSlot(
  'postgres: foreign keys closing a cycle among dropped tables',
  (ctx) => creationOrder(ctx.droppedTables).deferred,
)
const KEPT_BY_PREVIOUS_NAME = planStateSlot('postgres: to tables by their name before the plan', (ctx) => {
  const index = new Map<string | undefined, Map<string, Table>>()
  for (const y of ctx.to?.tables ?? []) {
    const previous = ctx.previousTableName(y.name, y.schema)
    let names = index.get(y.schema)
    if (names === undefined) {
      names = new Map()
      index.set(y.schema, names)
    }
    if (!names.has(previous)) names.set(previous, y)
  }
  return index
})

/** Foreign keys closing a cycle among the tables the plan drops (the planner lists them once). */
function droppedCycle(ctx: GeneratorContext): ReadonlySet<Constraint> {
  return ctx.state.get(DROPPED_CYCLE)
}

/** The first `to` table (in `to` order) whose name before this migration is the `from` table `x`'s. */
function keptTable(ctx: GeneratorContext, x: Table): Table | undefined {
  return ctx.state.get(KEPT_BY_PREVIOUS_NAME).get(x.schema)?.get(x.name)
}

/**
 * A changed table: `COMMENT ON TABLE`, `SET LOGGED`/`SET UNLOGGED`, storage parameters set and reset,
 * `ATTACH`/`DETACH PARTITION` on the parent, `INHERIT`/`NO INHERIT`. A changed partition key cannot be
 * altered: the plan refuses it (`unsupported_feature`). MySQL's table options mean nothing here.
 * Row-level security, policies and grants: security.ts.
 *
 * @example
 * ```ts
 * alterTableSQL(change, ctx) // COMMENT ON TABLE "users" IS 'people who log in'
 * ```
 */
export function alterTableSQL(change: AlterTableChange, ctx: GeneratorContext): StatementDraft[] {
  const has = (f: TableField) => change.changes.includes(f)
  // MySQL's partition lists and system versioning mean nothing here (PostgreSQL partitions are tables).
  const mysqlOnly = ['partitions', 'subpartitionBy', 'systemVersioning'] as const
  if (mysqlOnly.some((f) => has(f))) refuseTable(change.after)
  const drafts: StatementDraft[] = []
  const { before: b, after: a } = change
  const target = tableName(ctx, change.table, change.schema)
  const where = tablePath(change.table, change.schema)
  if (has('partitionBy'))
    throw new SchemaLedgerError(
      'unsupported_feature',
      `${where}: the partitioning of a table cannot be changed in place (PostgreSQL has no ALTER for PARTITION BY): create a new table and move the rows`,
    )
  if (has('partitionOf')) drafts.push(...partitionChanges(ctx, change, target, where))
  if (has('inherits')) drafts.push(...inheritanceChanges(ctx, change, target))
  if (has('unlogged'))
    drafts.push({ sql: `ALTER TABLE ${target} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'}`, stage: Stage.convertTable })
  if (has('with'))
    drafts.push(...storageParameterChanges(ctx, `ALTER TABLE ${target}`, b.with, a.with, `${where}.with`))
  if (has('comment'))
    drafts.push({ sql: tableCommentSQL(ctx, change.table, change.schema, a.comment), stage: Stage.comment })
  drafts.push(...alterTableSecuritySQL(ctx, change.table, change.schema, b, a, change.changes))
  return drafts
}

/**
 * `DETACH PARTITION` from the old parent (early, before the parent changes) and `ATTACH PARTITION`
 * to the new one (once tables, columns and keys are in place).
 */
function partitionChanges(
  ctx: GeneratorContext,
  change: AlterTableChange,
  target: string,
  where: string,
): StatementDraft[] {
  const { before: b, after: a } = change
  const drafts: StatementDraft[] = []
  if (b.partitionOf) {
    // The old parent is named as the table was (a renamed parent is renamed by then).
    const parent = parentOf(b, b.partitionOf)
    drafts.push({
      sql: `ALTER TABLE ${tableName(ctx, parent.table, parent.schema)} DETACH PARTITION ${target}`,
      stage: Stage.dropForeignKey,
    })
  }
  if (a.partitionOf) {
    const parent = parentOf(a, a.partitionOf)
    const bound = partitionBoundSQL(ctx.dialect, a.partitionOf.bound, `${where}.partitionOf.bound`)
    drafts.push({
      sql: `ALTER TABLE ${tableName(ctx, parent.table, parent.schema)} ATTACH PARTITION ${target} ${bound}`,
      stage: Stage.addConstraint,
    })
  }
  return drafts
}

/** `NO INHERIT` for parents the table leaves (early), `INHERIT` for new ones (once columns are in place). */
function inheritanceChanges(ctx: GeneratorContext, change: AlterTableChange, target: string): StatementDraft[] {
  const { before: b, after: a } = change
  const key = (p: { table: string; schema: string | undefined }) => `${p.schema ?? ''}\u0000${p.table}`
  const was = (b.inherits ?? []).map((p) => parentOf(b, p))
  const now = (a.inherits ?? []).map((p) => parentOf(a, p))
  const wasKeys = new Set(was.map(key))
  const nowKeys = new Set(now.map(key))
  return [
    ...was
      .filter((p) => !nowKeys.has(key(p)))
      .map((p) => ({
        sql: `ALTER TABLE ${target} NO INHERIT ${tableName(ctx, p.table, p.schema)}`,
        stage: Stage.dropForeignKey,
      })),
    ...now
      .filter((p) => !wasKeys.has(key(p)))
      .map((p) => ({
        sql: `ALTER TABLE ${target} INHERIT ${tableName(ctx, p.table, p.schema)}`,
        stage: Stage.addConstraint,
      })),
  ]
}
