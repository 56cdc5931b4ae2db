import { constraintDisplayName, tablePath } from '../diff/change-path.js'
import type { SchemaChange } from '../diff/types.js'
import type { Constraint, Index, Table } from '../model/types.js'
import type { NameKind } from './naming-options.js'
import type { AnalyzerContext } from './types.js'

/**
 * A name a change gives to something: what it names (`kind`, and `what` as messages say it) and the
 * path of the object, which says where it is. @internal
 */
export interface IntroducedName {
  readonly name: string
  readonly kind: NameKind
  readonly what: string
  readonly path: string
}

const constraintWhat: Readonly<Record<Constraint['type'], string>> = {
  primary_key: 'primary key',
  unique: 'unique constraint',
  foreign_key: 'foreign key',
  check: 'check constraint',
  exclude: 'exclusion constraint',
}

function constraintName(table: string, schema: string | undefined, c: Constraint): IntroducedName[] {
  if (c.name === undefined) return []
  const what = constraintWhat[c.type]
  // Exclusion constraints follow the naming option of keys (`constraint`).
  const kind: NameKind = c.type === 'exclude' ? 'unique' : c.type
  return [{ name: c.name, kind, what, path: `${tablePath(table, schema)}.${constraintDisplayName(table, c)}` }]
}

function indexName(table: string, schema: string | undefined, x: Index): IntroducedName[] {
  if (x.name === undefined) return []
  return [{ name: x.name, kind: 'index', what: 'index', path: `${tablePath(table, schema)}.${x.name}` }]
}

function tableNames(t: Table): IntroducedName[] {
  const at = tablePath(t.name, t.schema)
  return [
    { name: t.name, kind: 'table', what: 'table', path: at },
    ...t.columns.map((c) => ({
      name: c.name,
      kind: 'column' as const,
      what: 'column',
      path: `${at}.${c.name}`,
    })),
    ...t.constraints.flatMap((c) => constraintName(t.name, t.schema, c)),
    ...t.indexes.flatMap((x) => indexName(t.name, t.schema, x)),
  ]
}

/**
 * Namespaces this change is the first to use: the document's own (`schema_name`) on the diff's first
 * change when it differs from before, and a table's or enum's namespace on the first change that
 * creates something in it, when nothing lived there before.
 */
function introducedNamespaces(change: SchemaChange, ctx: AnalyzerContext): IntroducedName[] {
  const names: IntroducedName[] = []
  const own = ctx.to?.name
  if (own !== undefined && own !== ctx.from?.name && ctx.diff.changes[0] === change) names.push(namespace(own))
  if ((change.kind !== 'create_table' && change.kind !== 'create_enum') || change.schema === undefined) return names
  const ns = change.schema
  const existed =
    ctx.from?.tables.some((t) => t.schema === ns) ||
    ctx.from?.enums.some((e) => e.schema === ns) ||
    ctx.from?.name === ns
  const first = ctx.diff.changes.find((c) => (c.kind === 'create_table' || c.kind === 'create_enum') && c.schema === ns)
  if (!existed && first === change && ns !== own) names.push(namespace(ns))
  return names
}

const namespace = (name: string): IntroducedName => ({ name, kind: 'schema', what: 'schema', path: `schema:${name}` })

/** Names a change introduces (new objects, renames), each once. @internal */
export function introducedNames(change: SchemaChange, ctx: AnalyzerContext): IntroducedName[] {
  const spaces = introducedNamespaces(change, ctx)
  switch (change.kind) {
    case 'create_table':
      return [...spaces, ...tableNames(change.after)]
    case 'rename_table':
      return [{ name: change.table, kind: 'table', what: 'table', path: change.path }]
    case 'add_column':
    case 'rename_column':
      return [{ name: change.column, kind: 'column', what: 'column', path: change.path }]
    case 'add_constraint':
      return constraintName(change.table, change.schema, change.after)
    case 'alter_constraint':
      return change.changes.includes('name') ? constraintName(change.table, change.schema, change.after) : []
    case 'add_index':
      return indexName(change.table, change.schema, change.after)
    case 'alter_index':
      return change.changes.includes('name') ? indexName(change.table, change.schema, change.after) : []
    case 'create_enum':
      return [...spaces, { name: change.enum, kind: 'enum', what: 'enum type', path: change.path }]
    default:
      return spaces
  }
}
