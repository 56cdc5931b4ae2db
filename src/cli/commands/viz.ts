import { diffSchemas } from '../../dialects/diff-schemas.js'
import { InvalidOptionError } from '../../errors.js'
import { renderTreeText } from '../../format/text-tree.js'
import type { Schema } from '../../model/types.js'
import type { DiagramFocus } from '../../visual/diagram-focus.js'
import { selectDiagramTables } from '../../visual/marked-schema.js'
import { toDot } from '../../visual/to-dot.js'
import { toMermaid } from '../../visual/to-mermaid.js'
import { toMermaidFlowchart } from '../../visual/to-mermaid-flowchart.js'
import { toTree } from '../../visual/to-tree.js'
import { toTreeSvg } from '../../visual/tree-svg.js'
import { UsageError } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import {
  COLOR_OPTIONS,
  MAX_INPUT_OPTION,
  OUTPUT_OPTION,
  SQL_INPUT_OPTIONS,
  STORE_OPTION,
  sqlInputOf,
} from '../common-options.js'
import { diffOptionsOf, RENAME_OPTIONS } from '../diff-report.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { outputWidth, useColor } from '../use-color.js'
import { writeOutput } from '../write-output.js'

const EMPTY: Schema = { tables: [], enums: [] }

const wholeNumber = (flag: string, text: string, min: number): number => {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < min)
    throw new UsageError(`${flag} takes a whole number (${min} or more), got "${text}"`)
  return n
}

/** The diagram focus the flags ask for, or undefined when none of them is given. */
function focusOf(values: {
  depth?: string | undefined
  around?: string[] | undefined
  'max-tables'?: string | undefined
}): DiagramFocus | undefined {
  const { depth, 'max-tables': max } = values
  const around = values.around?.length ? values.around : undefined
  if (depth === undefined && around === undefined && max === undefined) return undefined
  return {
    ...(depth === undefined ? {} : { depth: depth === 'all' ? 'all' : wholeNumber('--depth', depth, 0) }),
    ...(around === undefined ? {} : { around: around.flatMap((a) => a.split(',')).map((a) => a.trim()) }),
    ...(max === undefined ? {} : { maxTables: wholeNumber('--max-tables', max, 1) }),
  }
}

/** What the focus leaves out, with the library's words for the option replaced by the flag's. */
function selectionNote(schema: Schema, options: Parameters<typeof selectDiagramTables>[1]): string {
  try {
    return selectDiagramTables(schema, options).note
  } catch (error) {
    if (error instanceof InvalidOptionError && error.option === 'focus.around')
      throw new UsageError(`--around${error.message.slice('focus.around'.length)}`)
    throw error
  }
}

/**
 * `schemaledger viz <doc> [--diff <other>]`: the schema (and the changes from it to another version)
 * as a Mermaid ER diagram or flowchart, Graphviz DOT, or the change tree as text or SVG.
 *
 * @example
 * ```ts
 * await vizCommand.run({ positionals: ['v1.json'], values: { diff: 'v2.json', format: 'mermaid', ... }, io })
 * ```
 */
export const vizCommand = defineCommand({
  name: 'viz',
  summary: 'diagrams: Mermaid, Graphviz DOT, or the change tree',
  usage: [
    'viz <doc> [--diff <other>] --format mermaid|dot|tree|svg [--flowchart]',
    'viz <doc> [--diff <other>] [--depth <n>|all] [--around <table>] [--max-tables <n>]',
  ],
  description:
    'Draws <doc>. With --diff <other>, draws <other> with the changes from <doc> to it marked (what was\n' +
    'removed is drawn too): the same order as diff <doc> <other>. mermaid is an ER diagram (--flowchart: a\n' +
    'coloured flowchart), dot is Graphviz (dot -Tsvg), tree is the change tree as text, svg the tree as SVG.\n' +
    'Without --diff, the tree shows every object of <doc> as added.\n' +
    'For a large schema, --depth draws only the changed tables (or the --around tables) and the tables\n' +
    'within that many foreign-key steps of them; the diagram says in a comment, and standard error says,\n' +
    'how many tables it left out.',
  arguments: [['<doc>', 'a path, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: 1 },
  options: {
    diff: { type: 'string', value: 'other', description: 'mark the changes from <doc> to this newer version' },
    format: {
      type: 'string',
      value: 'format',
      choices: ['mermaid', 'dot', 'tree', 'svg'],
      default: 'mermaid',
      description: 'diagram format',
    },
    flowchart: { type: 'boolean', description: 'mermaid: a coloured flowchart instead of an ER diagram' },
    columns: {
      type: 'string',
      value: 'which',
      choices: ['all', 'changed', 'none'],
      default: 'all',
      description: 'mermaid: the columns each table lists (changed: those the diff touched)',
    },
    direction: {
      type: 'string',
      value: 'dir',
      choices: ['LR', 'TB'],
      default: 'LR',
      description: 'flowchart: layout direction',
    },
    depth: {
      type: 'string',
      value: 'n|all',
      description: 'mermaid, dot: only tables within <n> foreign-key steps of the changed (or --around) tables',
    },
    around: {
      type: 'string',
      value: 'table',
      multiple: true,
      description: 'mermaid, dot: start from these tables instead of the changed ones (repeat, or a,b)',
    },
    'max-tables': {
      type: 'string',
      value: 'n',
      description: 'mermaid, dot: draw at most <n> tables, nearest first',
    },
    ...RENAME_OPTIONS,
    ...COLOR_OPTIONS,
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['An ER diagram for the docs', 'viz schema.json --format mermaid -o docs/er.mmd'],
    ['What a pull request changes, as a picture', 'viz main.json --diff pr.json --format dot | dot -Tsvg > diff.svg'],
    ['Only the changed columns, coloured', 'viz v1.json --diff v2.json --flowchart --columns changed'],
    ['The change tree in the terminal', 'viz v1.json --diff v2.json --format tree'],
    ['A large schema: the changed tables and their neighbours', 'viz v1.json --diff v2.json --depth 1 --max-tables 40'],
    ['Two steps around one table', 'viz schema.json --around orders --depth 2'],
  ],
  async run({ positionals, values, io }) {
    if (values.flowchart && values.format !== 'mermaid')
      throw new UsageError(`--flowchart is a mermaid diagram; it cannot be combined with --format ${values.format}`)
    const focus = focusOf(values)
    if (focus && (values.format === 'tree' || values.format === 'svg'))
      throw new UsageError(
        `--depth, --around and --max-tables draw diagrams; the ${values.format} format shows changes`,
      )
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    let text: string
    let note: string | undefined
    try {
      const doc = (await reader.read(positionals[0] ?? '')).schema
      const other = values.diff === undefined ? undefined : (await reader.read(values.diff)).schema
      const schema = other ?? doc
      const diff = other ? diffSchemas(doc, other, await diffOptionsOf(values, reader)) : undefined
      const options = { ...(diff ? { diff } : {}), ...(focus ? { focus } : {}) }
      if (focus) note = selectionNote(schema, options)
      // Without --diff the tree is the document seen as created: every object added.
      const tree = () => toTree(diff ?? diffSchemas(EMPTY, doc))
      const toFile = values.output !== undefined && values.output !== '-'
      if (values.format === 'dot') text = toDot(schema, options)
      else if (values.format === 'svg') text = toTreeSvg(tree())
      else if (values.format === 'tree') {
        const lines = renderTreeText(tree(), { color: useColor(io, values, toFile), width: outputWidth(io, toFile) })
        text = (lines.length > 0 ? lines : [other ? 'No changes.' : 'No tables.']).join('\n')
      } else if (values.flowchart) {
        text = toMermaidFlowchart(schema, {
          ...options,
          columns: values.columns as 'all' | 'changed' | 'none',
          direction: values.direction as 'LR' | 'TB',
        })
      } else text = toMermaid(schema, { ...options, columns: values.columns as 'all' | 'changed' | 'none' })
    } finally {
      await reader.dispose()
    }
    await writeOutput(io, text.endsWith('\n') ? text : `${text}\n`, values.output)
    if (note) io.error(`schemaledger viz: ${note}\n`)
    return ExitCode.ok
  },
})
