import { UnsafeExpressionError } from '../../../errors.js'
import { parseColumnType } from '../../../model/parse-column-type.js'
import type { CompositeType, RangeDefinition, TypeAttribute } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { query } from '../../render.js'
import { tableName } from '../context.js'

// Composite and range types. Attributes are added, dropped and retyped in place (`ALTER TYPE ... ADD |
// DROP | ALTER ATTRIBUTE`); a reordering or a collation change drops the type and creates it again,
// and so does any change of a range type's definition (the planner refuses it while a column uses
// the type, naming the columns).

const nameOf = (ctx: GeneratorContext, t: CompositeType) => tableName(ctx, t.name, t.schema)

const attributeSQL = (ctx: GeneratorContext, t: CompositeType, a: TypeAttribute, i: number) =>
  `${ctx.dialect.quoteIdentifier(a.name)} ${query(ctx.dialect, a.type, `type ${t.name}: attributes[${i}].type`, 'clause')}${
    a.collation === undefined ? '' : ` COLLATE ${ctx.dialect.quoteIdentifier(a.collation)}`
  }`

function commentSQL(ctx: GeneratorContext, t: CompositeType): ObjectStatementDraft {
  const text = t.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(t.comment)
  return { sql: `COMMENT ON TYPE ${nameOf(ctx, t)} IS ${text}` }
}

/** Two spellings of one type (`varchar(10)`, `character varying(10)`). */
const sameType = (a: string, b: string) =>
  a.trim().toLowerCase() === b.trim().toLowerCase() ||
  JSON.stringify(parseColumnType(a)) === JSON.stringify(parseColumnType(b))

/** The attribute changes in place, or undefined when the kept attributes change order or collation. */
function attributeChanges(
  ctx: GeneratorContext,
  before: CompositeType,
  after: CompositeType,
): ObjectStatementDraft[] | undefined {
  if (before.attributes === undefined || after.attributes === undefined) return undefined
  const old = new Map(before.attributes.map((a) => [a.name, a]))
  const wanted = new Set(after.attributes.map((a) => a.name))
  const kept = before.attributes.filter((a) => wanted.has(a.name)).map((a) => a.name)
  const order = after.attributes.map((a) => a.name)
  // Added attributes go last: the kept ones must come first, in their old order.
  if (kept.some((n, i) => order[i] !== n)) return undefined
  const actions: string[] = []
  for (const a of before.attributes)
    if (!wanted.has(a.name)) actions.push(`DROP ATTRIBUTE ${ctx.dialect.quoteIdentifier(a.name)}`)
  for (const [i, a] of after.attributes.entries()) {
    const was = old.get(a.name)
    if (was === undefined) actions.push(`ADD ATTRIBUTE ${attributeSQL(ctx, after, a, i)}`)
    else if (was.collation !== a.collation) return undefined
    else if (!sameType(was.type, a.type))
      actions.push(
        `ALTER ATTRIBUTE ${ctx.dialect.quoteIdentifier(a.name)} TYPE ${query(ctx.dialect, a.type, `type ${after.name}: attributes[${i}].type`, 'clause')}`,
      )
  }
  return actions.length === 0 ? [] : [{ sql: `ALTER TYPE ${nameOf(ctx, after)} ${actions.join(', ')}` }]
}

/** A name that may be qualified (`public.f`, `C`), each part quoted. */
function qualifiedName(ctx: GeneratorContext, text: string, where: string): string {
  const parts = text.split('.')
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw new UnsafeExpressionError(where, 'not name or namespace.name', text)
  return parts.map((p) => ctx.dialect.quoteIdentifier(p)).join('.')
}

/** `SUBTYPE = t, SUBTYPE_OPCLASS = o, COLLATION = c, CANONICAL = f, SUBTYPE_DIFF = f, MULTIRANGE_TYPE_NAME = n`. */
function rangeOptions(ctx: GeneratorContext, t: CompositeType, r: RangeDefinition): string {
  const at = (field: string) => `type ${t.name}: range.${field}`
  const name = (field: keyof RangeDefinition, keyword: string) =>
    r[field] === undefined ? [] : [`${keyword} = ${qualifiedName(ctx, r[field] as string, at(field))}`]
  return [
    `SUBTYPE = ${query(ctx.dialect, r.subtype, at('subtype'), 'clause')}`,
    ...name('subtypeOpclass', 'SUBTYPE_OPCLASS'),
    ...name('collation', 'COLLATION'),
    ...name('canonical', 'CANONICAL'),
    ...name('subtypeDiff', 'SUBTYPE_DIFF'),
    ...name('multirangeTypeName', 'MULTIRANGE_TYPE_NAME'),
  ].join(', ')
}

function createTypeSQL(ctx: GeneratorContext, t: CompositeType): string {
  if (t.range !== undefined) return `CREATE TYPE ${nameOf(ctx, t)} AS RANGE (${rangeOptions(ctx, t, t.range)})`
  return `CREATE TYPE ${nameOf(ctx, t)} AS (${(t.attributes ?? []).map((a, i) => attributeSQL(ctx, t, a, i)).join(', ')})`
}

/** PostgreSQL composite types (`CREATE TYPE name AS (...)`) and range types (`AS RANGE (...)`). */
export const postgresCompositeTypes: ObjectGenerator<'type'> = {
  create: (t, ctx) => [{ sql: createTypeSQL(ctx, t) }, ...(t.comment === undefined ? [] : [commentSQL(ctx, t)])],
  drop: (t, ctx) => [{ sql: `DROP TYPE ${nameOf(ctx, t)}`, destructive: true }],
  alter: (change, ctx) => {
    const out: ObjectStatementDraft[] = []
    if (change.changes.includes('range')) return undefined
    if (change.changes.includes('attributes')) {
      const attributes = attributeChanges(ctx, change.before, change.after)
      if (attributes === undefined) return undefined
      out.push(...attributes)
    }
    if (change.changes.includes('comment')) out.push(commentSQL(ctx, change.after))
    return out
  },
}
