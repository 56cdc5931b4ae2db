import { constraintDisplayName, indexDisplayName, tablePath } from '../diff/change-path.js'
import { describeChange, describeColumn, describeConstraint, describeIndex } from '../diff/describe-change.js'
import { isObjectChange, objectVerb } from '../diff/object-changes.js'
import type { ChangeKind, RenameCandidate, SchemaChange, SchemaDiff, TableChangeKind } from '../diff/types.js'
import type { Table } from '../model/types.js'

/**
 * What happened to the object a tree node stands for. `unchanged` marks containers and hints that
 * carry no change of their own.
 *
 * @example
 * ```ts
 * const marker: Record<TreeStatus, string> = { added: '+', removed: '-', changed: '~', renamed: '>', unchanged: ' ' }
 * ```
 */
export type TreeStatus = 'added' | 'removed' | 'changed' | 'renamed' | 'unchanged'

/**
 * What a tree node stands for: the whole diff, an enum, a table, an object inside a table, a
 * `field: before -> after` detail of its parent, or a hint (a possible rename the diff did not apply).
 *
 * @example
 * ```ts
 * const isObject = (kind: TreeNodeKind) => kind !== 'detail' && kind !== 'hint'
 * ```
 */
export type TreeNodeKind =
  | 'diff'
  | 'enum'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'detail'
  | 'hint'
  /** A view, routine, trigger, sequence, ... (the node's `name` is `kind:name`, as in the change's path). */
  | 'object'

/**
 * A reference to one change of the diff (what findings and migration statements point at).
 *
 * @example
 * ```ts
 * const ref: ChangeRef = { kind: 'drop_column', path: 'posts.content' }
 * ```
 */
export interface ChangeRef {
  readonly kind: ChangeKind
  readonly path: string
}

/**
 * One node of the change tree: plain JSON data that every view (text, Markdown, HTML, SVG, the web
 * app) draws, so they all show the same tree.
 *
 * @example
 * ```ts
 * const walk = (n: ChangeTreeNode, depth = 0): string[] => [`${'  '.repeat(depth)}${n.label}`, ...n.children.flatMap((c) => walk(c, depth + 1))]
 * ```
 */
export interface ChangeTreeNode {
  /** One line of text, without a marker: `column title`, `type: varchar(200) -> varchar(100)`. */
  readonly label: string
  readonly status: TreeStatus
  readonly kind: TreeNodeKind
  /**
   * The object's name: the qualified table name for tables (the new one when renamed), the enum
   * name, the column, constraint or index name inside a table. Empty for the root, details and hints.
   */
  readonly name: string
  /** The changes this node shows (a renamed and altered column shows two); empty for pure containers. */
  readonly changes: readonly ChangeRef[]
  readonly children: readonly ChangeTreeNode[]
}

const ref = (c: SchemaChange): ChangeRef => ({ kind: c.kind, path: c.path })

/** A `field: before -> after` line; lines that describeChange prefixes with `+ ` / `- ` keep that as a status. */
function detailNode(text: string): ChangeTreeNode {
  const status: TreeStatus = text.startsWith('+ ') ? 'added' : text.startsWith('- ') ? 'removed' : 'changed'
  return {
    label: status === 'changed' ? text : text.slice(2),
    status,
    name: '',
    children: [],
    kind: 'detail',
    changes: [],
  }
}

const OBJECT_STATUS = { create: 'added', drop: 'removed', alter: 'changed' } as const

const STATUS: Readonly<Record<TableChangeKind, TreeStatus>> = {
  create_table: 'added',
  drop_table: 'removed',
  rename_table: 'renamed',
  alter_table: 'changed',
  add_column: 'added',
  drop_column: 'removed',
  rename_column: 'renamed',
  alter_column: 'changed',
  add_constraint: 'added',
  drop_constraint: 'removed',
  alter_constraint: 'changed',
  add_index: 'added',
  drop_index: 'removed',
  alter_index: 'changed',
  create_enum: 'added',
  drop_enum: 'removed',
  alter_enum: 'changed',
}

/** A change's describeChange title without its marker, naming objects inside a table relative to it. */
function label(c: SchemaChange): string {
  const text = describeChange(c).title.slice(2)
  if (!('table' in c) || c.kind.endsWith('_table')) return text
  const word = text.slice(0, text.indexOf(' ') + 1)
  const rest = text.slice(word.length)
  for (const prefix of [`${tablePath(c.table, c.schema)}.`, `${c.table}.`]) {
    if (rest.startsWith(prefix)) return word + rest.slice(prefix.length)
  }
  return text
}

/** The objects of a created or dropped table, each as a node with the table's status. */
function tableContents(table: Table, status: TreeStatus): ChangeTreeNode[] {
  const leaf = (kind: TreeNodeKind, name: string, text: string): ChangeTreeNode => ({
    label: `${kind} ${name} ${text}`,
    status,
    name,
    children: [],
    kind,
    changes: [],
  })
  return [
    ...table.columns.map((c) => leaf('column', c.name, describeColumn(c))),
    ...table.constraints.map((c) => leaf('constraint', constraintDisplayName(table.name, c), describeConstraint(c))),
    ...table.indexes.map((x) => leaf('index', indexDisplayName(table.name, x), describeIndex(x))),
  ]
}

const hintText = (c: RenameCandidate) => `may be renamed to ${c.to} (score ${c.score}: ${c.reasons.join(', ')})`

const appliedText = (c: RenameCandidate) => `inferred rename (score ${c.score}: ${c.reasons.join(', ')})`

const hint = (c: RenameCandidate): ChangeTreeNode => ({
  label: hintText(c),
  status: 'unchanged',
  name: '',
  children: [],
  kind: 'hint',
  changes: [],
})

interface Draft {
  label: string
  status: TreeStatus
  name: string
  kind: TreeNodeKind
  changes: ChangeRef[]
  children: (ChangeTreeNode | Draft)[]
  /** Objects inside a table, by path (a rename and an alteration of one column share a node). */
  members?: Map<string, Draft>
}

const objectKind = (kind: ChangeKind): TreeNodeKind =>
  kind.endsWith('_column') ? 'column' : kind.endsWith('_constraint') ? 'constraint' : 'index'

/**
 * The change tree of a diff: enums, then tables (in the diff's order), each table holding the
 * objects that changed in it, each changed object holding `field: before -> after` details. Rename
 * candidates the diff did not apply hang under the dropped column or table as hints; an inferred
 * rename has its score and reasons as the first detail of the renamed object. Labels come from
 * {@link describeChange}, so every view reads the same words.
 *
 * @example
 * ```ts
 * const tree = toTree(diffSchemas(v1, v2))
 * tree.children.map((n) => `${n.status} ${n.label}`) // ['added enum user_role (admin, member, guest)', 'changed table posts', ...]
 * ```
 */
export function toTree(diff: SchemaDiff): ChangeTreeNode {
  const top = new Map<string, Draft>()
  for (const c of diff.changes) {
    const details = describeChange(c).details
    if (isObjectChange(c)) {
      top.set(c.path, {
        label: describeChange(c).title.slice(2),
        status: OBJECT_STATUS[objectVerb(c)],
        name: c.path,
        kind: 'object',
        changes: [ref(c)],
        children: details.map(detailNode),
      })
      continue
    }
    if (c.kind.endsWith('_enum')) {
      top.set(c.path, {
        label: label(c),
        status: STATUS[c.kind],
        name: c.path.slice('enum:'.length),
        kind: 'enum',
        changes: [ref(c)],
        children: details.map(detailNode),
      })
      continue
    }
    const t = c as Extract<SchemaChange, { table: string }>
    const key = tablePath(t.table, t.schema)
    let table = top.get(key)
    if (!table) {
      table = {
        label: `table ${key}`,
        status: 'changed',
        name: key,
        kind: 'table',
        changes: [],
        children: [],
        members: new Map(),
      }
      top.set(key, table)
    }
    switch (t.kind) {
      case 'create_table':
      case 'drop_table':
        table.status = STATUS[t.kind]
        table.changes.push(ref(t))
        table.children.push(...tableContents(t.kind === 'create_table' ? t.after : t.before, table.status))
        break
      case 'rename_table':
      case 'alter_table':
        if (t.kind === 'rename_table') {
          table.status = 'renamed'
          table.label = label(t)
        }
        table.changes.push(ref(t))
        table.children.push(...(t.kind === 'alter_table' ? details.map(detailNode) : []))
        break
      default: {
        const existing = table.members?.get(t.path)
        if (existing) {
          // A rename and an alteration of the same column: one node, named by the rename.
          if (t.kind === 'rename_column') {
            existing.status = 'renamed'
            existing.label = label(t)
          }
          existing.changes.push(ref(t))
          existing.children.push(...details.map(detailNode))
          break
        }
        const member: Draft = {
          label: label(t),
          status: STATUS[t.kind],
          name: t.path.slice(key.length + 1),
          kind: objectKind(t.kind),
          changes: [ref(t)],
          children: details.map(detailNode),
        }
        table.members?.set(t.path, member)
        table.children.push(member)
      }
    }
  }
  for (const c of diff.renameCandidates) {
    if (c.applied) {
      // An inferred rename says why it was made, under the renamed object.
      const node = c.target === 'table' ? top.get(c.to) : top.get(c.table ?? '')?.members?.get(`${c.table}.${c.to}`)
      if (node?.status === 'renamed') node.children.unshift(detailNode(appliedText(c)))
      continue
    }
    const node = c.target === 'table' ? top.get(c.from) : top.get(c.table ?? '')?.members?.get(`${c.table}.${c.from}`)
    if (node?.status === 'removed') node.children.push(hint(c))
  }
  // Drafts hold build-time state (members); the tree itself is plain data.
  const freeze = (d: Draft | ChangeTreeNode): ChangeTreeNode => ({
    label: d.label,
    status: d.status,
    kind: d.kind,
    name: d.name,
    changes: d.changes,
    children: d.children.map(freeze),
  })
  const children = [...top.values()].map(freeze)
  return {
    label: `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}`,
    status: children.length > 0 ? 'changed' : 'unchanged',
    kind: 'diff',
    name: '',
    changes: [],
    children,
  }
}
