import { SchemaLedgerError } from '../errors.js'
import {
  CANONICAL_FORMAT,
  canonicalColumn,
  canonicalConstraints,
  canonicalDocument,
  canonicalIndex,
  canonicalTable,
  enumDocument,
  objectDocuments,
} from './document-schema.js'
import { formatColumnType } from './format-column-type.js'
import { indexPartShape } from './model-description.js'
import { normalizeSchema } from './normal-form.js'
import { OBJECT_KINDS, OBJECT_LISTS, objectsOf } from './object-kinds.js'
import { parseSchema } from './parse-schema.js'
import type { AnyObjectShape, Shape } from './shape.js'
import type { Extra, Index, IndexPart, JsonValue, Schema, Table } from './types.js'

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
  const objects = Object.fromEntries(
    OBJECT_KINDS.flatMap((kind) => {
      const items = objectsOf(s, kind)
      const stated = kind === 'namespace' && s.namespaces !== undefined
      return items.length === 0 && !stated
        ? []
        : [[OBJECT_LISTS[kind], items.map((o) => write(objectDocuments[kind], o, objectWritten(o)))]]
    }),
  )
  return write(canonicalDocument, s, {
    format: CANONICAL_FORMAT,
    enums: s.enums.map((e) => write(enumDocument, e)),
    tables: s.tables.map(writeTable),
    ...objects,
  })
}

// Every object is written by its canonical shape (document-schema.ts): the shape's keys in its
// order, from the model's fields of the same name, unless `written` gives the value.

function writeTable(t: Table): Record<string, JsonValue> {
  return write(canonicalTable, t, {
    columns: t.columns.map((c) => write(canonicalColumn, c, { type: formatColumnType(c.type) })),
    constraints: t.constraints.map((c) => write(canonicalConstraints[c.type], c)),
    indexes: t.indexes.map(writeIndex),
  })
}

const writeIndex = (x: Index) => write(canonicalIndex, x, { columns: x.parts.map(writeIndexPart) })

/** What an object writes differently from its model: a materialized view's indexes, as a table's. */
function objectWritten(o: object): Written {
  const indexes = (o as { indexes?: readonly Index[] }).indexes
  return indexes === undefined ? {} : { indexes: indexes.map(writeIndex) }
}

/** A bare column key part is written as its name; anything richer as an object. */
function writeIndexPart(p: IndexPart): JsonValue {
  const keys = Object.keys(p)
  if (p.column !== undefined && keys.length === 1) return p.column
  return write(indexPartShape, p)
}

type Written = Readonly<Record<string, JsonValue | undefined>>

/** `value` as its document shape lists it, then its unknown keys, deep-sorted, under `extra`. */
function write(shape: AnyObjectShape, value: object, written: Written = {}): Record<string, JsonValue> {
  const from = value as Record<string, unknown>
  const out: Record<string, JsonValue> = {}
  for (const key of shape.keys) {
    const v = Object.hasOwn(written, key) ? written[key] : writeValue(shape.fields[key] as Shape<unknown>, from[key])
    if (v !== undefined) out[key] = v
  }
  const extra = from.extra as Extra | undefined
  if (extra && Object.keys(extra).length > 0) out.extra = sortKeysDeep(extra)
  return out
}

function writeValue(shape: Shape<unknown>, value: unknown): JsonValue | undefined {
  if (Array.isArray(value)) return [...value]
  const nested = shape as Partial<AnyObjectShape>
  if (nested.keys && typeof value === 'object' && value !== null) return write(nested as AnyObjectShape, value)
  return value as JsonValue | undefined
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
