import type { Constraint } from './types.js'

// Which columns a constraint names outright: a key's or foreign key's `columns`, an exclusion
// constraint's column elements. A check names none (its expression mentions them).

/**
 * The columns a constraint lists by name (a check's expression is not read).
 *
 * @example
 * ```ts
 * listedColumns({ type: 'exclude', elements: [{ column: 'room', operator: '=' }] }) // ['room']
 * ```
 * @internal
 */
export function listedColumns(c: Constraint): readonly string[] {
  switch (c.type) {
    case 'check':
      return []
    case 'exclude':
      return c.elements.flatMap((e) => (e.column === undefined ? [] : [e.column]))
    default:
      return c.columns
  }
}

/**
 * The constraint with the columns it lists renamed (a foreign key's referenced columns are not: they
 * belong to another table).
 *
 * @example
 * ```ts
 * renameListedColumns(key, (n) => (n === 'mail' ? 'email' : n))
 * ```
 * @internal
 */
export function renameListedColumns(c: Constraint, rename: (name: string) => string): Constraint {
  switch (c.type) {
    case 'check':
      return c
    case 'exclude':
      return {
        ...c,
        elements: c.elements.map((e) => (e.column === undefined ? e : { ...e, column: rename(e.column) })),
      }
    default:
      return { ...c, columns: c.columns.map(rename) } as Constraint
  }
}

/**
 * An exclusion operator: operator characters (`=`, `&&`, `<->`), optionally after `schema.`; the
 * groups are the schema and the operator. A `--` or `/*` in it would start a comment: refused by
 * {@link isOperatorText}.
 * @internal
 */
export const OPERATOR_PATTERN = /^(?:([A-Za-z_][A-Za-z0-9_$]*)\.)?([+\-*/<>=~!@#%^&|`?]{1,63})$/

/**
 * Whether `text` (spaces aside) is an operator {@link OPERATOR_PATTERN} accepts and no comment starts in.
 * @internal
 */
export function isOperatorText(text: string): boolean {
  const m = OPERATOR_PATTERN.exec(text.replace(/\s+/g, ''))
  return m?.[2] !== undefined && !m[2].includes('--') && !m[2].includes('/*')
}
