import { z } from 'zod'
import {
  canonicalColumnSchema,
  canonicalConstraintFlagsSchema,
  canonicalConstraintSchemas,
  canonicalDocumentSchema,
  canonicalIndexSchema,
  canonicalTableSchema,
  enumSchema,
  sqlalchemyCheckSchema,
  sqlalchemyColumnSchema,
  sqlalchemyForeignKeySchema,
  sqlalchemyIndexSchema,
  sqlalchemyKeyConstraintSchema,
  sqlalchemyMetadataSchema,
  sqlalchemyTableSchema,
} from './document-schema.js'

const constraintName = { name: z.string().nullish() }

/** The SQLAlchemy shape as one zod schema (the readers validate it piece by piece instead). */
function sqlalchemyDocument() {
  const constraint = z.union([
    sqlalchemyKeyConstraintSchema.extend({
      type: z.enum(['PrimaryKeyConstraint', 'UniqueConstraint']),
      ...constraintName,
    }),
    sqlalchemyForeignKeySchema.extend({ type: z.literal('ForeignKeyConstraint'), ...constraintName }),
    sqlalchemyCheckSchema.extend({ type: z.literal('CheckConstraint'), ...constraintName }),
  ])
  const table = sqlalchemyTableSchema.extend({
    columns: z.array(sqlalchemyColumnSchema),
    constraints: z.array(constraint).nullish(),
    indexes: z.array(sqlalchemyIndexSchema).nullish(),
  })
  const metadata = sqlalchemyMetadataSchema.extend({ tables: z.array(table), enums: z.array(enumSchema).nullish() })
  return z.looseObject({ metadata }).describe('A document in the shape SQLAlchemy-based tools write')
}

/** The canonical shape as one zod schema. */
function canonicalDocument() {
  const flags = { ...canonicalConstraintFlagsSchema.shape, name: z.string().optional() }
  const constraint = z.union(
    (Object.keys(canonicalConstraintSchemas) as (keyof typeof canonicalConstraintSchemas)[]).map((type) =>
      canonicalConstraintSchemas[type].extend({ type: z.literal(type), ...flags }),
    ) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
  )
  const table = canonicalTableSchema.extend({
    columns: z.array(canonicalColumnSchema),
    constraints: z.array(constraint).optional(),
    indexes: z.array(canonicalIndexSchema).optional(),
  })
  return canonicalDocumentSchema
    .extend({ tables: z.array(table), enums: z.array(enumSchema).optional() })
    .describe('The canonical document written by serializeSchema')
}

/**
 * The JSON Schema (draft 2020-12) of every document {@link parseSchema} accepts, generated from the
 * same zod schemas that validate them. Shipped as `schemaledger/schema.json` for editors.
 *
 * @example
 * ```ts
 * writeFileSync('schema.json', JSON.stringify(documentJsonSchema(), null, 2))
 * ```
 */
export function documentJsonSchema(): Record<string, unknown> {
  const document = z.union([canonicalDocument(), sqlalchemyDocument()])
  return {
    ...z.toJSONSchema(document, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
    $id: 'https://schemaledger.dev/schema.json',
    title: 'schemaledger schema document',
  }
}
