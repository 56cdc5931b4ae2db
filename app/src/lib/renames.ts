// The renames the user accepted in the page, and the hints they become for diffSchemas.
import type { RenameCandidate } from 'schemaledger'

/**
 * Renames the user accepted, in the shape `diffSchemas` takes as `renames`.
 *
 * @example
 * ```ts
 * const renames: AcceptedRenames = { tables: {}, columns: { 'posts.content': 'body' } }
 * ```
 */
export interface AcceptedRenames {
  readonly tables: Readonly<Record<string, string>>
  readonly columns: Readonly<Record<string, string>>
}

/**
 * The rename hint that accepts a candidate.
 *
 * @example
 * ```ts
 * acceptRename(none, { target: 'column', table: 'posts', from: 'content', to: 'body', ... })
 * // { tables: {}, columns: { 'posts.content': 'body' } }
 * ```
 */
export function acceptRename(renames: AcceptedRenames, candidate: RenameCandidate): AcceptedRenames {
  if (candidate.target === 'table') return { ...renames, tables: { ...renames.tables, [candidate.from]: candidate.to } }
  return { ...renames, columns: { ...renames.columns, [`${candidate.table}.${candidate.from}`]: candidate.to } }
}

/**
 * The accepted renames without one of them (`table:old` or `column:table.old`).
 *
 * @example
 * ```ts
 * withoutRename(renames, 'column:posts.content')
 * ```
 */
export function withoutRename(renames: AcceptedRenames, key: string): AcceptedRenames {
  const [target, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
  const pick = (record: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => k !== name))
  return target === 'table'
    ? { ...renames, tables: pick(renames.tables) }
    : { ...renames, columns: pick(renames.columns) }
}

/**
 * The accepted renames as a list for people: `{ key, text }`, tables first.
 *
 * @example
 * ```ts
 * listRenames(renames) // [{ key: 'column:posts.content', text: 'posts.content -> body' }]
 * ```
 */
export function listRenames(renames: AcceptedRenames): { key: string; text: string }[] {
  return [
    ...Object.entries(renames.tables).map(([from, to]) => ({ key: `table:${from}`, text: `table ${from} -> ${to}` })),
    ...Object.entries(renames.columns).map(([from, to]) => ({
      key: `column:${from}`,
      text: `column ${from} -> ${to}`,
    })),
  ]
}
