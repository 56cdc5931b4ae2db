import type { SchemaChange } from '../../diff/types.js'
import { routineIdentity } from '../../model/object-kinds.js'
import type { Routine, Table } from '../../model/types.js'
import { namesIn } from '../../sql/object-dependencies.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer, AnalyzerContext, FindingDraft } from '../types.js'

// Rules on changed functions and procedures, after pg-schema-diff (function_sql_vertex_generator.go):
// a routine with other arguments is another routine, dropped with a HAS_UNTRACKABLE_DEPENDENCIES
// hazard because its callers cannot be tracked (BC016); any other change is CREATE OR REPLACE, never a
// DROP + CREATE, because a drop takes down or is refused by what uses the routine (LK028; PostgreSQL
// refuses to drop a routine a column default still calls, MySQL commits the DROP on its own).

const word = (r: Routine) => (r.kind === 'procedure' ? 'procedure' : 'function')
const qualified = (r: Routine) => (r.schema ? `${r.schema}.${r.name}` : r.name)
const signature = (r: Routine) => `${qualified(r)}(${routineIdentity(r.arguments)})`

/**
 * The routine a dropped routine gives way to: one of the same name and kind this diff creates (its
 * argument list changed, so the diff sees another overload). @internal
 */
export function replacementOf(change: SchemaChange, ctx: AnalyzerContext): Routine | undefined {
  if (change.kind !== 'drop_function') return undefined
  const before = change.before
  for (const c of ctx.diff.changes)
    if (
      c.kind === 'create_function' &&
      qualified(c.after).toLowerCase() === qualified(before).toLowerCase() &&
      (c.after.kind ?? 'function') === (before.kind ?? 'function')
    )
      return c.after
  return undefined
}

const signatureChange = defineAnalyzer({
  code: 'BC016',
  title: "Changing a routine's arguments or return type breaks its callers",
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'DROP FUNCTION "price"(integer); CREATE FUNCTION "price"(bigint) RETURNS numeric ...',
    why: 'A new argument list is a new routine: calls written for the old one (from the running application, views, triggers, other routines) find no routine with those arguments and fail; a new return type changes what every caller reads. Only the body changing is safe: it is replaced in place (pg-schema-diff drops the old signature with a HAS_UNTRACKABLE_DEPENDENCIES hazard: its callers cannot be tracked).',
    fix: 'Expand/contract: create the new signature beside the old one (an overload, or a new name), move the callers to it, then drop the old one.',
  },
  analyze(change, ctx) {
    if (change.kind === 'drop_function') {
      const after = replacementOf(change, ctx)
      if (after === undefined) return undefined
      return {
        message: `the ${word(after)} ${qualified(after)} changes its arguments from (${change.before.arguments}) to (${after.arguments}): calls written for ${signature(change.before)} fail unless their arguments convert to the new types`,
        explanation:
          'The old routine is dropped and one with other arguments created; callers that pass the old argument types (or names) get "function does not exist" until they change.',
        fix: {
          description: `Keep ${signature(change.before)} until no caller uses it: create the new one beside it, deploy the callers, then drop the old one.`,
        },
      }
    }
    if (change.kind !== 'alter_function') return undefined
    const { before, after } = change
    const kind = (before.kind ?? 'function') !== (after.kind ?? 'function')
    if (!kind && !change.changes.includes('returns')) return undefined
    return {
      message: kind
        ? `${qualified(after)} changes from a ${word(before)} to a ${word(after)}: calls written for the ${word(before)} fail`
        : `the function ${qualified(after)} returns ${after.returns ?? '(nothing)'} instead of ${before.returns ?? '(nothing)'}: its callers read another type`,
      explanation:
        'The routine is dropped and created again with the new signature; queries, views and code that read its result as the old type break or change meaning.',
      fix: {
        description:
          'Create the new version under a new name, move the callers to it, then drop the old one (expand/contract).',
      },
    }
  },
})

/** The statements of this change that drop a view or trigger to create it again. */
const recreatedDependents = (change: SchemaChange, ctx: AnalyzerContext) =>
  (ctx.planned(change) ?? []).filter((s) => /^DROP (TRIGGER|VIEW|MATERIALIZED VIEW) /.test(s.sql)).map((s) => s.sql)

/** `table.column (default)` of each column (default, generated expression) and check of `tables` calling `r`. */
function expressionUses(tables: readonly Table[], r: Routine): string[] {
  const names = [r.name.toLowerCase(), qualified(r).toLowerCase()]
  const calls = (text: string | undefined) => {
    if (text === undefined) return false
    const found = namesIn(text)
    return names.some((n) => found.has(n))
  }
  return tables.flatMap((t) => {
    const table = t.schema ? `${t.schema}.${t.name}` : t.name
    return [
      ...t.columns.flatMap((c) => [
        ...(calls(c.default) ? [`the default of ${table}.${c.name}`] : []),
        ...(calls(c.generated?.expression) ? [`the generated column ${table}.${c.name}`] : []),
      ]),
      ...t.constraints.flatMap((k) =>
        k.type === 'check' && calls(k.expression) ? [`the check ${k.name ?? '(unnamed)'} of ${table}`] : [],
      ),
    ]
  })
}

const recreatedRoutine = defineAnalyzer({
  code: 'LK028',
  title: 'A routine dropped and created again takes what uses it down with it',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'DROP FUNCTION "normalize"(text); CREATE FUNCTION "normalize"(text) RETURNS varchar ... while a trigger and a column default call it',
    why: 'PostgreSQL replaces a routine in place (CREATE OR REPLACE) only when its return type, kind and argument names stay the same; otherwise the plan drops and creates it, dropping and re-creating the triggers and views that use it around that, and PostgreSQL refuses the DROP while a column default, generated column or check calls it (pg-schema-diff only ever replaces a routine in place). MySQL and MariaDB drop and create a routine for any change to its body or arguments, each statement committed at once: calls in between fail.',
    fix: 'Keep the signature so the routine is replaced in place; otherwise create the new version under a new name, move its users to it, then drop the old one.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_function' && change.kind !== 'drop_function') return undefined
    const after = change.kind === 'alter_function' ? change.after : replacementOf(change, ctx)
    if (after === undefined) return undefined
    const before = change.before
    const planned = ctx.planned(change)
    if (planned === undefined || !planned.some((s) => /^DROP (FUNCTION|PROCEDURE) /.test(s.sql))) return undefined
    if (ctx.dialect.name === 'mysql')
      return {
        message: `the ${word(after)} ${qualified(after)} is dropped and created again: calls between the two statements fail`,
        explanation:
          'MySQL and MariaDB commit each DROP and CREATE at once (no transactional DDL): for that moment the routine does not exist.',
        fix: {
          description:
            'Create the new version under a new name and move the callers to it, or run the change when nothing calls the routine.',
        },
      }
    const stillThere = (ctx.to?.tables ?? []).filter((t) =>
      (ctx.from?.tables ?? []).some((f) => f.name === t.name && f.schema === t.schema),
    )
    const uses = expressionUses(stillThere, before)
    const dependents = recreatedDependents(change, ctx)
    const findings: FindingDraft[] = []
    if (uses.length > 0)
      findings.push({
        severity: 'danger',
        message: `DROP ${word(before).toUpperCase()} ${signature(before)} fails: ${uses.join(', ')} call${uses.length === 1 ? 's' : ''} it`,
        explanation:
          'PostgreSQL refuses to drop a routine a column default, generated column or check still calls, and the plan never adds CASCADE; the migration stops there.',
        fix: {
          description:
            'Keep the signature so it is replaced in place, or point those columns at a new routine first and drop the old one in a later migration.',
        },
      })
    if (dependents.length > 0)
      findings.push({
        severity: 'info',
        message: `${qualified(after)} is dropped and created again, with ${dependents.length} view(s) and trigger(s) that use it`,
        explanation: `${dependents.join('; ')}. In the migration's transaction nothing is lost, but the tables under those triggers are locked until it commits.`,
        fix: { description: 'Nothing to do if the migration runs in one transaction (as planned).' },
      })
    return findings
  },
})

/** Rules on changed functions and procedures. @internal */
export const routineAnalyzers: readonly Analyzer[] = [signatureChange, recreatedRoutine]
