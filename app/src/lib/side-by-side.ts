import {
  type Column,
  type ColumnField,
  describeChange,
  formatColumnType,
  type Schema,
  type SchemaChange,
  type SchemaDiff,
  type Table,
} from 'schemaledger'

/**
 * One column as the side-by-side view prints it.
 *
 * @example
 * ```ts
 * const cell: ColumnCell = { name: 'id', type: 'bigint', nullable: 'NOT NULL', default: '', extra: 'AUTOINCREMENT' }
 * ```
 */
export interface ColumnCell {
  readonly name: string
  readonly type: string
  readonly nullable: 'NULL' | 'NOT NULL'
  readonly default: string
  /** Identity, generated expression, collation, comment: whatever else the column has. */
  readonly extra: string
}

/**
 * One row of the side-by-side view: the column before and after, and which cells changed.
 *
 * @example
 * ```ts
 * const row: ColumnRow = { status: 'changed', before, after, changed: ['type'] }
 * ```
 */
export interface ColumnRow {
  readonly status: 'added' | 'removed' | 'changed' | 'renamed' | 'unchanged'
  readonly before?: ColumnCell
  readonly after?: ColumnCell
  /** The cells that differ: `name`, `type`, `nullable`, `default`, `extra`. */
  readonly changed: readonly (keyof ColumnCell)[]
}

/**
 * One table before and after.
 *
 * @example
 * ```ts
 * const view = sideBySide(from, to, diff, 'posts')
 * view.rows.filter((r) => r.status !== 'unchanged')
 * ```
 */
export interface TableComparison {
  readonly key: string
  readonly status: 'added' | 'removed' | 'changed' | 'renamed' | 'unchanged'
  readonly beforeName?: string
  readonly afterName?: string
  readonly rows: readonly ColumnRow[]
  /** Constraint and index changes of the table, in the words of `describeChange`. */
  readonly other: readonly { readonly status: string; readonly title: string }[]
}

const qualified = (t: { readonly name: string; readonly schema?: string }) =>
  t.schema ? `${t.schema}.${t.name}` : t.name

const FIELD_CELL: Readonly<Record<ColumnField, keyof ColumnCell>> = {
  type: 'type',
  nullable: 'nullable',
  default: 'default',
  autoincrement: 'extra',
  identity: 'extra',
  generated: 'extra',
  collation: 'extra',
  comment: 'extra',
  position: 'name',
}

function cell(c: Column): ColumnCell {
  const extra = [
    c.autoincrement ? 'AUTOINCREMENT' : '',
    c.identity ? `IDENTITY ${c.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'}` : '',
    c.generated ? `GENERATED (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}` : '',
    c.collation ? `COLLATE ${c.collation}` : '',
    c.comment ? `-- ${c.comment}` : '',
  ]
  return {
    name: c.name,
    type: formatColumnType(c.type),
    nullable: c.nullable ? 'NULL' : 'NOT NULL',
    default: c.default ?? '',
    extra: extra.filter((e) => e !== '').join(' '),
  }
}

const STATUS: Readonly<Record<string, string>> = { add: 'added', drop: 'removed', alter: 'changed', rename: 'renamed' }

/**
 * Every table of either version, keyed by its name after the change (before it, for dropped tables),
 * changed tables first.
 *
 * @example
 * ```ts
 * tableKeys(from, to, diff) // ['posts', 'users', 'tags']
 * ```
 */
export function tableKeys(from: Schema, to: Schema, diff: SchemaDiff): string[] {
  const changed = new Set(
    diff.changes.flatMap((c) =>
      'table' in c ? [qualified({ name: c.table, ...(c.schema ? { schema: c.schema } : {}) })] : [],
    ),
  )
  const all = new Set([...to.tables.map(qualified), ...from.tables.map(qualified).filter((k) => changed.has(k))])
  return [...all].sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)) || a.localeCompare(b))
}

/**
 * The columns of one table before and after the diff, aligned by name (following renames), with the
 * changed cells marked, plus the table's constraint and index changes.
 *
 * @example
 * ```ts
 * sideBySide(from, to, diff, 'posts').rows[1] // { status: 'changed', before: {...}, after: {...}, changed: ['type'] }
 * ```
 */
export function sideBySide(from: Schema, to: Schema, diff: SchemaDiff, key: string): TableComparison {
  const inTable = diff.changes.filter(
    (c): c is Extract<SchemaChange, { table: string }> =>
      'table' in c && qualified({ name: c.table, ...(c.schema ? { schema: c.schema } : {}) }) === key,
  )
  const renamed = inTable.find((c) => c.kind === 'rename_table')
  const after = to.tables.find((t) => qualified(t) === key)
  const beforeKey = renamed
    ? qualified({ name: renamed.from, ...(renamed.schema ? { schema: renamed.schema } : {}) })
    : key
  const before: Table | undefined = inTable.some((c) => c.kind === 'create_table')
    ? undefined
    : from.tables.find((t) => qualified(t) === beforeKey)

  const oldName = new Map<string, string>() // new column name -> old name
  for (const c of inTable) if (c.kind === 'rename_column') oldName.set(c.column, c.from)
  const altered = new Map<string, ColumnField[]>()
  for (const c of inTable) if (c.kind === 'alter_column') altered.set(c.column, [...c.changes])

  const rows: ColumnRow[] = []
  const matched = new Set<string>()
  for (const col of after?.columns ?? []) {
    const previous = before?.columns.find((b) => b.name === (oldName.get(col.name) ?? col.name))
    if (!previous) {
      rows.push({ status: 'added', after: cell(col), changed: [] })
      continue
    }
    matched.add(previous.name)
    const fields = new Set((altered.get(col.name) ?? []).map((f) => FIELD_CELL[f]))
    if (oldName.has(col.name)) fields.add('name')
    const status = oldName.has(col.name) ? 'renamed' : fields.size > 0 ? 'changed' : 'unchanged'
    rows.push({ status, before: cell(previous), after: cell(col), changed: [...fields] })
  }
  // Dropped columns go back where they stood in the old table.
  for (const [position, col] of (before?.columns ?? []).entries()) {
    if (matched.has(col.name)) continue
    rows.splice(Math.min(position, rows.length), 0, { status: 'removed', before: cell(col), changed: [] })
  }

  const other = inTable
    .filter((c) => /_(constraint|index)$/.test(c.kind))
    .map((c) => ({ status: STATUS[c.kind.slice(0, c.kind.indexOf('_'))] ?? 'changed', title: describeChange(c).title }))
  const status = !before
    ? 'added'
    : !after
      ? 'removed'
      : renamed
        ? 'renamed'
        : inTable.length > 0
          ? 'changed'
          : 'unchanged'
  return {
    key,
    status,
    ...(before ? { beforeName: qualified(before) } : {}),
    ...(after ? { afterName: qualified(after) } : {}),
    rows,
    other,
  }
}
