import type { AlterColumnChange } from '../../diff/types.js'
import { listedColumns, renameListedColumns } from '../../model/constraint-columns.js'
import type { Identity, Index } from '../../model/types.js'
import { normalizeDefault } from '../../sql-text/normalize-default.js'
import type { GeneratorContext } from '../dialect.js'
import { expression } from '../render.js'
import { Stage, type StatementDraft } from '../types.js'
import {
  collateClause,
  columnCommentSQL,
  columnDefinition,
  enumLookup,
  identityBounds,
  identityClause,
  identityDirection,
  identityOptions,
  renderPostgresDefault,
} from './columns.js'
import { addConstraintDrafts, createIndexDrafts } from './constraints.js'
import { sourceTableOrUndefined, tableName } from './context.js'
import { foreignKeysAroundRetype } from './foreign-key-retype.js'
import { sequenceName } from './names.js'
import { columnSequenceGrantsSQL } from './objects/object-grants.js'
import { currentConstraintName, currentIndexName } from './renames.js'
import {
  convertsWithoutUsing,
  isCollatable,
  isWidening,
  renderPostgresType,
  sameFamily,
  sequenceType,
  usingExpression,
} from './types.js'
import { refuseColumn } from './unsupported.js'

// One `alter_column` change as a sequence of `ALTER TABLE ... ALTER COLUMN` statements, in the order
// PostgreSQL needs: what goes away first (identity, serial default, default that cannot follow a
// cast), then the type, then the new default and nullability, then what needs them (an identity needs
// NOT NULL and no default).

/**
 * The statements of an `alter_column` change. A `position` change alone produces none: PostgreSQL
 * cannot move a column.
 *
 * @example
 * ```ts
 * alterColumnSQL(change, ctx) // ALTER TABLE "users" ALTER COLUMN "age" TYPE integer USING "age"::integer
 * ```
 */
export function alterColumnSQL(change: AlterColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const { before: b, after: a } = change
  refuseColumn(change.table, a)
  const has = (f: string) => change.changes.includes(f as AlterColumnChange['changes'][number])
  if (
    has('generated') &&
    a.generated &&
    !(b.generated && (ctx.options.dialectVersion ?? 0) >= 17 && b.generated.stored === a.generated.stored)
  ) {
    return recreateColumn(change, ctx)
  }
  const d = ctx.dialect
  const table = tableName(ctx, change.table, change.schema)
  const column = d.quoteIdentifier(change.column)
  const drafts: StatementDraft[] = []
  const alter = (clause: string, extra: Partial<StatementDraft> = {}) =>
    drafts.push({ sql: `ALTER TABLE ${table} ALTER COLUMN ${column} ${clause}`, stage: Stage.alterColumn, ...extra })
  const run = (sql: string) => drafts.push({ sql, stage: Stage.alterColumn })
  const sequence = () => tableName(ctx, sequenceName(change.table, change.column), change.schema)

  if (has('generated') && b.generated && !a.generated) alter('DROP EXPRESSION')
  if (has('generated') && b.generated && a.generated) {
    alter(`SET EXPRESSION AS (${expression(d, a.generated.expression, `${change.table}.${change.column} generated`)})`)
  }
  if (has('identity') && b.identity && !a.identity) alter('DROP IDENTITY')
  // A serial column whose new default still takes values from its sequence keeps the sequence, no
  // longer owned by the column (and the other way round, an existing sequence becomes the column's).
  const seq = sequenceName(change.table, change.column)
  const keepsSequence = a.default !== undefined && defaultTakesFrom(a.default, seq, change.schema)
  const adoptsSequence = b.default !== undefined && defaultTakesFrom(b.default, seq, change.schema)
  if (has('autoincrement') && b.autoincrement) {
    if (keepsSequence) run(`ALTER SEQUENCE ${sequence()} OWNED BY NONE`)
    else {
      alter('DROP DEFAULT')
      run(`DROP SEQUENCE ${sequence()}`)
    }
  }

  const typeChanged =
    (has('type') || has('collation')) && (renderPostgresType(b.type) !== renderPostgresType(a.type) || has('collation'))
  const plainUsing = typeChanged && !convertsWithoutUsing(b.type, a.type)
  // A default is converted with the column only when an assignment cast exists; otherwise it goes
  // first and comes back after the type change.
  const dropDefaultFirst =
    b.default !== undefined && ((typeChanged && plainUsing) || (has('default') && a.default === undefined))
  if (dropDefaultFirst) alter('DROP DEFAULT')
  if (typeChanged) {
    const target = renderPostgresType(a.type, enumLookup(ctx))
    const collate =
      a.collation !== undefined
        ? collateClause(d, a.collation)
        : has('collation') && isCollatable(a.type)
          ? ' COLLATE "default"'
          : ''
    const using = plainUsing ? ` USING ${usingExpression(column, b.type, a.type, target)}` : ''
    alter(`TYPE ${target}${collate}${using}`, isWidening(b.type, a.type) ? {} : { destructive: true })
    const seqType = sequenceType(a.type)
    if (b.autoincrement && a.autoincrement && seqType && seqType !== sequenceType(b.type))
      run(`ALTER SEQUENCE ${sequence()} AS ${seqType}`)
  }
  // After a change of type family the catalog keeps the old default behind a cast (`(0)::text`): set
  // the new one in the column's own type.
  const respell = typeChanged && b.default !== undefined && !sameFamily(b.type, a.type)
  const setDefault =
    a.default !== undefined &&
    (has('default') || dropDefaultFirst || respell) &&
    !a.autoincrement &&
    !a.identity &&
    !a.generated
  if (setDefault && a.default !== undefined) alter(`SET DEFAULT ${renderPostgresDefault(d, a.default, a)}`)
  if (has('nullable')) alter(a.nullable ? 'DROP NOT NULL' : 'SET NOT NULL')

  if (has('identity') && a.identity) {
    if (!b.identity) alter(`ADD ${identityClause(a.identity)}${identityOptions(a.identity)}`)
    else {
      const options = [
        ...(b.identity.generation !== a.identity.generation
          ? [`SET GENERATED ${a.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`]
          : []),
        // The start that applies: a turned direction moves the default one (1 up, -1 down).
        ...(identityDirection(b.identity).start !== identityDirection(a.identity).start
          ? [`SET START WITH ${identityDirection(a.identity).start}`]
          : []),
        ...(b.identity.increment !== a.identity.increment ? [`SET INCREMENT BY ${a.identity.increment ?? 1}`] : []),
        ...identityBoundChanges(b.identity, a.identity),
      ]
      if (options.length > 0) alter(options.join(' '))
    }
  }
  if (has('autoincrement') && a.autoincrement && adoptsSequence) {
    run(`ALTER SEQUENCE ${sequence()} OWNED BY ${table}.${column}`)
    alter(`SET DEFAULT nextval(${d.quoteLiteral(sequence())})`)
  } else if (has('autoincrement') && a.autoincrement) {
    const seqType = sequenceType(a.type)
    if (seqType) {
      run(`CREATE SEQUENCE ${sequence()} AS ${seqType} OWNED BY ${table}.${column}`)
      alter(`SET DEFAULT nextval(${d.quoteLiteral(sequence())})`)
      // Existing rows keep their values: start counting after the largest one.
      run(`SELECT setval(${d.quoteLiteral(sequence())}, coalesce(max(${column}), 0) + 1, false) FROM ${table}`)
    }
  }
  if (has('comment')) {
    drafts.push({
      sql: columnCommentSQL(ctx, change.table, change.schema, change.column, a.comment),
      stage: Stage.comment,
    })
  }
  // Grants on the column's sequence: changed, or those of a sequence the column just got.
  const hasSequence = (c: typeof a) => c.autoincrement === true || c.identity !== undefined
  if (has('sequenceGrants') || (hasSequence(a) && !hasSequence(b) && a.sequenceGrants))
    drafts.push(...columnSequenceGrantsSQL(ctx, change.table, change.schema, b, a))
  if (!typeChanged) return drafts
  // Keys over the column that a step of the migration would break go before it and come back after.
  const keys = foreignKeysAroundRetype(ctx, change)
  return [...keys.drops, ...drafts, ...keys.adds]
}

/**
 * Whether a default is `nextval` of sequence `name` in namespace `schema` (the default namespace
 * when unqualified), spelled any way PostgreSQL reads it: `nextval('users_id_seq'::regclass)`,
 * `nextval('"billing"."users_id_seq"')`.
 */
function defaultTakesFrom(expression: string, name: string, schema: string | undefined): boolean {
  const call = /^nextval\('((?:[^']|'')*)'\)$/.exec(normalizeDefault(expression) ?? '')
  if (!call) return false
  const parts = [...(call[1] ?? '').replaceAll("''", "'").matchAll(/"((?:[^"]|"")*)"|([^."]+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? '').toLowerCase(),
  )
  const [qualifier, own] = parts.length === 2 ? parts : [undefined, parts[0]]
  return parts.length <= 2 && own === name && (qualifier === undefined || qualifier === (schema ?? 'public'))
}

/**
 * The bounds, cache and cycle an identity's sequence needs after the change. When the direction
 * turns, both bounds are set again (`NO MINVALUE` is the new direction's default only once set) and the
 * sequence restarts at its new start: its current value lies on the other side of zero, outside the
 * new range, and new values then do not meet the ones already given out. It restarts too when the new
 * bounds leave out the old start, where an unused sequence stands (PostgreSQL refuses the ALTER
 * otherwise: `RESTART value (-200) cannot be less than MINVALUE (-100)`); `RESTART` takes the new start,
 * as it is set in the same statement.
 */
function identityBoundChanges(before: Identity, after: Identity): string[] {
  const [was, now] = [identityDirection(before), identityDirection(after)]
  const [a, b] = [identityBounds(before), identityBounds(after)]
  const turned = was.up !== now.up
  const out: string[] = []
  if (turned || a.min !== b.min) out.push(b.min === undefined ? 'SET NO MINVALUE' : `SET MINVALUE ${b.min}`)
  if (turned || a.max !== b.max) out.push(b.max === undefined ? 'SET NO MAXVALUE' : `SET MAXVALUE ${b.max}`)
  if ((before.cache ?? 1) !== (after.cache ?? 1)) out.push(`SET CACHE ${after.cache ?? 1}`)
  if ((before.cycle ?? false) !== (after.cycle ?? false)) out.push(after.cycle ? 'SET CYCLE' : 'SET NO CYCLE')
  if (turned || !withinBounds(was.start, now.up, b)) out.push('RESTART')
  return out
}

/** Whether `value` lies within bounds as {@link identityBounds} gives them (undefined: the direction's default). */
function withinBounds(
  value: number,
  up: boolean,
  bounds: { min: number | undefined; max: number | undefined },
): boolean {
  // An unstated bound is the type's extreme on the far side, 1 (counting up) or -1 (down) on the near one.
  const aboveMin = bounds.min !== undefined ? value >= bounds.min : !up || value >= 1
  const belowMax = bounds.max !== undefined ? value <= bounds.max : up || value <= -1
  return aboveMin && belowMax
}

/**
 * A column that becomes generated (or, before PostgreSQL 17, changes its expression) cannot be altered
 * in place: it is dropped and added again (destructive), and the constraints and indexes the drop takes
 * with it are created again under the names they had.
 */
function recreateColumn(change: AlterColumnChange, ctx: GeneratorContext): StatementDraft[] {
  const d = ctx.dialect
  const { table, schema } = change
  const target = tableName(ctx, table, schema)
  const drafts: StatementDraft[] = [
    {
      sql: `ALTER TABLE ${target} DROP COLUMN ${d.quoteIdentifier(change.column)}`,
      stage: Stage.alterColumn,
      destructive: true,
    },
    {
      sql: `ALTER TABLE ${target} ADD COLUMN ${columnDefinition(d, ctx, table, change.after)}`,
      stage: Stage.alterColumn,
    },
  ]
  const source = sourceTableOrUndefined(ctx, table, schema)
  const old = change.before.name
  const uses = (names: readonly string[]) => names.includes(old)
  const mentions = (text: string | undefined) =>
    text !== undefined && new RegExp(`\\b${old.replace(/\W/g, '\\$&')}\\b`).test(text)
  const rename = (n: string) => (n === old ? change.column : n)
  for (const c of source?.constraints ?? []) {
    const expressions = c.type === 'exclude' ? [...c.elements.map((e) => e.expression), c.where] : []
    const involved = c.type === 'check' ? mentions(c.expression) : uses(listedColumns(c)) || expressions.some(mentions)
    if (!involved) continue
    const renamed = renameListedColumns(c, rename)
    const name = currentConstraintName(ctx, table, schema, c)
    drafts.push(...addConstraintDrafts(ctx, table, schema, renamed, name, Stage.alterColumn))
  }
  for (const x of source?.indexes ?? []) {
    const involved =
      x.parts.some((p) => p.column === old || mentions(p.expression)) || uses(x.include ?? []) || mentions(x.where)
    if (!involved) continue
    const renamed: Index = {
      ...x,
      parts: x.parts.map((p) => (p.column === undefined ? p : { ...p, column: rename(p.column) })),
    }
    drafts.push(
      ...createIndexDrafts(ctx, table, schema, renamed, currentIndexName(ctx, table, schema, x), Stage.alterColumn),
    )
  }
  if (change.after.comment) {
    drafts.push({
      sql: columnCommentSQL(ctx, table, schema, change.column, change.after.comment),
      stage: Stage.comment,
    })
  }
  return drafts
}
