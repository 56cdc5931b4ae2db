/**
 * The layers of src/ (docs/architecture.md): each top-level folder may import only the folders
 * listed for it, and no two folders import each other, directly or through others.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderCycles, folderGraph, importEdges, topFolder } from './import-graph.js'

/** Folder → the folders it may import, read from the table in docs/architecture.md. */
function allowedImports(): Record<string, string[]> {
  const doc = readFileSync(resolve(import.meta.dirname, '../../docs/architecture.md'), 'utf8')
  const table = doc.slice(doc.indexOf('<!-- layers:start -->'), doc.indexOf('<!-- layers:end -->'))
  const out: Record<string, string[]> = {}
  for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = row.split('|').map((c) => c.trim())
    const folder = cells[1]?.replaceAll('`', '') ?? ''
    out[folder] = [...(cells[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)
  }
  return out
}

const ALLOWED_IMPORTS = allowedImports()
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
