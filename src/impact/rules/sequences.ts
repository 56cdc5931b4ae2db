import type { Sequence, Table } from '../../model/types.js'
import { namesIn } from '../../sql/object-dependencies.js'
import { defineAnalyzer } from '../define-analyzer.js'
import type { Analyzer } from '../types.js'

// Rules on dropped and narrowed sequences, from the catalogue (/work/shared/research/): DS018 after
// pg-schema-diff's DELETES_DATA hazard on dropped sequences and PostgreSQL's refusal to drop a
// sequence a default uses; DS019 after Skeema's and Prisma's narrowing checks (DS005), applied to the
// range of a sequence (`ALTER SEQUENCE ... AS smallint` fails once the sequence has passed 32767).

const qualified = (s: { readonly schema?: string; readonly name: string }) =>
  s.schema ? `${s.schema}.${s.name}` : s.name

/** `table.column` of each column whose default takes the sequence's `nextval`. */
function defaultsUsing(tables: readonly Table[], s: Sequence): string[] {
  const names = [s.name.toLowerCase(), qualified(s).toLowerCase()]
  return tables.flatMap((t) =>
    t.columns
      .filter((c) => c.default !== undefined && /nextval/i.test(c.default))
      .filter((c) => {
        const found = namesIn(c.default as string)
        return names.some((n) => found.has(n))
      })
      .map((c) => `${qualified(t)}.${c.name}`),
  )
}

const dropUsedSequence = defineAnalyzer({
  code: 'DS018',
  title: 'Dropping a sequence a column default takes its numbers from',
  dialects: ['postgres'],
  severity: 'danger',
  docs: {
    bad: 'DROP SEQUENCE "order_numbers" while "orders"."number" has DEFAULT nextval(\'order_numbers\')',
    why: "PostgreSQL refuses to drop a sequence a default still uses (the plan never adds CASCADE), so the migration fails. When the default changes in the same migration, the drop succeeds but the sequence's position is lost: whatever numbers the column next (a new sequence, an identity) starts again from its own start, and the inserts collide with the keys already there (pg-schema-diff DELETES_DATA).",
    fix: "Keep the sequence until no default uses it; when the column moves to another sequence or an identity, start that one past the column's current maximum (setval, or RESTART WITH).",
  },
  analyze(change, ctx) {
    if (change.kind !== 'drop_sequence') return undefined
    const s = change.before
    const stillUsed = defaultsUsing(ctx.to?.tables ?? [], s)
    if (stillUsed.length > 0)
      return {
        message: `DROP SEQUENCE ${qualified(s)} fails: the default of ${stillUsed.join(', ')} still takes its numbers from it`,
        explanation: 'PostgreSQL refuses to drop a sequence a column default depends on; the migration stops there.',
        fix: { description: `Change the default of ${stillUsed.join(', ')} first, or keep the sequence.` },
      }
    const kept = (ctx.to?.tables ?? []).flatMap((t) => t.columns.map((c) => `${qualified(t)}.${c.name}`))
    const used = defaultsUsing(ctx.from?.tables ?? [], s).filter((c) => kept.includes(c))
    if (used.length === 0) return undefined
    return {
      severity: 'warning',
      message: `the sequence ${qualified(s)} that numbered ${used.join(', ')} is dropped: its position is lost`,
      explanation:
        'Whatever numbers the column from now on starts from its own start value, below the numbers already used: inserts fail on the primary or unique key until it passes them.',
      fix: {
        description: `Start the new numbering past the current maximum of ${used.join(', ')} (setval, or ALTER ... RESTART WITH).`,
      },
    }
  },
})

const TYPE_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}

/** The lowest and highest value a sequence hands out, as PostgreSQL fills the ones it leaves out. */
function range(s: Sequence): readonly [bigint, bigint] {
  const [low, high] = TYPE_RANGE[s.type ?? 'bigint'] as readonly [bigint, bigint]
  const descending = s.increment !== undefined && BigInt(s.increment) < 0n
  return [
    s.minValue !== undefined ? BigInt(s.minValue) : descending ? low : 1n,
    s.maxValue !== undefined ? BigInt(s.maxValue) : descending ? -1n : high,
  ]
}

const narrowedSequence = defineAnalyzer({
  code: 'DS019',
  title: "Narrowing a sequence's type or range fails once it has passed the new limit",
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    bad: 'ALTER SEQUENCE "order_numbers" AS smallint',
    why: 'PostgreSQL refuses the change when the current value is beyond the new limit ("RESTART value (40000) cannot be greater than MAXVALUE (32767)"); when it is not yet, the sequence now runs out sooner, and inserts fail at the limit ("reached maximum value of sequence"). Skeema and Prisma flag narrowed column types the same way.',
    fix: "Check the sequence's current value (SELECT last_value) against the new limit and the column it numbers; keep the wider type unless the values will never get there.",
  },
  analyze(change) {
    if (change.kind !== 'alter_sequence') return undefined
    if (!change.changes.some((f) => f === 'type' || f === 'minValue' || f === 'maxValue')) return undefined
    const [lowBefore, highBefore] = range(change.before)
    const [lowAfter, highAfter] = range(change.after)
    const limits = [
      ...(highAfter < highBefore ? [`its highest value goes from ${highBefore} to ${highAfter}`] : []),
      ...(lowAfter > lowBefore ? [`its lowest value goes from ${lowBefore} to ${lowAfter}`] : []),
    ]
    if (limits.length === 0) return undefined
    return {
      message: `the sequence ${qualified(change.after)} narrows: ${limits.join(' and ')}`,
      explanation:
        'The ALTER fails if the sequence has already passed the new limit; otherwise it runs out sooner and the inserts that take its next value fail there.',
      fix: { description: 'Compare its last_value with the new limit first, or keep the wider range.' },
    }
  },
})

/** Rules on sequences. @internal */
export const sequenceAnalyzers: readonly Analyzer[] = [dropUsedSequence, narrowedSequence]
