/**
 * Code and schemas generated from a schema version: TypeScript row and insert types, zod
 * validators and JSON Schema per table, SQLAlchemy modules, drizzle-orm
 * table definitions and Prisma schemas. Pure and browser-safe.
 *
 * @packageDocumentation
 */

export { CodegenError } from './codegen-error.js'
export type { ValueOptions } from './column-shape.js'
export type { IdentifierNaming } from './naming.js'
export { type ToDrizzleOptions, toDrizzle } from './to-drizzle.js'
export {
  type JsonSchemaProperty,
  type TableJsonSchema,
  type ToJsonSchemaOptions,
  toJsonSchema,
} from './to-json-schema.js'
export { type ToPrismaOptions, toPrisma } from './to-prisma.js'
export { type GeneratedModule, type ToSQLAlchemyOptions, toSQLAlchemy } from './to-sqlalchemy.js'
export { type ToTypeScriptOptions, toTypeScript } from './to-typescript.js'
export { type ToZodOptions, toZod } from './to-zod.js'
