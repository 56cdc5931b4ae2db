import { REFERENTIAL_ACTION_SQL } from '../../model/referential-action-sql.js'
import type { Constraint, ForeignKeyConstraint, Index, IndexPart, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { columnList } from '../render.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'
import { mysqlExpression, mysqlFlavor, quoteMysqlIdentifier as q, quoteMysqlLiteral, unsupported } from './text.js'
import { needsPrefixLength, type TypeContext } from './types.js'

// Keys, foreign keys, checks and indexes in MySQL/MariaDB syntax. What differs from PostgreSQL:
// the primary key is always named PRIMARY; unique constraints are unique indexes (dropped with DROP
// INDEX); foreign keys are dropped with DROP FOREIGN KEY and need an index on their columns, which
// MySQL creates (named after the key) when no index covers them; there are no partial indexes, no
// DEFERRABLE, no MATCH and no SET DEFAULT (InnoDB parses and ignores them, so asking for them is an
// error here rather than a silent difference).

/**
 * The key of `ForeignKeyConstraint.extra` holding the name of the index MySQL made for the key.
 *
 * @example
 * ```ts
 * fk.extra?.[FOREIGN_KEY_INDEX_KEY] // 'user_id' for a key the server named posts_ibfk_1
 * ```
 */
export const FOREIGN_KEY_INDEX_KEY = 'mysqlIndex'

/**
 * Everything a key or index renderer needs.
 *
 * @example
 * ```ts
 * mysqlConstraintClause(keyContext(ctx), 'users', constraint)
 * ```
 */
export interface KeyContext extends TypeContext {
  readonly gen: GeneratorContext
}

/**
 * The key context of a generator context.
 *
 * @example
 * ```ts
 * keyContext(ctx).flavor.mariadb // true when no dialectVersion is given
 * ```
 */
export function keyContext(gen: GeneratorContext): KeyContext {
  return { gen, flavor: mysqlFlavor(gen.options), schemas: [gen.to, gen.from] }
}

/**
 * `\`schema\`.\`table\`` or `\`table\``.
 *
 * @example
 * ```ts
 * tableName('users', 'shop') // '`shop`.`users`'
 * ```
 */
export function tableName(table: string, schema?: string): string {
  return schema === undefined ? q(table) : `${q(schema)}.${q(table)}`
}

/** Throws when a key column is a TEXT/BLOB column MySQL can only index by a prefix. */
function checkKeyColumns(
  table: Table | undefined,
  columns: readonly string[],
  where: string,
  longUnique: boolean,
): void {
  for (const name of columns) {
    const column = table?.columns.find((c) => c.name === name)
    if (column && needsPrefixLength(column.type) && !longUnique) {
      unsupported(
        where,
        `column "${name}" is ${column.type.kind}: MySQL keys on TEXT/BLOB/JSON columns need a prefix length, which only an index part can give (parts[].length)`,
      )
    }
  }
}

/**
 * A table constraint as MySQL writes it inside CREATE TABLE or after ALTER TABLE ... ADD. Foreign
 * keys always state both actions (`NO ACTION` when the model says nothing): MariaDB reports an
 * unspecified action as RESTRICT, so only an explicit one reads back as what the model said.
 *
 * @example
 * ```ts
 * mysqlConstraintClause(kctx, 'users', { type: 'unique', columns: ['email'] }) // 'CONSTRAINT `users_email_key` UNIQUE (`email`)'
 * ```
 */
export function mysqlConstraintClause(ctx: KeyContext, table: string, c: Constraint, definition?: Table): string {
  const name = c.name ?? mysqlConstraintName(table, c)
  const where = `${table}.${name}`
  if (c.deferrable) unsupported(where, 'MySQL/MariaDB constraints cannot be DEFERRABLE')
  if ((c.type === 'primary_key' || c.type === 'unique') && c.withoutOverlaps)
    unsupported(
      where,
      "WITHOUT OVERLAPS on a range column is PostgreSQL 18's (MySQL has none; MariaDB's applies to application-time periods)",
    )
  if (c.type === 'foreign_key' && c.period) unsupported(where, 'MySQL/MariaDB have no PERIOD foreign keys')
  // Keys are indexes in MySQL and take an index's COMMENT; foreign keys and checks have none.
  const comment = c.comment === undefined || c.comment === '' ? '' : ` COMMENT ${quoteMysqlLiteral(c.comment)}`
  if (comment !== '' && c.type !== 'primary_key' && c.type !== 'unique')
    unsupported(where, 'MySQL/MariaDB foreign keys and checks have no comments')
  switch (c.type) {
    case 'primary_key':
      checkKeyColumns(definition, c.columns, where, false)
      return `PRIMARY KEY ${columnList(ctx.gen.dialect, c.columns)}${comment}`
    case 'unique':
      if (c.nullsNotDistinct) unsupported(where, 'MySQL/MariaDB have no NULLS NOT DISTINCT')
      checkKeyColumns(definition, c.columns, where, ctx.flavor.mariadb)
      return `CONSTRAINT ${q(name)} UNIQUE ${columnList(ctx.gen.dialect, c.columns)}${comment}`
    case 'foreign_key': {
      if (c.match) unsupported(where, `MySQL/MariaDB parse MATCH ${c.match.toUpperCase()} but ignore it`)
      if (c.notValid) unsupported(where, 'MySQL/MariaDB have no NOT VALID constraints')
      if (c.onDelete === 'set_default' || c.onUpdate === 'set_default')
        unsupported(where, 'InnoDB does not support SET DEFAULT (MariaDB silently stores RESTRICT)')
      const target = tableName(c.referencedTable, c.referencedSchema)
      return `CONSTRAINT ${q(name)} FOREIGN KEY ${columnList(ctx.gen.dialect, c.columns)} REFERENCES ${target} ${columnList(ctx.gen.dialect, c.referencedColumns)} ON DELETE ${REFERENTIAL_ACTION_SQL[c.onDelete ?? 'no_action']} ON UPDATE ${REFERENTIAL_ACTION_SQL[c.onUpdate ?? 'no_action']}`
    }
    case 'check':
      if (c.notValid) unsupported(where, 'MySQL/MariaDB have no NOT VALID constraints')
      if (c.noInherit) unsupported(where, 'MySQL/MariaDB have no table inheritance (NO INHERIT)')
      return `CONSTRAINT ${q(name)} CHECK (${mysqlExpression(c.expression, `${where} check`)})`
    case 'exclude':
      return unsupported(where, 'MySQL/MariaDB have no exclusion constraints (EXCLUDE)')
  }
}

function indexPart(
  ctx: KeyContext,
  where: string,
  p: IndexPart,
  definition: Table | undefined,
  whole: boolean,
): string {
  if (p.nulls) unsupported(where, 'MySQL/MariaDB have no NULLS FIRST/LAST in indexes')
  if (p.opclass) unsupported(where, 'MySQL/MariaDB have no operator classes')
  if (p.collation) unsupported(where, 'MySQL/MariaDB have no per-part index collation')
  let text: string
  if (p.column !== undefined) {
    const column = definition?.columns.find((c) => c.name === p.column)
    if (column && p.length === undefined && needsPrefixLength(column.type) && !whole) {
      unsupported(
        where,
        `column "${p.column}" is ${column.type.kind}: MySQL indexes it only by a prefix, give the part a length (parts[].length)`,
      )
    }
    text = q(p.column) + (p.length === undefined ? '' : `(${p.length})`)
  } else {
    if (!ctx.flavor.expressionIndexes) {
      unsupported(
        where,
        'indexes on expressions need MySQL 8.0.13 or later (MariaDB has none): pass dialectVersion: 8 for MySQL',
      )
    }
    text = `(${mysqlExpression(p.expression ?? '', `${where} expression`)})`
  }
  return p.descending ? `${text} DESC` : text
}

/** `[UNIQUE |FULLTEXT |SPATIAL ]INDEX \`name\`` head, key parts and `USING` tail of an index. */
function indexPieces(ctx: KeyContext, table: string, x: Index, definition: Table | undefined) {
  const name = x.name ?? mysqlIndexName(table, x)
  const where = `${table}.${name}`
  if (x.where !== undefined) unsupported(where, 'partial indexes (WHERE) do not exist in MySQL/MariaDB')
  if (x.include && x.include.length > 0) unsupported(where, 'MySQL/MariaDB indexes have no INCLUDE columns')
  if (x.nullsNotDistinct) unsupported(where, 'MySQL/MariaDB have no NULLS NOT DISTINCT')
  if (x.with && Object.keys(x.with).length > 0)
    unsupported(where, 'MySQL/MariaDB indexes have no storage parameters (WITH (...))')
  const using = x.using?.toLowerCase()
  let kind = x.unique ? 'UNIQUE ' : ''
  let tail = ''
  if (using === 'fulltext' || using === 'spatial') kind = `${using.toUpperCase()} `
  else if (using === 'hash') tail = ' USING HASH'
  else if (using !== undefined && using !== 'btree')
    unsupported(where, `MySQL/MariaDB have no "${x.using}" indexes (btree, hash, fulltext, spatial)`)
  // FULLTEXT/SPATIAL index whole values, and so does MariaDB's hash-backed long UNIQUE.
  const whole = kind === 'FULLTEXT ' || kind === 'SPATIAL ' || (x.unique === true && ctx.flavor.mariadb)
  const parts = x.parts.map((p) => indexPart(ctx, where, p, definition, whole)).join(', ')
  if (x.comment !== undefined && x.comment !== '') tail += ` COMMENT ${quoteMysqlLiteral(x.comment)}`
  if (x.ignored) tail += ` ${ignoredIndexKeyword(ctx, where)}`
  return { name, kind, parts: `(${parts})`, tail }
}

/**
 * The keyword of an index the optimizer ignores at the target: `IGNORED` (MariaDB 10.6+), `INVISIBLE`
 * (MySQL 8); throws `unsupported_feature` for older servers.
 *
 * @example
 * ```ts
 * ignoredIndexKeyword(keyContext(ctx), 'users.ix_name') // 'IGNORED' on MariaDB
 * ```
 */
export function ignoredIndexKeyword(ctx: KeyContext, where: string): 'IGNORED' | 'INVISIBLE' {
  const keyword = ctx.flavor.ignoredIndex
  if (keyword === undefined)
    unsupported(where, 'indexes the optimizer ignores need MariaDB 10.6 (IGNORED) or MySQL 8 (INVISIBLE)')
  return keyword
}

/**
 * An index inside CREATE TABLE: `INDEX \`name\` (parts)`.
 *
 * @example
 * ```ts
 * inlineIndex(kctx, 'users', { name: 'ix', parts: [{ column: 'name', descending: true }] }, table) // 'INDEX `ix` (`name` DESC)'
 * ```
 */
export function inlineIndex(ctx: KeyContext, table: string, x: Index, definition: Table | undefined): string {
  const p = indexPieces(ctx, table, x, definition)
  return `${p.kind}INDEX ${q(p.name)} ${p.parts}${p.tail}`
}

/**
 * `CREATE [UNIQUE] INDEX \`name\` ON \`table\` (parts)`.
 *
 * @example
 * ```ts
 * createIndexStatement(kctx, 'users', undefined, { name: 'ix', parts: [{ column: 'bio', length: 10 }] }, table)
 * // 'CREATE INDEX `ix` ON `users` (`bio`(10))'
 * ```
 */
export function createIndexStatement(
  ctx: KeyContext,
  table: string,
  schema: string | undefined,
  x: Index,
  definition: Table | undefined,
): string {
  const p = indexPieces(ctx, table, x, definition)
  return `CREATE ${p.kind}INDEX ${q(p.name)} ON ${tableName(table, schema)} ${p.parts}${p.tail}`
}

/**
 * The index of a foreign key the server named (`posts_ibfk_1`), which MySQL named after the key's
 * first column: created under that name with the key (created with the key alone, it would take
 * the key's name). Undefined for every other key.
 *
 * @example
 * ```ts
 * foreignKeyIndexClause(kctx, fk) // 'INDEX `user_id` (`user_id`)' when fk.extra.mysqlIndex is 'user_id'
 * ```
 */
export function foreignKeyIndexClause(ctx: KeyContext, table: string, fk: Constraint): string | undefined {
  const index = fk.extra?.[FOREIGN_KEY_INDEX_KEY]
  if (fk.type !== 'foreign_key' || typeof index !== 'string' || index === mysqlConstraintName(table, fk))
    return undefined
  return `INDEX ${q(index)} ${columnList(ctx.gen.dialect, fk.columns)}`
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`, at the foreign-key stage.
 *
 * @example
 * ```ts
 * addForeignKeyDraft(kctx, 'posts', undefined, fk).stage // Stage.addForeignKey
 * ```
 */
export function addForeignKeyDraft(
  ctx: KeyContext,
  table: string,
  schema: string | undefined,
  fk: ForeignKeyConstraint,
): StatementDraft {
  const index = foreignKeyIndexClause(ctx, table, fk)
  const guard = ctx.flavor.mariadb ? 'IF NOT EXISTS ' : ''
  const withIndex = index === undefined ? '' : `ADD ${index.replace('INDEX ', `INDEX ${guard}`)}, `
  return {
    sql: `ALTER TABLE ${tableName(table, schema)} ${withIndex}ADD ${mysqlConstraintClause(ctx, table, fk)}`,
    stage: Stage.addForeignKey,
  }
}

/**
 * Renames an index or unique constraint (`RENAME INDEX`, MySQL 5.7+ / MariaDB 10.5+).
 *
 * @example
 * ```ts
 * renameIndexDraft('users', undefined, 'ix_a', 'ix_b', Stage.addIndex).sql // 'ALTER TABLE `users` RENAME INDEX `ix_a` TO `ix_b`'
 * ```
 */
export function renameIndexDraft(
  table: string,
  schema: string | undefined,
  from: string,
  to: string,
  stage: StageValue,
): StatementDraft {
  return { sql: `ALTER TABLE ${tableName(table, schema)} RENAME INDEX ${q(from)} TO ${q(to)}`, stage }
}
