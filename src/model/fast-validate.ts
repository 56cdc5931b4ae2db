import type { z } from 'zod'
import {
  canonicalColumnSchema,
  canonicalConstraintFlagsSchema,
  canonicalConstraintSchemas,
  canonicalDocumentSchema,
  canonicalIndexSchema,
  canonicalTableSchema,
  constraintHeadSchema,
  enumSchema,
  sqlalchemyCheckSchema,
  sqlalchemyColumnSchema,
  sqlalchemyForeignKeySchema,
  sqlalchemyIndexSchema,
  sqlalchemyKeyConstraintSchema,
  sqlalchemyMetadataSchema,
  sqlalchemyTableSchema,
} from './document-schema.js'
import {
  anything,
  arrayOf,
  bool,
  count,
  either,
  type FastCheck,
  type FastField,
  int,
  looseObject,
  nonEmptyText,
  nullish,
  oneOf,
  optional,
  required,
  scalar,
  text,
  trimmedText,
  UNSURE,
  walkedList,
} from './fast-object.js'

// The fast validation path: hand-written checks of the document shapes in document-schema.ts that
// return zod's output (same keys, same order, same values), or UNSURE for anything unusual or invalid:
// zod then runs, so issues keep zod's codes, paths and messages. Validating a 100,000-column document
// through zod dominated parseSchema's time. test/model/fast-validate.property.test.ts proves that each
// shape lists zod's keys in zod's order and that both agree on generated valid and invalid values.

const optionalText = nullish(text)
const flag = nullish(bool)
const countOrNull = nullish(count)
const columnList = arrayOf(trimmedText, 1)
/** Shapes zod checks with `z.record`: left to zod unless absent or null. */
const leftToZod: FastCheck = () => UNSURE

const foreignKeyShorthand = either(
  nonEmptyText,
  looseObject({
    target: optional(nonEmptyText),
    column: optional(nonEmptyText),
    name: optionalText,
    ondelete: optionalText,
    onupdate: optionalText,
    deferrable: flag,
    initially: optionalText,
  }),
)

const indexPart = either(
  trimmedText,
  looseObject({
    column: optional(trimmedText),
    expression: optional(trimmedText),
    descending: flag,
    nulls: nullish(oneOf('first', 'last')),
    opclass: optionalText,
    collation: optionalText,
    length: countOrNull,
  }),
)

const referentialAction = optional(oneOf('no_action', 'restrict', 'cascade', 'set_null', 'set_default'))
const canonicalColumnList = required(columnList)

/** Each fast shape next to the zod schema it stands for. @internal */
export const FAST_SHAPES: ReadonlyArray<readonly [z.ZodObject, Readonly<Record<string, FastField>>]> = [
  [
    sqlalchemyColumnSchema,
    {
      name: required(trimmedText),
      type: required(trimmedText),
      length: countOrNull,
      precision: countOrNull,
      scale: countOrNull,
      timezone: flag,
      nullable: flag,
      primary_key: flag,
      unique: flag,
      index: flag,
      autoincrement: nullish(either(bool, oneOf('auto', 'ignore_fk'))),
      default: optional(anything),
      server_default: nullish(scalar),
      comment: optionalText,
      collation: optionalText,
      enum_name: optionalText,
      values: nullish(arrayOf(text)),
      identity: nullish(looseObject({ always: flag, start: nullish(int), increment: nullish(int) })),
      computed: nullish(looseObject({ sqltext: required(nonEmptyText), persisted: flag })),
      foreign_key: nullish(foreignKeyShorthand),
      foreign_keys: nullish(arrayOf(foreignKeyShorthand)),
    },
  ],
  [constraintHeadSchema, { type: required(nonEmptyText), name: optionalText }],
  [
    sqlalchemyKeyConstraintSchema,
    { columns: required(columnList), deferrable: flag, initially: optionalText, nulls_not_distinct: flag },
  ],
  [
    sqlalchemyForeignKeySchema,
    {
      columns: required(columnList),
      referred_table: required(trimmedText),
      referred_schema: optionalText,
      referred_columns: required(columnList),
      ondelete: optionalText,
      onupdate: optionalText,
      deferrable: flag,
      initially: optionalText,
      match: optionalText,
    },
  ],
  [sqlalchemyCheckSchema, { sqltext: required(trimmedText), deferrable: flag, initially: optionalText }],
  [
    sqlalchemyIndexSchema,
    {
      name: optionalText,
      columns: nullish(arrayOf(either(indexPart, oneOf(null)))),
      expressions: nullish(arrayOf(trimmedText)),
      unique: flag,
      where: optionalText,
      using: optionalText,
      include: nullish(arrayOf(trimmedText)),
      nulls_not_distinct: flag,
      column_sorting: nullish(leftToZod),
      dialect_options: nullish(leftToZod),
    },
  ],
  [
    enumSchema,
    { name: required(trimmedText), schema: optionalText, values: required(arrayOf(text)), comment: optionalText },
  ],
  [
    sqlalchemyTableSchema,
    {
      name: required(trimmedText),
      schema: optionalText,
      columns: required(walkedList),
      constraints: nullish(walkedList),
      indexes: nullish(walkedList),
      comment: optionalText,
    },
  ],
  [sqlalchemyMetadataSchema, { schema_name: optionalText, tables: required(walkedList), enums: nullish(walkedList) }],
  [
    canonicalColumnSchema,
    {
      name: required(trimmedText),
      type: required(trimmedText),
      nullable: required(bool),
      default: optional(text),
      autoincrement: optional(oneOf(true)),
      identity: optional(
        looseObject({
          generation: required(oneOf('always', 'by_default')),
          start: optional(int),
          increment: optional(int),
        }),
      ),
      generated: optional(looseObject({ expression: required(trimmedText), stored: required(bool) })),
      collation: optional(text),
      comment: optional(text),
    },
  ],
  [canonicalConstraintSchemas.primary_key, { columns: canonicalColumnList }],
  [canonicalConstraintSchemas.unique, { columns: canonicalColumnList, nullsNotDistinct: optional(oneOf(true)) }],
  [
    canonicalConstraintSchemas.foreign_key,
    {
      columns: canonicalColumnList,
      referencedTable: required(trimmedText),
      referencedSchema: optional(text),
      referencedColumns: canonicalColumnList,
      onDelete: referentialAction,
      onUpdate: referentialAction,
      match: optional(oneOf('full', 'partial')),
    },
  ],
  [canonicalConstraintSchemas.check, { expression: required(trimmedText) }],
  [canonicalConstraintFlagsSchema, { deferrable: optional(oneOf(true)), initiallyDeferred: optional(oneOf(true)) }],
  [
    canonicalIndexSchema,
    {
      name: optional(text),
      columns: required(arrayOf(indexPart, 1)),
      unique: optional(oneOf(true)),
      where: optional(text),
      using: optional(text),
      include: optional(arrayOf(trimmedText)),
      nullsNotDistinct: optional(oneOf(true)),
    },
  ],
  [
    canonicalTableSchema,
    {
      name: required(trimmedText),
      schema: optional(text),
      comment: optional(text),
      columns: required(walkedList),
      constraints: optional(walkedList),
      indexes: optional(walkedList),
    },
  ],
  [
    canonicalDocumentSchema,
    {
      format: required(oneOf('schemaledger/1')),
      name: optional(text),
      enums: optional(walkedList),
      tables: required(walkedList),
    },
  ],
]

const FAST = new Map<object, FastCheck>(FAST_SHAPES.map(([schema, shape]) => [schema, looseObject(shape)]))
let enabled = true

/**
 * zod's output for `value` under `schema` when the fast path can vouch for it, else {@link UNSURE}
 * (the value may still be valid: zod decides).
 * @internal
 */
export function fastParse(schema: object, value: unknown): unknown {
  const check = enabled ? FAST.get(schema) : undefined
  return check === undefined ? UNSURE : check(value)
}

/**
 * Turns the fast parsing paths on or off (on by default): the hand-written checks above, the first
 * reading without paths in `safeParseSchema`, and the cache of parsed type spellings. Off, parsing
 * takes the careful path everywhere; tests compare both.
 * @internal
 */
export function setFastParsing(on: boolean): void {
  enabled = on
}

/** Whether the fast parsing paths are on. @internal */
export function fastParsingEnabled(): boolean {
  return enabled
}
