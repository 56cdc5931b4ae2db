import type { SchemaChange } from '../../diff/types.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Table } from '../../model/types.js'
import { assertBody } from '../body-guard.js'
import { type Dialect, defineDialect, type GeneratorContext, type SqlTextKind } from '../dialect.js'
import { assertOneExpression, assertQueryText } from '../expression-guard.js'
import { createIndexSQL, qualifiedName } from '../render.js'
import { sharedTextProblem } from '../text-rules.js'
import { Stage, type StatementDraft } from '../types.js'
import { sqliteLexer } from './lexer.js'
import { sqliteConstraintName, sqliteIndexName } from './object-names.js'
import { sqliteTriggers, sqliteViews } from './objects.js'
import { isAddable, isDroppable, planSqliteTable, rebuildTable, sqliteDisturbsDependents } from './rebuild.js'
import {
  assertNoProblems,
  assertSchemaExpressible,
  columnProblems,
  indexProblems,
  tableProblems,
  unsupported,
} from './subset.js'
import { columnDefinition, createTableSQL } from './table.js'
import { renderSqliteDefault, renderSqliteType } from './types.js'

/** `"name"` with `"` doubled; NUL cannot be part of an SQLite name. */
function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) {
    throw new SchemaLedgerError(
      'invalid_identifier',
      `SQLite names cannot contain NUL characters: ${JSON.stringify(name)}`,
    )
  }
  return `"${name.replaceAll('"', '""')}"`
}

/** `'text'` with `'` doubled; backslashes are ordinary characters in SQLite strings. */
function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new SchemaLedgerError(
      'invalid_literal',
      `SQLite string literals cannot contain NUL characters: ${JSON.stringify(value)}`,
    )
  }
  return `'${value.replaceAll("'", "''")}'`
}

/**
 * Why SQLite would refuse a name: NUL, lone surrogates, and table or index names starting with
 * `sqlite_` (any case), which SQLite keeps for its own objects, and CR LF in names (the sqlite3 shell
 * drops the CR).
 */
function textProblem(text: string, kind: SqlTextKind): string | undefined {
  const shared = sharedTextProblem(text)
  if (shared) return shared
  if ((kind === 'table' || kind === 'index') && text.toLowerCase().startsWith('sqlite_'))
    return 'a name starting with "sqlite_", which SQLite reserves for its own objects'
  if (kind !== 'comment' && kind !== 'label' && text.includes('\r\n'))
    return 'a name with a carriage return before a line feed, which the sqlite3 shell drops'
  return undefined
}

/** Enum changes: the whole target schema is checked first, so the error lists every problem. */
const noEnums = (name: string, ctx: GeneratorContext): never => {
  assertSchemaExpressible(ctx.to)
  throw unsupported([`enum:${name}: SQLite has no enum types`])
}

/** Every table-scoped change is checked against the subset before any SQL is written. */
function checked(ctx: GeneratorContext): GeneratorContext {
  assertSchemaExpressible(ctx.to)
  return ctx
}

/** Changes SQLite cannot write as ALTER TABLE: one rebuild of the table for this change. */
function rebuild(change: SchemaChange & { table: string; schema?: string }, ctx: GeneratorContext) {
  return rebuildTable(change.table, change.schema, [change], checked(ctx))
}

/**
 * `ALTER TABLE ... RENAME TO`. SQLite names are case-insensitive and it refuses a new table name that
 * differs in letter case only ("there is already another table"), so such a rename takes two steps.
 */
function renameTableSQL(from: string, to: string): string[] {
  const rename = (a: string, b: string) => `ALTER TABLE ${quoteIdentifier(a)} RENAME TO ${quoteIdentifier(b)}`
  if (from.toLowerCase() !== to.toLowerCase()) return [rename(from, to)]
  return [rename(from, `${to}__renaming`), rename(`${to}__renaming`, to)]
}

/**
 * SQLite 3.35+ (tested on 3.54 through sql.js). Transactional DDL; `ALTER TABLE` renames tables and
 * columns and adds and drops plain columns, and every other change goes through the documented table
 * rebuild (`planTable`, see `sqlite-rebuild.ts`), with foreign-key enforcement switched off outside the
 * transaction. Only the expressible subset (`sqlite-subset.ts`) is accepted: no enums, arrays, comments,
 * identity columns or namespaces; anything else throws `SchemaLedgerError` `unsupported_feature`.
 *
 * @example
 * ```ts
 * import { createSchemaSQL, planMigration, toSQL } from 'schemaledger'
 * for (const s of createSchemaSQL(schema, 'sqlite')) db.exec(s.sql)
 * console.log(toSQL(planMigration(diffSchemas(v1, v2), { dialect: 'sqlite', from: v1, to: v2 })))
 * ```
 */
export const sqlite: Dialect = defineDialect({
  name: 'sqlite',
  capabilities: {
    transactionalDDL: true,
    alterColumn: false,
    alterConstraints: false,
    partialIndexes: true,
    expressionIndexes: true,
    // Foreign keys only (`DEFERRABLE INITIALLY DEFERRED`); other kinds are refused by the subset check.
    deferrableConstraints: true,
    // SQLite limits the length of a statement, not of a name.
    maxIdentifierLength: 1_000_000_000,
  },
  quoteIdentifier,
  quoteLiteral,
  checkExpression: (text, where) => assertOneExpression(text, where, sqliteLexer),
  checkQuery: (text, where, kind) => assertQueryText(text, where, sqliteLexer, kind ?? 'query'),
  checkBody: (text, where) => assertBody(text, where, sqliteLexer, 'sqlite'),
  textProblem,
  renderType: (type, column) => renderSqliteType(sqlite, type, column ? `${column.name} type` : undefined),
  renderDefault: (expression, column, where) => renderSqliteDefault(sqlite, expression, column, where),
  constraintName: sqliteConstraintName,
  indexName: sqliteIndexName,
  createEnum: (e, ctx) => noEnums(e.name, ctx),
  createTable: (table: Table, ctx) => {
    assertSchemaExpressible(ctx.to)
    assertNoProblems(tableProblems(table))
    return [
      { sql: createTableSQL(sqlite, table), stage: Stage.createTable },
      ...table.indexes.map((x) => ({
        sql: createIndexSQL(sqlite, table.name, undefined, x),
        stage: Stage.createTable,
      })),
    ]
  },
  generators: {
    create_table: (c, ctx) => sqlite.createTable(c.after, ctx, ctx.deferredForeignKeys),
    drop_table: (c, ctx) => {
      checked(ctx)
      return [{ sql: `DROP TABLE ${qualifiedName(sqlite, c.before.name)}`, stage: Stage.dropTable, destructive: true }]
    },
    rename_table: (c) => renameTableSQL(c.from, c.table).map((sql) => ({ sql, stage: Stage.renameTable })),
    alter_table: (c) => {
      // MySQL's table options (engine, charset, collation, row format) mean nothing here; PostgreSQL's
      // (UNLOGGED, partitioning, inheritance, storage parameters) are refused like a comment. STRICT and
      // WITHOUT ROWID changes rebuild the table (planSqliteTable), as do noRowidAlias (the key's
      // declared type), nullableKey and descendingKey; their problems are the full table's.
      const {
        strict: _strict,
        withoutRowid: _withoutRowid,
        noRowidAlias: _noRowidAlias,
        nullableKey: _nullableKey,
        descendingKey: _descendingKey,
        ...options
      } = c.after
      const problems = tableProblems({ ...options, columns: [], constraints: [], indexes: [] })
      if (c.changes.includes('comment') || problems.length > 0) assertNoProblems(problems)
      return []
    },
    add_column: (c, ctx): readonly StatementDraft[] => {
      checked(ctx)
      const table = ctx.to
        ? ctx.targetTable(c.table, c.schema)
        : { name: c.table, columns: [c.after], constraints: [], indexes: [] }
      assertNoProblems(columnProblems(table, c.after))
      if (!isAddable(ctx, c.after)) return rebuild(c, ctx)
      const sql = `ALTER TABLE ${qualifiedName(sqlite, c.table)} ADD COLUMN ${columnDefinition(sqlite, table, c.after)}`
      return [{ sql, stage: Stage.addColumn }]
    },
    drop_column: (c, ctx): readonly StatementDraft[] => {
      checked(ctx)
      if (ctx.from && !isDroppable(ctx.sourceTable(c.table, c.schema), c.column)) return rebuild(c, ctx)
      const sql = `ALTER TABLE ${qualifiedName(sqlite, c.table)} DROP COLUMN ${quoteIdentifier(c.column)}`
      return [{ sql, stage: Stage.dropColumn, destructive: true }]
    },
    rename_column: (c, ctx) => {
      checked(ctx)
      const sql = `ALTER TABLE ${qualifiedName(sqlite, c.table)} RENAME COLUMN ${quoteIdentifier(c.from)} TO ${quoteIdentifier(c.column)}`
      return [{ sql, stage: Stage.renameColumn }]
    },
    alter_column: rebuild,
    add_constraint: rebuild,
    drop_constraint: rebuild,
    alter_constraint: rebuild,
    add_index: (c, ctx) => {
      checked(ctx)
      assertNoProblems(indexProblems({ name: c.table, columns: [], constraints: [], indexes: [] }, c.after))
      return [{ sql: createIndexSQL(sqlite, c.table, undefined, c.after), stage: Stage.addIndex }]
    },
    drop_index: (c, ctx) => [
      { sql: dropIndexSQL(c.before, ctx.previousTableName(c.table, c.schema)), stage: Stage.dropIndex },
    ],
    alter_index: (c, ctx) => [
      { sql: dropIndexSQL(c.before, ctx.previousTableName(c.table, c.schema)), stage: Stage.dropIndex },
      { sql: createIndexSQL(sqlite, c.table, undefined, c.after), stage: Stage.addIndex },
    ],
    create_enum: (c, ctx) => noEnums(c.enum, ctx),
    drop_enum: (c, ctx) => noEnums(c.enum, ctx),
    alter_enum: (c, ctx) => noEnums(c.enum, ctx),
  },
  planTable: planSqliteTable,
  objects: { view: sqliteViews, trigger: sqliteTriggers },
  disturbsDependents: sqliteDisturbsDependents,
})

function dropIndexSQL(index: Table['indexes'][number], table: string): string {
  return `DROP INDEX ${quoteIdentifier(sqliteIndexName(table, index))}`
}
