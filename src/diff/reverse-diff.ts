import { changePath } from './change-path.js'
import { compareEnumValues } from './diff-enums.js'
import { isObjectChange, reverseObjectChange } from './object-changes.js'
import { orderChanges } from './order-changes.js'
import { orderCandidates, summarizeChanges } from './summarize-diff.js'
import type { ChangeWithoutPath, RenameCandidate, SchemaChange, SchemaDiff } from './types.js'

/**
 * The diff that undoes `diff`: `reverseDiff(diffSchemas(a, b))` equals `diffSchemas(b, a)` (same
 * changes, same order). Creates become drops, renames swap their names, alterations swap
 * `before`/`after`.
 *
 * @example
 * ```ts
 * const down = reverseDiff(diffSchemas(v1, v2)) // the changes that take v2 back to v1
 * ```
 */
export function reverseDiff(diff: SchemaDiff): SchemaDiff {
  // Changes inside a renamed table are addressed by its new name; reversed, by its old one.
  const oldTableName = new Map<string, string>()
  for (const c of diff.changes)
    if (c.kind === 'rename_table') oldTableName.set(`${c.schema ?? ''}\u0000${c.table}`, c.from)
  const tableOf = (table: string, schema?: string) => oldTableName.get(`${schema ?? ''}\u0000${table}`) ?? table
  const changes = diff.changes.map((c) => {
    const reversed = reverseChange(c, tableOf)
    return { ...reversed, path: changePath(reversed) } as SchemaChange
  })
  const ordered = orderChanges(changes)
  const candidates = diff.renameCandidates.map(
    (c): RenameCandidate => ({
      ...c,
      from: c.to,
      to: c.from,
      ...(c.table === undefined ? {} : { table: reverseCandidateTable(c, diff) }),
    }),
  )
  return { changes: ordered, renameCandidates: orderCandidates(candidates), summary: summarizeChanges(ordered) }
}

/** A column candidate's table is named as in `to`; reversed, as in `from`. */
function reverseCandidateTable(c: RenameCandidate, diff: SchemaDiff): string {
  const rename = diff.changes.find((x) => x.kind === 'rename_table' && x.table === c.table)
  return rename && rename.kind === 'rename_table' ? rename.from : (c.table as string)
}

function reverseChange(c: SchemaChange, tableOf: (table: string, schema?: string) => string): ChangeWithoutPath {
  if (isObjectChange(c)) return reverseObjectChange(c)
  switch (c.kind) {
    case 'create_enum':
      return { kind: 'drop_enum', enum: c.enum, ...schemaOf(c), before: c.after }
    case 'drop_enum':
      return { kind: 'create_enum', enum: c.enum, ...schemaOf(c), after: c.before }
    case 'alter_enum': {
      const { added: _a, removed: _r, reordered: _o, before, after, ...rest } = c
      return { ...rest, before: after, after: before, ...compareEnumValues(after.values, before.values) }
    }
    case 'create_table':
      return { kind: 'drop_table', table: c.table, ...schemaOf(c), before: c.after }
    case 'drop_table':
      return { kind: 'create_table', table: c.table, ...schemaOf(c), after: c.before }
    case 'rename_table':
      return { ...c, table: c.from, from: c.table, before: c.after, after: c.before }
    case 'alter_table':
      return { ...c, table: tableOf(c.table, c.schema), before: c.after, after: c.before }
    case 'add_column':
      return {
        kind: 'drop_column',
        table: tableOf(c.table, c.schema),
        ...schemaOf(c),
        column: c.column,
        position: c.position,
        before: c.after,
      }
    case 'drop_column':
      return {
        kind: 'add_column',
        table: tableOf(c.table, c.schema),
        ...schemaOf(c),
        column: c.column,
        position: c.position,
        after: c.before,
      }
    case 'rename_column':
    case 'alter_column':
      return {
        ...c,
        table: tableOf(c.table, c.schema),
        column: c.before.name,
        ...(c.kind === 'rename_column' ? { from: c.after.name } : {}),
        position: c.previousPosition,
        previousPosition: c.position,
        before: c.after,
        after: c.before,
      } as ChangeWithoutPath
    case 'add_constraint':
      return { kind: 'drop_constraint', table: tableOf(c.table, c.schema), ...schemaOf(c), before: c.after }
    case 'drop_constraint':
      return { kind: 'add_constraint', table: tableOf(c.table, c.schema), ...schemaOf(c), after: c.before }
    case 'add_index':
      return { kind: 'drop_index', table: tableOf(c.table, c.schema), ...schemaOf(c), before: c.after }
    case 'drop_index':
      return { kind: 'add_index', table: tableOf(c.table, c.schema), ...schemaOf(c), after: c.before }
    case 'alter_constraint':
    case 'alter_index':
      return { ...c, table: tableOf(c.table, c.schema), before: c.after, after: c.before } as ChangeWithoutPath
  }
}

function schemaOf(c: { readonly schema?: string }): { schema?: string } {
  return c.schema === undefined ? {} : { schema: c.schema }
}
