import { assertBody } from '../body-guard.js'
import { type Dialect, defineDialect } from '../dialect.js'
import { assertQueryText } from '../expression-guard.js'
import { addColumnChange, alterColumnChange, alterEnumChange, dropColumnChange } from './column-changes.js'
import { renderMysqlDefault } from './columns.js'
import { mysqlEvents } from './events.js'
import {
  addConstraintChange,
  addIndexChange,
  alterConstraintChange,
  alterIndexChange,
  dropConstraintChange,
  dropIndexChange,
} from './key-changes.js'
import { mysqlLexer } from './lexer.js'
import { mysqlConstraintName, mysqlIndexName } from './object-names.js'
import { mysqlRoutines, mysqlTriggers, mysqlViews } from './objects.js'
import { recordTableChanges } from './plan-state.js'
import { mysqlSequences } from './sequences.js'
import { withKeptHistory } from './system-versioning.js'
import {
  createTableChange,
  dropTableChange,
  mysqlCreateTable,
  renameColumnChange,
  renameTableChange,
} from './table-changes.js'
import { alterTableChange } from './table-options.js'
import { mysqlExpression, mysqlFlavor, mysqlTextProblem, quoteMysqlIdentifier, quoteMysqlLiteral } from './text.js'
import { renderMysqlType } from './types.js'

// MySQL 8 and MariaDB (tested on MariaDB 10.11). The pieces live in mysql-*.ts: text (quoting,
// expressions, server flavor), types (the type mapping table), columns (column definitions and
// defaults), keys and key-changes (constraints and indexes), column-changes (MODIFY COLUMN, foreign
// keys around type changes, AUTO_INCREMENT), table-changes (CREATE TABLE, renames), plan-state
// (what generators share about the whole migration). The reader is src/dialects/mysql/introspect.ts.
//
// The server flavor comes from `dialectVersion`: none or >= 10 is MariaDB (10.7+ has UUID), below
// 10 is MySQL (8 means 8.0.13+, with expression indexes). Every DDL statement commits on its own.
//
// Decisions, and the subset of the model MySQL stores exactly (what introspection gives back):
// - Names: every constraint and index is created under its name or a default one (users_email_key,
//   users_email_idx, posts_user_id_fkey, users_<hash>_check); the primary key is always PRIMARY, so
//   a declared primary key name is not stored. Renaming a table or column renames the default-named
//   objects with it (RENAME INDEX; foreign keys and checks are dropped and added).
// - Unique: MySQL has one object, the unique key. A model unique constraint is created as
//   `CONSTRAINT name UNIQUE`, a unique index as `CREATE UNIQUE INDEX`; introspection reports every
//   unique key of plain columns (no prefix length, ascending, B-tree or MariaDB's hash-backed long
//   unique) as a unique constraint, and only the others as unique indexes. So a plain unique index
//   reads back as a unique constraint of the same name, and one cannot repeat a unique constraint.
// - Foreign keys need an index on their columns: MySQL makes one named after the key, introspection
//   hides it, drops take it along, and dropping the last index under a surviving key puts an index
//   named after the key in its place. Both actions are always written (NO ACTION when absent),
//   because MariaDB reports an unspecified action as RESTRICT. No MATCH, DEFERRABLE, SET DEFAULT.
// - A type change of a column in a foreign key drops the keys on it and adds them back afterwards;
//   a plan whose result would join two columns of different types throws `incompatible_foreign_key`.
// - AUTO_INCREMENT must be the first column of a key: it is added after the keys and removed
//   before them; a new AUTO_INCREMENT column comes with its new primary key in one statement.
// - Enums are inline: named enums are written with their values, create/drop_enum write nothing,
//   alter_enum MODIFYs every column using the enum; introspection returns inline enums.
// - TEXT/BLOB/JSON columns in an index need a prefix length (parts[].length): without one the plan
//   throws `unsupported_feature` (MariaDB would silently use a prefix the model does not have).
//   FULLTEXT/SPATIAL indexes and MariaDB unique keys (hash-backed) take whole values.
// - `unsupported_feature` also for: partial indexes, INCLUDE, NULLS FIRST/LAST, operator classes,
//   index collations, non-MySQL index methods, expression indexes on MariaDB, arrays, NULLS NOT
//   DISTINCT, NOT NULL generated columns on MariaDB.
// - Expressions are standard SQL in the model and re-spelled for MySQL (strings with backslashes
//   escaped, "identifiers" in backticks); introspection spells them back, with MariaDB's function
//   synonyms (octet_length, lcase, ucase, substr) undone. `now(p)` on a column of precision p reads
//   back as CURRENT_TIMESTAMP.
/** Target-independent context for the public `renderType` / `renderDefault` members (no plan at hand). */
const standalone = { flavor: mysqlFlavor(undefined), schemas: [] }

/**
 * The MySQL/MariaDB dialect (also registered as `mariadb`).
 *
 * @example
 * ```ts
 * const migration = planMigration(diffSchemas(v1, v2), { dialect: 'mysql', from: v1, to: v2 })
 * console.log(toSQL(migration)) // no BEGIN/COMMIT: MySQL commits each DDL statement
 * ```
 */
export const mysql: Dialect = defineDialect({
  name: 'mysql',
  capabilities: {
    transactionalDDL: false,
    alterColumn: true,
    alterConstraints: true,
    concurrentIndexes: false,
    notValidConstraints: false,
    enumTypes: false,
    inlineEnums: true,
    comments: true,
    identityColumns: false,
    partialIndexes: false,
    expressionIndexes: false,
    indexInclude: false,
    deferrableConstraints: false,
    arrays: false,
    namespaces: true,
    // MySQL counts identifier lengths in characters: https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html
    maxIdentifierLength: 64,
    identifierLengthUnit: 'characters',
  },
  quoteIdentifier: quoteMysqlIdentifier,
  quoteLiteral: quoteMysqlLiteral,
  checkExpression: mysqlExpression,
  checkQuery: (text, where, kind) => assertQueryText(text, where, mysqlLexer, kind ?? 'query'),
  checkBody: (text, where) => assertBody(text, where, mysqlLexer, 'mysql'),
  textProblem: mysqlTextProblem,
  renderType: (type, column) => renderMysqlType(type, standalone, column),
  renderDefault: (expression, column, where) => renderMysqlDefault(expression, column, standalone, where),
  constraintName: mysqlConstraintName,
  indexName: mysqlIndexName,
  // Enums are written inline in each column: no statement of their own.
  createEnum: () => [],
  createTable: mysqlCreateTable,
  // Every ALTER TABLE of a system-versioned table keeps its history (system-versioning.ts).
  generators: withKeptHistory({
    create_table: createTableChange,
    drop_table: dropTableChange,
    rename_table: renameTableChange,
    alter_table: alterTableChange,
    add_column: addColumnChange,
    drop_column: dropColumnChange,
    rename_column: renameColumnChange,
    alter_column: alterColumnChange,
    add_constraint: addConstraintChange,
    drop_constraint: dropConstraintChange,
    alter_constraint: alterConstraintChange,
    add_index: addIndexChange,
    drop_index: dropIndexChange,
    alter_index: alterIndexChange,
    create_enum: () => [],
    drop_enum: () => [],
    alter_enum: alterEnumChange,
  }),
  objects: {
    sequence: mysqlSequences,
    view: mysqlViews,
    trigger: mysqlTriggers,
    function: mysqlRoutines,
    event: mysqlEvents,
  },
  // Not a takeover: records each table's changes for the generators, which need the whole picture
  // (which foreign keys other changes drop, which renames are in effect), then lets them work.
  planTable: (_table, changes, ctx) => {
    recordTableChanges(ctx, changes)
    return undefined
  },
})
