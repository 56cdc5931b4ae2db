import { needsValueOnInsert, onExistingTable } from '../../diff/change-scope.js'
import { compareColumnTypes } from '../../model/type-relation.js'
import type { Column } from '../../model/types.js'
import { isLiteralDefault, isVolatileDefault } from '../../sql-text/normalize-default.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { isEmpty, partialFailureNote, rowsText, typeText, versionText } from '../finding-text.js'
import { addNullableSql, nullsQuery, replaceTypeFix } from '../fix-sql.js'

// DD: columns and types that can fail on the rows already in the table (catalogue section "DD"; keys
// and constraints are in data-dependent-keys.ts).

const requiredColumn = defineAnalyzer({
  code: 'DD003',
  title: 'A NOT NULL column without a default cannot be added to a table with rows',
  dialects: 'all',
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL',
    why: "Existing rows have no value for it: PostgreSQL and SQLite reject the statement on a non-empty table; MySQL fills every row with the type's implicit default (0, '' or a zero date) instead.",
    fix: 'Add it with a DEFAULT, or add it nullable, backfill it, then make it NOT NULL. A profile with `rows: 0` makes it info.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_column' || !onExistingTable(ctx, change) || !needsValueOnInsert(change.after))
      return undefined
    const sql = addNullableSql(ctx, change, change.after)
    const fix = {
      description: `Add it with a DEFAULT, or add it nullable (the statement below), backfill it in batches, then make it NOT NULL.`,
      ...(sql ? { sql } : {}),
    }
    if (isEmpty(ctx.tableProfile(change.table, change.schema))) {
      return {
        severity: 'info',
        message: `adding ${change.path} NOT NULL without a default is safe: the table is empty`,
        explanation: 'The data profile says the table holds no rows.',
        fix,
      }
    }
    if (ctx.facts.requiredColumnWithoutDefault(ctx.version) === 'fills_implicit_default') {
      return {
        severity: 'warning',
        message: `adding ${change.path} NOT NULL without a default fills every existing row with the type's implicit default`,
        explanation: `${ctx.version.label} accepts the statement and gives existing rows 0, '' or a zero date, which are rarely right and hard to tell from real values later.`,
        fix,
      }
    }
    return {
      message: `adding ${change.path} NOT NULL without a default fails on a table that has rows`,
      explanation: `Existing rows have no value for the new column, so the database rejects the statement as soon as the table holds one row.${partialFailureNote(ctx)}`,
      fix,
    }
  },
})

const setNotNull = defineAnalyzer({
  code: 'DD004',
  title: 'Making a column NOT NULL fails on rows that hold NULL',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL',
    why: "Every row is checked; one NULL aborts the migration (SQLite's rebuild fills the column default instead, when there is one).",
    fix: 'Backfill the NULLs first (the fix counts them), then add NOT NULL. A profile with `nulls: 0` makes it info, with NULLs danger.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('nullable') || change.after.nullable)
      return undefined
    const fix = {
      description:
        'Backfill the NULLs first (UPDATE ... WHERE column IS NULL, in batches), keep the application from writing new ones, then add NOT NULL.',
      sql: [nullsQuery(ctx, change.table, change.schema, change.before.name)],
    }
    const hasDefault = change.after.default !== undefined
    if (ctx.facts.existingNullsOnSetNotNull(hasDefault, ctx.version) === 'get_default') {
      return {
        severity: 'info',
        message: `making ${change.path} NOT NULL replaces its NULLs with the default ${change.after.default}`,
        explanation: 'The table rebuild copies coalesce(column, default), so rows that held NULL now hold the default.',
        fix: {
          ...fix,
          description:
            'Make sure the default is the right value for rows that held NULL; backfill them yourself otherwise.',
        },
      }
    }
    const explanation = `The database checks every row and rejects the change at the first NULL.${partialFailureNote(ctx)}`
    const table = ctx.tableProfile(change.table, change.schema)
    const nulls = table?.rows === 0 ? 0 : ctx.columnProfile(change.table, change.before.name, change.schema)?.nulls
    if (nulls === 0)
      return { severity: 'info', message: `making ${change.path} NOT NULL is safe: it holds no NULL`, explanation, fix }
    if (nulls !== undefined) {
      return {
        severity: 'danger',
        message: `making ${change.path} NOT NULL fails: ${rowsText(nulls)} hold NULL`,
        explanation,
        fix,
      }
    }
    return { message: `making ${change.path} NOT NULL fails if any row holds NULL`, explanation, fix }
  },
})

/** Whether a constraint change adds or re-adds a definition that existing rows must satisfy. */
const castMayFail = defineAnalyzer({
  code: 'DD007',
  title: 'A type change whose conversion can fail',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "orders" ALTER COLUMN "quantity" TYPE integer USING "quantity"::integer   -- was text',
    why: 'Every value is converted; the first one that does not parse aborts the migration. The running application also still reads and writes the old type, so it is a breaking change.',
    fix: 'Expand/contract: add a column of the new type, backfill it with an explicit conversion (fixing values that do not convert), switch the application, drop the old column and rename the new one.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type')) return undefined
    const { before, after } = change
    const relation = compareColumnTypes(before.type, after.type)
    const conversion = ctx.facts.convertValues(before.type, after.type, relation, ctx.version)
    if (!(relation === 'cast' || relation === 'none') || !conversion.castExists || conversion.onBadValue === 'kept')
      return undefined
    return {
      message: `changing ${change.path} from ${typeText(before.type)} to ${typeText(after.type)} fails on values that do not convert`,
      explanation: `Every stored value is converted and the first one that does not parse as ${typeText(after.type)} aborts the migration; the application version still running keeps writing ${typeText(before.type)} values.${partialFailureNote(ctx)}`,
      fix: replaceTypeFix(ctx, change),
    }
  },
})

const scalarToArray = defineAnalyzer({
  code: 'DD008',
  title: 'Changing between a scalar and an array type',
  dialects: ['postgres'],
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE "posts" ALTER COLUMN "tag" TYPE text[]   -- was text',
    why: 'There is no conversion between a value and an array of values, so the statement fails.',
    fix: 'Add a new array column, fill it (e.g. ARRAY[tag]), switch the application, then drop the old column.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type')) return undefined
    const { before, after } = change
    if ((before.type.kind === 'array') === (after.type.kind === 'array')) return undefined
    const relation = compareColumnTypes(before.type, after.type)
    if (ctx.facts.convertValues(before.type, after.type, relation, ctx.version).castExists) return undefined
    return {
      message: `changing ${change.path} from ${typeText(before.type)} to ${typeText(after.type)} fails: a value does not convert to an array or back`,
      explanation:
        'The database has no conversion between a scalar type and an array type, so the statement fails before it reads any row.',
      fix: {
        description:
          'Add a new column of the new type, fill it with an explicit expression (ARRAY[column], column[1]), switch the application, then drop the old column.',
      },
    }
  },
})

const ormOnlyDefault = defineAnalyzer({
  code: 'DD009',
  title: 'A required column whose default exists only in the ORM',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: '{ "name": "status", "nullable": false, "default": "new" }   -- SQLAlchemy client-side default, no server_default',
    why: 'The database has no default: adding the column fails on existing rows, and inserts from any other client (scripts, other services, backfills) fail.',
    fix: 'Declare the default on the server (`server_default`), or add the column nullable and backfill it.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_column' || !onExistingTable(ctx, change)) return undefined
    const orm = change.after.extra?.default
    if (!needsValueOnInsert(change.after) || orm === undefined) return undefined
    return {
      message: `${change.path} is NOT NULL and its default ${JSON.stringify(orm)} exists only in the ORM`,
      explanation:
        'The database sees a NOT NULL column without a default: existing rows get no value, and inserts that do not go through the ORM fail.',
      fix: {
        description:
          'Declare the default on the server (SQLAlchemy `server_default`), or add the column nullable and backfill it.',
      },
    }
  },
})

/** How existing rows get a default: one value, one value at migration time, or one value each. */
function defaultFill(column: Column): string {
  const value = column.default as string
  if (isLiteralDefault(value)) return value
  return isVolatileDefault(value) ? `its own value of ${value}` : `${value} as evaluated once, at migration time`
}

const notNullWithDefault = defineAnalyzer({
  code: 'DD011',
  title: 'A NOT NULL column added with a default gives every existing row that default',
  dialects: 'all',
  severity: 'info',
  docs: {
    bad: 'ALTER TABLE "users" ADD COLUMN "is_active" boolean NOT NULL DEFAULT true',
    why: 'Existing rows all get the default, which must be right for old rows too (a created_at defaulting to now() gets the migration time). Whether it rewrites the table depends on the engine and version (LK010).',
    fix: 'Make sure the default is right for existing rows, or add the column nullable, backfill real values, then set NOT NULL.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'add_column' || !onExistingTable(ctx, change)) return undefined
    const c = change.after
    if (c.nullable || c.default === undefined || c.autoincrement || c.identity || c.generated) return undefined
    const cost = ctx.facts.addColumn(c, ctx.version, { last: true })
    const rewrite =
      cost.work === 'metadata' ? `without rewriting the table on ${versionText(ctx)}` : `and ${cost.detail} (LK010)`
    return {
      message: `${change.path} is added NOT NULL with default ${c.default}: every existing row gets ${defaultFill(c)}`,
      explanation: `The database fills the default into the rows that exist ${rewrite}. Make sure it is the right value for old rows, not only for new ones.`,
      fix: {
        description:
          'Keep it if the default is right for existing rows; otherwise add the column nullable, backfill the real values, then set NOT NULL.',
      },
    }
  },
})

/** The DD rules, by code. @internal */
export const dataDependentAnalyzers = [
  requiredColumn,
  setNotNull,
  castMayFail,
  scalarToArray,
  ormOnlyDefault,
  notNullWithDefault,
]
