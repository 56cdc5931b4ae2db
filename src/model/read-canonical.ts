import { assembleTable } from './assemble-table.js'
import {
  canonicalColumnSchema,
  canonicalConstraintFlagsSchema,
  canonicalConstraintSchemas,
  canonicalDocumentSchema,
  canonicalIndexSchema,
  canonicalTableSchema,
  constraintHeadSchema,
  enumSchema,
} from './document-schema.js'
import { compact, extraKeys, type ReadContext } from './read-context.js'
import { readEnum } from './read-enum.js'
import { readIndexParts } from './read-index-parts.js'
import { normalizeUsing } from './read-sqlalchemy.js'
import type { ColumnContribution } from './read-sqlalchemy-column.js'
import { readSpelledType } from './spelled-type.js'
import type { Constraint, EnumDefinition, Index, Schema, Table } from './types.js'

const DOC_KEYS = new Set(Object.keys(canonicalDocumentSchema.shape))
const TABLE_KEYS = new Set(Object.keys(canonicalTableSchema.shape))
const COLUMN_KEYS = new Set(Object.keys(canonicalColumnSchema.shape))
const INDEX_KEYS = new Set(Object.keys(canonicalIndexSchema.shape))
const FLAG_KEYS = ['type', 'name', ...Object.keys(canonicalConstraintFlagsSchema.shape)]

/** Reads a document in the canonical shape written by `serializeSchema`. @internal */
export function readCanonicalDocument(doc: Record<string, unknown>, ctx: ReadContext): Schema | undefined {
  const d = ctx.check(canonicalDocumentSchema, doc, '')
  if (!d) return undefined
  const enums: EnumDefinition[] = []
  for (const [i, e] of (d.enums ?? []).entries()) {
    const read = readEnum(ctx.check(enumSchema, e, `enums[${i}]`), `enums[${i}]`, ctx)
    if (read) enums.push(read)
  }
  const tables = d.tables.flatMap((t, i) => readTable(t, `tables[${i}]`, ctx) ?? [])
  return compact({ name: d.name, tables, enums, extra: extraKeys(d, DOC_KEYS) })
}

function readTable(raw: unknown, path: string, ctx: ReadContext): Table | undefined {
  const t = ctx.check(canonicalTableSchema, raw, path)
  if (!t) return undefined
  const columns = t.columns.flatMap((c, i) => readColumn(c, `${path}.columns[${i}]`, ctx) ?? [])
  return assembleTable(
    {
      name: t.name,
      schema: t.schema,
      comment: t.comment,
      extra: extraKeys(t, TABLE_KEYS),
      columns,
      constraints: (t.constraints ?? []).flatMap((c, i) => readConstraint(c, `${path}.constraints[${i}]`, ctx) ?? []),
      indexes: (t.indexes ?? []).flatMap((x, i) => readIndex(x, `${path}.indexes[${i}]`, ctx) ?? []),
    },
    path,
    ctx,
  )
}

function readColumn(raw: unknown, path: string, ctx: ReadContext): ColumnContribution | undefined {
  const c = ctx.check(canonicalColumnSchema, raw, path)
  if (!c) return undefined
  const spelled = readSpelledType(c.type)
  const column = ctx.at(
    compact({
      name: c.name,
      type: spelled.type,
      nullable: c.nullable,
      default: c.default,
      autoincrement: c.autoincrement,
      identity: c.identity
        ? compact({ generation: c.identity.generation, start: c.identity.start, increment: c.identity.increment })
        : undefined,
      generated: c.generated ? { expression: c.generated.expression, stored: c.generated.stored } : undefined,
      collation: c.collation ?? spelled.collation,
      comment: c.comment,
      extra: extraKeys(c, COLUMN_KEYS),
    }),
    path,
  )
  return { column, primaryKey: false, unique: false, index: false, autoincrementAuto: false, foreignKeys: [] }
}

function readConstraint(raw: unknown, path: string, ctx: ReadContext): Constraint | undefined {
  const head = ctx.check(constraintHeadSchema, raw, path)
  if (!head) return undefined
  const type = head.type as keyof typeof canonicalConstraintSchemas
  const bodySchema = canonicalConstraintSchemas[type]
  if (!Object.hasOwn(canonicalConstraintSchemas, type) || !bodySchema) {
    ctx.report(
      'unknown_constraint_type',
      `${path}.type`,
      `"${head.type}" is not a constraint type (primary_key, unique, foreign_key, check)`,
    )
    return undefined
  }
  const body = ctx.check(bodySchema, raw, path)
  const flags = ctx.check(canonicalConstraintFlagsSchema, raw, path)
  if (!body || !flags) return undefined
  const bodyKeys = Object.keys(bodySchema.shape)
  const content: Record<string, unknown> = Object.fromEntries(
    bodyKeys.map((k) => [k, (body as Record<string, unknown>)[k]]),
  )
  // `no_action` is the default action: stored as absent so both spellings compare equal.
  if (content.onDelete === 'no_action') content.onDelete = undefined
  if (content.onUpdate === 'no_action') content.onUpdate = undefined
  // `type` and `name` first, as the SQLAlchemy reader writes them, so a schema read back from its canonical form
  // has the same key order as the one it was written from (JSON reports of both are byte-equal).
  const constraint = compact({
    type,
    name: head.name ?? undefined,
    ...content,
    deferrable: flags.deferrable,
    initiallyDeferred: flags.deferrable ? flags.initiallyDeferred : undefined,
    extra: extraKeys(body, new Set([...FLAG_KEYS, ...bodyKeys])),
  })
  return ctx.at(constraint as unknown as Constraint, path)
}

function readIndex(raw: unknown, path: string, ctx: ReadContext): Index | undefined {
  const x = ctx.check(canonicalIndexSchema, raw, path)
  if (!x) return undefined
  const parts = readIndexParts({ columns: x.columns }, {}, path, ctx)
  if (!parts) return undefined
  return ctx.at(
    compact({
      name: x.name,
      parts,
      unique: x.unique,
      where: x.where?.trim() || undefined,
      using: normalizeUsing(x.using),
      include: x.include && x.include.length > 0 ? x.include : undefined,
      nullsNotDistinct: x.nullsNotDistinct,
      extra: extraKeys(x, INDEX_KEYS),
    }) as Index,
    path,
  )
}
