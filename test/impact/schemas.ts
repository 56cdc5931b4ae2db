import type { AnalyzeImpactOptions, Finding, ImpactReport } from '../../src/impact/index.js'
import { analyzeImpact } from '../../src/impact/index.js'
import type { DiffOptions, Schema } from '../../src/index.js'
import { defineSchema, diffSchemas } from '../../src/index.js'

// Small builders for impact tests: tables from a compact column spec, and an analysis in one call.

type ColumnSpec = Record<string, unknown>

/**
 * A column from `type[!][ auto][ = default]`: `!` is NOT NULL, `auto` auto-increment,
 * `= x` the server default. `{ ... }` objects pass through (identity, generated, collation).
 */
export function column(name: string, spec: string | ColumnSpec): ColumnSpec {
  if (typeof spec !== 'string') return { name, ...spec }
  const m = /^(?<type>[^!=]+?)\s*(?<nn>!)?\s*(?<auto>auto)?\s*(?:=\s*(?<def>.+))?$/.exec(spec)
  if (!m?.groups) throw new Error(`bad column spec ${spec}`)
  const g = m.groups
  return {
    name,
    type: (g.type ?? '').trim(),
    nullable: g.nn === undefined,
    ...(g.auto ? { autoincrement: true } : {}),
    ...(g.def !== undefined ? { default: g.def } : {}),
  }
}

export interface TableOptions {
  readonly schema?: string
  readonly pk?: readonly string[]
  readonly unique?: readonly (readonly string[])[]
  readonly fks?: readonly {
    readonly columns: readonly string[]
    readonly table: string
    readonly ref?: readonly string[]
    readonly onDelete?: string
    readonly name?: string
  }[]
  readonly checks?: readonly { readonly name?: string; readonly expression: string }[]
  readonly indexes?: readonly {
    readonly name?: string
    readonly columns: readonly string[]
    readonly unique?: boolean
    readonly where?: string
  }[]
}

/** A table definition (the `defineSchema` shape); a column spec of `undefined` leaves the column out. */
export function table(name: string, columns: Record<string, string | ColumnSpec | undefined>, o: TableOptions = {}) {
  return {
    name,
    ...(o.schema ? { schema: o.schema } : {}),
    columns: Object.entries(columns).flatMap(([n, s]) => (s === undefined ? [] : [column(n, s)])),
    constraints: [
      ...(o.pk ? [{ type: 'primary_key', columns: o.pk }] : []),
      ...(o.unique ?? []).map((columns) => ({ type: 'unique', columns })),
      ...(o.fks ?? []).map((f) => ({
        type: 'foreign_key',
        columns: f.columns,
        referencedTable: f.table,
        referencedColumns: f.ref ?? ['id'],
        ...(f.onDelete ? { onDelete: f.onDelete } : {}),
        ...(f.name ? { name: f.name } : {}),
      })),
      ...(o.checks ?? []).map((c) => ({ type: 'check', ...c })),
    ],
    indexes: (o.indexes ?? []).map((x) => ({
      ...(x.name ? { name: x.name } : {}),
      columns: x.columns,
      ...(x.unique ? { unique: true } : {}),
      ...(x.where ? { where: x.where } : {}),
    })),
  }
}

type TableDef = ReturnType<typeof table>

/** A schema from tables (and PostgreSQL-style enums). */
export function schema(
  tables: readonly TableDef[],
  enums: readonly { name: string; values: readonly string[] }[] = [],
): Schema {
  return defineSchema({ tables, enums } as unknown as Parameters<typeof defineSchema>[0])
}

/** The blog schema most tests change one thing in. */
export const users = (columns: Record<string, string | ColumnSpec | undefined> = {}, o: TableOptions = {}) =>
  table('users', { id: 'integer!', email: 'varchar(120)!', name: 'varchar(100)', ...columns }, { pk: ['id'], ...o })
export const posts = (columns: Record<string, string | ColumnSpec | undefined> = {}, o: TableOptions = {}) =>
  table(
    'posts',
    { id: 'integer!', user_id: 'integer!', title: 'varchar(200)!', body: 'text', ...columns },
    {
      pk: ['id'],
      fks: [{ columns: ['user_id'], table: 'users' }],
      indexes: [{ name: 'ix_posts_user_id', columns: ['user_id'] }],
      ...o,
    },
  )

export type Options = Partial<AnalyzeImpactOptions> & { readonly diff?: DiffOptions }

/** Analyzes the diff between two schemas on a dialect (the `from` schema is passed along). */
export function analyze(
  from: Schema,
  to: Schema,
  dialect: AnalyzeImpactOptions['dialect'],
  options: Options = {},
): ImpactReport {
  const { diff: diffOptions, ...rest } = options
  return analyzeImpact(diffSchemas(from, to, diffOptions), { dialect, from, ...rest })
}

/** `severity code path` lines, the compact form most assertions compare. */
export const lines = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.change.path}`)
