import type { Dialect } from '../dialects/dialect.js'
import type { DialectImpactFacts, EngineVersion } from '../dialects/dialect-facts.js'
import type { Statement } from '../dialects/types.js'
import { tablePath } from '../diff/change-path.js'
import { addedColumns, findTable, previousTableName, tableKey } from '../diff/change-scope.js'
import type { SchemaChange, SchemaDiff } from '../diff/types.js'
import { isSchemaLedgerError } from '../errors.js'
import type { Schema } from '../model/types.js'
import { planChanges } from '../sql/plan-migration.js'
import { type NameKind, SNAKE_CASE } from './naming-options.js'
import type { AnalyzerContext, DataProfile, DeployPhase } from './types.js'

/** Inputs of {@link makeAnalyzerContext}. @internal */
export interface ContextInputs {
  readonly dialect: Dialect
  readonly facts: DialectImpactFacts
  readonly version: EngineVersion
  readonly diff: SchemaDiff
  readonly from: Schema | undefined
  readonly to: Schema | undefined
  readonly profile: DataProfile | undefined
  readonly plan: { readonly concurrently: boolean; readonly notValid: boolean }
  readonly enabled: ReadonlySet<string>
  readonly phases: ReadonlyMap<SchemaChange, DeployPhase>
  /** Naming patterns the caller gave, by kind. */
  readonly namePatterns: ReadonlyMap<NameKind, RegExp>
}

/** The version number the SQL planner reads (`15`, `8.0`, `10.11`). */
const plannerVersion = (v: EngineVersion) => Number(`${v.major}.${v.minor}`)

/** Builds the context every analyzer of one analysis shares. @internal */
export function makeAnalyzerContext(inputs: ContextInputs): AnalyzerContext {
  const { dialect, facts, version, diff, from, to, profile, plan } = inputs
  const changes = diff.changes
  const created = new Set(changes.flatMap((c) => (c.kind === 'create_table' ? [tableKey(c.table, c.schema)] : [])))
  const plannerOptions = { ...plan, dialectVersion: plannerVersion(version) }
  let migration: readonly Statement[] | null | undefined
  // The whole diff, planned once on first use, as the caller will run it.
  const plannedMigration = () => {
    if (migration === undefined) {
      try {
        migration = planChanges(changes, dialect, plannerOptions, from, to)
      } catch {
        migration = null
      }
    }
    return migration ?? undefined
  }
  const tableProfile = (table: string, schema?: string) => {
    const tables = profile?.tables ?? {}
    const keys = [tablePath(previousTableName(changes, table, schema), schema), tablePath(table, schema)]
    const key = keys.find((k) => Object.hasOwn(tables, k))
    return key === undefined ? undefined : tables[key]
  }
  return {
    dialect,
    facts,
    version,
    diff,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    plan,
    isNewTable: (table, schema) => created.has(tableKey(table, schema)),
    addedColumn: (table, column, schema) => addedColumns(changes, table, schema).get(column),
    sourceTable: (table, schema) => findTable(from, previousTableName(changes, table, schema), schema),
    targetTable: (table, schema) => findTable(to, table, schema),
    tableProfile,
    columnProfile: (table, column, schema) => {
      const columns = tableProfile(table, schema)?.columns ?? {}
      return Object.hasOwn(columns, column) ? columns[column] : undefined
    },
    isEnabled: (code) => inputs.enabled.has(code),
    namePattern: (kind) => inputs.namePatterns.get(kind) ?? SNAKE_CASE,
    phase: (change) => inputs.phases.get(change) ?? 'expand',
    planned: (change) =>
      plannedMigration()?.filter((s) => s.change?.kind === change.kind && s.change.path === change.path),
    plannerRefusal: (list, target) => {
      try {
        planChanges(list, dialect, plannerOptions, target ? undefined : from, target ?? to)
        return undefined
      } catch (error) {
        return isSchemaLedgerError(error) && error.code === 'unsupported_feature' ? error : undefined
      }
    },
    planSql: (list, options = {}) => {
      try {
        const planOptions = { ...options, dialectVersion: plannerVersion(version) }
        return planChanges(list, dialect, planOptions, from, to).map((s) => s.sql)
      } catch {
        // A custom dialect without the generator, or schemas missing where a rebuild needs them.
        return undefined
      }
    },
  }
}
