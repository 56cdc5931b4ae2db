import { constraintDisplayName, indexDisplayName } from '../diff/change-path.js'
import { indexColumns } from '../diff/change-scope.js'
import type { Index, IndexPart, Table } from '../model/types.js'
import { expressionsEqual, normalizeExpression } from '../sql-text/normalize-expression.js'

// Which indexes and keys of a table serve which lookups: shared by the rule on foreign keys without
// an index (BP006) and the rule on duplicate and redundant indexes (BP007).

/**
 * Whether some index (without predicate) or primary/unique key of the table has exactly these columns
 * first, in any order, so lookups by them (a foreign key's checks and joins) can use it. @internal
 */
export function coversColumns(table: Table, columns: readonly string[]): boolean {
  const leads = (cols: readonly string[]) =>
    cols.length >= columns.length && columns.every((c) => cols.slice(0, columns.length).includes(c))
  return (
    table.indexes.some((x) => x.where === undefined && leads(indexColumns(x, table))) ||
    table.constraints.some((c) => (c.type === 'primary_key' || c.type === 'unique') && leads(c.columns))
  )
}

/** A key part as a comparable string: the column or normalized expression with its ordering options. */
function partKey(p: IndexPart): string {
  const what = p.column !== undefined ? `c:${p.column}` : `e:${normalizeExpression(p.expression ?? '')}`
  return JSON.stringify([what, p.descending ?? false, p.nulls ?? '', p.opclass ?? '', p.collation ?? '', p.length ?? 0])
}

const DEFAULT_METHOD = 'btree'

/** An index or key as the comparison sees it. */
interface KeyShape {
  readonly name: string
  readonly parts: readonly string[]
  readonly unique: boolean
  readonly using: string
  readonly where: string | undefined
  readonly include: readonly string[]
  /** The index object, for indexes (keys are constraints). */
  readonly index?: Index
}

function shapes(table: Table): KeyShape[] {
  const keys: KeyShape[] = table.constraints.flatMap((c) =>
    c.type === 'primary_key' || c.type === 'unique'
      ? [
          {
            name: constraintDisplayName(table.name, c),
            parts: c.columns.map((column) => partKey({ column })),
            unique: true,
            using: DEFAULT_METHOD,
            where: undefined,
            include: [],
          },
        ]
      : [],
  )
  const indexes: KeyShape[] = table.indexes.map((x) => ({
    name: indexDisplayName(table.name, x),
    parts: x.parts.map(partKey),
    unique: x.unique === true,
    using: (x.using ?? DEFAULT_METHOD).toLowerCase(),
    where: x.where,
    include: x.include ?? [],
    index: x,
  }))
  return [...keys, ...indexes]
}

/**
 * What makes an index unnecessary: another index or key of the table with the same parts, method,
 * filter and uniqueness (`duplicate`), or, for a non-unique index, one whose parts start with its
 * parts under the same method and filter (`covered`). Of two duplicates only the later in the table is
 * reported when both are `introduced` (so a pair yields one finding); keys always win over indexes.
 * @internal
 */
export function unnecessaryIndex(
  table: Table,
  index: Index,
  introduced: (other: Index) => boolean,
): { readonly kind: 'duplicate' | 'covered'; readonly by: string } | undefined {
  const all = shapes(table)
  const name = indexDisplayName(table.name, index)
  const mine = all.find((s) => s.index === index) ?? all.find((s) => s.index !== undefined && s.name === name)
  if (!mine) return undefined
  const position = all.indexOf(mine)
  const sameAccess = (s: KeyShape) => s !== mine && s.using === mine.using && expressionsEqual(s.where, mine.where)
  const includes = (s: KeyShape) =>
    mine.include.every((c) => s.include.includes(c) || s.parts.includes(partKey({ column: c })))
  const sameParts = (s: KeyShape) =>
    s.parts.length === mine.parts.length && s.parts.every((p, i) => p === mine.parts[i])
  const duplicate = all.find(
    (s, i) =>
      sameAccess(s) &&
      s.unique === mine.unique &&
      sameParts(s) &&
      includes(s) &&
      (s.index === undefined || !introduced(s.index) || !introduced(mine.index as Index) || i < position),
  )
  if (duplicate) return { kind: 'duplicate', by: duplicate.name }
  if (mine.unique) return undefined
  const wider = all.find(
    (s) =>
      sameAccess(s) &&
      s.parts.length >= mine.parts.length &&
      mine.parts.every((p, i) => s.parts[i] === p) &&
      includes(s) &&
      !(sameParts(s) && !s.unique),
  )
  return wider ? { kind: 'covered', by: wider.name } : undefined
}
