import { z } from 'zod'

// zod schemas of the documents schemaledger reads. Two shapes are accepted:
//  - the SQLAlchemy shape (`{"metadata": {"schema_name", "tables": [...]}}`, snake_case keys), and
//  - the canonical shape written by serializeSchema (`{"format": "schemaledger/1", ...}`, camelCase keys).
// Objects are loose: keys not listed here are kept in `extra` by the readers, never dropped.
// Constraints are validated per `type` by the readers (not with a zod union) so errors name the field.

const name = z.string().trim().min(1, { message: 'Name must not be empty' })
const optionalText = z.string().nullish()
const count = z.number().int().nonnegative()

/** A server default as written by SQLAlchemy tools: SQL text, or a bare number/boolean. */
const serverDefault = z.union([z.string(), z.number(), z.boolean()]).nullish()

const foreignKeyShorthand = z.union([
  z.string().min(1),
  z.looseObject({
    target: z.string().min(1).optional(),
    column: z.string().min(1).optional(),
    name: optionalText,
    ondelete: optionalText,
    onupdate: optionalText,
    deferrable: z.boolean().nullish(),
    initially: optionalText,
  }),
])

/** A column in the SQLAlchemy shape. */
export const sqlalchemyColumnSchema = z.looseObject({
  name,
  type: z.string().trim().min(1, { message: 'Type must not be empty' }),
  length: count.nullish(),
  precision: count.nullish(),
  scale: count.nullish(),
  timezone: z.boolean().nullish(),
  nullable: z.boolean().nullish(),
  primary_key: z.boolean().nullish(),
  unique: z.boolean().nullish(),
  index: z.boolean().nullish(),
  autoincrement: z.union([z.boolean(), z.enum(['auto', 'ignore_fk'])]).nullish(),
  default: z.unknown().optional(),
  server_default: serverDefault,
  comment: optionalText,
  collation: optionalText,
  enum_name: optionalText,
  values: z.array(z.string()).nullish(),
  identity: z
    .looseObject({
      always: z.boolean().nullish(),
      start: z.number().int().nullish(),
      increment: z.number().int().nullish(),
    })
    .nullish(),
  computed: z.looseObject({ sqltext: z.string().min(1), persisted: z.boolean().nullish() }).nullish(),
  foreign_key: foreignKeyShorthand.nullish(),
  foreign_keys: z.array(foreignKeyShorthand).nullish(),
})

/** Fields every constraint object may carry, in either shape. */
export const constraintHeadSchema = z.looseObject({
  type: z.string().min(1, { message: 'Constraint type must not be empty' }),
  name: optionalText,
})

const columnList = z.array(name).min(1, { message: 'At least one column is required' })

/** `PrimaryKeyConstraint` / `UniqueConstraint` in the SQLAlchemy shape. */
export const sqlalchemyKeyConstraintSchema = z.looseObject({
  columns: columnList,
  deferrable: z.boolean().nullish(),
  initially: optionalText,
  nulls_not_distinct: z.boolean().nullish(),
})

/** `ForeignKeyConstraint` in the SQLAlchemy shape. */
export const sqlalchemyForeignKeySchema = z.looseObject({
  columns: columnList,
  referred_table: name,
  referred_schema: optionalText,
  referred_columns: columnList,
  ondelete: optionalText,
  onupdate: optionalText,
  deferrable: z.boolean().nullish(),
  initially: optionalText,
  match: optionalText,
})

/** `CheckConstraint` in the SQLAlchemy shape. */
export const sqlalchemyCheckSchema = z.looseObject({
  sqltext: z.string().trim().min(1, { message: 'Check expression must not be empty' }),
  deferrable: z.boolean().nullish(),
  initially: optionalText,
})

/** One key part of an index: a column name, or an object for expressions and ordering options. */
export const indexPartSchema = z.union([
  name,
  z.looseObject({
    column: name.optional(),
    expression: z.string().trim().min(1).optional(),
    descending: z.boolean().nullish(),
    nulls: z.enum(['first', 'last']).nullish(),
    opclass: optionalText,
    collation: optionalText,
    length: count.nullish(),
  }),
])

/** An index in the SQLAlchemy shape (reflection's `column_sorting` and `dialect_options` included). */
export const sqlalchemyIndexSchema = z.looseObject({
  name: optionalText,
  columns: z.array(z.union([indexPartSchema, z.null()])).nullish(),
  expressions: z.array(z.string().trim().min(1)).nullish(),
  unique: z.boolean().nullish(),
  where: optionalText,
  using: optionalText,
  include: z.array(name).nullish(),
  nulls_not_distinct: z.boolean().nullish(),
  column_sorting: z.record(z.string(), z.array(z.string())).nullish(),
  dialect_options: z.record(z.string(), z.unknown()).nullish(),
})

/** A schema-level enum (both shapes). */
export const enumSchema = z.looseObject({
  name,
  schema: optionalText,
  values: z.array(z.string()),
  comment: optionalText,
})

/** A table in the SQLAlchemy shape. */
export const sqlalchemyTableSchema = z.looseObject({
  name,
  schema: optionalText,
  columns: z.array(z.unknown()),
  constraints: z.array(z.unknown()).nullish(),
  indexes: z.array(z.unknown()).nullish(),
  comment: optionalText,
})

/** The SQLAlchemy document body (the object under `metadata`). */
export const sqlalchemyMetadataSchema = z.looseObject({
  schema_name: optionalText,
  tables: z.array(z.unknown()),
  enums: z.array(z.unknown()).nullish(),
})

/**
 * The format tag of the canonical document.
 *
 * @example
 * ```ts
 * JSON.parse(serializeSchema(schema)).format === CANONICAL_FORMAT // 'schemaledger/1'
 * ```
 */
export const CANONICAL_FORMAT = 'schemaledger/1'

/** A column in the canonical shape. */
export const canonicalColumnSchema = z.looseObject({
  name,
  type: z.string().trim().min(1, { message: 'Type must not be empty' }),
  nullable: z.boolean(),
  default: z.string().optional(),
  autoincrement: z.literal(true).optional(),
  identity: z
    .looseObject({
      generation: z.enum(['always', 'by_default']),
      start: z.number().int().optional(),
      increment: z.number().int().optional(),
    })
    .optional(),
  generated: z.looseObject({ expression: z.string().trim().min(1), stored: z.boolean() }).optional(),
  collation: z.string().optional(),
  comment: z.string().optional(),
})

const referentialAction = z.enum(['no_action', 'restrict', 'cascade', 'set_null', 'set_default']).optional()

/** Constraint bodies in the canonical shape, by `type`. */
export const canonicalConstraintSchemas = {
  primary_key: z.looseObject({ columns: columnList }),
  unique: z.looseObject({ columns: columnList, nullsNotDistinct: z.literal(true).optional() }),
  foreign_key: z.looseObject({
    columns: columnList,
    referencedTable: name,
    referencedSchema: z.string().optional(),
    referencedColumns: columnList,
    onDelete: referentialAction,
    onUpdate: referentialAction,
    match: z.enum(['full', 'partial']).optional(),
  }),
  check: z.looseObject({ expression: z.string().trim().min(1) }),
} as const

/** Flags every canonical constraint may carry. */
export const canonicalConstraintFlagsSchema = z.looseObject({
  deferrable: z.literal(true).optional(),
  initiallyDeferred: z.literal(true).optional(),
})

/** An index in the canonical shape. */
export const canonicalIndexSchema = z.looseObject({
  name: z.string().optional(),
  columns: z.array(indexPartSchema).min(1, { message: 'An index needs at least one column or expression' }),
  unique: z.literal(true).optional(),
  where: z.string().optional(),
  using: z.string().optional(),
  include: z.array(name).optional(),
  nullsNotDistinct: z.literal(true).optional(),
})

/** A table in the canonical shape. */
export const canonicalTableSchema = z.looseObject({
  name,
  schema: z.string().optional(),
  comment: z.string().optional(),
  columns: z.array(z.unknown()),
  constraints: z.array(z.unknown()).optional(),
  indexes: z.array(z.unknown()).optional(),
})

/** The canonical document written by `serializeSchema`. */
export const canonicalDocumentSchema = z.looseObject({
  format: z.literal(CANONICAL_FORMAT),
  name: z.string().optional(),
  enums: z.array(z.unknown()).optional(),
  tables: z.array(z.unknown()),
})
