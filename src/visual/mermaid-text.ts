// Mermaid's grammars accept few characters in bare words and none of `"` inside quoted strings, so
// every name goes through one of these. Mermaid decodes `#quot;`-style entity codes in labels; `<`
// and `&` are coded too because flowchart labels are HTML.

/** Characters Mermaid reads as markup inside a label, as its `#code;` entities. */
const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '&': '#amp;',
  '`': '#96;',
  '%': '#37;',
  '\\': '#92;',
}

/**
 * Text for inside a double-quoted Mermaid label: markup characters as entity codes, line breaks as
 * spaces. @internal
 *
 * @example
 * ```ts
 * mermaidLabel('unit "price"') // 'unit #quot;price#quot;'
 * ```
 */
export function mermaidLabel(text: string): string {
  return text.replace(/[#"<&`%\\]/g, (ch) => ENTITIES[ch] ?? ch).replace(/[\r\n]+/g, ' ')
}

// Words the ER and flowchart grammars read as keywords wherever an id may stand.
const RESERVED = new Set(
  (
    'end graph flowchart subgraph style classdef class click linkstyle direction default call href interpolate acctitle accdescr erdiagram one many only ' +
    'to optionally zero more or u o x tb td bt rl lr pk fk uk'
  ).split(' '),
)

const isBare = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase())

/**
 * Stable identifiers for names that Mermaid cannot take bare: a name made of letters, digits and
 * `_` that is no keyword is its own id; any other gets a readable id (`order_items`, `t_end`) that no
 * other name takes. @internal
 *
 * @example
 * ```ts
 * const id = mermaidIds(['users', 'order items']); id('order items') // 'order_items'
 * ```
 */
export function mermaidIds(names: readonly string[]): (name: string) => string {
  const ids = new Map<string, string>()
  const taken = new Set(names.filter(isBare))
  for (const name of names) {
    if (ids.has(name)) continue
    if (isBare(name)) {
      ids.set(name, name)
      continue
    }
    const slug = name.replace(/[^A-Za-z0-9_]+/g, '_')
    const base = isBare(slug) ? slug : `t_${slug}`
    let id = base
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`
    taken.add(id)
    ids.set(name, id)
  }
  return (name) => ids.get(name) ?? `t_${name.replace(/[^A-Za-z0-9_]+/g, '_')}`
}

/**
 * A diff status as a word for diagram labels, empty for unchanged objects. @internal
 *
 * @example
 * ```ts
 * statusWord('unchanged') // ''
 * ```
 */
export function statusWord(status: string): string {
  return status === 'unchanged' ? '' : status
}
