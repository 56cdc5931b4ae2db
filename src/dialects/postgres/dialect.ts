import { defineDialect } from '../dialect.js'
import { assertOneExpression, assertQueryText, throwExpressionProblem } from '../expression-guard.js'
import { alterColumnSQL } from './alter-column.js'
import { addColumnSQL, dropColumnSQL, renderPostgresDefault } from './columns.js'
import { addConstraintSQL, addIndexSQL, alterIndexSQL, dropConstraintSQL, dropIndexSQL } from './constraints.js'
import { alterEnumSQL, createEnumSQL, dropEnumSQL } from './enums.js'
import { alterKeySQL } from './key-dependents.js'
import { postgresLexer } from './lexer.js'
import { defaultConstraintName, defaultIndexName } from './names.js'
import { PG_MAX_IDENTIFIER_BYTES } from './object-names.js'
import { postgresCompositeTypes } from './objects/composite-types.js'
import { postgresDisturbsDependents } from './objects/dependents.js'
import { postgresDomains } from './objects/domains.js'
import { postgresExtensions } from './objects/extensions.js'
import { postgresNamespaces } from './objects/namespaces.js'
import { postgresRoutines } from './objects/routines.js'
import { postgresSequences } from './objects/sequences.js'
import { postgresTriggers } from './objects/triggers.js'
import { postgresViews } from './objects/views.js'
import { postgresTextProblem, quotePostgresIdentifier, quotePostgresLiteral } from './quoting.js'
import { renameColumnSQL, renameTableSQL } from './renames.js'
import { findStandardBodyProblem } from './standard-body.js'
import { alterTableSQL, createTableChangeSQL, createTableSQL, dropTableSQL } from './tables.js'
import { renderPostgresType } from './types.js'

/**
 * PostgreSQL (12 and later; tested on 15 and 18): transactional DDL, `ALTER COLUMN ... TYPE ... USING`,
 * enum types with `ADD VALUE` outside the transaction, identity and serial columns, stored generated
 * columns, `COMMENT ON`, optional `CREATE INDEX CONCURRENTLY` and `NOT VALID` + `VALIDATE CONSTRAINT`.
 *
 * Auto-increment (`autoincrement: true`) is a `serial` column: an integer whose default takes the next
 * value of a sequence the column owns. It is kept apart from identity columns (`identity`), so both
 * read back from the catalog as what they were declared.
 *
 * @example
 * ```ts
 * const migration = planMigration(diffSchemas(v1, v2), { dialect: postgres, from: v1, to: v2, concurrently: true })
 * ```
 */
export const postgres = defineDialect({
  name: 'postgres',
  capabilities: {
    transactionalDDL: true,
    alterColumn: true,
    alterConstraints: true,
    concurrentIndexes: true,
    notValidConstraints: true,
    enumTypes: true,
    inlineEnums: false,
    comments: true,
    identityColumns: true,
    partialIndexes: true,
    expressionIndexes: true,
    indexInclude: true,
    deferrableConstraints: true,
    arrays: true,
    namespaces: true,
    maxIdentifierLength: PG_MAX_IDENTIFIER_BYTES,
  },
  quoteIdentifier: quotePostgresIdentifier,
  quoteLiteral: quotePostgresLiteral,
  checkExpression: (text, where) => assertOneExpression(text, where, postgresLexer),
  checkQuery: (text, where, kind = 'query') => assertQueryText(text, where, postgresLexer, kind),
  checkStandardBody: (text, kind, where) =>
    throwExpressionProblem(text, where, postgresLexer, findStandardBodyProblem(text, kind)),
  textProblem: postgresTextProblem,
  renderType: (type) => renderPostgresType(type),
  renderDefault: (text, column, where) => renderPostgresDefault(postgres, text, column, where),
  constraintName: defaultConstraintName,
  indexName: defaultIndexName,
  createEnum: (definition, ctx) => createEnumSQL(definition, ctx),
  createTable: createTableSQL,
  generators: {
    create_table: createTableChangeSQL,
    drop_table: dropTableSQL,
    rename_table: renameTableSQL,
    alter_table: alterTableSQL,
    add_column: addColumnSQL,
    drop_column: dropColumnSQL,
    rename_column: renameColumnSQL,
    alter_column: alterColumnSQL,
    add_constraint: addConstraintSQL,
    drop_constraint: dropConstraintSQL,
    alter_constraint: alterKeySQL,
    add_index: addIndexSQL,
    drop_index: dropIndexSQL,
    alter_index: alterIndexSQL,
    create_enum: (change, ctx) => createEnumSQL(change.after, ctx),
    drop_enum: dropEnumSQL,
    alter_enum: alterEnumSQL,
  },
  // One line per kind, each in its own file under objects/.
  objects: {
    namespace: postgresNamespaces,
    view: postgresViews,
    extension: postgresExtensions,
    domain: postgresDomains,
    type: postgresCompositeTypes,
    function: postgresRoutines,
    trigger: postgresTriggers,
    sequence: postgresSequences,
  },
  disturbsDependents: postgresDisturbsDependents,
})
