import type { Dialect } from '../dialects/dialect.js'
import type { DialectAlias } from '../dialects/dialect-names.js'
import { resolveDialect } from '../dialects/index.js'
import type { Statement } from '../dialects/types.js'
import { changePath } from '../diff/change-path.js'
import { diffObjects } from '../diff/diff-objects.js'
import type { SchemaChange } from '../diff/types.js'
import type { Schema } from '../model/types.js'
import { checkObjectsText } from './object-text.js'
import { planChanges } from './plan-migration.js'
import { checkSchemaText } from './schema-text.js'

/**
 * The whole schema as DDL for one dialect: enum types, tables in dependency order (foreign keys that
 * close a cycle added afterwards), constraints, indexes and comments, one statement each. Names the
 * database would change or refuse throw `InvalidIdentifierError`, and verbatim text that is not exactly one
 * expression to the dialect's lexer throws `UnsafeExpressionError`, both naming the document path
 * (`tables[3].columns[1].default`).
 *
 * @example
 * ```ts
 * for (const s of createSchemaSQL(schema, 'sqlite')) db.exec(s.sql)
 * ```
 */
export function createSchemaSQL(schema: Schema, dialect: Dialect | DialectAlias): Statement[] {
  // Creating a schema is migrating from an empty one: the same planner orders it.
  const changes: SchemaChange[] = [
    ...schema.enums.map((e) => ({
      kind: 'create_enum' as const,
      enum: e.name,
      ...(e.schema ? { schema: e.schema } : {}),
      after: e,
    })),
    ...schema.tables.map((t) => ({
      kind: 'create_table' as const,
      table: t.name,
      ...(t.schema ? { schema: t.schema } : {}),
      after: t,
    })),
  ].map((c) => ({ ...c, path: changePath(c) }) as SchemaChange)
  const empty: Schema = { tables: [], enums: [] }
  changes.push(...diffObjects(empty, schema, {}, true))
  const target = resolveDialect(dialect)
  checkSchemaText(target, schema)
  checkObjectsText(target, schema)
  return planChanges(changes, target, {}, empty, schema).map(({ change: _, ...statement }) => statement)
}
