import type { indexPart, sqlalchemyIndex } from './document-schema.js'
import { compact, type ReadContext } from './read-context.js'
import type { Output } from './shape.js'
import type { IndexPart } from './types.js'

type RawPart = Output<typeof indexPart>

/**
 * Reads the key parts of an index. Accepts plain column names, part objects, and SQLAlchemy
 * reflection's parallel `columns` (with `null` where an expression stands) and `expressions` lists,
 * plus its `column_sorting`, `postgresql_ops` and `mysql_length` options.
 * @internal
 */
export function readIndexParts(
  x: Pick<Output<typeof sqlalchemyIndex>, 'columns' | 'expressions' | 'column_sorting'>,
  options: Record<string, unknown>,
  path: string,
  ctx: ReadContext,
): IndexPart[] | undefined {
  const cols = x.columns ?? []
  const exprs = x.expressions ?? []
  const raw: RawPart[] = []
  if (cols.includes(null)) {
    let next = 0
    for (const [i, c] of cols.entries()) {
      if (c !== null) raw.push(c)
      else {
        // Reflection lists every element in `expressions`; hand-written documents list only the expressions.
        const e = exprs.length === cols.length ? exprs[i] : exprs[next++]
        if (e === undefined)
          ctx.report('invalid_index_part', `${path}.columns[${i}]`, 'No expression is given for this position')
        else raw.push({ expression: e })
      }
    }
  } else {
    raw.push(...(cols as RawPart[]))
    const mirrorsColumns = exprs.length === cols.length && exprs.every((e, i) => e === cols[i])
    if (!mirrorsColumns) raw.push(...exprs.map((expression) => ({ expression })))
  }
  if (raw.length === 0) {
    ctx.report('empty_index', path, 'An index needs at least one column or expression')
    return undefined
  }
  const parts: IndexPart[] = []
  for (const [i, r] of raw.entries()) {
    const part = readPart(r, `${path}.columns[${i}]`, ctx)
    if (part) parts.push(applyOptions(part, x.column_sorting ?? {}, options))
  }
  return parts
}

function readPart(r: RawPart, path: string, ctx: ReadContext): IndexPart | undefined {
  if (typeof r === 'string') return { column: r }
  if ((r.column === undefined) === (r.expression === undefined)) {
    ctx.report('invalid_index_part', path, 'An index part needs exactly one of "column" and "expression"')
    return undefined
  }
  return normalizeNulls(
    compact({
      column: r.column,
      expression: r.expression?.trim(),
      descending: r.descending ? (true as const) : undefined,
      nulls: r.nulls ?? undefined,
      opclass: r.opclass ?? undefined,
      collation: r.collation ?? undefined,
      length: r.length ?? undefined,
    }),
  )
}

function applyOptions(
  part: IndexPart,
  sorting: Readonly<Record<string, readonly string[]>>,
  options: Record<string, unknown>,
): IndexPart {
  if (part.column === undefined) return part
  // Own keys only: a column named `constructor` must not find Object's.
  const sorted = Object.hasOwn(sorting, part.column) ? sorting[part.column] : undefined
  const opclass = lookup(options.postgresql_ops, part.column)
  const length = options.mysql_length ?? options.mariadb_length
  const prefix = typeof length === 'number' ? length : lookup(length, part.column)
  // Nothing to add: the part is already in normal form.
  if (sorted === undefined && typeof opclass !== 'string' && typeof prefix !== 'number') return part
  const flags = (sorted ?? []).map((f) => f.toLowerCase())
  return normalizeNulls(
    compact({
      ...part,
      descending: part.descending ?? (flags.includes('desc') ? (true as const) : undefined),
      nulls:
        part.nulls ?? (flags.includes('nulls_first') ? 'first' : flags.includes('nulls_last') ? 'last' : undefined),
      opclass: part.opclass ?? (typeof opclass === 'string' ? opclass : undefined),
      length: part.length ?? (typeof prefix === 'number' ? prefix : undefined),
    }),
  )
}

function lookup(map: unknown, key: string): unknown {
  return typeof map === 'object' && map !== null ? (map as Record<string, unknown>)[key] : undefined
}

/** NULLS LAST is the default for ascending keys and NULLS FIRST for descending ones: not stored. */
export function normalizeNulls(part: IndexPart): IndexPart {
  const defaultNulls = part.descending ? 'first' : 'last'
  if (part.nulls !== defaultNulls) return part
  const { nulls: _, ...rest } = part
  return rest
}
