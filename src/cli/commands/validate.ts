import type { ValidationIssue } from '../../errors.js'
import type { Schema } from '../../model/types.js'
import { CliInputError, InvalidDocumentError, invalidDocumentHeadline, issueLine } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import { MAX_INPUT_OPTION, SQL_INPUT_OPTIONS, STORE_OPTION, sqlInputOf } from '../common-options.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`

/**
 * What a valid document holds, in one line.
 *
 * @example
 * ```ts
 * schemaContents(schema) // '3 tables, 12 columns, 5 constraints, 2 indexes, 1 enum'
 * ```
 */
export function schemaContents(s: Schema): string {
  const count = (f: (t: Schema['tables'][number]) => number) => s.tables.reduce((n, t) => n + f(t), 0)
  return [
    plural(s.tables.length, 'table'),
    plural(
      count((t) => t.columns.length),
      'column',
    ),
    plural(
      count((t) => t.constraints.length),
      'constraint',
    ),
    plural(
      count((t) => t.indexes.length),
      'index',
    ),
    plural(s.enums.length, 'enum'),
  ].join(', ')
}

interface Verdict {
  readonly document: string
  readonly valid: boolean
  readonly contents?: string
  readonly issues: readonly ValidationIssue[]
  /** Why the document could not be read at all. */
  readonly error?: string
}

/**
 * `schemaledger validate <doc>...`: checks documents and prints every problem with its path.
 *
 * @example
 * ```ts
 * await validateCommand.run({ positionals: ['v1.json'], values: { format: 'text', store: '.schemaledger', help: false }, io })
 * ```
 */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check schema documents; print every problem with its path',
  usage: ['validate <doc>... [--format text|json]'],
  description:
    'Validates each document (SQLAlchemy or canonical shape): types, names, references. Valid documents are\n' +
    'listed on standard output with what they hold; each problem of an invalid one is printed on standard\n' +
    'error as "file: path: message [code]". Exit 1 when any document is invalid or unreadable.',
  arguments: [['<doc>...', 'documents: paths, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  options: {
    format: {
      type: 'string',
      value: 'format',
      choices: ['text', 'json'],
      default: 'text',
      description: 'text, or one JSON verdict per document on standard output',
    },
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['Check the documents of a directory', 'validate schema/*.json'],
    ['Check a document on standard input', 'introspect --url "$DATABASE_URL" | schemaledger validate -'],
    ['Machine-readable verdicts', 'validate schema/v3.json --format json'],
  ],
  async run({ positionals, values, io }) {
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    const verdicts: Verdict[] = []
    try {
      for (const argument of positionals) {
        try {
          const { schema, source } = await reader.read(argument)
          verdicts.push({ document: source, valid: true, contents: schemaContents(schema), issues: [] })
        } catch (error) {
          if (error instanceof InvalidDocumentError)
            verdicts.push({ document: error.source, valid: false, issues: error.issues })
          else if (error instanceof CliInputError)
            verdicts.push({
              document: argument === '-' ? '<stdin>' : argument,
              valid: false,
              issues: [{ code: error.code, path: '', message: error.message }],
              error: error.message,
            })
          else throw error
        }
      }
    } finally {
      await reader.dispose()
    }
    if (values.format === 'json') {
      const json = {
        format: 'schemaledger-validate/1',
        documents: verdicts.map((v) => ({
          document: v.document,
          valid: v.valid,
          issues: v.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
        })),
      }
      io.write(`${JSON.stringify(json, null, 2)}\n`)
    } else {
      for (const v of verdicts) {
        if (v.valid) io.write(`${v.document}: valid (${v.contents})\n`)
        else if (v.error) io.error(`schemaledger validate: ${v.error}\n`)
        else
          io.error(
            `${[
              `schemaledger validate: ${invalidDocumentHeadline(v.document, v.issues.length)}`,
              ...v.issues.map((i) => issueLine(v.document, i)),
            ].join('\n')}\n`,
          )
      }
    }
    return verdicts.every((v) => v.valid) ? ExitCode.ok : ExitCode.error
  },
})
