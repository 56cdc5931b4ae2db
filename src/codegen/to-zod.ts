import type { Schema } from '../model/types.js'
import {
  type FieldShape,
  insertSummary,
  resolveValueOptions,
  tableFields,
  type ValueOptions,
  type ValueShape,
} from './column-shape.js'
import { type IdentifierNaming, qualifiedTableName, type SchemaIdentifiers, schemaIdentifiers } from './naming.js'
import { docComment, generatedHeader, propertyKey, regexLiteral, stringLiteral } from './source-text.js'

/**
 * Options of {@link toZod}.
 *
 * @example
 * ```ts
 * const options: ToZodOptions = { bigint: 'bigint', timestamp: 'string' }
 * ```
 */
export interface ToZodOptions extends Partial<ValueOptions> {
  /** How table and enum names become constant names; default `'pascal'`. */
  readonly naming?: IdentifierNaming
}

const MAX_CHARS = 'maxChars'
const INT_STRING = 'intString'
// Names the generated module binds or refers to besides its own declarations.
const RESERVED = ['z', MAX_CHARS, INT_STRING, 'Uint8Array', 'Array', 'BigInt']
const SAFE = BigInt(Number.MAX_SAFE_INTEGER)

// Character limits count code points, as PostgreSQL and MySQL do; zod's .max() counts UTF-16 units,
// which would reject a varchar(2) holding two emoji that the database accepts.
const MAX_CHARS_HELPER = [
  '/** A string of at most `max` characters, counted as the database counts them (code points, not UTF-16 units). */',
  `const ${MAX_CHARS} = (max: number) =>`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated source
  '  z.string().refine((s) => s.length <= max || Array.from(s).length <= max, `Too long: at most ${max} characters`)',
]

// The range is checked with BigInt, which reads clearer than the 700-character pattern that encodes it
// exactly (toJsonSchema uses that pattern, having nothing else).
const INT_STRING_HELPER = [
  '/** A whole number from `min` to `max` written as a string, as drivers return bigint columns to keep every digit. */',
  `const ${INT_STRING} = (min: string, max: string) =>`,
  '  z',
  '    .string()',
  '    .regex(/^(?:0|-?[1-9]\\d*)$/)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated source
  '    .refine((s) => BigInt(s) >= BigInt(min) && BigInt(s) <= BigInt(max), `Out of range: ${min} to ${max}`)',
]

function stringSchema(value: Extract<ValueShape, { kind: 'string' }>): string {
  if (value.range) return `${INT_STRING}('${value.range.min}', '${value.range.max}')`
  let base = value.maxLength === undefined ? 'z.string()' : `${MAX_CHARS}(${value.maxLength})`
  // z.guid() is exactly the UUID pattern (any version), so the pattern is not repeated.
  if (value.format === 'uuid') return 'z.guid()'
  if (value.format === 'date') base = 'z.iso.date()'
  if (value.format === 'date-time') base = `z.iso.datetime({ offset: true${value.local ? ', local: true' : ''} })`
  return value.pattern === undefined ? base : `${base}.regex(${regexLiteral(value.pattern)})`
}

function schemaOf(value: ValueShape, ids: SchemaIdentifiers): string {
  switch (value.kind) {
    case 'integer':
      if (value.bigint) return `z.bigint().min(${value.min}n).max(${value.max}n)`
      // z.int() is exactly the safe-integer range.
      return value.min === -SAFE && value.max === SAFE ? 'z.int()' : `z.int().min(${value.min}).max(${value.max})`
    case 'float':
      return `z.number()${value.min === undefined ? '' : `.min(${value.min})`}${value.max === undefined ? '' : `.max(${value.max})`}`
    case 'string':
      return stringSchema(value)
    case 'boolean':
      return 'z.boolean()'
    case 'date-object':
      return 'z.date()'
    case 'bytes': {
      // z.instanceof(Uint8Array) would infer Uint8Array<ArrayBuffer>, narrower than the interface's Uint8Array.
      const base = "z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected a Uint8Array')"
      const max = value.maxLength
      return max === undefined ? base : `${base}.refine((b) => b.length <= ${max}, 'Too long: at most ${max} bytes')`
    }
    case 'json':
      return 'z.json()'
    case 'enum':
      return value.name !== undefined ? ids.enum(value.name) : `z.enum([${value.values.map(stringLiteral).join(', ')}])`
    case 'array':
      return `z.array(${schemaOf(value.of, ids)})`
    case 'unknown':
      return 'z.unknown()'
  }
}

/** Whether a value's validator calls a helper (`maxChars` or `intString`). */
function usesHelper(value: ValueShape, helper: string): boolean {
  if (value.kind === 'array') return usesHelper(value.of, helper)
  if (value.kind !== 'string') return false
  return helper === INT_STRING ? value.range !== undefined : value.maxLength !== undefined && value.format !== 'uuid'
}

function unknownTypes(value: ValueShape): string[] {
  if (value.kind === 'unknown') return [value.type]
  return value.kind === 'array' ? unknownTypes(value.of) : []
}

function fieldLines(field: FieldShape, ids: SchemaIdentifiers): string[] {
  const unmapped = unknownTypes(field.value).map((t) =>
    t === '' ? 'No declared type: any value passes.' : `Database type \`${t}\` has no validator: any value passes.`,
  )
  const schema = schemaOf(field.value, ids)
  const nullable = field.nullable && field.value.kind !== 'unknown' ? '.nullable()' : ''
  return [
    ...docComment([field.column.comment ?? '', ...unmapped], '  '),
    `  ${propertyKey(field.name)}: ${schema}${nullable},`,
  ]
}

/** `{ a: true, b: true }`, one key a line when that would be long. */
function keyObject(fields: readonly FieldShape[]): string {
  const keys = fields.map((f) => `${propertyKey(f.name)}: true`)
  const inline = `{ ${keys.join(', ')} }`
  return inline.length <= 80 ? inline : `{\n${keys.map((k) => `  ${k},\n`).join('')}}`
}

/**
 * The insert validator, derived from the row validator. A NOT NULL json column reads back as `null`
 * when it holds the JSON value null, so the row admits null; but drivers send `null` as SQL NULL,
 * which the column rejects, so the insert does not. (The `boolean` return type keeps TypeScript from
 * narrowing the inferred type, which stays equal to the interface toTypeScript writes.)
 */
function insertSchema(row: string, fields: readonly FieldShape[]): string {
  const omitted = fields.filter((f) => f.insert === 'omitted')
  const optional = fields.filter((f) => f.insert === 'optional')
  const json = fields.filter((f) => f.value.kind === 'json' && !f.nullable && f.insert !== 'omitted')
  const extend = json.map(
    (f) =>
      `  ${propertyKey(f.name)}: z.json().refine((v): boolean => v !== null, 'Expected a JSON value: null is sent as SQL NULL')${f.insert === 'optional' ? '.optional()' : ''},\n`,
  )
  return (
    row +
    (omitted.length > 0 ? `.omit(${keyObject(omitted)})` : '') +
    (optional.length > 0 ? `.partial(${keyObject(optional)})` : '') +
    (extend.length > 0 ? `.extend({\n${extend.join('')}})` : '')
  )
}

/**
 * Source code of a TypeScript module of zod 4 validators for a schema: per table a strict object
 * validator of its row (`Users`) and one of the values an INSERT takes (`UsersInsert`: columns the
 * database fills or that allow NULL are optional, generated columns are left out), each with its
 * inferred type of the same name, and each schema-level enum as `z.enum`. Validators enforce what the
 * database enforces: character limits (counted in code points), NOT NULL, enum labels, integer ranges
 * by size, decimal digits before and after the point, UUID, date and time shapes, JSON. The value
 * options are those of {@link toTypeScript}, so `z.infer` of each validator equals its interface.
 *
 * @example
 * ```ts
 * writeFileSync('db-schemas.ts', toZod(schema))
 * // import { z } from 'zod'
 * // export const Users = z.strictObject({
 * //   username: maxChars(80),
 * // ...
 * ```
 */
export function toZod(schema: Schema, options: ToZodOptions = {}): string {
  const values = resolveValueOptions(options)
  const ids = schemaIdentifiers(schema, { naming: options.naming, reserved: RESERVED, suffixes: ['', 'Insert'] })
  const tables = schema.tables.map((table) => ({ table, fields: tableFields(table, schema, values) }))
  const out = [generatedHeader(schema.name), "import { z } from 'zod'"]
  const uses = (helper: string) => tables.some((t) => t.fields.some((f) => usesHelper(f.value, helper)))
  if (uses(MAX_CHARS)) out.push('', ...MAX_CHARS_HELPER)
  if (uses(INT_STRING)) out.push('', ...INT_STRING_HELPER)
  for (const e of schema.enums) {
    const id = ids.enum(e.name)
    out.push(
      '',
      ...docComment([e.comment ?? '', `Enum \`${e.name}\`.`]),
      `export const ${id} = z.enum([${e.values.map(stringLiteral).join(', ')}])`,
      `export type ${id} = z.infer<typeof ${id}>`,
    )
  }
  for (const { table, fields } of tables) {
    const id = ids.table(table)
    const name = qualifiedTableName(table)
    out.push(
      '',
      ...docComment([table.comment ?? '', `A row of table \`${name}\`.`]),
      `export const ${id} = z.strictObject({`,
      ...fields.flatMap((f) => fieldLines(f, ids)),
      '})',
      `export type ${id} = z.infer<typeof ${id}>`,
      '',
      ...docComment([insertSummary(name, fields)]),
      `export const ${id}Insert = ${insertSchema(id, fields)}`,
      `export type ${id}Insert = z.infer<typeof ${id}Insert>`,
    )
  }
  return `${out.join('\n')}\n`
}
