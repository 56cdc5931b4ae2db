import type { JsonValue, Schema, Table } from '../model/types.js'
import { CodegenError } from './codegen-error.js'
import { type FieldShape, tableFields, type ValueShape } from './column-shape.js'
import { qualifiedTableName } from './naming.js'
import { base64Pattern } from './value-patterns.js'

/**
 * Options of {@link toJsonSchema}.
 *
 * @example
 * ```ts
 * const options: ToJsonSchemaOptions = { shape: 'insert', bigint: 'number' }
 * ```
 */
export interface ToJsonSchemaOptions {
  /** `row` (default): every column, all required; `insert`: the values an INSERT takes. */
  readonly shape?: 'row' | 'insert'
  /** `bigint` columns as decimal strings (default; JSON numbers lose digits beyond 2^53) or as numbers limited to the safe range. */
  readonly bigint?: 'string' | 'number'
}

/**
 * A JSON Schema (draft 2020-12) keyword object for one property.
 *
 * @example
 * ```ts
 * const p: JsonSchemaProperty = { type: ['string', 'null'], maxLength: 50 }
 * ```
 */
export type JsonSchemaProperty = { readonly [keyword: string]: JsonValue }

/**
 * The JSON Schema of one table's row or insert values, as {@link toJsonSchema} returns it.
 *
 * @example
 * ```ts
 * const schema: TableJsonSchema = toJsonSchema(db, 'users')
 * schema.required // ['id', 'username', ...]
 * ```
 */
export interface TableJsonSchema {
  readonly $schema: 'https://json-schema.org/draft/2020-12/schema'
  /** The table name (`schema.table` when namespaced), with ` (insert)` for the insert shape. */
  readonly title: string
  /** The table comment. */
  readonly description?: string
  readonly type: 'object'
  readonly properties: { readonly [column: string]: JsonSchemaProperty }
  readonly required: readonly string[]
  readonly additionalProperties: false
}

/** Looks a table up by qualified name, or by bare name when only one table has it. */
function findTable(schema: Schema, name: string): Table {
  const exact = schema.tables.find((t) => qualifiedTableName(t) === name)
  if (exact) return exact
  const bare = schema.tables.filter((t) => t.name === name)
  if (bare.length === 1) return bare[0]!
  const known = schema.tables.map(qualifiedTableName).join(', ') || '(none)'
  const problem = bare.length > 1 ? 'names more than one table; qualify it' : 'is not a table of the schema'
  throw new CodegenError('unknown_table', `"${name}" ${problem}. Tables: ${known}`)
}

/** Keywords of a non-null value, in a fixed order. */
function keywords(value: ValueShape): Record<string, JsonValue> {
  switch (value.kind) {
    case 'integer':
      return { type: 'integer', minimum: Number(value.min), maximum: Number(value.max) }
    case 'float':
      return {
        type: 'number',
        ...(value.min === undefined ? {} : { minimum: value.min }),
        ...(value.max === undefined ? {} : { maximum: value.max }),
      }
    case 'string':
      return {
        type: 'string',
        ...(value.format === undefined ? {} : { format: value.format }),
        ...(value.pattern === undefined ? {} : { pattern: value.pattern }),
        ...(value.maxLength === undefined ? {} : { maxLength: value.maxLength }),
      }
    case 'boolean':
      return { type: 'boolean' }
    case 'date-object':
      // Not produced (timestamps are strings here); JSON carries a Date as its ISO string.
      return { type: 'string', format: 'date-time' }
    case 'bytes':
      // JSON has no bytes: base64 text, its pattern limiting the decoded length exactly.
      return { type: 'string', contentEncoding: 'base64', pattern: base64Pattern(value.maxLength) }
    case 'json':
      return {}
    case 'enum':
      return value.values.length === 0 ? { not: {} } : { type: 'string', enum: [...value.values] }
    case 'array':
      return { type: 'array', items: keywords(value.of) }
    case 'unknown':
      return {
        $comment:
          value.type === ''
            ? 'No declared type: any value passes.'
            : `Database type ${value.type} has no mapping: any value passes.`,
      }
  }
}

/** Adds `null` to a value's keywords: to `type` and to `enum`; an open schema already admits it. */
function withNull(k: Record<string, JsonValue>): Record<string, JsonValue> {
  if ('not' in k) return { type: 'null' }
  if (!('type' in k)) return k
  const out: Record<string, JsonValue> = { ...k, type: [k.type as string, 'null'] }
  if (Array.isArray(k.enum)) out.enum = [...k.enum, null]
  return out
}

function property(field: FieldShape, shape: 'row' | 'insert'): JsonSchemaProperty {
  const readOnly = shape === 'row' && field.insert === 'omitted'
  // A stored JSON null reads back as null; sent on insert, null becomes SQL NULL (see toZod).
  const k =
    field.value.kind === 'json' && !field.nullable && shape === 'insert'
      ? { not: { type: 'null' } }
      : keywords(field.value)
  return {
    ...(field.column.comment === undefined ? {} : { description: field.column.comment }),
    ...(field.nullable ? withNull(k) : k),
    ...(readOnly ? { readOnly: true } : {}),
  }
}

/**
 * A JSON Schema (draft 2020-12) of one table's rows, or with `shape: 'insert'` of the values an INSERT
 * takes, for clients that validate without TypeScript: `title` and `description` from the table,
 * per column `type` (`[t, 'null']` when nullable), `maxLength`, `enum`, integer `minimum`/`maximum`,
 * `format` (`date-time`, `date`, `uuid`), `pattern` for exact decimals, bigint strings, times and
 * UUIDs, `required` and `additionalProperties: false`. Values are as JSON carries them: timestamps
 * and dates as ISO strings, binary as base64. Throws {@link CodegenError} `unknown_table` when the
 * schema has no such table.
 *
 * @example
 * ```ts
 * const rowSchema = toJsonSchema(schema, 'users')
 * // { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'users', type: 'object', properties: { ... } }
 * new Ajv2020().compile(rowSchema)
 * ```
 */
export function toJsonSchema(schema: Schema, table: string, options: ToJsonSchemaOptions = {}): TableJsonSchema {
  const shape = options.shape ?? 'row'
  const found = findTable(schema, table)
  const fields = tableFields(found, schema, { bigint: options.bigint ?? 'string', timestamp: 'string' })
  const included = shape === 'row' ? fields : fields.filter((f) => f.insert !== 'omitted')
  const required = shape === 'row' ? fields : fields.filter((f) => f.insert === 'required')
  const name = qualifiedTableName(found)
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: shape === 'row' ? name : `${name} (insert)`,
    ...(found.comment === undefined ? {} : { description: found.comment }),
    type: 'object',
    // fromEntries defines own properties, so a column called __proto__ stays a column.
    properties: Object.fromEntries(included.map((f) => [f.name, property(f, shape)])),
    required: required.map((f) => f.name),
    additionalProperties: false,
  }
}
