import { builtinAnalyzers } from '../../impact/rules/index.js'
import { isCalendarDate, type Suppression } from '../../impact/suppressions.js'
import type { Severity } from '../../impact/types.js'
import {
  described,
  type Fields,
  fail,
  INVALID,
  type JsonSchema,
  type ObjectShape,
  object,
  optional,
  type Shape,
  type ShapeIssue,
} from '../../model/shape.js'
import { array, oneOf, record, text } from '../../model/shape-values.js'

// The one description of schemaledger.config.json: the loader validates with it and the shipped
// config-schema.json is generated from it (scripts/write-config-schema.mjs; a test keeps it current).

/** A shape that also checks a refinement of a value of the right type. */
function refined<T>(shape: Shape<T>, test: (value: T) => string | undefined, json: JsonSchema = {}): Shape<T> {
  return {
    parse: (value, issues) => {
      const out = shape.parse(value, issues)
      if (out === INVALID) return out
      const why = test(out)
      return why === undefined ? out : fail(issues, { code: 'invalid_value', path: [], message: why, soft: true })
    },
    toJson: (defs) => ({ ...shape.toJson(defs), ...json }),
  }
}

/** An object shape that rejects keys it does not describe (a config typo must not pass silently). */
function strict<F extends Fields>(shape: ObjectShape<F>): ObjectShape<F> {
  return {
    ...shape,
    parse: (value, issues) => {
      const unknown: ShapeIssue[] = []
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const key of Object.keys(value)) {
          if (!shape.position.has(key))
            unknown.push({
              code: 'unrecognized_keys',
              path: [key],
              message: `Unknown key "${key}" (known keys: ${shape.keys.join(', ')})`,
              soft: false,
            })
        }
      }
      const out = shape.parse(value, issues)
      if (unknown.length === 0) return out
      issues.push(...unknown)
      return INVALID
    },
    toJson: (defs) => ({ ...shape.toJson(defs), additionalProperties: false }),
  }
}

const RULE_CODES: readonly string[] = builtinAnalyzers.map((a) => a.code)

const ruleCode = refined(
  text({ trim: true, min: 1 }),
  (code) => (RULE_CODES.includes(code) ? undefined : `Unknown rule code "${code}" (docs/rules.md lists them)`),
  { enum: RULE_CODES },
)

const severity = oneOf('danger', 'warning', 'info')

const date = refined(
  text(),
  (value) => (isCalendarDate(value) ? undefined : `Expected a date as YYYY-MM-DD, got "${value}"`),
  { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
)

const nameMap = record(text({ trim: true, min: 1 }))

/** The rename hints: as the `--renames` file holds them. @internal */
export const renamesShape = strict(
  object({
    tables: described('Table renames, old name to new name.', optional(nameMap)),
    columns: described('Column renames, "table.old" to the new column name.', optional(nameMap)),
  }),
)

/** Rules turned off or on and severity overrides, by code. @internal */
export const rulesShape = strict(
  object({
    disable: described('Rules not to run, by code.', optional(array(ruleCode))),
    enable: described('Opt-in rules to run, by code.', optional(array(ruleCode))),
    severity: described(
      'Another severity for every finding of a rule, by code.',
      optional(
        refined(
          record(severity),
          (map) => {
            const bad = Object.keys(map).find((code) => !RULE_CODES.includes(code))
            return bad === undefined ? undefined : `Unknown rule code "${bad}" (docs/rules.md lists them)`
          },
          { propertyNames: { enum: RULE_CODES } },
        ),
      ),
    ),
  }),
)

/** One accepted finding. @internal */
export const suppressionShape = strict(
  object({
    code: described('The rule code of the finding.', ruleCode),
    path: described(
      'The object path the finding is about, or a glob: `users.email`, `audit_*.*` (`*` stays within one dotted part, `**` spans them).',
      text({ trim: true, min: 1 }),
    ),
    reason: described('Why the finding is accepted (shown in every report).', text({ trim: true, min: 1 })),
    until: described(
      'Last day the suppression holds (YYYY-MM-DD, UTC); after it the findings come back with an SP001 finding.',
      optional(date),
    ),
  }),
)

/** The whole file. @internal */
export const configShape = strict(
  object({
    $schema: described('The JSON Schema of this file, for editors.', optional(text())),
    dialect: described(
      'Default target database for lint, diff, migrate and sql.',
      optional(oneOf('postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite')),
    ),
    dialectVersion: described('Default server version of the target (15, 8.0.12, 10.11-MariaDB).', optional(text())),
    store: described('Where store:name@ref documents come from.', optional(text({ trim: true, min: 1 }))),
    renames: described('Rename hints applied to every diff.', optional(renamesShape)),
    rules: described('Rules turned off or on, and severity overrides.', optional(rulesShape)),
    suppressions: described(
      'Findings accepted after review: still reported, marked suppressed, never failing a gate.',
      optional(array(suppressionShape)),
    ),
  }),
)

/**
 * A parsed `schemaledger.config.json`.
 *
 * @example
 * ```ts
 * const config: SchemaledgerConfig = { dialect: 'postgres', suppressions: [{ code: 'DS003', path: 'users.email', reason: 'reviewed' }] }
 * ```
 */
export interface SchemaledgerConfig {
  readonly dialect?: string
  readonly dialectVersion?: string
  readonly store?: string
  readonly renames?: {
    readonly tables?: Readonly<Record<string, string>>
    readonly columns?: Readonly<Record<string, string>>
  }
  readonly rules?: {
    readonly disable?: readonly string[]
    readonly enable?: readonly string[]
    readonly severity?: Readonly<Record<string, Severity>>
  }
  readonly suppressions?: readonly Suppression[]
}

/**
 * The JSON Schema (draft 2020-12) of `schemaledger.config.json`, shipped as
 * `schemaledger/config-schema.json`.
 *
 * @example
 * ```ts
 * writeFileSync('config-schema.json', JSON.stringify(configJsonSchema(), null, 2))
 * ```
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://schemaledger.dev/config-schema.json',
    title: 'schemaledger.config.json',
    ...configShape.toJson(),
  }
}
