import type { AlterTableChange, SchemaChange } from '../../diff/types.js'
import type { Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { planStateSlot } from '../plan-state.js'
import { Stage, type StatementDraft } from '../types.js'
import { keyContext, tableName } from './keys.js'
import { unsupported } from './text.js'

// MariaDB system-versioned tables (`WITH SYSTEM VERSIONING`, MariaDB Knowledge Base, "System-Versioned
// Tables"). ADD SYSTEM VERSIONING comes last, DROP SYSTEM VERSIONING first (it deletes the history).
// MariaDB refuses to change the columns of a versioned table unless system_versioning_alter_history
// is KEEP ("Not allowed for system-versioned table", error 4119): every ALTER TABLE of a table that is
// versioned before or after the migration sets it for that one statement (SET STATEMENT ... FOR),
// which leaves the history rows as they were.

/**
 * `WITH SYSTEM VERSIONING` for CREATE TABLE (with a leading space), or nothing.
 *
 * @example
 * ```ts
 * systemVersioningClause({ ...table, systemVersioning: true }, ctx) // ' WITH SYSTEM VERSIONING'
 * ```
 */
export function systemVersioningClause(table: Table, ctx: GeneratorContext): string {
  if (!table.systemVersioning) return ''
  if (!keyContext(ctx).flavor.systemVersioning)
    unsupported(`table "${table.name}"`, 'system-versioned tables need MariaDB 10.3 (MySQL has none)')
  return ' WITH SYSTEM VERSIONING'
}

/**
 * `ADD SYSTEM VERSIONING` / `DROP SYSTEM VERSIONING` (destructive: the history goes) of an `alter_table`.
 *
 * @example
 * ```ts
 * systemVersioningChanges(change, ctx)[0]?.sql // 'ALTER TABLE `t` ADD SYSTEM VERSIONING'
 * ```
 */
export function systemVersioningChanges(change: AlterTableChange, ctx: GeneratorContext): StatementDraft[] {
  if (!change.changes.includes('systemVersioning')) return []
  const head = `ALTER TABLE ${tableName(change.table, change.schema)}`
  if (change.after.systemVersioning) {
    systemVersioningClause(change.after, ctx)
    return [{ sql: `${head} ADD SYSTEM VERSIONING`, stage: Stage.comment }]
  }
  return [{ sql: `${head} DROP SYSTEM VERSIONING`, stage: Stage.convertTable, destructive: true }]
}

/** The quoted names (as the generators write them) of the tables versioned in `from` or `to`. */
const VERSIONED = planStateSlot('mysql: system-versioned tables', (ctx) => {
  const names = new Set<string>()
  for (const t of [...(ctx.from?.tables ?? []), ...(ctx.to?.tables ?? [])])
    if (t.systemVersioning) names.add(tableName(t.name, t.schema))
  // A renamed table is altered under its new name.
  for (const c of ctx.changes)
    if (c.kind === 'rename_table' && (c.before.systemVersioning || c.after.systemVersioning))
      names.add(tableName(c.table, c.schema))
  return names
})

const ALTER = /^ALTER TABLE ((?:`(?:[^`]|``)*`\.)?`(?:[^`]|``)*`) /

/**
 * The drafts of a change with every `ALTER TABLE` of a system-versioned table run under
 * `SET STATEMENT system_versioning_alter_history = KEEP FOR`.
 *
 * @example
 * ```ts
 * keepHistory(ctx, [{ sql: 'ALTER TABLE `t` ADD COLUMN `a` INT', stage: Stage.addColumn }])[0].sql
 * // 'SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE `t` ADD COLUMN `a` INT'
 * ```
 */
export function keepHistory(ctx: GeneratorContext, drafts: readonly StatementDraft[]): StatementDraft[] {
  const versioned = ctx.state.get(VERSIONED)
  if (versioned.size === 0) return [...drafts]
  return drafts.map((d) => {
    const table = ALTER.exec(d.sql)?.[1]
    if (table === undefined || !versioned.has(table)) return d
    return { ...d, sql: `SET STATEMENT system_versioning_alter_history = KEEP FOR ${d.sql}` }
  })
}

/**
 * The dialect's generators with {@link keepHistory} applied to what each returns.
 *
 * @example
 * ```ts
 * generators: withKeptHistory({ create_table: createTableChange, ... })
 * ```
 */
export function withKeptHistory<
  G extends Record<string, (c: never, ctx: GeneratorContext) => readonly StatementDraft[]>,
>(generators: G): G {
  const out: Record<string, unknown> = {}
  for (const [kind, generate] of Object.entries(generators))
    out[kind] = (c: SchemaChange, ctx: GeneratorContext) =>
      keepHistory(ctx, (generate as (c: SchemaChange, ctx: GeneratorContext) => readonly StatementDraft[])(c, ctx))
  return out as G
}
