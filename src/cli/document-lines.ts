import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const nameLine = (name: string) =>
  new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)

/**
 * Where an object path (`users.email`, `billing.invoices.ix_due`) is written in a JSON document's
 * text: the line of the `"name"` of its last part, searched after the line of each part before it.
 * Undefined when a part is not found (a default-named constraint, an enum path).
 *
 * @example
 * ```ts
 * objectLine(text, 'users.email') // 14
 * ```
 */
export function objectLine(text: string, path: string): number | undefined {
  const lines = text.split('\n')
  let from = 0
  let found: number | undefined
  for (const part of path.split('.')) {
    const re = nameLine(part)
    const at = lines.findIndex((line, i) => i >= from && re.test(line))
    if (at < 0) {
      // A namespace part (`billing` of `billing.invoices`) has no "name" line of its own: skip it.
      if (found === undefined) continue
      return undefined
    }
    found = at
    from = at + 1
  }
  return found === undefined ? undefined : found + 1
}

/**
 * A line finder for the SARIF results of a document argument that is a file; for standard input and
 * store versions it finds nothing (SARIF then places results on the document, not a line).
 *
 * @example
 * ```ts
 * formatSarif(result, { lineOf: documentLines(io.cwd, 'schema/v2.json') })
 * ```
 */
export function documentLines(cwd: string, source: string | undefined): (path: string) => number | undefined {
  const nothing = () => undefined
  if (source === undefined || source === '-' || source === '<stdin>' || /^[a-z][a-z0-9+.-]*:/i.test(source))
    return nothing
  let text: string
  try {
    text = readFileSync(resolve(cwd, source), 'utf8')
  } catch {
    return nothing
  }
  return (path) => objectLine(text, path)
}
