import { SchemaLedgerError } from '../errors.js'
import { CANONICAL_FORMAT } from './document-schema.js'
import { formatColumnType } from './format-column-type.js'
import { normalizeSchema } from './normal-form.js'
import { parseSchema } from './parse-schema.js'
import type { Column, Constraint, EnumDefinition, Extra, Index, IndexPart, JsonValue, Schema, Table } from './types.js'

/**
 * Writes the canonical JSON document of a schema: `"format": "schemaledger/1"`, a fixed key order,
 * tables, enums, constraints and indexes sorted, columns in their order, two-space indentation and a
 * final newline. The same schema always gives the same bytes, so the file diffs cleanly in git.
 *
 * @example
 * ```ts
 * await writeFile('schema.json', serializeSchema(parseSchema(doc)))
 * ```
 */
export function serializeSchema(schema: Schema): string {
  return `${JSON.stringify(toCanonicalDocument(schema), null, 2)}\n`
}

/**
 * Reads JSON text in any accepted shape (canonical, SQLAlchemy metadata) into a schema. Seed-shaped and
 * older documents are upgraded on read. Throws {@link SchemaLedgerError} `invalid_json` for text that
 * is not JSON, and {@link SchemaValidationError} for an invalid document.
 *
 * @example
 * ```ts
 * const schema = deserializeSchema(await readFile('schema.json', 'utf8'))
 * ```
 */
export function deserializeSchema(text: string): Schema {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new SchemaLedgerError('invalid_json', `Not valid JSON: ${(error as Error).message}`, { cause: error })
  }
  return parseSchema(document)
}

/**
 * The canonical document as a plain object (what {@link serializeSchema} stringifies).
 *
 * @example
 * ```ts
 * const doc = toCanonicalDocument(schema) // { format: 'schemaledger/1', enums: [...], tables: [...] }
 * ```
 */
export function toCanonicalDocument(schema: Schema): Record<string, JsonValue> {
  const s = normalizeSchema(schema)
  return withExtra(
    {
      format: CANONICAL_FORMAT,
      name: s.name,
      enums: s.enums.map(writeEnum),
      tables: s.tables.map(writeTable),
    },
    s.extra,
  )
}

function writeEnum(e: EnumDefinition): Record<string, JsonValue> {
  return withExtra({ name: e.name, schema: e.schema, values: [...e.values], comment: e.comment }, e.extra)
}

function writeTable(t: Table): Record<string, JsonValue> {
  return withExtra(
    {
      name: t.name,
      schema: t.schema,
      comment: t.comment,
      columns: t.columns.map(writeColumn),
      constraints: t.constraints.map(writeConstraint),
      indexes: t.indexes.map(writeIndex),
    },
    t.extra,
  )
}

function writeColumn(c: Column): Record<string, JsonValue> {
  return withExtra(
    {
      name: c.name,
      type: formatColumnType(c.type),
      nullable: c.nullable,
      default: c.default,
      autoincrement: c.autoincrement,
      identity:
        c.identity &&
        dropUndefined({ generation: c.identity.generation, start: c.identity.start, increment: c.identity.increment }),
      generated: c.generated && { expression: c.generated.expression, stored: c.generated.stored },
      collation: c.collation,
      comment: c.comment,
    },
    c.extra,
  )
}

function writeConstraint(c: Constraint): Record<string, JsonValue> {
  const flags = { deferrable: c.deferrable, initiallyDeferred: c.initiallyDeferred }
  if (c.type === 'check') return withExtra({ type: c.type, name: c.name, expression: c.expression, ...flags }, c.extra)
  const head = { type: c.type, name: c.name, columns: [...c.columns] }
  switch (c.type) {
    case 'primary_key':
      return withExtra({ ...head, ...flags }, c.extra)
    case 'unique':
      return withExtra({ ...head, nullsNotDistinct: c.nullsNotDistinct, ...flags }, c.extra)
    case 'foreign_key':
      return withExtra(
        {
          ...head,
          referencedSchema: c.referencedSchema,
          referencedTable: c.referencedTable,
          referencedColumns: [...c.referencedColumns],
          onDelete: c.onDelete,
          onUpdate: c.onUpdate,
          match: c.match,
          ...flags,
        },
        c.extra,
      )
  }
}

function writeIndex(x: Index): Record<string, JsonValue> {
  return withExtra(
    {
      name: x.name,
      columns: x.parts.map(writeIndexPart),
      unique: x.unique,
      using: x.using,
      include: x.include && [...x.include],
      where: x.where,
      nullsNotDistinct: x.nullsNotDistinct,
    },
    x.extra,
  )
}

/** A bare column key part is written as its name; anything richer as an object. */
function writeIndexPart(p: IndexPart): JsonValue {
  const keys = Object.keys(p)
  if (p.column !== undefined && keys.length === 1) return p.column
  return dropUndefined({
    column: p.column,
    expression: p.expression,
    descending: p.descending,
    nulls: p.nulls,
    opclass: p.opclass,
    collation: p.collation,
    length: p.length,
  })
}

/** Drops undefined values and appends unknown keys, deep-sorted, under `extra`. */
function withExtra(fields: Record<string, JsonValue | undefined>, extra: Extra | undefined): Record<string, JsonValue> {
  const out = dropUndefined(fields)
  if (extra && Object.keys(extra).length > 0) out.extra = sortKeysDeep(extra)
  return out
}

function dropUndefined(fields: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    out[key] = isPlainObject(value) ? dropUndefined(value as Record<string, JsonValue | undefined>) : value
  }
  return out
}

function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep)
  if (!isPlainObject(value)) return value
  const entries = Object.entries(value as Record<string, JsonValue>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)]))
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
