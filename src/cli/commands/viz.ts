import { diffSchemas } from '../../diff/diff-schemas.js'
import { renderTreeText } from '../../format/text-tree.js'
import type { Schema } from '../../model/types.js'
import { toDot } from '../../visual/to-dot.js'
import { toMermaid } from '../../visual/to-mermaid.js'
import { toMermaidFlowchart } from '../../visual/to-mermaid-flowchart.js'
import { toTree } from '../../visual/to-tree.js'
import { toTreeSvg } from '../../visual/tree-svg.js'
import { UsageError } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import { COLOR_OPTIONS, OUTPUT_OPTION, STORE_OPTION } from '../common-options.js'
import { diffOptionsOf, RENAME_OPTIONS } from '../diff-report.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { outputWidth, useColor } from '../use-color.js'
import { writeOutput } from '../write-output.js'

const EMPTY: Schema = { tables: [], enums: [] }

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
  usage: ['viz <doc> [--diff <other>] --format mermaid|dot|tree|svg [--flowchart]'],
  description:
    'Draws <doc>. With --diff <other>, draws <other> with the changes from <doc> to it marked (what was\n' +
    'removed is drawn too): the same order as diff <doc> <other>. mermaid is an ER diagram (--flowchart: a\n' +
    'coloured flowchart), dot is Graphviz (dot -Tsvg), tree is the change tree as text, svg the tree as SVG.\n' +
    'Without --diff, the tree shows every object of <doc> as added.',
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
      description: 'flowchart: the columns each table lists',
    },
    direction: {
      type: 'string',
      value: 'dir',
      choices: ['LR', 'TB'],
      default: 'LR',
      description: 'flowchart: layout direction',
    },
    ...RENAME_OPTIONS,
    ...COLOR_OPTIONS,
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
  },
  examples: [
    ['An ER diagram for the docs', 'viz schema.json --format mermaid -o docs/er.mmd'],
    ['What a pull request changes, as a picture', 'viz main.json --diff pr.json --format dot | dot -Tsvg > diff.svg'],
    ['Only the changed columns, coloured', 'viz v1.json --diff v2.json --flowchart --columns changed'],
    ['The change tree in the terminal', 'viz v1.json --diff v2.json --format tree'],
  ],
  async run({ positionals, values, io }) {
    if (values.flowchart && values.format !== 'mermaid')
      throw new UsageError(`--flowchart is a mermaid diagram; it cannot be combined with --format ${values.format}`)
    const reader = createDocumentReader(io, { storeDir: values.store })
    let text: string
    try {
      const doc = (await reader.read(positionals[0] ?? '')).schema
      const other = values.diff === undefined ? undefined : (await reader.read(values.diff)).schema
      const schema = other ?? doc
      const diff = other ? diffSchemas(doc, other, await diffOptionsOf(values, reader)) : undefined
      const options = diff ? { diff } : {}
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
      } else text = toMermaid(schema, options)
    } finally {
      await reader.dispose()
    }
    await writeOutput(io, text.endsWith('\n') ? text : `${text}\n`, values.output)
    return ExitCode.ok
  },
})
