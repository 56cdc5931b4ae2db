import type { Schema } from '../model/types.js'
import {
  type FieldShape,
  insertSummary,
  resolveValueOptions,
  tableFields,
  usesShape,
  type ValueOptions,
  type ValueShape,
} from './column-shape.js'
import { type IdentifierNaming, qualifiedTableName, type SchemaIdentifiers, schemaIdentifiers } from './naming.js'
import { docComment, generatedHeader, propertyKey, stringLiteral } from './source-text.js'

/**
 * Options of {@link toTypeScript}.
 *
 * @example
 * ```ts
 * const options: ToTypeScriptOptions = { naming: 'pascal', bigint: 'bigint', timestamp: 'string' }
 * ```
 */
export interface ToTypeScriptOptions extends Partial<ValueOptions> {
  /** How table and enum names become type names; default `'pascal'`. */
  readonly naming?: IdentifierNaming
}

// Names the generated file refers to besides its own declarations.
const RESERVED = ['Json', 'Date', 'Uint8Array']

function typeOf(value: ValueShape, ids: SchemaIdentifiers): string {
  switch (value.kind) {
    case 'integer':
      return value.bigint ? 'bigint' : 'number'
    case 'float':
      return 'number'
    case 'string':
      return 'string'
    case 'boolean':
      return 'boolean'
    case 'date-object':
      return 'Date'
    case 'bytes':
      return 'Uint8Array'
    case 'json':
      return 'Json'
    case 'enum':
      if (value.name !== undefined) return ids.enum(value.name)
      return value.values.length === 0 ? 'never' : value.values.map(stringLiteral).join(' | ')
    case 'array': {
      const of = typeOf(value.of, ids)
      return `${of.includes(' | ') ? `(${of})` : of}[]`
    }
    case 'unknown':
      return 'unknown'
  }
}

function unknownTypes(value: ValueShape): string[] {
  if (value.kind === 'unknown') return [value.type]
  return value.kind === 'array' ? unknownTypes(value.of) : []
}

function fieldDoc(field: FieldShape): string[] {
  const unmapped = unknownTypes(field.value).map((t) =>
    t === ''
      ? ' No declared type (any value): typed `unknown`.'
      : ` No TypeScript type for \`${t}\`: typed \`unknown\`.`,
  )
  return [field.column.comment ?? '', `${field.notes.join(', ')}.${unmapped.join('')}`]
}

function fieldLine(field: FieldShape, ids: SchemaIdentifiers, optional: boolean): string {
  const type = typeOf(field.value, ids)
  // `unknown` already admits null.
  const nullable = field.nullable && type !== 'unknown' ? ' | null' : ''
  return `  ${propertyKey(field.name)}${optional ? '?' : ''}: ${type}${nullable}`
}

/**
 * TypeScript declarations for a schema: per table an exported interface of its row (`Users`) and of
 * the values an INSERT takes (`UsersInsert`: columns the database fills or that allow NULL are
 * optional, generated and `GENERATED ALWAYS` identity columns are left out), each schema-level enum
 * as a string-literal union, and a `Json` type when a column holds JSON. Decimals are strings,
 * `bigint` columns strings by default (`bigint` option), timestamps and dates `Date` by default
 * (`timestamp` option), binary columns `Uint8Array`, custom types `unknown`. Table and column comments
 * become TSDoc. The output is deterministic; docs/outputs.md has the full type mapping.
 *
 * @example
 * ```ts
 * const source = toTypeScript(schema, { bigint: 'bigint' })
 * // export interface Users {
 * //   /** `bigint`, primary key, auto-increment. *\/
 * //   id: bigint
 * // ...
 * ```
 */
export function toTypeScript(schema: Schema, options: ToTypeScriptOptions = {}): string {
  const values = resolveValueOptions(options)
  const ids = schemaIdentifiers(schema, { naming: options.naming, reserved: RESERVED, suffixes: ['', 'Insert'] })
  const tables = schema.tables.map((table) => ({ table, fields: tableFields(table, schema, values) }))
  const out = [generatedHeader(schema.name)]
  if (
    usesShape(
      tables.flatMap((t) => t.fields),
      'json',
    )
  ) {
    out.push(
      '',
      '/** Any JSON value, as json and jsonb columns hold it. */',
      'export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }',
    )
  }
  for (const e of schema.enums) {
    const union = e.values.length === 0 ? 'never' : e.values.map(stringLiteral).join(' | ')
    out.push('', ...docComment([e.comment ?? '', `Enum \`${e.name}\`.`]), `export type ${ids.enum(e.name)} = ${union}`)
  }
  for (const { table, fields } of tables) {
    const id = ids.table(table)
    const name = qualifiedTableName(table)
    out.push('', ...docComment([table.comment ?? '', `A row of table \`${name}\`.`]), `export interface ${id} {`)
    for (const f of fields) out.push(...docComment(fieldDoc(f), '  '), fieldLine(f, ids, false))
    out.push('}', '')
    out.push(...docComment([insertSummary(name, fields)]), `export interface ${id}Insert {`)
    for (const f of fields) {
      if (f.insert !== 'omitted') out.push(...docComment(fieldDoc(f), '  '), fieldLine(f, ids, f.insert === 'optional'))
    }
    out.push('}')
  }
  return `${out.join('\n')}\n`
}
