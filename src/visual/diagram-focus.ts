// A diagram of a large schema cannot draw every table: Mermaid refuses sources over its text limit and
// no one reads a thousand boxes. The focus keeps the tables a change is about, and their neighbours
// along foreign keys, and says as data what it left out.
import { tablePath } from '../diff/change-path.js'
import { InvalidOptionError } from '../errors.js'
import type { MarkedTable } from './marked-schema.js'

/**
 * Which tables a diagram draws: the tables a diff changed (or the tables named in `around`) and those
 * within `depth` foreign-key steps of them, in either direction, at most `maxTables` of them.
 *
 * @example
 * ```ts
 * toMermaid(v2, { diff, focus: { depth: 1 } }) // the changed tables and their direct neighbours
 * toMermaid(schema, { focus: { around: ['orders'], depth: 2, maxTables: 40 } })
 * ```
 */
export interface DiagramFocus {
  /** The tables to start from (qualified names, `billing.invoices`); default: every table the diff changed. */
  readonly around?: readonly string[]
  /**
   * How many foreign-key steps from a start table a table may be and still be drawn: 0 draws only the
   * start tables, 1 (the default) adds the tables they reference and those that reference them;
   * `'all'` draws every table, nearest first.
   */
  readonly depth?: number | 'all'
  /** Draw at most this many tables: the start tables first, then nearer before farther. Default: no limit. */
  readonly maxTables?: number
}

/**
 * What a focused diagram draws and what it leaves out: the tables drawn (their foreign keys to tables
 * left out removed), counts of what was hidden, and the same as a sentence for a caption.
 *
 * @example
 * ```ts
 * const s = selectDiagramTables(v2, { diff, focus: { depth: 1 } })
 * s.note // 'showing 12 of 1000 tables; 988 unchanged tables hidden'
 * ```
 */
export interface DiagramSelection {
  /** The tables drawn, by name, as the diagram functions draw them. */
  readonly tables: readonly MarkedTable[]
  /** How many tables the diagram would have without a focus (removed tables included). */
  readonly total: number
  readonly hidden: {
    /** Tables the diff changed (added, removed, altered, renamed) that are not drawn. */
    readonly changed: number
    /** Unchanged tables not drawn. */
    readonly unchanged: number
    /** Foreign keys between a drawn table and a hidden one (either way), so not drawn either. */
    readonly foreignKeys: number
  }
  /** Whether `maxTables` left out tables within `depth`. */
  readonly limited: boolean
  /** What is shown and left out, for people: `showing 12 of 1000 tables; 988 unchanged tables hidden`. */
  readonly note: string
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const referencedKey = (fk: MarkedTable['foreignKeys'][number]) =>
  tablePath(fk.constraint.referencedTable, fk.constraint.referencedSchema)

function checkFocus(focus: DiagramFocus, keys: ReadonlySet<string>): void {
  const { depth, maxTables, around } = focus
  if (depth !== undefined && depth !== 'all' && !(depth >= 0 && (Number.isInteger(depth) || depth === Infinity)))
    throw new InvalidOptionError('focus.depth', `expected a whole number of steps (0 or more) or 'all', got ${depth}`)
  if (maxTables !== undefined && !(Number.isInteger(maxTables) && maxTables >= 1))
    throw new InvalidOptionError('focus.maxTables', `expected a whole number of tables (1 or more), got ${maxTables}`)
  const unknown = (around ?? []).filter((name) => !keys.has(name))
  if (unknown.length > 0)
    throw new InvalidOptionError(
      'focus.around',
      `no table ${unknown.map((n) => JSON.stringify(n)).join(', ')} in the diagram (names are qualified: schema.table)`,
    )
}

/** Foreign keys as undirected links between the tables present (self-references and dangling keys skipped). */
function neighbourMap(tables: readonly MarkedTable[]): Map<string, string[]> {
  const links = new Map<string, string[]>(tables.map((t) => [t.key, []]))
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = referencedKey(fk)
      if (target === t.key || !links.has(target)) continue
      links.get(t.key)?.push(target)
      links.get(target)?.push(t.key)
    }
  }
  return links
}

/** Tables in drawing priority: breadth-first from the start tables up to `depth`, then (for 'all') the rest. */
function byDistance(tables: readonly MarkedTable[], start: readonly string[], depth: number | 'all'): string[] {
  const links = neighbourMap(tables)
  const limit = depth === 'all' ? Infinity : depth
  const seen = new Set<string>(start)
  const order = [...start]
  let frontier = [...start]
  for (let step = 1; step <= limit && frontier.length > 0; step++) {
    const next = new Set<string>()
    for (const key of frontier) for (const n of links.get(key) ?? []) if (!seen.has(n)) next.add(n)
    frontier = [...next].sort()
    for (const key of frontier) seen.add(key)
    order.push(...frontier)
  }
  if (depth === 'all') order.push(...tables.map((t) => t.key).filter((key) => !seen.has(key)))
  return order
}

function describe(shown: number, total: number, hidden: DiagramSelection['hidden'], limit?: number): string {
  if (shown === total) return `showing all ${plural(total, 'table')}`
  const parts = [`showing ${shown} of ${plural(total, 'table')}`]
  const kinds = [
    ...(hidden.changed > 0 ? [`${hidden.changed} changed`] : []),
    ...(hidden.unchanged > 0 ? [`${hidden.unchanged} unchanged`] : []),
  ]
  const count = hidden.changed + hidden.unchanged
  parts.push(
    `${kinds.join(' and ')} table${count === 1 ? '' : 's'} hidden${limit === undefined ? '' : ` (at most ${limit} drawn)`}`,
  )
  if (hidden.foreignKeys > 0)
    parts.push(`${plural(hidden.foreignKeys, 'foreign key')} to or from hidden tables not drawn`)
  return parts.join('; ')
}

/**
 * Applies a {@link DiagramFocus} to the marked tables of a diagram. Throws `InvalidOptionError` for a
 * depth or limit that is not a whole number, or a start table the diagram does not have. @internal
 *
 * @example
 * ```ts
 * focusTables(markAll(v2, { diff }), { depth: 1 }).note
 * ```
 */
export function focusTables(tables: readonly MarkedTable[], focus: DiagramFocus | undefined): DiagramSelection {
  const total = tables.length
  if (!focus) {
    const hidden = { changed: 0, unchanged: 0, foreignKeys: 0 }
    return { tables, total, hidden, limited: false, note: describe(total, total, hidden) }
  }
  const known = new Set(tables.map((t) => t.key))
  checkFocus(focus, known)
  const start = focus.around
    ? [...new Set(focus.around)]
    : tables.filter((t) => t.status !== 'unchanged').map((t) => t.key)
  const reachable = byDistance(tables, start, focus.depth ?? 1)
  const drawn = new Set(reachable.slice(0, focus.maxTables ?? reachable.length))
  // A key to a table the diagram does not have at all is drawn as before; one to a hidden table is not.
  const hiddenTarget = (fk: MarkedTable['foreignKeys'][number]) =>
    known.has(referencedKey(fk)) && !drawn.has(referencedKey(fk))
  const kept = tables
    .filter((t) => drawn.has(t.key))
    .map((t) => {
      const fks = t.foreignKeys.filter((fk) => !hiddenTarget(fk))
      return fks.length === t.foreignKeys.length ? t : { ...t, foreignKeys: fks }
    })
  // Keys between a drawn and a hidden table, in either direction, are the ones a reader misses.
  const foreignKeys = tables
    .flatMap((t) => t.foreignKeys.map((fk) => [t.key, referencedKey(fk)] as const))
    .filter(([from, to]) => known.has(to) && drawn.has(from) !== drawn.has(to)).length
  const left = tables.filter((t) => !drawn.has(t.key))
  const hidden = {
    changed: left.filter((t) => t.status !== 'unchanged').length,
    unchanged: left.filter((t) => t.status === 'unchanged').length,
    foreignKeys,
  }
  const limited = drawn.size < reachable.length
  return {
    tables: kept,
    total,
    hidden,
    limited,
    note: describe(kept.length, total, hidden, limited ? focus.maxTables : undefined),
  }
}
