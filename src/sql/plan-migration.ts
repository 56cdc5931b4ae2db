import { creationOrder, orderByNameOwnership } from '../dialects/dependency-order.js'
import type { Dialect, GeneratorContext, PlanOptions } from '../dialects/dialect.js'
import type { DialectAlias } from '../dialects/dialect-names.js'
import { resolveDialect } from '../dialects/index.js'
import { createPlanState } from '../dialects/plan-state.js'
import { type Migration, type PhasedMigration, Stage, type Statement, type StatementDraft } from '../dialects/types.js'
import { applyDiff } from '../diff/apply-diff.js'
import { isObjectChange } from '../diff/object-changes.js'
import { reverseDiff } from '../diff/reverse-diff.js'
import type { CreateTableChange, SchemaChange, SchemaDiff, TableChange } from '../diff/types.js'
import { InvalidOptionError } from '../errors.js'
import type { Constraint, Schema, Table } from '../model/types.js'
import { splitDeployPhases } from './deploy-phases.js'
import { checkObjectsText } from './object-text.js'
import { planObjects } from './plan-objects.js'
import { checkDiffText } from './schema-text.js'

/** Options of {@link planMigration}. */
export interface PlanMigrationOptions extends PlanOptions {
  /** The target database: a built-in dialect name or a {@link Dialect}. */
  readonly dialect: Dialect | DialectAlias
  /**
   * The schema the diff starts from. Needed (this or `to`) where a change needs the whole table: SQLite
   * table rebuilds, and renaming database-named constraints along with their table or column.
   */
  readonly from?: Schema
  /** The schema the diff leads to (derived from `from` and the diff when omitted). */
  readonly to?: Schema
  /**
   * Also split `up` into deploy phases: `phases.pre` (expand changes, and breaking ones flagged) runs
   * before the new application version is deployed, `phases.post` (contract changes) after.
   */
  readonly phases?: boolean
}

const tableKey = (table: string, schema?: string) => `${schema ?? ''}\u0000${table}`

/**
 * Plans the SQL that applies a diff (`up`) and undoes it (`down`) on one dialect. Statements are in
 * dependency order (renames, enum types, dropped foreign keys and indexes, new tables with referenced
 * tables first, columns, constraints, indexes, foreign keys, then drops), each tagged with the change it
 * implements, whether it loses data, and whether it may run inside a transaction. Deterministic.
 *
 * Before any SQL is written, every name, label, comment and verbatim expression the plan writes is
 * checked for the dialect: names the database would change or refuse throw `InvalidIdentifierError`, and
 * text that is not exactly one expression to the dialect's lexer throws `UnsafeExpressionError`, both
 * naming the document path (`to.tables[3].columns[1].default`).
 *
 * @example
 * ```ts
 * const migration = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1 })
 * console.log(toSQL(migration))
 * ```
 */
export function planMigration(
  diff: SchemaDiff,
  options: PlanMigrationOptions & { readonly phases: true },
): PhasedMigration
export function planMigration(diff: SchemaDiff, options: PlanMigrationOptions): Migration
export function planMigration(diff: SchemaDiff, options: PlanMigrationOptions): Migration | PhasedMigration {
  const dialect = resolveDialect(options.dialect)
  const from = options.from ?? (options.to ? applyDiff(options.to, reverseDiff(diff)) : undefined)
  const to = options.to ?? (from ? applyDiff(from, diff) : undefined)
  checkDiffText(dialect, diff, from, to)
  if (to) checkObjectsText(dialect, to, 'to.')
  if (from) checkObjectsText(dialect, from, 'from.')
  const migration: Migration = {
    dialect: dialect.name,
    up: planChanges(diff.changes, dialect, options, from, to),
    down: planChanges(reverseDiff(diff).changes, dialect, options, to, from),
  }
  return options.phases ? { ...migration, phases: splitDeployPhases(migration.up, diff, { from, to }) } : migration
}

interface Placed {
  readonly draft: StatementDraft
  readonly change: SchemaChange
  /** Order inside the stage: creation order for new tables, reverse of it for dropped ones, else change order. */
  readonly rank: number
  readonly seq: number
}

/** Plans one direction. @internal */
export function planChanges(
  changes: readonly SchemaChange[],
  dialect: Dialect,
  options: PlanOptions,
  from: Schema | undefined,
  to: Schema | undefined,
): Statement[] {
  const created = changes.filter((c): c is CreateTableChange => c.kind === 'create_table')
  const dropped = changes.flatMap((c) => (c.kind === 'drop_table' ? [c.before] : []))
  const alteredTables = new Set(
    changes.flatMap((c) => ('table' in c && c.kind !== 'create_table' ? [tableKey(c.table, c.schema)] : [])),
  )
  const order = creationOrder(created.map((c) => c.after))
  const deferred = deferredForeignKeys(order.tables, order.deferred, alteredTables, dialect)
  const ctx = makeContext(changes, dialect, options, from, to, deferred, created)
  const createRank = new Map(order.tables.map((t, i) => [t, i]))
  const dropRank = new Map(creationOrder(dropped).tables.map((t, i) => [t, -i]))

  const placed: Placed[] = []
  let seq = 0
  const place = (drafts: readonly StatementDraft[], change: SchemaChange, rank: number) => {
    for (const draft of drafts) placed.push({ draft, change, rank, seq: seq++ })
  }
  const takenOver = planTakeovers(changes, dialect, ctx)
  for (const [index, change] of changes.entries()) {
    if (takenOver.handled.has(change) || isObjectChange(change)) continue
    const drafts = generate(change, dialect, ctx)
    const rank =
      change.kind === 'create_table'
        ? (createRank.get(change.after) ?? index)
        : change.kind === 'drop_table'
          ? (dropRank.get(change.before) ?? index)
          : index
    place(drafts, change, rank)
    if (change.kind === 'create_table') {
      for (const fk of change.after.constraints.filter((c) => deferred.has(c))) {
        const add = {
          kind: 'add_constraint',
          path: change.path,
          table: change.table,
          ...schemaOf(change),
          after: fk,
        } as const
        place(
          dialect.generators.add_constraint(add, ctx).map((d) => ({ ...d, stage: Stage.addForeignKey })),
          change,
          rank,
        )
      }
    }
  }
  for (const [change, drafts] of takenOver.drafts) place(drafts, change, changes.indexOf(change))
  for (const { draft, change, rank } of planObjects(changes, ctx)) place([draft], change, rank)
  placed.sort((a, b) => a.draft.stage - b.draft.stage || a.rank - b.rank || a.seq - b.seq)
  const ordered = orderByNameOwnership(
    placed,
    (p) => p.draft.claims,
    (p) => p.draft.releases,
  )
  return ordered.map(({ draft, change }) => toStatement(draft, change, dialect))
}

function schemaOf(c: { readonly schema?: string }): { schema?: string } {
  return c.schema === undefined ? {} : { schema: c.schema }
}

function generate(change: SchemaChange, dialect: Dialect, ctx: GeneratorContext): readonly StatementDraft[] {
  const generator = dialect.generators[(change as TableChange).kind] as (
    c: SchemaChange,
    x: GeneratorContext,
  ) => readonly StatementDraft[]
  return generator(change, ctx)
}

/** Lets a dialect take over all changes of a table (SQLite rebuilds); returns what it took. */
function planTakeovers(changes: readonly SchemaChange[], dialect: Dialect, ctx: GeneratorContext) {
  const handled = new Set<SchemaChange>()
  const drafts = new Map<SchemaChange, readonly StatementDraft[]>()
  if (!dialect.planTable) return { handled, drafts }
  const byTable = new Map<string, SchemaChange[]>()
  for (const c of changes) {
    if (!('table' in c) || c.kind === 'create_table' || c.kind === 'drop_table') continue
    const list = byTable.get(tableKey(c.table, c.schema)) ?? []
    list.push(c)
    byTable.set(tableKey(c.table, c.schema), list)
  }
  for (const list of byTable.values()) {
    const first = list[0] as SchemaChange & { table: string }
    const result = dialect.planTable(first.table, list, ctx)
    if (!result) continue
    for (const c of list) handled.add(c)
    drafts.set(first, result)
  }
  return { handled, drafts }
}

/**
 * Foreign keys of new tables that wait until every table exists: the ones breaking cycles, the ones
 * pointing at a table created later, and the ones pointing at an existing table this migration also
 * changes (the referenced key may only exist after those changes). Dialects that cannot add
 * constraints later (SQLite) keep them all inline; SQLite does not check them at CREATE time.
 */
function deferredForeignKeys(
  created: readonly Table[],
  cycles: ReadonlySet<Constraint>,
  altered: ReadonlySet<string>,
  dialect: Dialect,
): Set<Constraint> {
  if (!dialect.capabilities.alterConstraints) return new Set()
  const deferred = new Set(cycles)
  for (const t of created) {
    for (const c of t.constraints) {
      if (c.type === 'foreign_key' && altered.has(tableKey(c.referencedTable, c.referencedSchema ?? t.schema)))
        deferred.add(c)
    }
  }
  return deferred
}

function makeContext(
  changes: readonly SchemaChange[],
  dialect: Dialect,
  options: PlanOptions,
  from: Schema | undefined,
  to: Schema | undefined,
  deferredForeignKeys: ReadonlySet<Constraint>,
  created: readonly CreateTableChange[],
): GeneratorContext {
  const previous = new Map<string, string>()
  for (const c of changes) if (c.kind === 'rename_table') previous.set(tableKey(c.table, c.schema), c.from)
  // Lookups by name are indexed once: generators call them for every change.
  const index = (schema: Schema | undefined) =>
    new Map((schema?.tables ?? []).map((t) => [tableKey(t.name, t.schema), t]))
  const sourceIndex = index(from)
  const targetIndex = index(to)
  const find = (side: 'from' | 'to', table: string, ns: string | undefined, why: string) => {
    if (!(side === 'from' ? from : to)) {
      throw new InvalidOptionError(
        side,
        `${why}: pass the full schemas to planMigration ({ from, to }) so the whole table is known`,
      )
    }
    const t = (side === 'from' ? sourceIndex : targetIndex).get(tableKey(table, ns))
    if (!t)
      throw new InvalidOptionError(side, `table "${table}" is not in the "${side}" schema passed to planMigration`)
    return t
  }
  const ctx: GeneratorContext = {
    dialect,
    options,
    changes,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    deferredForeignKeys,
    createdTables: new Set(created.map((c) => tableKey(c.table, c.schema))),
    droppedTables: changes.flatMap((c) => (c.kind === 'drop_table' ? [c.before] : [])),
    findSourceTable: (table, schema) => sourceIndex.get(tableKey(table, schema)),
    findTargetTable: (table, schema) => targetIndex.get(tableKey(table, schema)),
    previousTableName: (table, schema) => previous.get(tableKey(table, schema)) ?? table,
    targetTable: (table, schema, why = `table "${table}" needs its full definition`) => find('to', table, schema, why),
    sourceTable: (table, schema, why = `table "${table}" needs its full definition`) =>
      find('from', previous.get(tableKey(table, schema)) ?? table, schema, why),
    state: createPlanState(() => ctx),
  }
  return ctx
}

function toStatement(draft: StatementDraft, change: SchemaChange, dialect: Dialect): Statement {
  const transactional = draft.transactional ?? dialect.capabilities.transactionalDDL
  const reason = transactional ? undefined : (draft.reason ?? `${dialect.name} commits every DDL statement on its own`)
  return {
    sql: draft.sql,
    change: draft.change ?? { kind: change.kind, path: change.path },
    destructive: draft.destructive ?? false,
    transactional,
    ...(reason ? { reason } : {}),
  }
}
