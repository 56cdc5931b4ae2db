import type { AlterEnumChange, DropEnumChange } from '../../diff/types.js'
import { usesEnum } from '../../model/enum-reference.js'
import type { EnumDefinition } from '../../model/types.js'
import { normalizeDefault } from '../../sql-text/normalize-default.js'
import type { GeneratorContext } from '../dialect.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import { renderPostgresDefault } from './columns.js'
import { tableName } from './context.js'
import { enumDependents } from './enum-dependents.js'
import { postgresObjectName } from './object-names.js'

// Enum types. New values are added in place with ALTER TYPE ... ADD VALUE; removing or reordering
// values needs a new type: create it, move every column over through text, drop the old type, and
// give the new one its name.

const ADD_VALUE_REASON =
  'ALTER TYPE ... ADD VALUE: the new value cannot be used until the transaction that added it commits'

const enumName = (ctx: GeneratorContext, e: EnumDefinition, name = e.name) => tableName(ctx, name, e.schema)

function commentSQL(ctx: GeneratorContext, e: EnumDefinition): string {
  return `COMMENT ON TYPE ${enumName(ctx, e)} IS ${e.comment ? ctx.dialect.quoteLiteral(e.comment) : 'NULL'}`
}

const valueList = (ctx: GeneratorContext, values: readonly string[]) =>
  values.map((v) => ctx.dialect.quoteLiteral(v)).join(', ')

/**
 * Whether the enum lives in a namespace that holds none of the migration's tables: a type the schemas
 * use but another namespace owns. Introspecting some namespaces lists such a type only while one of
 * their columns uses it, so it comes and goes with those columns while the type itself stays. A
 * version that lists its namespaces (a database read whole) describes every namespace: no type is
 * another's.
 */
function isForeignEnum(ctx: GeneratorContext, e: EnumDefinition): boolean {
  if (e.schema === undefined) return false
  if (ctx.from?.namespaces !== undefined || ctx.to?.namespaces !== undefined) return false
  const tables = [...(ctx.from?.tables ?? []), ...(ctx.to?.tables ?? [])]
  return tables.length > 0 && !tables.some((t) => t.schema === e.schema)
}

/** `DO $tag$ ... $tag$` with a tag the body does not contain. */
function doBlock(body: string): string {
  let tag = '$schemaledger$'
  for (let i = 1; body.includes(tag); i++) tag = `$schemaledger${i}$`
  return `DO ${tag} BEGIN ${body}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`
}

/**
 * `CREATE TYPE ... AS ENUM (...)` and its comment. A type of another namespace (one that holds none
 * of the tables) may already be there: it is created only when missing.
 *
 * @example
 * ```ts
 * createEnumSQL({ name: 'mood', values: ['sad', 'ok'] }, ctx) // CREATE TYPE "mood" AS ENUM ('sad', 'ok')
 * ```
 */
export function createEnumSQL(
  e: EnumDefinition,
  ctx: GeneratorContext,
  stage: StageValue = Stage.createEnum,
): StatementDraft[] {
  const create = `CREATE TYPE ${enumName(ctx, e)} AS ENUM (${valueList(ctx, e.values)})`
  const drafts: StatementDraft[] = [{ sql: isForeignEnum(ctx, e) ? doBlock(create) : create, stage }]
  if (e.comment) drafts.push({ sql: commentSQL(ctx, e), stage })
  return drafts
}

/**
 * `DROP TYPE`, at the drop stage (after the columns using it are gone). A type of another namespace
 * (see {@link createEnumSQL}) is left alone: columns elsewhere may use it.
 *
 * @example
 * ```ts
 * dropEnumSQL(change, ctx) // DROP TYPE "mood"
 * ```
 */
export function dropEnumSQL(change: DropEnumChange, ctx: GeneratorContext): StatementDraft[] {
  if (isForeignEnum(ctx, change.before)) return []
  return [{ sql: `DROP TYPE ${enumName(ctx, change.before)}`, stage: Stage.dropEnum, destructive: true }]
}

/**
 * Values added in place (`ADD VALUE ... BEFORE/AFTER`, each outside the transaction), or the whole
 * type rebuilt when values are removed or reordered; and the comment.
 *
 * @example
 * ```ts
 * alterEnumSQL(change, ctx) // ALTER TYPE "mood" ADD VALUE 'meh' AFTER 'sad'
 * ```
 */
export function alterEnumSQL(change: AlterEnumChange, ctx: GeneratorContext): StatementDraft[] {
  const rebuild = change.changes.includes('values') && (change.removed.length > 0 || change.reordered)
  // A rebuilt type is a new type: it gets the comment with it.
  if (rebuild) return rebuildEnum(change, ctx)
  const drafts = change.changes.includes('values') ? addValues(change, ctx) : []
  if (change.changes.includes('comment')) drafts.push({ sql: commentSQL(ctx, change.after), stage: Stage.comment })
  return drafts
}

function addValues(change: AlterEnumChange, ctx: GeneratorContext): StatementDraft[] {
  const values = change.after.values
  const type = enumName(ctx, change.after)
  return change.added.map((added) => {
    // Each value goes right after its predecessor in the new order (already there, or added just
    // before); the first one goes before the first value that was already there.
    const previous = added.position > 0 ? values[added.position - 1] : undefined
    const place =
      previous !== undefined
        ? ` AFTER ${ctx.dialect.quoteLiteral(previous)}`
        : added.before !== undefined
          ? ` BEFORE ${ctx.dialect.quoteLiteral(added.before)}`
          : ''
    return {
      sql: `ALTER TYPE ${type} ADD VALUE ${ctx.dialect.quoteLiteral(added.value)}${place}`,
      stage: Stage.alterEnum,
      transactional: false,
      reason: ADD_VALUE_REASON,
    }
  })
}

/**
 * Rebuilds an enum type: create `<name>_new`, convert every column through text, drop the old type,
 * rename the new one. It runs with the renames, before them, so it addresses the columns by the names
 * they have in `from`. Converting a column fails on rows holding a removed value: destructive. Checks
 * and indexes whose expressions compare the columns with labels are dropped first and come back last.
 */
function rebuildEnum(change: AlterEnumChange, ctx: GeneratorContext): StatementDraft[] {
  const d = ctx.dialect
  const stage = Stage.renameTable
  const e = change.after
  const temporary = postgresObjectName(e.name, undefined, 'new')
  const newType = enumName(ctx, e, temporary)
  const dependents = (ctx.from?.tables ?? []).map((t) => enumDependents(ctx, t, change.before, stage))
  const drafts: StatementDraft[] = [
    { sql: `CREATE TYPE ${newType} AS ENUM (${valueList(ctx, e.values)})`, stage },
    ...dependents.flatMap((x) => x.drops),
  ]
  const removed = new Set(change.removed)
  const restore: StatementDraft[] = []
  for (const table of ctx.from?.tables ?? []) {
    for (const column of table.columns) {
      if (!usesEnum(column.type, e)) continue
      const target = tableName(ctx, table.name, table.schema)
      const col = d.quoteIdentifier(column.name)
      const alter = (clause: string) => `ALTER TABLE ${target} ALTER COLUMN ${col} ${clause}`
      if (column.default !== undefined) drafts.push({ sql: alter('DROP DEFAULT'), stage })
      const array = column.type.kind === 'array' ? '[]' : ''
      drafts.push({
        sql: alter(`TYPE ${newType}${array} USING ${col}::text${array}::${newType}${array}`),
        stage,
        ...(removed.size > 0 ? { destructive: true } : {}),
      })
      // The default comes back once the type has its name again, unless it names a removed value (the
      // migration then sets the new default itself).
      const label = column.default === undefined ? undefined : normalizeDefault(column.default, { kind: 'text' })
      const removedLabel = label !== undefined && [...removed].some((v) => d.quoteLiteral(v) === label)
      if (column.default !== undefined && !removedLabel) {
        restore.push({ sql: alter(`SET DEFAULT ${renderPostgresDefault(d, column.default, column)}`), stage })
      }
    }
  }
  drafts.push({ sql: `DROP TYPE ${enumName(ctx, change.before)}`, stage })
  drafts.push({ sql: `ALTER TYPE ${newType} RENAME TO ${d.quoteIdentifier(e.name)}`, stage })
  if (e.comment) drafts.push({ sql: commentSQL(ctx, e), stage })
  drafts.push(...restore, ...dependents.flatMap((x) => x.restores))
  return drafts
}
