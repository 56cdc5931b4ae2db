import { indexDisplayName } from '../../diff/change-path.js'
import type { CreateEnumChange, CreateTableChange } from '../../diff/types.js'
import type { SchemaLedgerError } from '../../errors.js'
import type { ColumnType } from '../../model/column-type.js'
import { enumKey } from '../../model/enum-reference.js'
import type { Schema, Table } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { AnalyzerContext, FindingDraft } from '../types.js'

// BP021: what the dialect cannot create. The planner itself is asked (its `unsupported_feature`
// refusals), so lint reports exactly what planMigration and createSchemaSQL would refuse and the
// dialect's knowledge stays in the dialect. Each object is planned alone, into a schema that holds
// only it, so every refused object gets its own finding.

function refusal(path: string, error: SchemaLedgerError, ctx: AnalyzerContext): FindingDraft {
  return {
    path,
    message: `${ctx.version.label} cannot create it: ${error.message}`,
    explanation: `planMigration and createSchemaSQL refuse it for ${ctx.dialect.name} (unsupported_feature) rather than write SQL that would leave the database different from the schema.`,
    fix: { description: 'Leave it out of the schema for this dialect, or write it in a form the dialect has.' },
  }
}

/** The key of the enum a column type names, through arrays. */
function enumOf(type: ColumnType): string | undefined {
  if (type.kind === 'array') return enumOf(type.of)
  return type.kind === 'enum' && type.name !== undefined ? enumKey({ ...type, name: type.name }) : undefined
}

/** Why the planner refuses to create this table (with only these parts), planned alone. */
function tableRefusal(change: CreateTableChange, table: Table, ctx: AnalyzerContext) {
  // The enums its columns use come along, so a dialect that writes them inline (MySQL) has their values.
  const used = new Set(table.columns.map((c) => enumOf(c.type)))
  const enums = (ctx.to?.enums ?? []).filter((e) => used.has(enumKey(e)))
  const target: Schema = { ...ctx.to, tables: [table], enums }
  return ctx.plannerRefusal([{ ...change, after: table }], target)
}

/** Each column, the keys and each index of a created table, judged apart. */
function tableRefusals(change: CreateTableChange, ctx: AnalyzerContext): FindingDraft[] {
  const t = change.after
  const found: FindingDraft[] = []
  // Each column alone in a bare table: what the table itself states (row-level security, policies,
  // grants, partitioning) is judged with the keys, once for the table.
  const bare = { name: t.name, ...(t.schema === undefined ? {} : { schema: t.schema }) }
  const columns = t.columns.filter((column) => {
    const error = tableRefusal(change, { ...bare, columns: [column], constraints: [], indexes: [] }, ctx)
    if (error) found.push(refusal(`${change.path}.${column.name}`, error, ctx))
    return !error
  })
  const keys = tableRefusal(change, { ...t, columns, indexes: [] }, ctx)
  if (keys && found.length === 0) found.push(refusal(change.path, keys, ctx))
  for (const index of t.indexes) {
    const error = tableRefusal(change, { ...bare, columns, constraints: [], indexes: [index] }, ctx)
    if (error) found.push(refusal(`${change.path}.${indexDisplayName(change.table, index)}`, error, ctx))
  }
  return found
}

function enumRefusals(change: CreateEnumChange, ctx: AnalyzerContext): FindingDraft[] {
  const error = ctx.plannerRefusal([change], { tables: [], enums: [change.after] })
  return error ? [refusal(change.path, error, ctx)] : []
}

const unsupportedConstruct = defineAnalyzer({
  code: 'BP021',
  title: 'Something the dialect cannot create',
  dialects: 'all',
  severity: 'danger',
  lint: true,
  docs: {
    bad: 'CREATE UNIQUE INDEX ix_users_active_email ON users (email) WHERE active -- on MySQL/MariaDB',
    why: 'The dialect has no such construct (MySQL/MariaDB: partial indexes, INCLUDE columns, arrays; SQLite: enums, arrays, comments, namespaces, partitioning; PostgreSQL: MySQL invisible columns, partition lists, system versioning), so planMigration and createSchemaSQL refuse the schema: no migration can be written for it.',
    fix: 'Leave it out of the schema for this dialect, or write it in a form the dialect has (a unique key on a generated column instead of a partial unique index, a CHECK instead of an enum).',
  },
  analyze(change, ctx) {
    if (change.kind === 'create_table') return tableRefusals(change, ctx)
    if (change.kind === 'create_enum') return enumRefusals(change, ctx)
    return undefined
  },
})

/** BP021. */
export const dialectSupportAnalyzers = [unsupportedConstruct]
