import type { ColumnType } from './column-type.js'
import { parseColumnType } from './parse-column-type.js'
import type { ReadContext } from './read-context.js'
import type { Column, Schema } from './types.js'

/**
 * Turns type names that match a declared enum (`"type": "mood"`, `"mood[]"`) into enum references,
 * and reports references to enums that are not declared or enums whose name hides a built-in type.
 * @internal
 */
export function resolveEnumReferences(schema: Schema, ctx: ReadContext): Schema {
  const names = new Set<string>()
  for (const e of schema.enums) {
    const at = ctx.pathOf(e)
    if (names.has(e.name)) ctx.report('duplicate_enum', `${at}.name`, `Enum "${e.name}" is declared more than once`)
    names.add(e.name)
    if (parseColumnType(e.name).kind !== 'custom') {
      ctx.report(
        'enum_name_shadows_type',
        `${at}.name`,
        `Enum name "${e.name}" is also a built-in type name; choose another name`,
      )
    }
  }
  const tables = schema.tables.map((t) => {
    let changed = false
    const columns = t.columns.map((c) => {
      const type = resolve(c.type, names)
      if (type === c.type) {
        checkDeclared(c, names, ctx)
        return c
      }
      changed = true
      return ctx.at({ ...c, type } as Column, ctx.pathOf(c))
    })
    return changed ? ctx.at({ ...t, columns }, ctx.pathOf(t)) : t
  })
  return { ...schema, tables }
}

function resolve(type: ColumnType, names: ReadonlySet<string>): ColumnType {
  if (type.kind === 'array') {
    const of = resolve(type.of, names)
    return of === type.of ? type : { kind: 'array', of }
  }
  // A named enum's values live in its declaration only, so the two can never disagree.
  if (type.kind === 'enum' && type.name !== undefined && type.values !== undefined)
    return { kind: 'enum', name: type.name }
  if (type.kind !== 'custom') return type
  const bare = type.raw.replace(/^"(.*)"$/, '$1')
  return names.has(bare) ? { kind: 'enum', name: bare } : type
}

function checkDeclared(column: Column, names: ReadonlySet<string>, ctx: ReadContext): void {
  let type = column.type
  while (type.kind === 'array') type = type.of
  if (type.kind === 'enum' && type.name !== undefined && !names.has(type.name)) {
    ctx.report('unknown_enum', `${ctx.pathOf(column)}.type`, `Enum "${type.name}" is not declared in "enums"`)
  }
}
