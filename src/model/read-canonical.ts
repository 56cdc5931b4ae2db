import { assembleTable } from './assemble-table.js'
import {
  canonicalColumn,
  canonicalConstraints,
  canonicalDocument,
  canonicalTable,
  constraintHead,
  enumDocument,
} from './document-schema.js'
import { columnShape, constraintShapes, schemaShape } from './model-description.js'
import { extraKeys, type ReadContext } from './read-context.js'
import { readEnum } from './read-enum.js'
import { readCanonicalIndex } from './read-index.js'
import { readObjectLists } from './read-objects.js'
import type { ColumnContribution } from './read-sqlalchemy-column.js'
import { type AnyObjectShape, build, type Shape } from './shape.js'
import { readSpelledType } from './spelled-type.js'
import type { Constraint, EnumDefinition, Schema, Table } from './types.js'

// The canonical shape is the model's own (document-schema.ts derives it from the model's
// description), so its fields are copied by that description; only what a document writes
// differently is read by hand: the type's spelling, the index's `columns`, and defaults.

const DOC_KEYS = new Set(canonicalDocument.keys)
const TABLE_KEYS = new Set(canonicalTable.keys)
const COLUMN_KEYS = new Set(canonicalColumn.keys)

/** Reads a document in the canonical shape written by `serializeSchema`. @internal */
export function readCanonicalDocument(doc: Record<string, unknown>, ctx: ReadContext): Schema | undefined {
  const d = ctx.check(canonicalDocument, doc, '')
  if (!d) return undefined
  const enums: EnumDefinition[] = []
  for (const [i, e] of (d.enums ?? []).entries()) {
    const read = readEnum(ctx.check(enumDocument, e, `enums[${i}]`), `enums[${i}]`, ctx)
    if (read) enums.push(read)
  }
  const tables = d.tables.flatMap((t, i) => readTable(t, `tables[${i}]`, ctx) ?? [])
  return build(schemaShape, d, { tables, enums, ...readObjectLists(d, '', ctx), extra: extraKeys(d, DOC_KEYS) })
}

function readTable(raw: unknown, path: string, ctx: ReadContext): Table | undefined {
  const t = ctx.check(canonicalTable, raw, path)
  if (!t) return undefined
  const columns = t.columns.flatMap((c, i) => {
    const read = readColumn(c, `${path}.columns[${i}]`, ctx)
    if (!read) ctx.unreadColumn(path, c)
    return read ?? []
  })
  return assembleTable(
    {
      ...t,
      extra: extraKeys(t, TABLE_KEYS),
      columns,
      constraints: (t.constraints ?? []).flatMap((c, i) => readConstraint(c, `${path}.constraints[${i}]`, ctx) ?? []),
      indexes: (t.indexes ?? []).flatMap((x, i) => readCanonicalIndex(x, `${path}.indexes[${i}]`, ctx) ?? []),
    },
    path,
    ctx,
  )
}

function readColumn(raw: unknown, path: string, ctx: ReadContext): ColumnContribution | undefined {
  const c = ctx.check(canonicalColumn, raw, path)
  if (!c) return undefined
  const spelled = readSpelledType(c.type)
  const column = ctx.at(
    build(columnShape, c, {
      type: spelled.type,
      collation: c.collation ?? spelled.collation,
      extra: extraKeys(c, COLUMN_KEYS),
    }),
    path,
  )
  return { column, primaryKey: false, unique: false, index: false, autoincrementAuto: false, foreignKeys: [] }
}

function readConstraint(raw: unknown, path: string, ctx: ReadContext): Constraint | undefined {
  const head = ctx.check(constraintHead, raw, path)
  if (!head) return undefined
  const type = head.type as keyof typeof canonicalConstraints
  if (!Object.hasOwn(canonicalConstraints, type)) {
    ctx.report(
      'unknown_constraint_type',
      `${path}.type`,
      `"${head.type}" is not a constraint type (primary_key, unique, foreign_key, check, exclude)`,
    )
    return undefined
  }
  const document: Shape<Record<string, unknown>> & { readonly keys: readonly string[] } = canonicalConstraints[type]
  const c = ctx.check(document, raw, path)
  if (!c) return undefined
  const model: AnyObjectShape = constraintShapes[type]
  const constraint = build(model, c, {
    // `no_action` is the default action: stored as absent so both spellings compare equal.
    onDelete: c.onDelete === 'no_action' ? undefined : c.onDelete,
    onUpdate: c.onUpdate === 'no_action' ? undefined : c.onUpdate,
    initiallyDeferred: c.deferrable ? c.initiallyDeferred : undefined,
    extra: extraKeys(c, new Set(document.keys)),
  })
  return ctx.at(constraint as Constraint, path)
}
