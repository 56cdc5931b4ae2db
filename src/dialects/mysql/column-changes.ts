import deepEqual from 'fast-deep-equal'
import { tableKey, translateConstraint } from '../../diff/semantic-keys.js'
import type { AddColumnChange, AlterColumnChange, AlterEnumChange, DropColumnChange } from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { ColumnType, IntegerType } from '../../model/column-type.js'
import { columnTypesEqual, formatColumnType } from '../../model/format-column-type.js'
import type { Column, ForeignKeyConstraint, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { foreignKeysInvolving, foreignKeysOnColumn } from '../foreign-key-index.js'
import { Stage, type StatementDraft } from '../types.js'
import { inlineColumnCheckClauses, keptColumnChecks } from './column-checks.js'
import { mysqlColumnDefinition } from './columns.js'
import { dropForeignKeyDraft } from './key-drops.js'
import { addForeignKeyDraft, type KeyContext, keyContext, tableName } from './keys.js'
import { mysqlConstraintName } from './object-names.js'
import { findTable, foreignKeyKey, isCovered, isTouched, planState, renameMaps, sourceTable } from './plan-state.js'
import { quoteMysqlIdentifier as q } from './text.js'

// Column changes. MODIFY COLUMN restates the whole definition, so one statement carries every
// changed field. Around it: MySQL refuses to change the type of a column under a foreign key, so
// the keys on it are dropped before and added back after (and a plan whose result would join two
// columns of different types fails here, naming both); AUTO_INCREMENT needs the column to be the
// first column of a key, so it is added once keys exist and removed before they go.

const SERIAL = (c: Column) => c.autoincrement === true || c.identity !== undefined

/** ` FIRST`, ` AFTER \`prev\``, or nothing for the last column of the table. */
function position(table: Table | undefined, column: string): string {
  const columns = table?.columns ?? []
  const at = columns.findIndex((c) => c.name === column)
  if (at < 0 || at === columns.length - 1) return ''
  return at === 0 ? ' FIRST' : ` AFTER ${q(columns[at - 1]?.name ?? '')}`
}

/**
 * A string column's collation: its own, else its table's (undefined when neither says). Columns
 * compare by their own collations unless both are known this way.
 */
function collationsMatch(a: Column, b: Column, ta: Table, tb: Table): boolean {
  const [ea, eb] = [a.collation ?? ta.collation, b.collation ?? tb.collation]
  if (ea === undefined || eb === undefined) return a.collation === b.collation
  return ea.toLowerCase() === eb.toLowerCase()
}

/**
 * The type as a server without display widths (MySQL 8) keeps it: a width only with ZEROFILL.
 *
 * @example
 * ```ts
 * keptByMysql8({ kind: 'integer', displayWidth: 4 }) // { kind: 'integer' }
 * ```
 */
function keptByMysql8(type: ColumnType): ColumnType {
  if (!isIntegerType(type) || type.zerofill) return type
  const { displayWidth: _, ...rest } = type
  return rest
}

/** The type without its display width and ZEROFILL, which change no value stored. */
function storedType(type: ColumnType): ColumnType {
  if (!isIntegerType(type)) return type
  const { displayWidth: _, zerofill: __, ...rest } = type
  return rest
}

const isIntegerType = (type: ColumnType): type is IntegerType => INTEGER_RANK.includes(type.kind)

/** Integer size and sign, decimal precision and scale, string character set: what InnoDB compares. */
function foreignKeyTypesMatch(a: Column, b: Column, ta: Table, tb: Table): boolean {
  const norm = (t: ColumnType): ColumnType => (t.kind === 'boolean' ? { kind: 'tinyint' } : storedType(t))
  const [x, y] = [norm(a.type), norm(b.type)]
  const strings = new Set(['char', 'varchar'])
  const bytes = new Set(['binary', 'varbinary'])
  if (strings.has(x.kind) && strings.has(y.kind)) return collationsMatch(a, b, ta, tb)
  if (bytes.has(x.kind) && bytes.has(y.kind)) return true
  return columnTypesEqual(x, y)
}

/** Throws when, after this change, a foreign key would join the column to one of another type. */
function checkForeignKeyTypes(ctx: GeneratorContext, change: AlterColumnChange): void {
  const { table, schema, after } = change
  // Only keys of the table or pointing at it can qualify: listed from an index, in schema order.
  for (const { table: t, fk } of foreignKeysInvolving(ctx.to, table, schema)) {
    const target = findTable(ctx.to, fk.referencedTable, fk.referencedSchema ?? t.schema)
    if (!target) continue
    const own = t.name === table && t.schema === schema && fk.columns.includes(after.name)
    const referenced = target.name === table && target.schema === schema && fk.referencedColumns.includes(after.name)
    if (!own && !referenced) continue
    for (const [i, name] of fk.columns.entries()) {
      const a = t.columns.find((c) => c.name === name)
      const b = target.columns.find((c) => c.name === fk.referencedColumns[i])
      if (!a || !b || foreignKeyTypesMatch(a, b, t, target)) continue
      const key = fk.name ?? mysqlConstraintName(t.name, fk)
      throw new SchemaLedgerError(
        'incompatible_foreign_key',
        `${table}.${after.name} becomes ${formatColumnType(after.type)}, but foreign key ${key} joins ${t.name}.${a.name} (${formatColumnType(a.type)}) to ${target.name}.${b.name} (${formatColumnType(b.type)}): MySQL/MariaDB require both columns of a foreign key to have the same type (integers of the same size and sign, decimals of the same precision and scale, strings of the same collation); change both columns in the same migration`,
      )
    }
  }
}

/**
 * Drops the foreign keys of `from` on (or pointing at) the column before its type changes, and
 * adds back the ones that stay. Keys another change drops or alters, keys already handled, and keys
 * of dropped tables (dropped, not re-added) are accounted for, so each key is dropped once.
 */
function foreignKeysAround(
  kctx: KeyContext,
  change: AlterColumnChange,
): { drops: StatementDraft[]; adds: StatementDraft[] } {
  return foreignKeysAroundColumn(kctx, change.table, change.schema, change.before.name)
}

/**
 * {@link foreignKeysAround} for the column `column` (its name in `from`) of `table` (its name in
 * `to`): the drops of the keys on it or pointing at it, and the adds of those that stay.
 *
 * @example
 * ```ts
 * foreignKeysAroundColumn(kctx, 'posts', undefined, 'user_id').drops[0]?.sql // 'ALTER TABLE `posts` DROP FOREIGN KEY ...'
 * ```
 */
export function foreignKeysAroundColumn(
  kctx: KeyContext,
  table: string,
  schema: string | undefined,
  column: string,
): { drops: StatementDraft[]; adds: StatementDraft[] } {
  const ctx = kctx.gen
  const drops: StatementDraft[] = []
  const adds: StatementDraft[] = []
  const previous = ctx.previousTableName(table, schema)
  const maps = renameMaps(ctx)
  const scheduled = planState(ctx).scheduled
  for (const { table: from, fk } of foreignKeysOnColumn(ctx.from, previous, schema, column)) {
    const dbName = fk.name ?? mysqlConstraintName(from.name, fk)
    const now = maps.tables.get(tableKey(from.schema, from.name)) ?? from.name
    if (scheduled.has(foreignKeyKey(from, dbName)) || isTouched(ctx, now, from.schema, fk)) continue
    drops.push(dropForeignKeyDraft(kctx, from, now, from.schema, fk, dbName, true))
    if (findTable(ctx.to, now, from.schema)) {
      const translated = translateConstraint(
        fk,
        tableKey(from.schema, from.name),
        from.schema,
        maps,
      ) as ForeignKeyConstraint
      adds.push(addForeignKeyDraft(kctx, now, from.schema, translated))
    }
  }
  return { drops, adds }
}

const INTEGER_RANK = ['tinyint', 'smallint', 'mediumint', 'integer', 'bigint']
const SIZE_RANK = ['tiny', undefined, 'medium', 'long']

/**
 * Whether every value of type `a` fits in type `b` unchanged (a type change that cannot lose data).
 *
 * @example
 * ```ts
 * widens({ kind: 'varchar', length: 50 }, { kind: 'varchar', length: 80 }) // true
 * ```
 */
export function widens(a: ColumnType, b: ColumnType): boolean {
  if (columnTypesEqual(a, b)) return true
  const unsignedSame = (('unsigned' in a && a.unsigned) ?? false) === (('unsigned' in b && b.unsigned) ?? false)
  const rank = (list: readonly (string | undefined)[], v: string | undefined) => list.indexOf(v)
  if (INTEGER_RANK.includes(a.kind) && INTEGER_RANK.includes(b.kind))
    return unsignedSame && rank(INTEGER_RANK, a.kind) <= rank(INTEGER_RANK, b.kind)
  if ((a.kind === 'char' || a.kind === 'varchar') && (b.kind === 'varchar' || b.kind === 'text')) {
    return b.kind === 'text' || b.length === undefined || (a.length ?? 1) <= b.length
  }
  if (a.kind === 'text' && b.kind === 'text') return rank(SIZE_RANK, a.size) <= rank(SIZE_RANK, b.size)
  if (a.kind === 'blob' && b.kind === 'blob') return rank(SIZE_RANK, a.size) <= rank(SIZE_RANK, b.size)
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const [p1, s1, p2, s2] = [a.precision ?? 10, a.scale ?? 0, b.precision ?? 65, b.scale ?? 0]
    return unsignedSame && s2 >= s1 && p2 - s2 >= p1 - s1
  }
  if ((a.kind === 'real' || a.kind === 'float') && b.kind === 'double') return true
  if (a.kind === 'timestamp' && b.kind === 'timestamp')
    return a.timezone === b.timezone && (a.precision ?? 0) <= (b.precision ?? 0)
  if (a.kind === 'enum' && b.kind === 'enum' && a.values && b.values)
    return a.values.every((v: string) => b.values?.includes(v))
  return false
}

/**
 * `add_column`: `ADD COLUMN ... [FIRST | AFTER x]`; an AUTO_INCREMENT column comes with its key.
 *
 * @example
 * ```ts
 * addColumnChange(change, ctx)[0].sql // 'ALTER TABLE `users` ADD COLUMN `bio` TEXT AFTER `name`'
 * ```
 */
export function addColumnChange(change: AddColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const kctx = keyContext(ctx)
  const { table, schema, after } = change
  const target = findTable(ctx.to, table, schema)
  const head = `ALTER TABLE ${tableName(table, schema)} ADD COLUMN`
  const where = position(target, after.name)
  // Column-level checks go in the definition (and every restatement of it) to stay column-level.
  const checks = target ? inlineColumnCheckClauses(target, after.name, kctx.flavor.mariadb) : ''
  const define = (options = {}) => `${mysqlColumnDefinition(after, kctx, options)}${checks}`
  if (!SERIAL(after)) return [{ sql: `${head} ${define()}${where}`, stage: Stage.addColumn }]
  const source = sourceTable(ctx, table, schema)
  const pk = target?.constraints.find((c) => c.type === 'primary_key')
  const oldPk = source?.constraints.find((c) => c.type === 'primary_key')
  const others = pk?.type === 'primary_key' ? pk.columns.filter((c) => c !== after.name) : []
  const withKey =
    pk?.type === 'primary_key' &&
    pk.columns[0] === after.name &&
    !oldPk &&
    others.every((name) => source?.columns.some((c) => c.name === name))
  if (withKey && pk?.type === 'primary_key') {
    planState(ctx).primaryKeyAdded.add(tableKey(schema, table))
    const key = `ADD PRIMARY KEY (${pk.columns.map(q).join(', ')})`
    return [{ sql: `${head} ${define()}${where}, ${key}`, stage: Stage.addColumn }]
  }
  // The key comes later in the plan: add the column plain, make it AUTO_INCREMENT once keyed.
  return [
    {
      sql: `${head} ${define({ withoutAutoIncrement: true })}${where}`,
      stage: Stage.addColumn,
    },
    {
      sql: `ALTER TABLE ${tableName(table, schema)} MODIFY COLUMN ${define()}`,
      stage: Stage.addForeignKey,
    },
  ]
}

/**
 * `drop_column`: `DROP COLUMN` (destructive), after everything else; but before the columns are
 * added when a new column differs from it only in case (MySQL column names are case-insensitive).
 *
 * @example
 * ```ts
 * dropColumnChange(change, ctx)[0].sql // 'ALTER TABLE `users` DROP COLUMN `bio`'
 * ```
 */
export function dropColumnChange(change: DropColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const name = change.before.name
  const clash = findTable(ctx.to, change.table, change.schema)?.columns.some(
    (c) => c.name !== name && c.name.toLowerCase() === name.toLowerCase(),
  )
  const sql = `ALTER TABLE ${tableName(change.table, change.schema)} DROP COLUMN ${q(name)}`
  return [{ sql, stage: clash ? Stage.addColumn : Stage.dropColumn, destructive: true }]
}

/**
 * `alter_column`: one `MODIFY COLUMN` with the full new definition. A column that becomes or stops
 * being generated is dropped and added again (MySQL cannot MODIFY between the two).
 *
 * @example
 * ```ts
 * alterColumnChange(change, ctx).map((d) => d.sql) // ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(80) NOT NULL']
 * ```
 */
export function alterColumnChange(change: AlterColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const kctx = keyContext(ctx)
  const { table, schema, before, after, changes } = change
  // A display width alone, where the server keeps none (MySQL 8): nothing to write.
  if (
    !kctx.flavor.displayWidths &&
    changes.length === 1 &&
    changes[0] === 'type' &&
    columnTypesEqual(keptByMysql8(before.type), keptByMysql8(after.type))
  )
    return []
  const target = findTable(ctx.to, table, schema)
  const head = `ALTER TABLE ${tableName(table, schema)}`
  const where = changes.includes('position') ? position(target, after.name) : ''
  if (before.generated?.stored !== after.generated?.stored) {
    return [
      { sql: `${head} DROP COLUMN ${q(after.name)}`, stage: Stage.alterColumn, destructive: true },
      {
        sql: `${head} ADD COLUMN ${mysqlColumnDefinition(after, kctx)}${position(target, after.name)}`,
        stage: Stage.alterColumn,
      },
    ]
  }
  const retyped = changes.includes('type') || changes.includes('collation')
  if (changes.includes('type')) checkForeignKeyTypes(ctx, change)
  const around = retyped ? foreignKeysAround(kctx, change) : { drops: [], adds: [] }
  const destructive = changes.includes('type') && !widens(before.type, after.type)
  const checks = keptColumnChecks(ctx, table, schema, before.name)
  const modify = (column: Column, options = {}) =>
    `${head} MODIFY COLUMN ${mysqlColumnDefinition(column, kctx, options)}${checks}${where}`
  const drafts: StatementDraft[] = []
  const source = sourceTable(ctx, table, schema)
  const keyed = source !== undefined && isCovered(source, [before.name], (o) => !isTouched(ctx, table, schema, o))
  if (SERIAL(after) && !keyed) {
    // Not keyed until the new keys exist: change the rest now (so re-added foreign keys see the new
    // type), and make it AUTO_INCREMENT once keyed.
    if (changes.some((f) => f !== 'autoincrement' && f !== 'identity'))
      drafts.push({ sql: modify(after, { withoutAutoIncrement: true }), stage: Stage.alterColumn, destructive })
    drafts.push({ sql: modify(after), stage: Stage.addForeignKey })
  } else {
    // Losing AUTO_INCREMENT happens before the keys it needs are dropped.
    const stage = SERIAL(before) && !SERIAL(after) ? Stage.dropIndex : Stage.alterColumn
    drafts.push({ sql: modify(after), stage, destructive })
  }
  return [...around.drops, ...drafts, ...around.adds]
}

/**
 * `alter_enum`: MySQL enums live in the columns, so every column of the target schema that uses the
 * enum gets a MODIFY with the new values (appending values at the end is instant in InnoDB).
 *
 * @example
 * ```ts
 * alterEnumChange(change, ctx)[0].sql // "ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('sad','happy','ecstatic')"
 * ```
 */
export function alterEnumChange(change: AlterEnumChange, ctx: GeneratorContext): StatementDraft[] {
  if (deepEqual(change.before.values, change.after.values)) return []
  const kctx = keyContext(ctx)
  const drafts: StatementDraft[] = []
  for (const t of ctx.to?.tables ?? []) {
    for (const column of t.columns) {
      if (column.type.kind !== 'enum' || column.type.name !== change.enum) continue
      drafts.push({
        sql: `ALTER TABLE ${tableName(t.name, t.schema)} MODIFY COLUMN ${mysqlColumnDefinition(column, kctx)}${keptColumnChecks(ctx, t.name, t.schema, column.name)}`,
        stage: Stage.alterColumn,
        destructive: change.removed.length > 0,
      })
    }
  }
  return drafts
}
