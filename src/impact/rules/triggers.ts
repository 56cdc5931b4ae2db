import type { SchemaChange } from '../../diff/types.js'
import type { Trigger } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer, AnalyzerContext } from '../types.js'

// Rules on created, changed and dropped triggers of existing tables, from the catalogue
// (/work/shared/research/): LK029 after pg-schema-diff, which runs every CREATE and DROP TRIGGER
// under a lock_timeout, and Squawk's require-lock-timeout (PostgreSQL: CREATE TRIGGER takes SHARE ROW
// EXCLUSIVE, DROP TRIGGER ACCESS EXCLUSIVE; MySQL an exclusive metadata lock); BC017 has no anchor
// rule: it is the write side of BC015 (Bytebase's backward-compatibility review), and the triggers
// pgroll and Reshape install are what changes the running application's writes there.

const onTable = (t: Trigger) => (t.schema ? `${t.schema}.${t.table}` : t.table)

/** The trigger a change creates, changes or drops on a table that exists before the migration. */
function existingTableTrigger(change: SchemaChange, ctx: AnalyzerContext): Trigger | undefined {
  const trigger =
    change.kind === 'create_trigger'
      ? change.after
      : change.kind === 'drop_trigger'
        ? change.before
        : change.kind === 'alter_trigger' && change.changes.some((f) => f !== 'comment')
          ? change.after
          : undefined
  if (trigger === undefined || ctx.isNewTable(trigger.table, trigger.schema)) return undefined
  // A trigger on a view (INSTEAD OF) locks no table rows.
  return (ctx.from?.tables ?? []).some((t) => t.name === trigger.table && t.schema === trigger.schema)
    ? trigger
    : undefined
}

const VERB = { create_trigger: 'creating', alter_trigger: 'changing', drop_trigger: 'dropping' } as const

/** PostgreSQL's lock for each trigger statement. */
const PG_LOCKS: readonly (readonly [RegExp, string])[] = [
  [/^CREATE (OR REPLACE )?TRIGGER /, 'SHARE ROW EXCLUSIVE (writes wait)'],
  [/^DROP TRIGGER /, 'ACCESS EXCLUSIVE (reads and writes wait)'],
  [/^ALTER TABLE .* (ENABLE|DISABLE)( REPLICA| ALWAYS)? TRIGGER /, 'SHARE ROW EXCLUSIVE (writes wait)'],
  [/^ALTER TRIGGER /, 'ACCESS EXCLUSIVE (reads and writes wait)'],
]

const triggerLock = defineAnalyzer({
  code: 'LK029',
  title: 'Creating, changing or dropping a trigger locks its table',
  dialects: ['postgres', 'mysql'],
  severity: 'info',
  docs: {
    bad: 'CREATE TRIGGER "orders_audit" AFTER INSERT ON "orders" FOR EACH ROW EXECUTE FUNCTION "audit"()',
    why: "The lock is short, but it waits for every transaction running on the table, and every query on the table queues behind it meanwhile: PostgreSQL's CREATE TRIGGER takes SHARE ROW EXCLUSIVE (writes wait), DROP TRIGGER ACCESS EXCLUSIVE (reads wait too); MySQL and MariaDB take an exclusive metadata lock. pg-schema-diff runs each trigger statement under a lock_timeout; Squawk require-lock-timeout.",
    fix: 'Set a short lock_timeout (PostgreSQL) or lock_wait_timeout (MySQL) and retry, or run it when no long transaction holds the table.',
  },
  analyze(change, ctx) {
    const trigger = existingTableTrigger(change, ctx)
    if (trigger === undefined) return undefined
    const statements = (ctx.planned(change) ?? []).filter((s) => /^(CREATE|DROP|ALTER) /.test(s.sql))
    if (statements.length === 0) return undefined
    const locks =
      ctx.dialect.name === 'mysql'
        ? ['an exclusive metadata lock (reads and writes wait)']
        : [...new Set(statements.flatMap((s) => PG_LOCKS.filter(([re]) => re.test(s.sql)).map(([, lock]) => lock)))]
    if (locks.length === 0) return undefined
    return {
      message: `${VERB[change.kind as keyof typeof VERB]} trigger ${trigger.name} takes ${locks.join(', then ')} on ${onTable(trigger)}`,
      explanation:
        'It waits for the transactions already running on the table, and the queries that arrive meanwhile wait behind it.',
      fix: {
        description:
          ctx.dialect.name === 'mysql'
            ? 'Set lock_wait_timeout low for the migration and retry when it times out.'
            : "Set lock_timeout (e.g. '2s') for the migration and retry when it times out.",
      },
    }
  },
})

const writeBehaviour = defineAnalyzer({
  code: 'BC017',
  title: "A new or changed trigger changes what the application's writes do",
  dialects: 'all',
  severity: 'info',
  docs: {
    bad: 'CREATE TRIGGER "orders_total" BEFORE INSERT OR UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION "set_total"()',
    why: 'From the moment it commits, every insert, update or delete of the running application runs the trigger: a BEFORE trigger can change or skip the rows it writes, any trigger that raises an error fails its writes, and each write does more work. On MySQL and MariaDB a changed trigger is dropped and created again in two committed statements, so writes in between run without it. pgroll and Reshape install such triggers on purpose to change what a running version writes.',
    fix: 'Test the trigger against the writes the running version makes; deploy it before the application that relies on it, and keep BEFORE triggers to what the old version can live with.',
  },
  analyze(change, ctx) {
    if (change.kind === 'drop_trigger') return undefined
    const trigger = existingTableTrigger(change, ctx)
    if (trigger === undefined) return undefined
    const events = trigger.events.join(', ')
    if (trigger.enabled === 'disabled' || trigger.enabled === 'replica')
      return {
        message: `trigger ${trigger.name} no longer runs on the ${events} of ${onTable(trigger)} by the running application`,
        explanation: `It is ${trigger.enabled === 'disabled' ? 'disabled' : 'set to fire only for replication'}: whatever it kept up to date goes stale from now on.`,
        fix: { description: 'Make sure nothing relies on what the trigger did before turning it off.' },
      }
    const rewrites = trigger.timing !== 'after'
    const gap =
      change.kind === 'alter_trigger' && ctx.dialect.name === 'mysql'
        ? ' It is dropped and created again in two committed statements: writes in between run without it.'
        : ''
    return {
      severity: rewrites || gap !== '' ? 'warning' : 'info',
      message: `${change.kind === 'create_trigger' ? 'the new' : 'the changed'} ${trigger.timing.replace('_', ' ')} trigger ${trigger.name} runs on every ${events} of ${onTable(trigger)} by the running application`,
      explanation: `${
        rewrites
          ? 'It runs before the row is written, so it can change or skip what the application writes.'
          : 'It runs after each write; an error in it fails the write.'
      }${gap}`,
      fix: {
        description: `Check that the writes the running version makes to ${onTable(trigger)} still do what it expects with the trigger.`,
      },
    }
  },
})

/** Rules on triggers of existing tables. @internal */
export const triggerAnalyzers: readonly Analyzer[] = [triggerLock, writeBehaviour]
