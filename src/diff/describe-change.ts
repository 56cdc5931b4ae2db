import { formatColumnType } from '../model/format-column-type.js'
import { REFERENTIAL_ACTION_SQL } from '../model/referential-action-sql.js'
import type { Column, Constraint, Index, IndexPart } from '../model/types.js'
import { describeObjectChange, isObjectChange } from './object-changes.js'
import type { SchemaChange } from './types.js'

/**
 * A column in one line, SQL-like and dialect-neutral: `varchar(50) NOT NULL DEFAULT ''`.
 *
 * @example
 * ```ts
 * describeColumn({ name: 'id', type: { kind: 'bigint' }, nullable: false }) // 'bigint NOT NULL'
 * ```
 */
export function describeColumn(c: Column): string {
  const parts = [formatColumnType(c.type)]
  if (c.collation) parts.push(`COLLATE ${c.collation}`)
  if (!c.nullable) parts.push('NOT NULL')
  if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`)
  if (c.autoincrement) parts.push('AUTOINCREMENT')
  if (c.identity) parts.push(`GENERATED ${c.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`)
  if (c.generated)
    parts.push(`GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`)
  return parts.join(' ')
}

/**
 * A constraint in one line: `UNIQUE (email)`, `FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE`.
 *
 * @example
 * ```ts
 * describeConstraint({ type: 'check', expression: 'score >= 0' }) // 'CHECK (score >= 0)'
 * ```
 */
export function describeConstraint(c: Constraint): string {
  // The last column marked as PostgreSQL 18 temporal keys write it: `during WITHOUT OVERLAPS`, `PERIOD during`.
  const cols = (names: readonly string[], mark?: (last: string) => string) =>
    `(${mark ? [...names.slice(0, -1), mark(names[names.length - 1] ?? '')].join(', ') : names.join(', ')})`
  const overlaps = (last: string) => `${last} WITHOUT OVERLAPS`
  let text: string
  switch (c.type) {
    case 'primary_key':
      text = `PRIMARY KEY ${cols(c.columns, c.withoutOverlaps ? overlaps : undefined)}`
      break
    case 'unique':
      text = `UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} ${cols(c.columns, c.withoutOverlaps ? overlaps : undefined)}`
      break
    case 'foreign_key': {
      const target = c.referencedSchema ? `${c.referencedSchema}.${c.referencedTable}` : c.referencedTable
      const period = c.period ? (last: string) => `PERIOD ${last}` : undefined
      text = `FOREIGN KEY ${cols(c.columns, period)} REFERENCES ${target} ${cols(c.referencedColumns, period)}`
      if (c.match) text += ` MATCH ${c.match.toUpperCase()}`
      if (c.onDelete) text += ` ON DELETE ${REFERENTIAL_ACTION_SQL[c.onDelete]}`
      if (c.onUpdate) text += ` ON UPDATE ${REFERENTIAL_ACTION_SQL[c.onUpdate]}`
      break
    }
    case 'check':
      text = `CHECK (${c.expression})${c.noInherit ? ' NO INHERIT' : ''}`
      break
    case 'exclude': {
      const elements = c.elements.map((e) => `${e.column ?? `(${e.expression})`} WITH ${e.operator}`)
      text = `EXCLUDE USING ${c.using ?? 'gist'} (${elements.join(', ')})`
      if (c.where) text += ` WHERE (${c.where})`
      break
    }
  }
  if (c.deferrable) text += c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE'
  if ((c.type === 'check' || c.type === 'foreign_key') && c.notValid) text += ' NOT VALID'
  return text
}

function describePart(p: IndexPart): string {
  let text = p.column ?? `(${p.expression})`
  if (p.length !== undefined) text += `(${p.length})`
  if (p.collation) text += ` COLLATE ${p.collation}`
  if (p.opclass) text += ` ${p.opclass}`
  if (p.descending) text += ' DESC'
  if (p.nulls) text += ` NULLS ${p.nulls.toUpperCase()}`
  return text
}

/**
 * An index in one line: `UNIQUE INDEX USING gin (lower(email)) WHERE deleted_at IS NULL`.
 *
 * @example
 * ```ts
 * describeIndex({ name: 'ix', parts: [{ column: 'email' }], unique: true }) // 'UNIQUE INDEX (email)'
 * ```
 */
export function describeIndex(x: Index): string {
  let text = `${x.unique ? 'UNIQUE ' : ''}INDEX${x.using ? ` USING ${x.using}` : ''} (${x.parts.map(describePart).join(', ')})`
  if (x.include) text += ` INCLUDE (${x.include.join(', ')})`
  if (x.nullsNotDistinct) text += ' NULLS NOT DISTINCT'
  if (x.where) text += ` WHERE ${x.where}`
  if (x.ignored) text += ' IGNORED'
  return text
}

/** One field of a column as text, for `before -> after` lines. */
function columnField(c: Column, field: string): string {
  switch (field) {
    case 'type':
      return formatColumnType(c.type)
    case 'nullable':
      return c.nullable ? 'NULL' : 'NOT NULL'
    case 'default':
      return c.default ?? '(none)'
    case 'autoincrement':
      return c.autoincrement ? 'yes' : 'no'
    case 'identity':
      return c.identity ? `${c.identity.generation}` : '(none)'
    case 'generated':
      return c.generated ? `${c.generated.expression} ${c.generated.stored ? 'STORED' : 'VIRTUAL'}` : '(none)'
    case 'collation':
      return c.collation ?? '(default)'
    case 'comment':
      return c.comment === undefined ? '(none)' : JSON.stringify(c.comment)
    case 'invisible':
      return c.invisible ? 'yes' : 'no'
    case 'onUpdate':
      return c.onUpdate ?? '(none)'
    default:
      return ''
  }
}

/**
 * A change as a headline plus `field: before -> after` detail lines, for terminals and assertion
 * messages.
 *
 * @example
 * ```ts
 * describeChange(change) // { title: '~ column users.email', details: ['type: varchar(120) -> varchar(255)'] }
 * ```
 */
export function describeChange(change: SchemaChange): { title: string; details: string[] } {
  const c = change
  if (isObjectChange(c)) return describeObjectChange(c)
  switch (c.kind) {
    case 'create_table':
      return { title: `+ table ${c.path}`, details: c.after.columns.map((col) => `${col.name} ${describeColumn(col)}`) }
    case 'drop_table':
      return { title: `- table ${c.path}`, details: [] }
    case 'rename_table':
      return { title: `> table ${c.from} renamed to ${c.table}`, details: [] }
    case 'alter_table':
      return {
        title: `~ table ${c.path}`,
        details: c.changes.map(
          (field) =>
            `${field}: ${JSON.stringify(c.before[field] ?? null)} -> ${JSON.stringify(c.after[field] ?? null)}`,
        ),
      }
    case 'add_column':
      return { title: `+ column ${c.path} ${describeColumn(c.after)}`, details: [] }
    case 'drop_column':
      return { title: `- column ${c.path} ${describeColumn(c.before)}`, details: [] }
    case 'rename_column':
      return { title: `> column ${c.table}.${c.from} renamed to ${c.column}`, details: [] }
    case 'alter_column':
      return {
        title: `~ column ${c.path}`,
        details: c.changes.map((f) =>
          f === 'position'
            ? `position: ${c.previousPosition} -> ${c.position}`
            : `${f}: ${columnField(c.before, f)} -> ${columnField(c.after, f)}`,
        ),
      }
    case 'add_constraint':
      return { title: `+ constraint ${c.path} ${describeConstraint(c.after)}`, details: [] }
    case 'drop_constraint':
      return { title: `- constraint ${c.path} ${describeConstraint(c.before)}`, details: [] }
    case 'alter_constraint':
      return {
        title: `~ constraint ${c.path} (${c.changes.join(', ')})`,
        details: [`${describeConstraint(c.before)} -> ${describeConstraint(c.after)}`],
      }
    case 'add_index':
      return { title: `+ index ${c.path} ${describeIndex(c.after)}`, details: [] }
    case 'drop_index':
      return { title: `- index ${c.path} ${describeIndex(c.before)}`, details: [] }
    case 'alter_index':
      return {
        title: `~ index ${c.path} (${c.changes.join(', ')})`,
        details: [`${describeIndex(c.before)} -> ${describeIndex(c.after)}`],
      }
    case 'create_enum':
      return { title: `+ enum ${c.enum} (${c.after.values.join(', ')})`, details: [] }
    case 'drop_enum':
      return { title: `- enum ${c.enum} (${c.before.values.join(', ')})`, details: [] }
    case 'alter_enum': {
      const details = [
        ...c.added.map(
          (a) =>
            `+ value ${JSON.stringify(a.value)}${a.after !== undefined ? ` after ${JSON.stringify(a.after)}` : a.before !== undefined ? ` before ${JSON.stringify(a.before)}` : ''}`,
        ),
        ...c.removed.map((v) => `- value ${JSON.stringify(v)}`),
        ...(c.reordered ? [`order: ${c.before.values.join(', ')} -> ${c.after.values.join(', ')}`] : []),
        ...(c.changes.includes('comment')
          ? [`comment: ${JSON.stringify(c.before.comment ?? null)} -> ${JSON.stringify(c.after.comment ?? null)}`]
          : []),
      ]
      return { title: `~ enum ${c.enum}`, details }
    }
  }
}
