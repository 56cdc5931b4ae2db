import { type Dialect, defineDialect } from '../dialect.js'
import { addColumnChange, alterColumnChange, alterEnumChange, dropColumnChange } from './mysql-column-changes.js'
import { renderMysqlDefault } from './mysql-columns.js'
import {
  addConstraintChange,
  addIndexChange,
  alterConstraintChange,
  alterIndexChange,
  dropConstraintChange,
  dropIndexChange,
} from './mysql-key-changes.js'
import { mysqlConstraintName, mysqlIndexName, recordTableChanges } from './mysql-plan-state.js'
import {
  alterTableChange,
  createTableChange,
  dropTableChange,
  mysqlCreateTable,
  renameColumnChange,
  renameTableChange,
} from './mysql-table-changes.js'
import { mysqlFlavor, quoteMysqlIdentifier, quoteMysqlLiteral } from './mysql-text.js'
import { renderMysqlType } from './mysql-types.js'

// MySQL 8 and MariaDB (tested on MariaDB 10.11). The pieces live in mysql-*.ts: text (quoting,
// expressions, server flavor), types (the type mapping table), columns (column definitions and
// defaults), keys and key-changes (constraints and indexes), column-changes (MODIFY COLUMN, foreign
// keys around type changes, AUTO_INCREMENT), table-changes (CREATE TABLE, renames), plan-state
// (what generators share about the whole migration).
//
// The server flavor comes from `dialectVersion`: none or >= 10 is MariaDB (10.7+ has UUID), below
// 10 is MySQL (8 means 8.0.13+, with expression indexes). Every DDL statement commits on its own.

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
    maxIdentifierLength: 64,
  },
  quoteIdentifier: quoteMysqlIdentifier,
  quoteLiteral: quoteMysqlLiteral,
  renderType: (type, column) => renderMysqlType(type, standalone, column),
  renderDefault: (expression, column) => renderMysqlDefault(expression, column, standalone),
  constraintName: mysqlConstraintName,
  indexName: mysqlIndexName,
  // Enums are written inline in each column: no statement of their own.
  createEnum: () => [],
  createTable: mysqlCreateTable,
  generators: {
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
  },
  // Not a takeover: records each table's changes for the generators, which need the whole picture
  // (which foreign keys other changes drop, which renames are in effect), then lets them work.
  planTable: (_table, changes, ctx) => {
    recordTableChanges(ctx, changes)
    return undefined
  },
})
