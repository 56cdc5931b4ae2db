/**
 * Reads every relative import of `src/` (static `import`/`export ... from` and dynamic `import()`)
 * and folds them into a graph between top-level folders. Shared by the layering test and the
 * figures in docs/architecture.md.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative, resolve } from 'node:path'

export const SRC = resolve(import.meta.dirname, '../../src')

export interface ImportEdge {
  /** Importing file, relative to src/ (posix separators). */
  readonly from: string
  /** Imported file, relative to src/, without extension. */
  readonly to: string
  readonly typeOnly: boolean
}

export function sourceFiles(dir = SRC): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out.sort()
}

const IMPORT =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm

export function importEdges(): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
    const from = relative(SRC, file).split('\\').join('/')
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4]
      if (!spec?.startsWith('.')) continue
      const target = relative(SRC, resolve(dirname(file), spec))
        .split('\\')
        .join('/')
      edges.push({ from, to: target.replace(/\.(js|ts)$/, ''), typeOnly: Boolean(m[2]) })
    }
  }
  return edges
}

/** The top-level folder of a src-relative path; files directly in src/ are their own unit. */
export function topFolder(path: string): string {
  const first = path.split('/')[0] ?? path
  return path.includes('/') ? first : posix.basename(first).replace(/\.(ts|js)$/, '')
}

/** Folder → folders it imports (self edges dropped). */
export function folderGraph(edges = importEdges()): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const e of edges) {
    const a = topFolder(e.from)
    const b = topFolder(e.to)
    if (!graph.has(a)) graph.set(a, new Set())
    if (!graph.has(b)) graph.set(b, new Set())
    if (a !== b) graph.get(a)?.add(b)
  }
  return graph
}

/** Pairs of folders that import each other, directly or through others (each cycle's members). */
export function folderCycles(graph = folderGraph()): string[][] {
  // Tarjan's strongly connected components; every component of more than one folder is a cycle.
  let index = 0
  const stack: string[] = []
  const on = new Set<string>()
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number))
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = []
      let w: string | undefined
      do {
        w = stack.pop() as string
        on.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1) out.push(component.sort())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v)
  return out
}

/** Lines of source per top-level folder. */
export function linesPerFolder(): Map<string, number> {
  const out = new Map<string, number>()
  for (const file of sourceFiles()) {
    const folder = topFolder(relative(SRC, file).split('\\').join('/'))
    out.set(folder, (out.get(folder) ?? 0) + readFileSync(file, 'utf8').split('\n').length)
  }
  return out
}
