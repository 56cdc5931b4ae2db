import { objectName } from '../../model/object-kinds.js'
import type { View } from '../../model/types.js'
import { namesIn } from '../../sql/object-dependencies.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer, AnalyzerContext } from '../types.js'

// Rules on the objects beside tables (views, extensions, domains, types), from the catalogue
// (/work/shared/research/impact-rules.md): LK020 after Squawk ban-alter-domain-with-add-constraint,
// LK031 after pg-schema-diff's re-created domains (domain_sql_generator.go), BC024 after its
// UPGRADING_EXTENSION_VERSION hazard,
// BC015 after the expand/contract reasoning of Atlas BC101/BC102 and pgroll, DS017
// after pg-delta / migra, which drop an extension only with its objects.

const viewWord = (v: View) => (v.materialized ? 'materialized view' : 'view')

const dropView = defineAnalyzer({
  code: 'BC015',
  title: 'Dropping or changing a view the running application reads',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'DROP VIEW "order_totals"',
    why: 'The application version still deployed queries the view: it fails once the view is gone, or reads other columns and rows once its query changed (the expand/contract reasoning of Atlas BC101/BC102 and Squawk renaming-table/ban-drop-table for tables; pgroll and Reshape keep old and new versions readable through views for this reason).',
    fix: 'Expand/contract: create the new view under a new name, deploy the version that reads it, then drop the old one.',
  },
  analyze(change) {
    if (change.kind === 'drop_view')
      return {
        message: `dropping the ${viewWord(change.before)} ${change.name} breaks the running application if it reads it`,
        explanation: 'Queries of the version still deployed fail from the moment the drop commits.',
        fix: { description: 'Deploy the version that no longer reads the view first, then drop it.' },
      }
    if (change.kind === 'alter_view' && change.changes.some((f) => f === 'definition' || f === 'columns'))
      return {
        message: `the query of the ${viewWord(change.after)} ${change.name} changes under the running application`,
        explanation:
          'The view is dropped and created again: while it is re-created its readers wait or fail, and after it the version still deployed reads the new columns and rows.',
        fix: {
          description:
            'Create the new query as a new view, deploy the version that reads it, then drop the old view (expand/contract).',
        },
      }
    return undefined
  },
})

const dropExtension = defineAnalyzer({
  code: 'DS017',
  title: 'Dropping an extension drops its types, functions and operators',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'DROP EXTENSION "pg_trgm"',
    why: 'Everything the extension installed goes with it: its functions, types and operator classes, and with CASCADE the columns and indexes that use them (PostgreSQL manual, DROP EXTENSION; pg-delta and migra drop an extension only with its member objects).',
    fix: 'Drop the columns, indexes and code that use the extension first, and check no application calls its functions.',
  },
  analyze(change) {
    if (change.kind !== 'drop_extension') return undefined
    return {
      message: `dropping the extension ${change.name} drops every function, type and operator it installed`,
      explanation:
        'The database refuses while a column or index uses them (the plan never adds CASCADE); functions the application calls are gone without notice.',
      fix: { description: 'Check that no column, index, view or application query uses the extension, then drop it.' },
    }
  },
})

const extensionUpdated = defineAnalyzer({
  code: 'BC024',
  title: 'Updating an extension changes what it installed, with no way back',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: `ALTER EXTENSION "pg_trgm" UPDATE TO '1.6'`,
    why: "The update script replaces the extension's functions, operators and types in place: queries, indexes and defaults that use them behave as the new version says from the next statement on. Extensions ship update scripts forward only, so the down migration's UPDATE TO the old version fails (\"extension has no update path from version ... to version ...\"), and a server without the new version's files refuses the update (pg-schema-diff marks it with its UPGRADING_EXTENSION_VERSION hazard; PostgreSQL manual, ALTER EXTENSION and Packaging Related Objects into an Extension, update scripts). It is planned only when versions are compared (`compareExtensionVersions`).",
    fix: "Update the extension on its own, after reading its release notes, with the new version's files installed on every server; plan a restore rather than a down migration to undo it.",
  },
  analyze(change) {
    if (change.kind !== 'alter_extension' || !change.changes.includes('version')) return undefined
    const from = change.before.version ?? 'its current version'
    const to = change.after.version ?? 'the default version'
    return {
      message: `the extension ${change.name} is updated from ${from} to ${to}: its functions and operators change in place, and the down migration cannot update it back`,
      explanation:
        'Extensions ship update scripts forward only: PostgreSQL refuses UPDATE TO an older version when no script leads there.',
      fix: {
        description: `Update ${change.name} on its own, with ${to}'s files on every server; restore from a backup to undo it.`,
      },
    }
  },
})

const domainCheck = defineAnalyzer({
  code: 'LK020',
  title: 'Adding NOT NULL or a CHECK to a domain scans every column that uses it',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER DOMAIN "positive_int" ADD CONSTRAINT "small" CHECK (VALUE < 1000)',
    why: 'PostgreSQL checks every value of every column of the domain, in every table, while holding locks on them; one bad value fails the migration (Squawk ban-alter-domain-with-add-constraint and ban-create-domain-with-constraint).',
    fix: 'Add the check `NOT VALID` and validate it later (`ALTER DOMAIN ... VALIDATE CONSTRAINT`), or put the constraint on the columns.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_domain') return undefined
    const { before, after } = change
    const added = (after.checks ?? []).filter(
      (c) => !c.notValid && !(before.checks ?? []).some((b) => b.name === c.name && b.expression === c.expression),
    )
    const notNull = after.notNull === true && before.notNull !== true
    if (added.length === 0 && !notNull) return undefined
    const columns = columnsOfType(ctx, objectName('domain', before))
    const what = [...(notNull ? ['NOT NULL'] : []), ...added.map((c) => `CHECK (${c.expression})`)].join(' and ')
    return {
      message: `${what} on the domain ${change.name} checks every value of ${columns.length > 0 ? columns.join(', ') : 'the columns that use it'}`,
      explanation:
        'The database reads every row of every table with a column of the domain before it commits, and fails on the first value that breaks the new rule.',
      fix: {
        description:
          'Add a check NOT VALID (new values are checked at once) and VALIDATE CONSTRAINT it in a later step; NOT NULL has no such form.',
      },
    }
  },
})

const materializedWithData = defineAnalyzer({
  code: 'LK027',
  title: 'A materialized view created with data runs its whole query in the migration',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'CREATE MATERIALIZED VIEW "totals" AS SELECT customer_id, sum(total) FROM orders GROUP BY 1',
    why: 'The query runs to the end inside the migration, over tables that may be large; a re-created materialized view cannot be read until it is filled again (PostgreSQL manual, CREATE MATERIALIZED VIEW: the query is executed to populate the view unless WITH NO DATA is given).',
    fix: 'Create it `WITH NO DATA` and fill it afterwards with `REFRESH MATERIALIZED VIEW` (CONCURRENTLY once it has a unique index).',
  },
  analyze(change, ctx) {
    const view =
      change.kind === 'create_view'
        ? change.after
        : change.kind === 'alter_view' && change.changes.some((f) => f !== 'comment')
          ? change.after
          : undefined
    if (view === undefined || !view.materialized || view.withNoData) return undefined
    const existing = tablesRead(ctx, view).filter((t) => !ctx.isNewTable(t.name, t.schema))
    if (existing.length === 0) return undefined
    const rows = existing.reduce((n, t) => n + (ctx.tableProfile(t.name, t.schema)?.rows ?? 0), 0)
    return {
      message: `the materialized view ${objectName('view', view)} is filled from ${existing.map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name)).join(', ')}${rows > 0 ? ` (${rows} rows)` : ''} inside the migration`,
      explanation:
        'CREATE MATERIALIZED VIEW runs its query to the end before it commits; a re-created one is dropped first, so its readers wait until it is filled again.',
      fix: {
        description:
          'Create it WITH NO DATA, then run REFRESH MATERIALIZED VIEW outside the migration (CONCURRENTLY after adding a unique index, so readers keep the old rows).',
      },
    }
  },
})

/** The existing tables a view reads: its `dependsOn`, else the tables its query names. */
function tablesRead(ctx: AnalyzerContext, view: View): { name: string; schema?: string }[] {
  const tables = ctx.from?.tables ?? []
  const key = (t: { name: string; schema?: string }) => (t.schema ? `${t.schema}.${t.name}` : t.name).toLowerCase()
  const named = view.dependsOn
    ? new Set(view.dependsOn.filter((d) => d.startsWith('table:')).map((d) => d.slice('table:'.length).toLowerCase()))
    : namesIn(view.definition)
  return tables
    .filter((t) => named.has(key(t)))
    .map((t) => (t.schema ? { name: t.name, schema: t.schema } : { name: t.name }))
}

const retypedUnderColumns = defineAnalyzer({
  code: 'LK031',
  title: 'Dropping or re-creating a domain or composite type that columns use fails',
  dialects: ['postgres'],
  severity: 'danger',
  docs: {
    bad: 'DROP DOMAIN "money_amount"; CREATE DOMAIN "money_amount" AS numeric(14,2) while "orders"."total" uses it',
    why: 'A domain\'s base type or collation cannot be altered, so the plan drops the domain and creates it again (a composite type too, when its attributes move or change collation); PostgreSQL refuses to drop a type a column uses, and refuses ALTER TYPE ... ALTER ATTRIBUTE ... TYPE while a column uses the type ("cannot alter type because column uses it"). Doing it by hand means changing the type of every such column: a rewrite of each table under an ACCESS EXCLUSIVE lock (pg-schema-diff re-creates such a domain with a HAS_UNTRACKABLE_DEPENDENCIES hazard and refuses it while a table column uses it; Squawk changing-column-type).',
    fix: 'Create a new domain or type beside the old one, move each column to it (ALTER COLUMN ... TYPE, a rewrite: see LK009), then drop the old one.',
  },
  analyze(change, ctx) {
    if (
      change.kind !== 'alter_domain' &&
      change.kind !== 'alter_type' &&
      change.kind !== 'drop_domain' &&
      change.kind !== 'drop_type'
    )
      return undefined
    const kind = change.object
    const statements = (ctx.planned(change) ?? []).filter((s) =>
      kind === 'domain' ? s.sql.startsWith('DROP DOMAIN ') : /^(DROP TYPE |ALTER TYPE .* ALTER ATTRIBUTE )/.test(s.sql),
    )
    const name = objectName(kind, change.before)
    // The planner refuses to re-create a domain or type columns use: the plan it would write fails.
    const refused =
      statements.length === 0 &&
      change.kind.startsWith('alter_') &&
      ctx.plannerRefusal([change])?.message.startsWith(`${change.path}: the ${kind} must be dropped and created again`)
    if (statements.length === 0 && !refused) return undefined
    const kept = columnsOfType(ctx, name, ctx.to)
    const columns = columnsOfType(ctx, name).filter((c) => kept.includes(c))
    if (columns.length === 0) return undefined
    const quoted = [change.before.schema, change.before.name]
      .filter((part): part is string => part !== undefined)
      .map((part) => ctx.dialect.quoteIdentifier(part))
      .join('.')
    const first = statements[0]?.sql.split(' (')[0] ?? `DROP ${kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${quoted}`
    return {
      message: `${first} fails: ${columns.join(', ')} use${columns.length === 1 ? 's' : ''} the ${kind === 'domain' ? 'domain' : 'type'} ${name}`,
      explanation:
        'PostgreSQL refuses to drop or change the attributes of a type a column uses, and the plan never adds CASCADE; the migration stops there.',
      fix: {
        description: `Create the new ${kind === 'domain' ? 'domain' : 'type'} under a new name, change ${columns.join(', ')} to it, then drop ${name}.`,
      },
    }
  },
})

/** `table.column` of every column of the `from` schema (or `schema`) whose type is the named custom type. */
function columnsOfType(ctx: AnalyzerContext, name: string, schema = ctx.from): string[] {
  return (schema?.tables ?? []).flatMap((t) =>
    t.columns
      .filter((c) => c.type.kind === 'custom' && c.type.raw.replaceAll('"', '').toLowerCase() === name.toLowerCase())
      .map((c) => `${t.schema ? `${t.schema}.` : ''}${t.name}.${c.name}`),
  )
}

/** The rules on views, extensions, domains and types, by code. @internal */
export const postgresObjectAnalyzers: readonly Analyzer[] = [
  dropExtension,
  extensionUpdated,
  domainCheck,
  materializedWithData,
  dropView,
  retypedUnderColumns,
]
