import type { SchemaChange } from '../../diff/types.js'
import { objectName } from '../../model/object-kinds.js'
import type { View } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer, AnalyzerContext } from '../types.js'

// Materialized views the plan drops and creates again, from the catalogue (/work/shared/research/):
// both after pg-schema-diff (materialized_view_sql_generator.go), which drops and creates a
// materialized view again when a table or column under it is re-created or its query changes.
// BC018: PostgreSQL cannot read one created WITH NO DATA ("has not been populated"); LK030: the
// re-fill runs while the change under it holds its locks (Eugene E4, running more statements after
// taking an ACCESS EXCLUSIVE lock). The plan never writes REFRESH MATERIALIZED VIEW, so no rule
// judges one.

/** The materialized views (as `to` has them) whose DROP this change's statements run. */
function droppedMaterialized(change: SchemaChange, ctx: AnalyzerContext): View[] {
  const drops = (ctx.planned(change) ?? []).filter((s) => s.sql.startsWith('DROP MATERIALIZED VIEW '))
  if (drops.length === 0) return []
  const quoted = (v: View) =>
    `DROP MATERIALIZED VIEW ${v.schema ? `${ctx.dialect.quoteIdentifier(v.schema)}.` : ''}${ctx.dialect.quoteIdentifier(v.name)}`
  return (ctx.to?.views ?? []).filter((v) => v.materialized && drops.some((s) => s.sql === quoted(v)))
}

const emptyUntilRefreshed = defineAnalyzer({
  code: 'BC018',
  title: 'A materialized view re-created WITH NO DATA fails every query until it is refreshed',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'DROP MATERIALIZED VIEW "totals"; CREATE MATERIALIZED VIEW "totals" AS ... WITH NO DATA',
    why: 'A materialized view created WITH NO DATA cannot be read: every query of it fails ("materialized view has not been populated") until REFRESH MATERIALIZED VIEW runs. The running application reads it the moment the migration commits. The plan re-creates a materialized view when its query changes or something under it is re-created, as pg-schema-diff does.',
    fix: 'Run REFRESH MATERIALIZED VIEW right after the migration, before traffic reads it; or create the new version under a new name, refresh it, then switch readers to it.',
  },
  analyze(change, ctx) {
    return droppedMaterialized(change, ctx)
      .filter((v) => v.withNoData)
      .map((v) => ({
        message: `the materialized view ${objectName('view', v)} is created again WITH NO DATA: queries of it fail until it is refreshed`,
        explanation:
          'PostgreSQL refuses to read a materialized view that has not been populated; the plan does not run REFRESH MATERIALIZED VIEW.',
        fix: { description: `Run REFRESH MATERIALIZED VIEW ${objectName('view', v)} right after the migration.` },
      }))
  },
})

const refilledUnderLock = defineAnalyzer({
  code: 'LK030',
  title: 'A materialized view re-created around another change runs its query inside the migration',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(12,2) while the materialized view "totals" reads it',
    why: 'PostgreSQL refuses to change what a materialized view depends on, so the plan drops the view, makes the change and creates the view again, which runs its whole query inside the migration while the change still holds its locks (an ACCESS EXCLUSIVE on the table for a type change); readers of the view wait until it commits (pg-schema-diff re-creates materialized views the same way; Eugene E4: statements after an ACCESS EXCLUSIVE lock hold it longer).',
    fix: 'Make the view WITH NO DATA in the target schema and refresh it after the migration, or rebuild it under a new name beside the old one.',
  },
  analyze(change, ctx) {
    // The view's own change is LK027's.
    if (change.kind === 'create_view' || change.kind === 'alter_view') return undefined
    return droppedMaterialized(change, ctx)
      .filter((v) => !v.withNoData)
      .map((v) => ({
        message: `${change.path}: the materialized view ${objectName('view', v)} is dropped and filled again inside the migration`,
        explanation:
          'Its query runs to the end before the migration commits, under the locks this change holds; until then its readers wait.',
        fix: {
          description: `Give ${objectName('view', v)} WITH NO DATA and refresh it after the migration, or rebuild it under a new name.`,
        },
      }))
  },
})

/** Rules on materialized views the plan re-creates. @internal */
export const materializedViewAnalyzers: readonly Analyzer[] = [emptyUntilRefreshed, refilledUnderLock]
