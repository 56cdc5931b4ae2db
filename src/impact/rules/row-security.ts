import { onExistingTable, readdedConstraint } from '../../diff/change-scope.js'
import type { AlterTableChange, SchemaChange } from '../../diff/types.js'
import type { Policy, Table } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'

// Row-level security and exclusion constraints on PostgreSQL: RLS turned on with no policy (every
// query of a role other than the owner sees no rows: PostgreSQL's default deny), the last policy of an
// RLS table dropped (the same), a policy changed in place (metadata only), and an exclusion constraint
// added to an existing table (its index built under ACCESS EXCLUSIVE, with no NOT VALID form).
// Sources: PostgreSQL docs, "Row Security Policies" (ddl-rowsecurity: "If no policy exists for the
// table, a default-deny policy is used"), CREATE POLICY / ALTER POLICY; LK012 from the catalogue
// (strong_migrations add_exclusion_constraint, Eugene E8).

const on = (t: Table) => t.rowSecurity !== undefined
const policies = (t: Table) => t.policies ?? []

/** The table's state after a create or alter_table change that touches row security or its policies. */
function securedTable(change: SchemaChange): { before?: Table; after: Table } | undefined {
  if (change.kind === 'create_table') return { after: change.after }
  if (change.kind === 'alter_table' && (change.changes.includes('rowSecurity') || change.changes.includes('policies')))
    return { before: change.before, after: change.after }
  return undefined
}

const enabledWithoutPolicy = defineAnalyzer({
  code: 'BC012',
  title: 'Row-level security turned on with no policy hides every row',
  dialects: ['postgres'],
  severity: 'danger',
  lint: true,
  docs: {
    bad: 'ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY   -- and no CREATE POLICY',
    why: 'With row-level security on and no policy, PostgreSQL denies by default: every role but the owner (and, with FORCE, the owner too) reads no rows and cannot write any, so the application sees an empty table (PostgreSQL manual, Row Security Policies: "if no policy exists for the table, a default-deny policy is used"; pg-schema-diff marks row-security and policy changes with its AUTHZ_UPDATE hazard).',
    fix: 'Create the policies in the same migration as (or before) ENABLE ROW LEVEL SECURITY.',
  },
  analyze(change) {
    const state = securedTable(change)
    if (!state || !on(state.after) || policies(state.after).length > 0) return undefined
    // Already on without a policy: not this change's doing.
    if (state.before && on(state.before) && policies(state.before).length === 0) return undefined
    const who = state.after.rowSecurity === 'forced' ? 'every role, the owner included' : 'every role but the owner'
    return {
      message: `${change.path} has row-level security ${state.after.rowSecurity} and no policy: ${who} sees no rows`,
      explanation:
        'PostgreSQL applies a default-deny policy to a table with row-level security and no policy: SELECT returns nothing and INSERT, UPDATE and DELETE fail or affect no rows.',
      fix: { description: 'Add the policies the application needs in the same migration.' },
    }
  },
})

const lastPolicyDropped = defineAnalyzer({
  code: 'BC013',
  title: 'The last policy of a table with row-level security is dropped',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'DROP POLICY "tenant_rows" ON "documents"   -- its only policy; row-level security stays on',
    why: 'Without any policy PostgreSQL denies by default, so every role but the owner suddenly sees an empty table (PostgreSQL manual, Row Security Policies: default deny; pg-schema-diff AUTHZ_UPDATE).',
    fix: 'Create the replacement policy before dropping the old one, or disable row-level security deliberately.',
  },
  analyze(change) {
    if (change.kind !== 'alter_table' || !change.changes.includes('policies')) return undefined
    const { before, after } = change as AlterTableChange
    if (!on(before) || !on(after) || policies(before).length === 0 || policies(after).length > 0) return undefined
    return {
      message: `${change.path} keeps row-level security but loses its last policy (${policies(before)
        .map((p) => p.name)
        .join(', ')}): non-owners see no rows`,
      explanation: "A table with row-level security and no policy falls back to PostgreSQL's default deny.",
      fix: { description: 'Create the new policy first (or in the same transaction), then drop the old one.' },
    }
  },
})

/** Policies of both versions that exist in both and differ. */
function changedPolicies(change: AlterTableChange): string[] {
  const before = new Map(policies(change.before).map((p) => [p.name, p]))
  const same = (a: Policy, b: Policy) => JSON.stringify(a) === JSON.stringify(b)
  return policies(change.after)
    .filter((p) => before.has(p.name) && !same(before.get(p.name) as Policy, p))
    .map((p) => p.name)
}

const policyChange = defineAnalyzer({
  code: 'LK025',
  title: 'A policy change is metadata only',
  dialects: ['postgres'],
  severity: 'info',
  docs: {
    bad: 'ALTER POLICY "tenant_rows" ON "documents" USING (tenant_id = current_setting(\'app.tenant\')::int)',
    why: "CREATE, ALTER and DROP POLICY read no rows, but take ACCESS EXCLUSIVE on the table for the moment they run: on a busy table they wait behind long transactions and queue every query behind them. The new expression applies to the next query at once (pg-schema-diff marks policy changes with its AUTHZ_UPDATE hazard; the ACCESS EXCLUSIVE lock is taken in PostgreSQL's commands/policy.c).",
    fix: 'Set a short lock_timeout for the migration and retry; make sure the new expression is right for the rows the running application reads.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_table' || !change.changes.includes('policies') || !onExistingTable(ctx, change))
      return undefined
    const changed = changedPolicies(change)
    if (changed.length === 0) return undefined
    return {
      message: `changing ${changed.join(', ')} on ${change.path} rewrites no rows; it takes a brief ACCESS EXCLUSIVE lock`,
      explanation:
        'ALTER POLICY only updates the catalog, so it is quick once it holds the lock, and queries planned after it use the new expression.',
      fix: {
        description:
          'Run it with a short lock_timeout (and retry) so that it cannot queue traffic behind a long transaction.',
      },
    }
  },
})

const exclusionUnderLock = defineAnalyzer({
  code: 'LK012',
  title: 'ADD EXCLUDE builds its index under an exclusive lock, with no NOT VALID form',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&)',
    why: 'The exclusion index is built, and every row checked against the others, while ACCESS EXCLUSIVE is held: no reads or writes for the whole build. Unlike a foreign key or check, an exclusion constraint cannot be added NOT VALID, and cannot be attached from an index built CONCURRENTLY (strong_migrations add_exclusion_constraint; Eugene E8).',
    fix: 'Add it in a maintenance window, or on a new table that is filled afterwards.',
  },
  analyze(change, ctx) {
    const c = readdedConstraint(change)
    if (c?.type !== 'exclude' || !onExistingTable(ctx, change)) return undefined
    return {
      message: `adding ${change.path} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
      explanation: 'The whole table is read and indexed while the lock is held, so the wait grows with the table.',
      fix: { description: 'Run it in a maintenance window; there is no NOT VALID or USING INDEX form for EXCLUDE.' },
    }
  },
})

/** BC012, BC013, LK012, LK025. */
export const rowSecurityAnalyzers = [enabledWithoutPolicy, lastPolicyDropped, policyChange, exclusionUnderLock]
