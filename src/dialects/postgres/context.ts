import type { Schema, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { qualifiedName } from '../render.js'

// Small questions PostgreSQL generators ask about the migration they are part of.

/**
 * The planner's key of a table (`schema\0name`), as used by `ctx.createdTables`.
 *
 * @example
 * ```ts
 * tableKey('invoices', 'billing') // 'billing\u0000invoices'
 * ```
 * @internal
 */
export const tableKey = (table: string, schema?: string) => `${schema ?? ''}\u0000${table}`

/**
 * Whether the table is created by this migration (so it is empty and nobody uses it yet).
 *
 * @example
 * ```ts
 * isCreatedTable(ctx, 'tags') // true when this migration creates "tags"
 * ```
 * @internal
 */
export const isCreatedTable = (ctx: GeneratorContext, table: string, schema?: string) =>
  ctx.createdTables.has(tableKey(table, schema))

/**
 * `"schema"."table"` or `"table"`.
 *
 * @example
 * ```ts
 * tableName(ctx, 'invoices', 'billing') // '"billing"."invoices"'
 * ```
 * @internal
 */
export const tableName = (ctx: GeneratorContext, table: string, schema?: string) =>
  qualifiedName(ctx.dialect, table, schema)

/**
 * The `to` version of a table, or undefined when the caller did not pass the schemas.
 *
 * @example
 * ```ts
 * targetTableOrUndefined(ctx, 'users')?.columns
 * ```
 * @internal
 */
export function targetTableOrUndefined(ctx: GeneratorContext, table: string, schema?: string): Table | undefined {
  if (!ctx.to) return undefined
  try {
    return ctx.targetTable(table, schema)
  } catch {
    return undefined
  }
}

/**
 * The `from` version of a table (looked up by its new name), or undefined when unknown.
 *
 * @example
 * ```ts
 * sourceTableOrUndefined(ctx, 'users')?.constraints // as in `from`, found by the new name
 * ```
 * @internal
 */
export function sourceTableOrUndefined(ctx: GeneratorContext, table: string, schema?: string): Table | undefined {
  if (!ctx.from) return undefined
  try {
    return ctx.sourceTable(table, schema)
  } catch {
    return undefined
  }
}

/**
 * The namespace of the enum type `name`, found in the schemas the migration goes between: none when
 * the default namespace has one of that name (as a bare name means there), else the first one's.
 *
 * @example
 * ```ts
 * enumNamespace([to, from], 'state') // 'billing'
 * ```
 * @internal
 */
export function enumNamespace(schemas: readonly (Schema | undefined)[], name: string): string | undefined {
  const all = schemas.flatMap((s) => s?.enums.filter((e) => e.name === name) ?? [])
  return all.some((e) => e.schema === undefined) ? undefined : all[0]?.schema
}
