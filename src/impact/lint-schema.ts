import type { Dialect } from '../dialects/dialect.js'
import type { DialectImpactFacts } from '../dialects/dialect-facts.js'
import type { DialectAlias } from '../dialects/dialect-names.js'
import { diffSchemas } from '../dialects/diff-schemas.js'
import type { Schema } from '../model/types.js'
import type { NamingOptions } from './naming-options.js'
import { runAnalyzers } from './run-analyzers.js'
import { applySuppressions, type Suppression } from './suppressions.js'
import type { Finding, RuleOptions } from './types.js'

/**
 * Options of {@link lintSchema}: the target database and the rule selection, exactly as
 * {@link analyzeImpact} takes them.
 *
 * @example
 * ```ts
 * const options: LintSchemaOptions = { dialect: 'postgres', rules: { enable: ['BP004'], disable: ['BP007'] }, naming: { table: '^[a-z_]+$' } }
 * ```
 */
export interface LintSchemaOptions {
  /** Target database: `postgres`, `mysql`, `mariadb`, `sqlite`, or a {@link Dialect}. */
  readonly dialect: Dialect | DialectAlias
  /** Target server version; rules that depend on it assume the dialect's default when omitted. */
  readonly dialectVersion?: string | number
  /**
   * Which rules run: `disable` and `enable` (opt-in rules) by code, `severity` overrides, and your own
   * `defineAnalyzer` rules in `add` (those with `lint: true` run here). Codes of rules that only judge
   * changes are accepted and have no effect, so one rule set serves analyzeImpact and lintSchema.
   */
  readonly rules?: RuleOptions
  /** Naming patterns; each pattern turns its NM rule on. */
  readonly naming?: NamingOptions
  /** Impact facts for a custom dialect (built-in dialects have theirs). */
  readonly facts?: DialectImpactFacts
  /** Findings accepted after review: marked `suppressed`, still reported (see `applySuppressions`). */
  readonly suppressions?: readonly Suppression[]
  /** The day expiry dates are compared with (`YYYY-MM-DD`); today (UTC) when omitted. */
  readonly today?: string
}

const EMPTY: Schema = { tables: [], enums: [] }

/**
 * Checks one schema version against the design and naming rules (BP, NM): tables without a primary
 * key, foreign keys without an index, duplicate and redundant indexes, names longer than the dialect
 * allows or off your naming patterns, and the opt-in type preferences. The schema is linted as if
 * every table and enum were created, by the same rules analyzeImpact runs on `create_table`; each
 * finding names its object in `path` (`users.email`, `users.ix_users_email`) and the create change it
 * belongs to in `change`. Findings come in schema order (enums, then tables by name), then by path
 * and code. Pure: no database is contacted.
 *
 * @example
 * ```ts
 * const findings = lintSchema(parseSchema(doc), { dialect: 'postgres', rules: { enable: ['BP001', 'BP004'] } })
 * for (const f of findings) console.log(f.severity, f.code, f.path, f.message)
 * ```
 */
export function lintSchema(schema: Schema, options: LintSchemaOptions): Finding[] {
  const diff = diffSchemas(EMPTY, schema)
  const run = runAnalyzers(
    diff,
    {
      dialect: options.dialect,
      from: EMPTY,
      to: schema,
      ...(options.dialectVersion !== undefined ? { dialectVersion: options.dialectVersion } : {}),
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.naming ? { naming: options.naming } : {}),
      ...(options.facts ? { facts: options.facts } : {}),
    },
    (analyzer) => analyzer.lint === true,
  )
  const findings = [...run.findings]
    .sort((a, b) => a.changeIndex - b.changeIndex || compare(a.path, b.path) || compare(a.finding.code, b.finding.code))
    .map(({ finding: f, path }) => ({
      code: f.code,
      severity: f.severity,
      change: f.change,
      path,
      message: f.message,
      explanation: f.explanation,
      fix: f.fix,
      dialect: f.dialect,
    }))
  return applySuppressions(
    findings,
    options.suppressions ?? [],
    options.today !== undefined ? { today: options.today } : {},
  )
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
