import { diffSchemas } from '../../dialects/diff-schemas.js'
import { impactFactsFor } from '../../dialects/impact-facts.js'
import { formatSarif } from '../../format/format-sarif.js'
import {
  type FailOn,
  failing,
  formatLintJson,
  formatLintMarkdown,
  formatLintText,
  type LintResult,
} from '../../format/lint-report.js'
import { analyzeImpact } from '../../impact/analyze-impact.js'
import { lintSchema } from '../../impact/lint-schema.js'
import type { NamingOptions } from '../../impact/naming-options.js'
import type { DataProfile, RuleOptions } from '../../impact/types.js'
import { CliInputError, UsageError } from '../cli-errors.js'
import { findingInCliWords } from '../cli-words.js'
import { defineCommand } from '../command.js'
import {
  COLOR_OPTIONS,
  DIALECT_OPTION,
  DIALECT_VERSION_OPTION,
  MAX_INPUT_OPTION,
  OUTPUT_OPTION,
  requireDialect,
  SQL_INPUT_OPTIONS,
  STORE_OPTION,
  sqlInputOf,
} from '../common-options.js'
import { CONFIG_OPTION, ruleOptionsOf, suppressionsOf } from '../config/config-option.js'
import { diffOptionsOf, RENAME_OPTIONS } from '../diff-report.js'
import { documentLines } from '../document-lines.js'
import { ExitCode } from '../exit-codes.js'
import { packageVersion } from '../package-version.js'
import { createDocumentReader } from '../read-document.js'
import { outputWidth, useColor } from '../use-color.js'
import { writeOutput } from '../write-output.js'

const PROFILE_SHAPE = '{"tables": {"users": {"rows": 120000, "columns": {"email": {"nulls": 0, "maxLength": 64}}}}}'

/**
 * Checks the shape of a `--profile` file (what `profileDatabase` returns, saved as JSON).
 *
 * @example
 * ```ts
 * const profile = dataProfile(await reader.readJson('profile.json'), 'profile.json')
 * ```
 */
export function dataProfile(json: unknown, source: string): DataProfile {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  const fail = (why: string) =>
    new CliInputError('invalid_profile', `${source}: ${why}; a profile looks like ${PROFILE_SHAPE}`)
  if (!isObject(json) || !isObject(json.tables)) throw fail('no "tables" object')
  for (const [table, p] of Object.entries(json.tables)) {
    if (!isObject(p) || typeof p.rows !== 'number') throw fail(`tables.${table}.rows must be a number`)
    if (p.columns !== undefined && !isObject(p.columns)) throw fail(`tables.${table}.columns must be an object`)
  }
  return json as unknown as DataProfile
}

const NAMING_KEYS = ['schema', 'table', 'column', 'index', 'foreignKey', 'check', 'constraint', 'enum'] as const

/**
 * Checks a `--naming` file: naming options (see `NamingOptions`) with regular expressions as strings.
 *
 * @example
 * ```ts
 * namingOptions({ table: '^[a-z_]+$' }, 'naming.json') // { table: '^[a-z_]+$' }
 * ```
 */
export function namingOptions(json: unknown, source: string): NamingOptions {
  const fail = (why: string) =>
    new CliInputError('invalid_naming', `${source}: ${why}; naming keys are ${NAMING_KEYS.join(', ')}`)
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('not a JSON object')
  for (const [key, pattern] of Object.entries(json)) {
    if (!(NAMING_KEYS as readonly string[]).includes(key)) throw fail(`unknown key "${key}"`)
    if (typeof pattern !== 'string') throw fail(`"${key}" must be a regular expression as a string`)
    try {
      new RegExp(pattern)
    } catch (error) {
      throw fail(`"${key}" is not a regular expression (${(error as Error).message})`)
    }
  }
  return json as NamingOptions
}

/**
 * `schemaledger lint`: the CI gate. Findings of a change (`<from> <to>`) or of one schema (`<doc>`),
 * grouped by severity, with exit 2 at or above `--fail-on`.
 *
 * @example
 * ```ts
 * const code = await lintCommand.run({ positionals: ['v1.json', 'v2.json'], values: { dialect: 'postgres', 'fail-on': 'danger', ... }, io })
 * ```
 */
export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'impact findings of a change (or of one schema); the CI gate',
  usage: [
    'lint <from> <to> --dialect <name> [--fail-on danger|warning|info|none] [--profile profile.json]',
    'lint <doc> --dialect <name> [--fail-on ...]',
  ],
  description:
    'With two documents, finds what the change does to existing data and running applications: data\n' +
    'loss, failures on real data, long locks, breaking changes (docs/rules.md lists every rule). With one\n' +
    'document, checks the schema itself. Findings are grouped by severity, each with its code, the change,\n' +
    'what happens and the safe alternative. Exit 2 when a finding is at or above --fail-on (default danger).',
  arguments: [
    ['<from>', 'the version the database is at: a path, - for standard input, or store:name@ref'],
    ['<to>', 'the version to migrate to (omit it to lint <from> alone)'],
  ],
  positionals: { min: 1, max: 2 },
  options: {
    ...DIALECT_OPTION,
    ...DIALECT_VERSION_OPTION,
    'fail-on': {
      type: 'string',
      value: 'severity',
      choices: ['danger', 'warning', 'info', 'none'],
      default: 'danger',
      description: 'exit 2 when a finding is at least this severe; none never fails',
    },
    profile: {
      type: 'string',
      value: 'profile.json',
      description: 'row counts and column statistics of the live database, for precise verdicts',
    },
    format: {
      type: 'string',
      value: 'format',
      choices: ['text', 'markdown', 'json', 'sarif'],
      default: 'text',
      description: 'report format',
    },
    naming: {
      type: 'string',
      value: 'naming.json',
      description:
        'naming patterns, e.g. {"table": "^[a-z][a-z0-9_]*$", "index": "^(ix|ux)_"}; each turns its NM rule on',
    },
    explain: { type: 'boolean', description: 'text: also say why each finding matters' },
    disable: { type: 'string', multiple: true, value: 'code', description: 'do not run this rule' },
    enable: { type: 'string', multiple: true, value: 'code', description: 'run this opt-in rule' },
    concurrently: {
      type: 'boolean',
      description: 'the migration builds indexes CONCURRENTLY (as migrate --concurrently)',
    },
    'not-valid': { type: 'boolean', description: 'the migration adds constraints NOT VALID (as migrate --not-valid)' },
    ...RENAME_OPTIONS,
    ...COLOR_OPTIONS,
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
    ...CONFIG_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    [
      'Gate a pull request on data loss',
      'lint schema/main.json schema/pr.json --dialect postgres --dialect-version 15',
    ],
    [
      'Also fail on warnings, with precise verdicts',
      'lint v1.json v2.json --dialect mysql --fail-on warning --profile profile.json',
    ],
    [
      'Comment on the pull request',
      'lint v1.json v2.json --dialect postgres --format markdown -o lint.md --fail-on none',
    ],
    ['Check one schema: keys, indexes, name lengths', 'lint schema.json --dialect postgres'],
    ['Enforce naming patterns', 'lint schema.json --dialect mysql --naming naming.json --fail-on warning'],
    ['Against what production runs', 'lint store:app@prod schema.json --dialect postgres'],
  ],
  async run({ positionals, values, io, config }) {
    const dialect = requireDialect(values.dialect)
    const dialectVersion = values['dialect-version']
    const rules: RuleOptions = ruleOptionsOf(config?.config, { disable: values.disable, enable: values.enable })
    const suppressions = suppressionsOf(config?.config)
    if (values.profile && positionals.length === 1)
      throw new UsageError('--profile describes the data a change meets; it needs <from> and <to>')
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    let result: LintResult
    try {
      const from = await reader.read(positionals[0] ?? '')
      const profile = values.profile ? dataProfile(await reader.readJson(values.profile), values.profile) : undefined
      const naming = values.naming ? namingOptions(await reader.readJson(values.naming), values.naming) : undefined
      const second = positionals[1]
      if (second === undefined) {
        const findings = lintSchema(from.schema, {
          dialect,
          ...(dialectVersion ? { dialectVersion } : {}),
          rules,
          ...(naming ? { naming } : {}),
          ...suppressions,
        })
        // The engine version the rules assumed, as analyzeImpact reports it.
        const version = impactFactsFor(dialect).version(dialectVersion, dialect)
        result = {
          documents: [from.source],
          dialect,
          version: { label: version.label, assumed: version.assumed },
          findings: findings.map(findingInCliWords),
          failOn: values['fail-on'] as FailOn,
        }
      } else {
        const to = await reader.read(second)
        const diff = diffSchemas(from.schema, to.schema, await diffOptionsOf(values, reader, config?.config))
        const report = analyzeImpact(diff, {
          dialect,
          ...(dialectVersion ? { dialectVersion } : {}),
          from: from.schema,
          to: to.schema,
          ...(profile ? { profile } : {}),
          rules,
          ...(naming ? { naming } : {}),
          plan: { concurrently: values.concurrently, notValid: values['not-valid'] },
          ...suppressions,
        })
        result = {
          documents: [from.source, to.source],
          dialect,
          version: report.summary.version,
          findings: report.findings.map(findingInCliWords),
          failOn: values['fail-on'] as FailOn,
          possibleRenames: diff.renameCandidates,
        }
      }
    } finally {
      await reader.dispose()
    }
    const toFile = values.output !== undefined && values.output !== '-'
    const text =
      values.format === 'json'
        ? formatLintJson(result)
        : values.format === 'sarif'
          ? formatSarif(result, {
              toolVersion: packageVersion(),
              lineOf: documentLines(io.cwd, result.documents.at(-1)),
            })
          : values.format === 'markdown'
            ? formatLintMarkdown(result)
            : formatLintText(result, {
                color: useColor(io, values, toFile),
                width: outputWidth(io, toFile),
                explain: values.explain,
              })
    await writeOutput(io, text, values.output)
    return failing(result.findings, result.failOn).length > 0 ? ExitCode.changes : ExitCode.ok
  },
})
