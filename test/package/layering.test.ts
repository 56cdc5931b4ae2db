/**
 * The layers of src/ (docs/architecture.md): each top-level folder may import only the folders
 * listed for it, and no two folders import each other, directly or through others.
 */
import { describe, expect, it } from 'vitest'
import { folderCycles, folderGraph, importEdges, topFolder } from './import-graph.js'

/** Folder → the folders it may import. Lower layers first; a new folder must be added here. */
const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  'sql-text': ['errors', 'model'],
  model: ['errors'],
  diff: ['errors', 'model', 'sql-text'],
  dialects: ['errors', 'model', 'sql-text', 'diff'],
  sql: ['errors', 'model', 'sql-text', 'diff', 'dialects'],
  impact: ['errors', 'model', 'sql-text', 'diff', 'dialects', 'sql'],
  introspect: ['errors', 'model', 'diff', 'dialects', 'impact'],
  verify: ['errors', 'model', 'diff', 'dialects', 'sql', 'introspect'],
  visual: ['errors', 'model', 'diff'],
  format: ['errors', 'model', 'diff', 'dialects', 'sql', 'impact', 'visual'],
  codegen: ['errors', 'model'],
  storage: ['errors', 'model', 'diff'],
  node: ['errors', 'model', 'storage'],
  testing: ['errors', 'model', 'diff', 'storage', 'format', 'visual'],
  index: ['errors', 'model', 'sql-text', 'diff', 'dialects', 'storage'],
  cli: [
    'errors',
    'model',
    'sql-text',
    'diff',
    'dialects',
    'sql',
    'impact',
    'introspect',
    'verify',
    'visual',
    'format',
    'codegen',
    'storage',
    'node',
  ],
}

const edges = importEdges()
const graph = folderGraph(edges)

describe('layering of src/', () => {
  it('reads the imports of every folder', () => {
    expect(edges.length).toBeGreaterThan(500)
    expect([...graph.keys()].sort()).toEqual(Object.keys(ALLOWED_IMPORTS).sort())
  })

  it('each folder imports only the folders below it', () => {
    const unexpected = edges
      .filter((e) => topFolder(e.from) !== topFolder(e.to))
      .filter((e) => !ALLOWED_IMPORTS[topFolder(e.from)]?.includes(topFolder(e.to)))
      .map((e) => `${e.from} -> ${e.to}`)
    expect(unexpected).toEqual([])
  })

  it('no two folders import each other, directly or through others', () => {
    expect(folderCycles(graph)).toEqual([])
  })

  it('model and diff import no dialect, and the plan never imports impact', () => {
    for (const folder of ['model', 'diff', 'sql-text']) expect(graph.get(folder)?.has('dialects')).toBe(false)
    expect(graph.get('sql')?.has('impact')).toBe(false)
    expect(graph.get('dialects')?.has('impact')).toBe(false)
  })

  it('sees a cycle when one is there', () => {
    const cyclic = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ])
    expect(folderCycles(cyclic)).toEqual([['a', 'b', 'c']])
  })
})
