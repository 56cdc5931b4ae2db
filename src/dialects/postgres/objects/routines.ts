import { normalizeQueryText } from '../../../diff/object-equality.js'
import { SchemaLedgerError, UnsafeExpressionError } from '../../../errors.js'
import { routineCost, routineIdentity, routineRows, splitArgumentList } from '../../../model/object-kinds.js'
import type { Routine } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { throwExpressionProblem } from '../../expression-guard.js'
import { query } from '../../render.js'
import { tableName } from '../context.js'
import { postgresLexer } from '../lexer.js'
import { findStandardBodyProblem, standardBodySQL } from '../standard-body.js'
import { objectGrantsSQL } from './object-grants.js'

// Functions and procedures. A routine whose return type, kind or argument names and types stay the
// same is replaced in place (`CREATE OR REPLACE`, which keeps its owner, grants and the objects that
// use it); privileges change with GRANT and REVOKE; anything else is dropped and created again, and the planner re-creates the triggers and
// views that depend on it around that. A quoted body is never parsed: it goes inside a dollar quote
// whose tag it does not contain, so no body can end the quote. A SQL-standard body (`bodyKind`) has
// no quote: it is written only when it is exactly one body (standard-body.ts).

const kindWord = (r: Routine) => (r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION')
const nameOf = (ctx: GeneratorContext, r: Routine) => tableName(ctx, r.name, r.schema)
const where = (r: Routine, field: string) => `function ${r.name}(${routineIdentity(r.arguments)}): ${field}`

/** The GUCs PostgreSQL reads as a list of names (each element quoted on its own). */
const LIST_SETTINGS = new Set([
  'search_path',
  'temp_tablespaces',
  'session_preload_libraries',
  'shared_preload_libraries',
  'local_preload_libraries',
])

/** A dollar-quote tag no body can close early: `$function$`, else `$function1$`, ... */
export function dollarTag(body: string): string {
  // The quote ends at the first tag after the opening one: it must be the closing one we write.
  for (let i = 0; ; i++) {
    const tag = `$function${i === 0 ? '' : i}$`
    if (`${body}${tag}`.indexOf(tag) === body.length) return tag
  }
}

/** Splits a list setting's value at commas outside double quotes. */
function listElements(value: string): string[] {
  const out: string[] = []
  let current = ''
  let quoted = false
  for (const ch of value) {
    if (ch === '"') quoted = !quoted
    if (ch === ',' && !quoted) {
      out.push(current.trim())
      current = ''
    } else current += ch
  }
  out.push(current.trim())
  return out
}

/** `SET name TO 'value'` from a `name=value` entry; every value is a string literal, never verbatim SQL. */
function settingSQL(ctx: GeneratorContext, entry: string, r: Routine): string {
  const at = entry.indexOf('=')
  const name = at < 0 ? '' : entry.slice(0, at).trim()
  if (!/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/.test(name))
    throw new UnsafeExpressionError(where(r, 'config'), 'not name=value with a plain setting name', entry)
  const value = entry.slice(at + 1).trim()
  if (!LIST_SETTINGS.has(name.toLowerCase())) return `SET ${name} TO ${ctx.dialect.quoteLiteral(value)}`
  const elements = listElements(value).map((e) =>
    ctx.dialect.quoteLiteral(
      e.startsWith('"') && e.endsWith('"') && e.length > 1 ? e.slice(1, -1).replaceAll('""', '"') : e,
    ),
  )
  return `SET ${name} TO ${elements.join(', ')}`
}

/** The language as written after `LANGUAGE`: a plain identifier, else an error naming the routine. */
function languageOf(r: Routine): string {
  const language = (r.language ?? 'sql').toLowerCase()
  if (!/^[a-z_][a-z0-9_]*$/.test(language))
    throw new UnsafeExpressionError(where(r, 'language'), 'not a plain language name', r.language ?? '')
  return language
}

/**
 * `CREATE [OR REPLACE] FUNCTION|PROCEDURE name(arguments) [RETURNS type] LANGUAGE ... [COST n] [ROWS n]
 * AS $tag$body$tag$`, or a SQL-standard body (`BEGIN ATOMIC ... END`, `RETURN expression`) unquoted
 * once it is checked to be exactly one body.
 */
function definitionSQL(r: Routine, ctx: GeneratorContext, replace: boolean): string {
  const d = ctx.dialect
  const args = r.arguments.trim() === '' ? '' : query(d, r.arguments, where(r, 'arguments'), 'clause')
  const parts = [`CREATE ${replace ? 'OR REPLACE ' : ''}${kindWord(r)} ${nameOf(ctx, r)}(${args})`]
  if (r.kind !== 'procedure' && r.returns !== undefined)
    parts.push(`RETURNS ${query(d, r.returns, where(r, 'returns'), 'clause')}`)
  parts.push(`LANGUAGE ${languageOf(r)}`)
  if (r.kind !== 'procedure') {
    if (r.volatility) parts.push(r.volatility.toUpperCase())
    if (r.strict) parts.push('STRICT')
  }
  if (r.securityDefiner) parts.push('SECURITY DEFINER')
  if (r.kind !== 'procedure') {
    if (r.leakproof) parts.push('LEAKPROOF')
    if (r.parallel) parts.push(`PARALLEL ${r.parallel.toUpperCase()}`)
    if (r.cost !== undefined) parts.push(`COST ${r.cost}`)
    if (r.rows !== undefined) parts.push(`ROWS ${r.rows}`)
  }
  for (const entry of r.config ?? []) parts.push(settingSQL(ctx, entry, r))
  if (r.bodyKind !== undefined) {
    const version = ctx.options.dialectVersion
    if (version !== undefined && version < 14)
      throw new SchemaLedgerError(
        'unsupported_feature',
        `${where(r, 'bodyKind')}: a SQL-standard body (BEGIN ATOMIC / RETURN) needs PostgreSQL 14 or later; the plan's dialectVersion is ${version}`,
      )
    const body = throwExpressionProblem(
      r.body,
      where(r, 'body'),
      postgresLexer,
      findStandardBodyProblem(r.body, r.bodyKind),
    )
    parts.push(standardBodySQL(body, r.bodyKind))
  } else {
    const tag = dollarTag(r.body)
    parts.push(`AS ${tag}${r.body}${tag}`)
  }
  return parts.join(' ')
}

/** `DROP FUNCTION name(identity arguments)`: the input argument types that tell overloads apart. */
const signature = (ctx: GeneratorContext, r: Routine) => {
  const args = routineIdentity(r.arguments)
  return `${nameOf(ctx, r)}(${args === '' ? '' : query(ctx.dialect, args, where(r, 'arguments'), 'clause')})`
}

function commentSQL(ctx: GeneratorContext, r: Routine): ObjectStatementDraft {
  const text = r.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(r.comment)
  return { sql: `COMMENT ON ${kindWord(r)} ${signature(ctx, r)} IS ${text}` }
}

/** What changes without re-stating the definition: the estimates, the comment and the grants. */
const IN_PLACE = new Set(['cost', 'rows', 'comment', 'grants', 'publicExecute'])

/** `ALTER FUNCTION name(arguments) COST n ROWS n`: the changed estimates, an absent one back to its default. */
function estimatesSQL(ctx: GeneratorContext, change: { before: Routine; after: Routine; changes: readonly string[] }) {
  const { after } = change
  const parts = [
    ...(change.changes.includes('cost') ? [`COST ${routineCost(after)}`] : []),
    ...(change.changes.includes('rows') ? [`ROWS ${routineRows(after)}`] : []),
  ]
  return parts.length === 0 ? [] : [{ sql: `ALTER FUNCTION ${signature(ctx, after)} ${parts.join(' ')}` }]
}

const grantsOf = (ctx: GeneratorContext, r: Routine, before: Routine['grants']) =>
  objectGrantsSQL(
    ctx,
    'function',
    `function ${r.name}(${routineIdentity(r.arguments)})`,
    `${kindWord(r)} ${signature(ctx, r)}`,
    before,
    r.grants,
  )

/**
 * `REVOKE EXECUTE ... FROM PUBLIC` when the routine is to lack PUBLIC's default EXECUTE, `GRANT` when
 * it is to have it back; nothing when `before` and `after` agree (`before` absent: a new routine,
 * which has the default).
 */
function publicExecuteSQL(ctx: GeneratorContext, r: Routine, before: Routine | undefined): ObjectStatementDraft[] {
  const [had, has] = [before === undefined || before.publicExecute !== false, r.publicExecute !== false]
  if (!has && (r.grants ?? []).some((g) => g.grantee === 'public' && g.privileges.includes('execute')))
    throw new SchemaLedgerError(
      'unsupported_feature',
      `function ${r.name}(${routineIdentity(r.arguments)}): publicExecute: false, yet grants give PUBLIC EXECUTE`,
    )
  if (had === has) return []
  const target = `${kindWord(r)} ${signature(ctx, r)}`
  return [{ sql: has ? `GRANT EXECUTE ON ${target} TO PUBLIC` : `REVOKE EXECUTE ON ${target} FROM PUBLIC` }]
}

/** An argument list without its defaults, normalized, and which arguments had a default. */
function argumentShape(args: string): { readonly plain: string; readonly defaults: readonly boolean[] } {
  const parts = splitArgumentList(args)
  const defaults = parts.map((a) => /\s(DEFAULT\s|=)/i.test(a))
  const plain = parts.map((a) => normalizeQueryText(a.replace(/\s+(DEFAULT\s|=\s*)[\s\S]*$/i, ''))).join(',')
  return { plain, defaults }
}

/**
 * Whether `CREATE OR REPLACE` can turn `before` into `after`: same kind and return type, the same
 * argument names, modes and types, and no default removed (PostgreSQL refuses the rest).
 */
export function replaceableRoutine(before: Routine, after: Routine): boolean {
  if ((before.kind ?? 'function') !== (after.kind ?? 'function')) return false
  if (normalizeQueryText(before.returns ?? '') !== normalizeQueryText(after.returns ?? '')) return false
  const a = argumentShape(before.arguments)
  const b = argumentShape(after.arguments)
  return a.plain === b.plain && a.defaults.every((had, i) => !had || b.defaults[i] === true)
}

/** PostgreSQL functions and procedures. */
export const postgresRoutines: ObjectGenerator<'function'> = {
  create: (r, ctx) => [
    { sql: definitionSQL(r, ctx, false) },
    ...(r.comment === undefined ? [] : [commentSQL(ctx, r)]),
    ...grantsOf(ctx, r, []),
    ...publicExecuteSQL(ctx, r, undefined),
  ],
  // Never CASCADE: what still uses the routine is reported by the database, not dropped with it.
  drop: (r, ctx) => [{ sql: `DROP ${kindWord(r)} ${signature(ctx, r)}` }],
  alter: (change, ctx) => {
    const { before, after } = change
    const has = (f: string) => change.changes.includes(f as never)
    const grants = [
      ...(has('grants') ? grantsOf(ctx, after, before.grants) : []),
      ...(has('publicExecute') ? publicExecuteSQL(ctx, after, before) : []),
    ]
    const comment = has('comment') ? [commentSQL(ctx, after)] : []
    if (change.changes.every((f) => IN_PLACE.has(f))) return [...estimatesSQL(ctx, change), ...comment, ...grants]
    if (!replaceableRoutine(before, after)) return undefined
    // CREATE OR REPLACE keeps the grants the routine has.
    return [{ sql: definitionSQL(after, ctx, true) }, ...comment, ...grants]
  },
}
