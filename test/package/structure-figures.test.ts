import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The figures of src/'s layout in docs/architecture.md (lines per folder, runtime exports per entry,
// folder cycles) are written by scripts/structure-figures.mjs; this checks they are the measured
// ones. Plain JavaScript, imported by a computed path so the compiler does not type it.
type Figures = { lines: Map<string, number>; exports: Map<string, number>; cycles: string[][] }
type Column = { head: string; figures: Figures }
const script = new URL('../../scripts/structure-figures.mjs', import.meta.url).href
const { BASELINES, columns, documentedBlock, figuresBlock, hasCommit, measureWorkingTree } = (await import(script)) as {
  BASELINES: [string, string, string][]
  columns: (options?: { baselines?: boolean }) => Column[]
  documentedBlock: () => string
  figuresBlock: (columns: Column[]) => string
  hasCommit: (rev: string) => boolean
  measureWorkingTree: () => Figures
}

/** Table row name -> its last cell (the working tree's figure), and the working tree's cycles line. */
function nowColumn(block: string): Map<string, string> {
  const out = new Map<string, string>()
  let table = 0
  for (const line of block.split('\n')) {
    if (line.startsWith('| --- |')) table++
    if (line.startsWith('| ') && !line.startsWith('| --- |')) {
      const cells = line.split('|').map((c) => c.trim())
      out.set(`${table}:${cells[1]}`, cells.at(-2) ?? '')
    }
    if (line.startsWith('- now:')) out.set('cycles', line)
  }
  return out
}

describe('structure figures in docs/architecture.md', () => {
  it('counts the runtime exports that test/package/exports.json pins, entry by entry', () => {
    const pinned = JSON.parse(readFileSync(new URL('exports.json', import.meta.url), 'utf8')) as Record<
      string,
      string[]
    >
    const counted = measureWorkingTree().exports
    expect(Object.fromEntries(counted)).toEqual(
      Object.fromEntries(Object.entries(pinned).map(([entry, names]) => [entry, names.length])),
    )
  })

  it('has no cycle between top-level folders now', () => {
    expect(measureWorkingTree().cycles).toEqual([])
  })

  it('are the measured ones', () => {
    const documented = documentedBlock()
    // A clone without the baseline commits (a shallow one) can check the working tree's column only.
    if (BASELINES.every(([rev]) => hasCommit(rev))) expect(documented).toBe(figuresBlock(columns()))
    const now = nowColumn(figuresBlock(columns({ baselines: false })))
    const shown = nowColumn(documented)
    for (const [row, value] of now) expect([row, shown.get(row)]).toEqual([row, value])
  })
})
