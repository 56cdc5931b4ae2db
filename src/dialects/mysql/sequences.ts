import type { Sequence } from '../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../dialect.js'
import { qualifiedName } from '../render.js'
import { absent, refuse } from './objects.js'
import { mysqlFlavor } from './text.js'

// MariaDB sequences (10.3+; MySQL has none, so a plan for MySQL, `dialectVersion` below 10, refuses
// them): CREATE SEQUENCE with the options the document states, option changes with ALTER SEQUENCE,
// the comment as a table option (a sequence is a table to MariaDB). The model's defaults are
// PostgreSQL's, so the cache is always written (MariaDB's own default is 1000, the model's 1); the
// type's bounds MariaDB cannot reach (its maximum is 2^63 - 2) are read back as no bound
// (introspect-objects.ts). Sequences are created before the tables, whose defaults may call
// `NEXT VALUE FOR` them, and dropped after.

const nameOf = (ctx: GeneratorContext, s: Sequence) => qualifiedName(ctx.dialect, s.name, s.schema)

const INTEGER_FIELDS = ['start', 'increment', 'minValue', 'maxValue', 'cache'] as const

/** Refuses what MariaDB's sequences do not have, and sequences on MySQL. */
function check(s: Sequence, ctx: GeneratorContext): void {
  const at = `sequence:${s.name}`
  const version = ctx.options.dialectVersion
  refuse([
    ...(!mysqlFlavor(ctx.options).mariadb
      ? [`${at}: MySQL has no sequences (MariaDB 10.3+ has; the plan's dialectVersion ${version} is MySQL)`]
      : version !== undefined && version < 10.3
        ? [`${at}: MariaDB ${version} has no sequences (10.3+ has)`]
        : []),
    ...(s.type !== undefined && s.type !== 'bigint' ? [`${at}.type: AS ${s.type}: MariaDB sequences are bigint`] : []),
    ...absent(s, at, [['ownedBy', 'OWNED BY']]),
    // The reader checks them already; a sequence built in code is written from them.
    ...INTEGER_FIELDS.flatMap((f) =>
      s[f] === undefined || /^-?\d{1,20}$/.test(s[f] as string) ? [] : [`${at}.${f}: not an integer`],
    ),
  ])
}

/** The option clauses a document states; the cache always (see above). Values are integer text (checked by the model). */
function options(s: Sequence): string[] {
  return [
    ...(s.increment ? [`INCREMENT BY ${s.increment}`] : []),
    ...(s.minValue ? [`MINVALUE ${s.minValue}`] : []),
    ...(s.maxValue ? [`MAXVALUE ${s.maxValue}`] : []),
    ...(s.start ? [`START WITH ${s.start}`] : []),
    `CACHE ${s.cache ?? '1'}`,
    ...(s.cycle ? ['CYCLE'] : []),
  ]
}

/** The bounds of a MariaDB sequence: 2^63 - 2 and -(2^63 - 1). */
const MARIADB_MAX = '9223372036854775806'
const MARIADB_MIN = '-9223372036854775807'

/** The clauses that take a sequence to `after`'s options: a stated option, or its default back. */
function optionChanges(after: Sequence, fields: readonly string[]): string[] {
  const has = (f: string) => fields.includes(f)
  const ascending = !(after.increment ?? '1').startsWith('-')
  return [
    ...(has('increment') ? [`INCREMENT BY ${after.increment ?? '1'}`] : []),
    // MariaDB's NO MINVALUE is 1 whatever the direction: the bound it reaches is written instead.
    ...(has('minValue') ? [`MINVALUE ${after.minValue ?? (ascending ? '1' : MARIADB_MIN)}`] : []),
    ...(has('maxValue') ? [`MAXVALUE ${after.maxValue ?? (ascending ? MARIADB_MAX : '-1')}`] : []),
    // START WITH without a value is the minimum (the maximum when descending), as in CREATE SEQUENCE.
    ...(has('start')
      ? [`START WITH ${after.start ?? (ascending ? (after.minValue ?? '1') : (after.maxValue ?? '-1'))}`]
      : []),
    ...(has('cache') ? [`CACHE ${after.cache ?? '1'}`] : []),
    ...(has('cycle') ? [after.cycle ? 'CYCLE' : 'NOCYCLE'] : []),
  ]
}

const OPTION_FIELDS = new Set(['type', 'increment', 'minValue', 'maxValue', 'start', 'cache', 'cycle'])

function createSequence(s: Sequence, ctx: GeneratorContext): ObjectStatementDraft[] {
  check(s, ctx)
  const comment = s.comment === undefined ? '' : ` COMMENT = ${ctx.dialect.quoteLiteral(s.comment)}`
  return [{ sql: `CREATE SEQUENCE ${nameOf(ctx, s)} ${options(s).join(' ')}${comment}` }]
}

/** MariaDB sequences: created, dropped, options changed with ALTER SEQUENCE, the comment with ALTER TABLE. */
export const mysqlSequences: ObjectGenerator<'sequence'> = {
  create: createSequence,
  drop: (s, ctx) => [{ sql: `DROP SEQUENCE ${nameOf(ctx, s)}` }],
  alter: (change, ctx) => {
    const { after } = change
    check(after, ctx)
    const fields = change.changes as readonly string[]
    const opts = optionChanges(
      after,
      fields.filter((f) => OPTION_FIELDS.has(f)),
    )
    return [
      ...(opts.length > 0 ? [{ sql: `ALTER SEQUENCE ${nameOf(ctx, after)} ${opts.join(' ')}` }] : []),
      ...(fields.includes('comment')
        ? [{ sql: `ALTER TABLE ${nameOf(ctx, after)} COMMENT = ${ctx.dialect.quoteLiteral(after.comment ?? '')}` }]
        : []),
    ]
  },
}
