import { isObjectChange } from '../../diff/object-changes.js'
import { namesIn } from '../../sql/object-dependencies.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer } from '../types.js'
import { replacementOf } from './routines.js'

// Rules on the objects beside tables: what goes with a dropped trigger or routine, a MySQL or SQLite
// view left invalid by a change under it, and the views and triggers a plan drops and creates again around a
// table change (SQLite's rebuild, PostgreSQL's type change).

const dropBehaviour = defineAnalyzer({
  code: 'DS016',
  title: 'Dropping a trigger, routine or scheduled event removes what it did',
  dialects: 'all',
  severity: 'warning',
  docs: {
    bad: 'DROP TRIGGER "orders_audit"',
    why: 'No rows are lost, but what the trigger did on every write (an audit row, a derived column) stops at once, and any code still calling a dropped procedure or function fails (pg-schema-diff drops a routine with its HAS_UNTRACKABLE_DEPENDENCIES hazard: its callers cannot be tracked; MySQL manual, DROP TRIGGER and DROP EVENT remove the object and its schedule at once).',
    fix: 'Make sure nothing relies on it any more (move the behaviour into the application or another trigger first), then drop it.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'drop_trigger' && change.kind !== 'drop_function' && change.kind !== 'drop_event') {
      return undefined
    }
    // A routine dropped for one of the same name with other arguments: BC016 reports the new signature.
    if (replacementOf(change, ctx) !== undefined) return undefined
    const what = { drop_trigger: 'trigger', drop_function: 'routine', drop_event: 'event' }[change.kind]
    return {
      message: `dropping ${what} ${change.name} stops what it does`,
      explanation: {
        drop_trigger:
          'Writes to its table no longer run its body: whatever it kept up to date (audit rows, derived values) goes stale from now on.',
        drop_function: 'Every caller (application code, views, triggers, other routines) fails once it is gone.',
        drop_event:
          'Its schedule stops: whatever it did on the server (purging old rows, rolling up totals) no longer happens, and nothing says so.',
      }[change.kind],
      fix: { description: 'Remove every use of it first, in an earlier deploy; then drop it.' },
    }
  },
})

const invalidView = defineAnalyzer({
  code: 'BC014',
  title: 'A view over a dropped or renamed table or column becomes invalid',
  dialects: ['mysql', 'sqlite'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE `orders` DROP COLUMN `total` while view `order_totals` selects it',
    why: 'MySQL and MariaDB bind a view when it is queried, not when what it reads changes: the ALTER succeeds and every later query of the view fails ("references invalid table(s) or column(s)"). SQLite drops a table under a view without a word; queries of the view fail ("no such table"), and so does every later ALTER TABLE that renames or drops a column ("error in view"). SQLite rewrites views for renames itself (MySQL manual, Restrictions on Views: a view whose table is dropped or altered is not dropped and becomes invalid, which CHECK TABLE reports; SQLite manual, ALTER TABLE).',
    fix: 'Change the view in the same migration (its new definition is written after the table change), or drop it.',
  },
  analyze(change, ctx) {
    if (isObjectChange(change) || ctx.from === undefined) return undefined
    // SQLite rewrites views on renames, and the plan re-creates them around a dropped column (LK026).
    if (ctx.dialect.name === 'sqlite' && change.kind !== 'drop_table') return undefined
    const gone =
      change.kind === 'drop_table'
        ? change.table
        : change.kind === 'rename_table'
          ? change.from
          : change.kind === 'drop_column' || change.kind === 'rename_column'
            ? change.kind === 'drop_column'
              ? change.column
              : change.from
            : undefined
    if (gone === undefined) return undefined
    const table = 'table' in change ? change.table : undefined
    const changed = new Set(ctx.diff.changes.flatMap((c) => (isObjectChange(c) && c.object === 'view' ? [c.name] : [])))
    const found = []
    for (const v of ctx.from.views ?? []) {
      if (changed.has(v.name)) continue
      const names = namesIn(v.definition)
      if (!names.has(gone.toLowerCase())) continue
      if (table !== undefined && change.kind !== 'drop_table' && !names.has(table.toLowerCase())) continue
      found.push({
        message: `view ${v.name} reads ${change.path}, which this change ${change.kind.startsWith('drop') ? 'drops' : 'renames'}: the view becomes invalid`,
        explanation:
          ctx.dialect.name === 'sqlite'
            ? 'SQLite drops the table and leaves the view; queries of it fail afterwards, and so does every ALTER TABLE that renames or drops a column, which checks every view.'
            : 'MySQL and MariaDB do not check views when a table under them changes; queries of the view fail afterwards.',
        fix: { description: `Give view ${v.name} a new definition in the same migration, or drop it.` },
      })
    }
    return found
  },
})

const recreated = defineAnalyzer({
  code: 'LK026',
  title: 'Views and triggers dropped and created again around a table change',
  // MySQL binds views late and keeps triggers through ALTER TABLE: nothing is re-created there.
  dialects: ['postgres', 'sqlite'],
  severity: 'info',
  docs: {
    bad: 'A SQLite table rebuilt (a column type changed) while a trigger fires on it and a view reads it',
    why: "SQLite's rebuild drops the old copy of the table with its triggers, and a view naming the table makes the rebuild's RENAME fail; PostgreSQL refuses a column type change under a view. The plan drops them first and creates them again after, in the same transaction: nothing is lost, but for that moment they do not exist (Prisma's and Atlas' SQLite rebuilds re-create triggers and views after the copy; PostgreSQL refuses ALTER COLUMN TYPE under a view: \"cannot alter type of a column used by a view or rule\").",
    fix: 'Nothing to do; run the migration in one transaction (as planned) so no write happens without the trigger.',
  },
  analyze(change, ctx) {
    if (isObjectChange(change)) return undefined
    const drops = (ctx.planned(change) ?? []).filter((s) => /^DROP (TRIGGER|VIEW|MATERIALIZED VIEW) /.test(s.sql))
    if (drops.length === 0) return undefined
    return {
      message: `${change.path}: the plan drops and creates again ${drops.length} view(s) and trigger(s) around this change`,
      explanation: drops.map((s) => s.sql).join('; '),
      fix: { description: 'Nothing to do; keep the migration in one transaction.' },
    }
  },
})

/** Rules on views, triggers and routines. @internal */
export const objectAnalyzers: readonly Analyzer[] = [dropBehaviour, invalidView, recreated]
