import { tablePath } from '../../diff/change-path.js'
import { needsValueOnInsert } from '../../diff/change-scope.js'
import { compareColumnTypes } from '../../model/type-relation.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { steps, typeText } from '../finding-text.js'
import { addNullableSql, renameColumnFix, replaceTypeFix } from '../fix-sql.js'

// BC: changes the application version that is still running cannot cope with (catalogue section "BC").

const renameTable = defineAnalyzer({
  code: 'BC001',
  title: 'Renaming a table breaks the running application',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "people" RENAME TO "users"',
    why: 'The application version still deployed queries the old name and fails from the moment the rename commits until the new version is out.',
    fix: 'Expand/contract: rename and create a view with the old name (simple views accept writes in PostgreSQL and MySQL), deploy the new version, drop the view; or map the new name in the ORM first.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'rename_table') return undefined
    const d = ctx.dialect
    const oldName = change.schema
      ? `${d.quoteIdentifier(change.schema)}.${d.quoteIdentifier(change.from)}`
      : d.quoteIdentifier(change.from)
    const newName = change.schema
      ? `${d.quoteIdentifier(change.schema)}.${d.quoteIdentifier(change.table)}`
      : d.quoteIdentifier(change.table)
    const rename = ctx.planSql([change])
    const sql = rename
      ? [...rename, `CREATE VIEW ${oldName} AS SELECT * FROM ${newName}`, `DROP VIEW ${oldName}`]
      : undefined
    return {
      message: `renaming ${tablePath(change.from, change.schema)} to ${change.path} breaks the running application, which still queries ${change.from}`,
      explanation:
        'There is no deploy order that works: before the rename the new version fails, after it the old version fails.',
      fix: {
        description: steps([
          `Rename the table and, in the same transaction, create a view named ${change.from} over it, so the running version keeps working (a simple view accepts writes where the engine has updatable views).`,
          'Deploy the version that uses the new name.',
          'Contract: drop the view.',
        ]),
        ...(sql ? { sql } : {}),
      },
    }
  },
})

const renameColumn = defineAnalyzer({
  code: 'BC002',
  title: 'Renaming a column breaks the running application',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" RENAME COLUMN "fullname" TO "name"',
    why: 'The application version still deployed reads and writes the old name and fails until the new version is out.',
    fix: 'Expand/contract: add the new column, backfill it and keep both in sync, deploy the version that uses it, then drop the old one; or map the new name in the ORM first.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'rename_column') return undefined
    return {
      message: `renaming ${tablePath(change.table, change.schema)}.${change.from} to ${change.column} breaks the running application, which still uses ${change.from}`,
      explanation:
        'There is no deploy order that works: before the rename the new version fails, after it the old version fails.',
      fix: renameColumnFix(ctx, change),
    }
  },
})

const dropNotNull = defineAnalyzer({
  code: 'BC005',
  title: 'Dropping NOT NULL lets NULLs reach code that does not expect them',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL',
    why: 'Code written for a required column (and the running version) reads NULL once the new version starts writing it.',
    fix: 'Deploy code that handles NULL everywhere the column is read before any version writes NULL.',
  },
  analyze(change) {
    if (change.kind !== 'alter_column' || !change.changes.includes('nullable') || !change.after.nullable)
      return undefined
    return {
      message: `${change.path} becomes nullable: code that expects a value gets NULL`,
      explanation:
        'As soon as any version writes NULL, every reader that assumed a value (including the application version still running) can fail.',
      fix: { description: 'Deploy code that handles NULL wherever the column is read before writing NULLs.' },
    }
  },
})

const requiredForInserts = defineAnalyzer({
  code: 'BC006',
  title: "A new required column breaks the running application's inserts",
  dialects: 'all',
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE "users" ADD COLUMN "tenant_id" bigint NOT NULL',
    why: 'The application version still deployed does not know the column, so every INSERT it sends fails once the column exists.',
    fix: 'Add the column nullable or with a DEFAULT first; make it NOT NULL after every running version writes it.',
  },
  analyze(change, ctx) {
    if (
      change.kind !== 'add_column' ||
      ctx.isNewTable(change.table, change.schema) ||
      !needsValueOnInsert(change.after)
    )
      return undefined
    const sql = addNullableSql(ctx, change, change.after)
    return {
      message: `INSERTs of the running application fail once ${change.path} exists: it is NOT NULL without a default`,
      explanation:
        'The version still deployed inserts rows without the new column, and the database has no value to put in it.',
      fix: {
        description: steps([
          'Expand: add the column nullable (or with a DEFAULT).',
          'Deploy the version that writes it, and backfill existing rows.',
          'Contract: set NOT NULL.',
        ]),
        ...(sql ? { sql } : {}),
      },
    }
  },
})

const enumOrder = defineAnalyzer({
  code: 'BC007',
  title: 'Reordering enum values changes sorting and comparisons',
  dialects: ['postgres', 'mysql'],
  severity: 'info',
  docs: {
    bad: "enum mood: ('sad', 'ok', 'happy') -> ('happy', 'ok', 'sad')",
    why: 'Enums sort and compare by declaration order, so ORDER BY and < / > on the column change meaning.',
    fix: 'Append new values at the end and keep the existing order; sort by an explicit column when order matters.',
  },
  analyze(change) {
    const reordered =
      (change.kind === 'alter_enum' && change.reordered) ||
      (change.kind === 'alter_column' &&
        change.changes.includes('type') &&
        change.before.type.kind === 'enum' &&
        change.after.type.kind === 'enum' &&
        isReordered(change.before.type.values, change.after.type.values))
    if (!reordered) return undefined
    return {
      message: `the values of ${change.path} change order: ORDER BY and comparisons on it change meaning`,
      explanation: 'Enum values sort and compare by their position in the declaration, not alphabetically.',
      fix: {
        description:
          'Keep the existing order and append new values at the end; sort by an explicit column when order matters.',
      },
    }
  },
})

/** Whether values present in both lists appear in another relative order. */
function isReordered(before: readonly string[] | undefined, after: readonly string[] | undefined): boolean {
  if (!before || !after) return false
  const kept = before.filter((v) => after.includes(v))
  const order = after.filter((v) => kept.includes(v))
  return kept.some((v, i) => order[i] !== v)
}

const plainJson = defineAnalyzer({
  code: 'BC008',
  title: 'A json (not jsonb) column has no equality operator',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "events" ADD COLUMN "payload" json',
    why: 'json has no equality operator, so SELECT DISTINCT, UNION and GROUP BY over it fail, and it is re-parsed on every access.',
    fix: 'Use jsonb.',
  },
  analyze(change, ctx) {
    const column =
      change.kind === 'add_column'
        ? change.after
        : change.kind === 'alter_column' && change.changes.includes('type')
          ? change.after
          : undefined
    if (column?.type.kind !== 'json') return undefined
    return {
      message: `${change.path} is json: queries using DISTINCT, UNION or GROUP BY on rows with it fail`,
      explanation: `${ctx.version.label} has no equality operator for json (jsonb has one), and json is re-parsed on every access.`,
      fix: { description: 'Use jsonb instead of json.' },
    }
  },
})

const uniqueCollation = defineAnalyzer({
  code: 'BC009',
  title: 'Changing the collation of a column in a unique key changes what counts as a duplicate',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "users" MODIFY "email" varchar(120) COLLATE utf8mb4_bin   -- email is unique',
    why: "Uniqueness follows the collation: a case-insensitive collation makes 'A@x' and 'a@x' duplicates (the change can fail), a case-sensitive one lets both in.",
    fix: 'Coordinate the change with the application (normalise values first) and check for values that collide under the new collation.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('collation')) return undefined
    const table = ctx.targetTable(change.table, change.schema)
    const inKey =
      table?.constraints.some(
        (c) => (c.type === 'unique' || c.type === 'primary_key') && c.columns.includes(change.column),
      ) || table?.indexes.some((x) => x.unique && x.parts.some((p) => p.column === change.column))
    if (!inKey) return undefined
    return {
      message: `changing the collation of ${change.path} changes which values its unique key treats as equal`,
      explanation:
        'Uniqueness is decided by the collation: values that were distinct can collide (the change fails) or values that collided become distinct.',
      fix: {
        description:
          'Normalise the values first and check for values that collide under the new collation; coordinate with the application.',
      },
    }
  },
})

const defaultChanged = defineAnalyzer({
  code: 'BC010',
  title: 'Changing a default while an ORM writes every column',
  dialects: 'all',
  severity: 'info',
  enabledByDefault: false,
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "status" SET DEFAULT \'active\'',
    why: 'ORMs that send every column on insert (or cache the old default) keep writing the old value; the new default only applies to inserts that leave the column out.',
    fix: 'Make the application omit the column on insert (or set the new value itself). Opt-in rule.',
  },
  analyze(change) {
    if (change.kind !== 'alter_column' || !change.changes.includes('default')) return undefined
    return {
      message: `the default of ${change.path} changes to ${change.after.default ?? 'none'}: it applies only to inserts that leave the column out`,
      explanation: 'Applications (and ORMs) that write the column explicitly keep writing what they wrote before.',
      fix: { description: 'Make the application leave the column out on insert, or write the new value itself.' },
    }
  },
})

const typeSeenByApp = defineAnalyzer({
  code: 'BC011',
  title: 'A type change the running application does not expect',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "orders" ALTER COLUMN "number" TYPE text   -- was integer',
    why: 'The conversion keeps every value, but the running application reads and writes the column as the old type (drivers return another type, comparisons and sorting change).',
    fix: 'Expand/contract: add a column of the new type, backfill it, have the application write both, switch reads, then drop the old column and rename.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type')) return undefined
    const { before, after } = change
    if (compareColumnTypes(before.type, after.type) !== 'convert') return undefined
    if (ctx.facts.convertValues(before.type, after.type, 'convert', ctx.version).onBadValue === 'kept') return undefined
    return {
      message: `${change.path} changes from ${typeText(before.type)} to ${typeText(after.type)}: the running application still reads and writes ${typeText(before.type)}`,
      explanation:
        'Every value converts, but drivers return the new type, and comparisons, sorting and arithmetic on it change for the version still deployed.',
      fix: replaceTypeFix(ctx, change),
    }
  },
})

/** The BC rules, by code. @internal */
export const backwardIncompatibleAnalyzers = [
  renameTable,
  renameColumn,
  dropNotNull,
  requiredForInserts,
  enumOrder,
  plainJson,
  uniqueCollation,
  defaultChanged,
  typeSeenByApp,
]
