import type { Dialect } from '../dialects/dialect.js'
import type { DialectImpactFacts } from '../dialects/dialect-facts.js'
import { impactFactsFor } from '../dialects/impact-facts.js'
import { resolveDialect } from '../dialects/index.js'
import type { IntrospectOptions, QueryFunction, Row } from '../dialects/introspect-types.js'
import { tablePath } from '../diff/change-path.js'
import type { ColumnProfile, DataProfile, TableProfile } from '../impact/types.js'
import type { ColumnType } from '../model/column-type.js'
import { typeFamily } from '../model/type-family.js'
import type { Column, Table } from '../model/types.js'
import { introspect } from './index.js'

/**
 * Options of {@link profileDatabase}.
 *
 * @example
 * ```ts
 * const options: ProfileOptions = { dialect: 'postgres', tables: ['users', 'posts'] }
 * ```
 */
export interface ProfileOptions {
  /** Which database the query function talks to. */
  readonly dialect: IntrospectOptions['dialect']
  /** PostgreSQL namespace (default: every namespace); MySQL database (default the connection's current one). */
  readonly schema?: string
  /** Tables to profile, by name (default: every table). */
  readonly tables?: readonly string[]
}

// Types without a usable equality everywhere (PostgreSQL json), or too costly to compare.
const NO_DISTINCT = new Set<ColumnType['kind']>(['json', 'jsonb', 'blob', 'array', 'custom'])

const lengthUnit = (c: Column) =>
  typeFamily(c.type) === 'string' ? 'characters' : typeFamily(c.type) === 'binary' ? 'bytes' : undefined

/** One aggregate query that reads the whole table once: row count, and per column NULLs, distinct values, longest value. */
function profileQuery(d: Dialect, facts: DialectImpactFacts, table: Table): string {
  const from =
    table.schema === undefined
      ? d.quoteIdentifier(table.name)
      : `${d.quoteIdentifier(table.schema)}.${d.quoteIdentifier(table.name)}`
  const parts = [`count(*) AS ${d.quoteIdentifier('rows')}`]
  for (const [i, c] of table.columns.entries()) {
    const name = d.quoteIdentifier(c.name)
    parts.push(`count(${name}) AS ${d.quoteIdentifier(`c${i}_set`)}`)
    if (!NO_DISTINCT.has(c.type.kind)) parts.push(`count(DISTINCT ${name}) AS ${d.quoteIdentifier(`c${i}_distinct`)}`)
    const unit = lengthUnit(c)
    if (unit) parts.push(`max(${facts.lengthExpression(name, unit)}) AS ${d.quoteIdentifier(`c${i}_length`)}`)
  }
  return `SELECT ${parts.join(', ')} FROM ${from}`
}

const numberOf = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value)

function readProfile(table: Table, row: Row): TableProfile {
  const rows = numberOf(row.rows) ?? 0
  const columns: Record<string, ColumnProfile> = {}
  for (const [i, c] of table.columns.entries()) {
    const set = numberOf(row[`c${i}_set`]) ?? 0
    const distinct = numberOf(row[`c${i}_distinct`])
    const maxLength = numberOf(row[`c${i}_length`])
    columns[c.name] = {
      nulls: rows - set,
      ...(distinct === undefined ? {} : { distinct }),
      ...(maxLength === undefined ? {} : { maxLength }),
    }
  }
  return { rows, columns }
}

/**
 * Gathers the numbers `analyzeImpact(diff, { profile })` uses to turn "can fail" into "fails" or
 * "safe": per table the row count, per column the NULL count, distinct values and longest value. One
 * aggregate query per table (each reads the table once); the table list comes from {@link introspect}.
 *
 * @example
 * ```ts
 * import { introspect, profileDatabase } from 'schemaledger/introspect'
 * const profile = await profileDatabase(query, { dialect: 'postgres', tables: ['users'] })
 * const report = analyzeImpact(diffSchemas(live, next), { dialect: 'postgres', from: live, profile })
 * ```
 */
export async function profileDatabase(query: QueryFunction, options: ProfileOptions): Promise<DataProfile> {
  const live = await introspect(query, {
    dialect: options.dialect,
    ...(options.schema ? { schema: options.schema } : {}),
  })
  const d = resolveDialect(options.dialect)
  const facts = impactFactsFor(options.dialect)
  const wanted = options.tables ? new Set(options.tables) : undefined
  const tables: Record<string, TableProfile> = {}
  for (const table of live.tables) {
    if (wanted && !wanted.has(table.name) && !wanted.has(tablePath(table.name, table.schema))) continue
    const [row] = await query(profileQuery(d, facts, table))
    tables[tablePath(table.name, table.schema)] = readProfile(table, row ?? {})
  }
  return { tables }
}
