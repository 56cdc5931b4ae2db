import { describe, expect, it } from 'vitest'
import { formatJson, formatMarkdown, formatSchemaMarkdown, formatText } from '../../src/format/index.js'
import { toDot, toMermaid, toMermaidFlowchart } from '../../src/visual/index.js'
import { golden, loadScenario, SCENARIOS } from './scenarios.js'

// The human-facing outputs of three scenarios, compared byte for byte. Review a changed golden file
// by eye before accepting it (UPDATE_GOLDEN=1 npx vitest run test/golden): these files are the product.
describe.each(SCENARIOS)('golden outputs: %s', (name) => {
  const s = loadScenario(name)
  const report = { findings: s.findings, migration: s.migration, title: s.title }
  const outputs: Record<string, () => string> = {
    'report.txt': () => formatText(s.diff, report),
    'report.md': () => formatMarkdown(s.diff, report),
    'report.json': () => formatJson(s.diff, { findings: s.findings, migration: s.migration }),
    'er.mmd': () => toMermaid(s.to, { diff: s.diff }),
    'flowchart.mmd': () => toMermaidFlowchart(s.to, { diff: s.diff }),
    'schema.dot': () => toDot(s.to, { diff: s.diff }),
    'dictionary.md': () => formatSchemaMarkdown(s.to),
  }
  it.each(Object.keys(outputs))('%s', (file) => {
    const { actual, expected } = golden(name, file, outputs[file]!())
    expect(actual).toBe(expected)
  })
})
