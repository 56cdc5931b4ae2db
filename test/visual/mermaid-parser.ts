// The real Mermaid parser in Node. Mermaid sanitizes flowchart labels with DOMPurify, which needs a
// window, so a jsdom window is installed before mermaid is first imported.
import { JSDOM } from 'jsdom'

type Mermaid = typeof import('mermaid').default
let loaded: Promise<Mermaid> | undefined

function load(): Promise<Mermaid> {
  if (!loaded) {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>')
    const g = globalThis as Record<string, unknown>
    g.window ??= window
    g.document ??= window.document
    loaded = import('mermaid').then((m) => {
      m.default.initialize({ startOnLoad: false, securityLevel: 'strict' })
      return m.default
    })
  }
  return loaded
}

/** Parses Mermaid source with mermaid's own parser; rejects with its error message on a syntax error. */
export async function parseMermaid(source: string): Promise<string> {
  const mermaid = await load()
  const result = await mermaid.parse(source)
  if (!result) throw new Error('mermaid.parse returned false')
  return result.diagramType
}
