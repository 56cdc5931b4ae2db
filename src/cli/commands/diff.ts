import type { ReportUnmodelled } from '../../format/report-options.js'
import { defineCommand } from '../command.js'
import { MAX_INPUT_OPTION, SQL_INPUT_OPTIONS, STORE_OPTION, sqlInputOf } from '../common-options.js'
import { CONFIG_OPTION } from '../config/config-option.js'
import { DIFF_REPORT_OPTIONS, diffAndReport } from '../diff-report.js'
import { createDocumentReader, type LoadedDocument } from '../read-document.js'

/** What the two sides' databases hold that their schemas do not; undefined when neither was read from SQL. */
function unmodelledOf(from: LoadedDocument, to: LoadedDocument): ReportUnmodelled[] | undefined {
  if (!from.unmodelled && !to.unmodelled) return undefined
  return [
    ...(from.unmodelled ?? []).map((u) => ({ ...u, side: 'from' as const })),
    ...(to.unmodelled ?? []).map((u) => ({ ...u, side: 'to' as const })),
  ]
}

/**
 * `schemaledger diff <from> <to>`: what changed, as text, Markdown, JSON or HTML; with `--dialect`,
 * the findings and the migration too.
 *
 * @example
 * ```ts
 * await diffCommand.run({ positionals: ['v1.json', 'v2.json'], values, io })
 * ```
 */
export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'what changed between two schema versions (text, markdown, json, html, sarif)',
  usage: [
    'diff <from> <to> [--format text|markdown|json|html|sarif] [--dialect <name>] [--exit-code]',
    'diff <from> <to> [--renames file.json] [--rename table.column=new]... [--rename-table old=new]...',
  ],
  description:
    'Compares two documents and prints every change. Renames are never guessed silently: likely ones are\n' +
    'listed as possible renames; confirm them with --rename / --rename-table / --renames, or apply the\n' +
    'confident ones with --infer-renames apply. With --dialect the report adds the impact findings and the\n' +
    'migration SQL for that database. --exit-code exits 2 when there are changes (like git diff --exit-code).',
  arguments: [
    ['<from>', 'the older version: a path, - for standard input, or store:name@ref'],
    ['<to>', 'the newer version'],
  ],
  positionals: { min: 2, max: 2 },
  options: { ...DIFF_REPORT_OPTIONS, ...STORE_OPTION, ...MAX_INPUT_OPTION, ...CONFIG_OPTION, ...SQL_INPUT_OPTIONS },
  examples: [
    ['Review a change in the terminal', 'diff schema/v1.json schema/v2.json'],
    ['A pull-request comment with findings and SQL', 'diff v1.json v2.json --dialect postgres --format markdown'],
    ['Confirm that posts.content became posts.body', 'diff v1.json v2.json --rename posts.content=body'],
    ['Confirm a table rename', 'diff v1.json v2.json --rename-table people=users'],
    ['Fail a script when the schema drifted', 'diff store:app@prod schema.json --exit-code'],
    ['A browsable report', 'diff v1.json v2.json --dialect mysql --format html -o report.html'],
  ],
  async run({ positionals, values, io, config }) {
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    try {
      const from = await reader.read(positionals[0] ?? '')
      const to = await reader.read(positionals[1] ?? '')
      const unmodelled = unmodelledOf(from, to)
      return await diffAndReport(io, reader, from.schema, to.schema, values, {
        config: config?.config ?? {},
        documents: [from.source, to.source],
        ...(unmodelled ? { unmodelled } : {}),
      })
    } finally {
      await reader.dispose()
    }
  },
})
