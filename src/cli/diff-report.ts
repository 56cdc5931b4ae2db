import { diffSchemas } from '../dialects/diff-schemas.js'
import type { Migration } from '../dialects/types.js'
import { isEmptyDiff } from '../diff/summarize-diff.js'
import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import { isSchemaLedgerError } from '../errors.js'
import { formatHtml } from '../format/format-html.js'
import { formatJson } from '../format/format-json.js'
import { formatMarkdown } from '../format/format-markdown.js'
import { formatSarif } from '../format/format-sarif.js'
import { formatText } from '../format/format-text.js'
import type { ReportUnmodelled } from '../format/report-options.js'
import { analyzeImpact } from '../impact/analyze-impact.js'
import type { Schema } from '../model/types.js'
import { planMigration } from '../sql/plan-migration.js'
import { UsageError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'
import { findingInCliWords } from './cli-words.js'
import type { OptionSpec, OptionValues } from './command.js'
import {
  COLOR_OPTIONS,
  DIALECT_OPTION,
  DIALECT_VERSION_OPTION,
  dialectFlag,
  majorVersion,
  OUTPUT_OPTION,
} from './common-options.js'
import type { SchemaledgerConfig } from './config/config-description.js'
import { ruleOptionsOf, suppressionsOf } from './config/config-option.js'
import { documentLines } from './document-lines.js'
import { ExitCode } from './exit-codes.js'
import { packageVersion } from './package-version.js'
import type { DocumentReader } from './read-document.js'
import { renameHints } from './rename-hints.js'
import { outputWidth, useColor } from './use-color.js'
import { writeOutput } from './write-output.js'

/**
 * The rename flags of every command that diffs two documents (`diff`, `migrate`, `lint`, `store diff`).
 *
 * @example
 * ```ts
 * const options = { ...RENAME_OPTIONS, ...DIALECT_OPTION }
 * ```
 */
export const RENAME_OPTIONS = {
  renames: {
    type: 'string',
    value: 'file.json',
    description: 'rename hints: {"tables": {"old": "new"}, "columns": {"table.old": "new"}}',
  },
  rename: {
    type: 'string',
    multiple: true,
    value: 'table.column=new',
    description: 'a column rename (the table by its old or new name)',
  },
  'rename-table': { type: 'string', multiple: true, value: 'old=new', description: 'a table rename' },
  'infer-renames': {
    type: 'string',
    value: 'mode',
    choices: ['suggest', 'apply', 'off'],
    default: 'suggest',
    description: 'likely renames: report them, apply the confident ones, or do not look',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * The flags of `diff` and `store diff`: the report's format and target, renames, `--exit-code`.
 *
 * @example
 * ```ts
 * const options = { ...DIFF_REPORT_OPTIONS, ...STORE_OPTION }
 * ```
 */
export const DIFF_REPORT_OPTIONS = {
  format: {
    type: 'string',
    value: 'format',
    choices: ['text', 'markdown', 'json', 'html', 'sarif'],
    default: 'text',
    description: 'report format',
  },
  ...RENAME_OPTIONS,
  ...DIALECT_OPTION,
  ...DIALECT_VERSION_OPTION,
  title: { type: 'string', value: 'text', description: 'a heading for the report' },
  'exit-code': { type: 'boolean', description: 'exit 2 when there are changes, 0 when there are none' },
  ...COLOR_OPTIONS,
  ...OUTPUT_OPTION,
} as const satisfies Record<string, OptionSpec>

type DiffReportValues = OptionValues<typeof DIFF_REPORT_OPTIONS>

/**
 * The diff options the flags ask for (reading the `--renames` file).
 *
 * @example
 * ```ts
 * const diff = diffSchemas(from, to, await diffOptionsOf(values, reader))
 * ```
 */
export async function diffOptionsOf(
  values: OptionValues<typeof RENAME_OPTIONS>,
  reader: DocumentReader,
  config?: SchemaledgerConfig,
): Promise<DiffOptions> {
  const file = values.renames ? { source: values.renames, json: await reader.readJson(values.renames) } : undefined
  const given = renameHints(file, values.rename, values['rename-table'])
  // The config's hints hold for every diff; a --renames file or a flag overrides one of them.
  const tables = { ...config?.renames?.tables, ...given?.tables }
  const columns = { ...config?.renames?.columns, ...given?.columns }
  const renames =
    Object.keys(tables).length + Object.keys(columns).length > 0
      ? {
          ...(Object.keys(tables).length > 0 ? { tables } : {}),
          ...(Object.keys(columns).length > 0 ? { columns } : {}),
        }
      : undefined
  return {
    ...(renames ? { renames } : {}),
    inferRenames: values['infer-renames'] as NonNullable<DiffOptions['inferRenames']>,
  }
}

/**
 * Renders a diff in the asked-for format (with findings and the migration when `--dialect` is given),
 * writes it, and returns the exit code (2 for changes under `--exit-code`).
 *
 * @example
 * ```ts
 * return writeDiffReport(io, 'diff', diffSchemas(from, to), from, to, values)
 * ```
 */
export async function writeDiffReport(
  io: CliIO,
  command: string,
  diff: SchemaDiff,
  from: Schema,
  to: Schema,
  values: DiffReportValues,
  config?: SchemaledgerConfig,
  /** The document arguments, `[from, to]`, that SARIF results point at. */
  documents?: readonly string[],
  /** What the sides' databases hold that their schemas do not (documents read from SQL). */
  unmodelled?: readonly ReportUnmodelled[],
): Promise<number> {
  const dialect = dialectFlag(values.dialect)
  const dialectVersion = values['dialect-version']
  if (values.format === 'sarif' && !dialect)
    throw new UsageError('--format sarif reports the findings of a change; it needs --dialect')
  const findings = dialect
    ? analyzeImpact(diff, {
        dialect,
        ...(dialectVersion ? { dialectVersion } : {}),
        from,
        to,
        rules: ruleOptionsOf(config),
        ...suppressionsOf(config),
      }).findings.map(findingInCliWords)
    : undefined
  const major = majorVersion(dialectVersion)
  let migration: Migration | undefined
  try {
    migration = dialect
      ? planMigration(diff, { dialect, from, to, ...(major !== undefined ? { dialectVersion: major } : {}) })
      : undefined
  } catch (error) {
    // The report is still worth reading without SQL; `migrate` is where planning errors stop the run.
    if (!isSchemaLedgerError(error)) throw error
    io.error(`schemaledger ${command}: warning: no ${dialect} migration in the report: ${error.message}\n`)
  }
  const report = {
    ...(findings ? { findings } : {}),
    ...(migration ? { migration } : {}),
    ...(values.title ? { title: values.title } : {}),
    ...(unmodelled ? { unmodelled } : {}),
  }
  const toFile = values.output !== undefined && values.output !== '-'
  const text =
    values.format === 'markdown'
      ? formatMarkdown(diff, report)
      : values.format === 'json'
        ? formatJson(diff, {
            ...(findings ? { findings } : {}),
            ...(migration ? { migration } : {}),
            ...(unmodelled ? { unmodelled } : {}),
          })
        : values.format === 'html'
          ? formatHtml(diff, { ...report, schema: to })
          : values.format === 'sarif'
            ? formatSarif(
                { documents: documents ?? [], findings: findings ?? [], ...(unmodelled ? { unmodelled } : {}) },
                {
                  toolVersion: packageVersion(),
                  lineOf: documentLines(io.cwd, documents?.at(-1)),
                },
              )
            : formatText(diff, { ...report, color: useColor(io, values, toFile), width: outputWidth(io, toFile) })
  await writeOutput(io, text, values.output)
  return values['exit-code'] && !isEmptyDiff(diff) ? ExitCode.changes : ExitCode.ok
}

/**
 * Diffs two loaded documents with the flags' options and writes the report.
 *
 * @example
 * ```ts
 * return diffAndReport(io, reader, await reader.read(a), await reader.read(b), values)
 * ```
 */
export async function diffAndReport(
  io: CliIO,
  reader: DocumentReader,
  from: Schema,
  to: Schema,
  values: DiffReportValues,
  config?: {
    readonly config: SchemaledgerConfig
    readonly documents: readonly string[]
    /** What the sides' databases hold that their schemas do not, when a side was read from SQL. */
    readonly unmodelled?: readonly ReportUnmodelled[]
  },
): Promise<number> {
  const diff = diffSchemas(from, to, await diffOptionsOf(values, reader, config?.config))
  return writeDiffReport(io, 'diff', diff, from, to, values, config?.config, config?.documents, config?.unmodelled)
}
