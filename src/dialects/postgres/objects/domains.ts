import type { Domain, DomainCheck } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { expression, query } from '../../render.js'
import { tableName } from '../context.js'

// Domains. The base type and collation cannot change in place (the domain is dropped and created
// again, which the database refuses while a column uses it); the default, NOT NULL and the checks
// change with ALTER DOMAIN.

const nameOf = (ctx: GeneratorContext, d: Domain) => tableName(ctx, d.name, d.schema)

/** The name PostgreSQL gives an unnamed check (`<domain>_check`), which introspection leaves out. */
const checkName = (d: Domain, c: DomainCheck) => c.name ?? `${d.name}_check`

const checkClause = (ctx: GeneratorContext, d: Domain, c: DomainCheck, i: number) =>
  `CONSTRAINT ${ctx.dialect.quoteIdentifier(checkName(d, c))} CHECK (${expression(ctx.dialect, c.expression, `domain ${d.name}: checks[${i}]`)})`

const defaultText = (ctx: GeneratorContext, d: Domain) =>
  expression(ctx.dialect, d.default as string, `domain ${d.name}: default`)

function commentSQL(ctx: GeneratorContext, d: Domain): ObjectStatementDraft {
  const text = d.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(d.comment)
  return { sql: `COMMENT ON DOMAIN ${nameOf(ctx, d)} IS ${text}` }
}

/**
 * `CREATE DOMAIN name AS type [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT c CHECK (e)]...`; a
 * `NOT VALID` check is added after (CREATE DOMAIN has no NOT VALID), then the comment.
 */
function createDomainSQL(d: Domain, ctx: GeneratorContext): ObjectStatementDraft[] {
  const type = query(ctx.dialect, d.type, `domain ${d.name}: type`, 'clause')
  const parts = [`CREATE DOMAIN ${nameOf(ctx, d)} AS ${type}`]
  if (d.collation !== undefined) parts.push(`COLLATE ${ctx.dialect.quoteIdentifier(d.collation)}`)
  if (d.default !== undefined) parts.push(`DEFAULT ${defaultText(ctx, d)}`)
  if (d.notNull) parts.push('NOT NULL')
  const checks = d.checks ?? []
  for (const [i, c] of checks.entries()) if (!c.notValid) parts.push(checkClause(ctx, d, c, i))
  return [
    { sql: parts.join(' ') },
    ...checks.flatMap((c, i) => (c.notValid ? [addCheck(ctx, d, c, i)] : [])),
    ...(d.comment === undefined ? [] : [commentSQL(ctx, d)]),
  ]
}

const addCheck = (ctx: GeneratorContext, d: Domain, c: DomainCheck, i: number): ObjectStatementDraft => ({
  sql: `ALTER DOMAIN ${nameOf(ctx, d)} ADD ${checkClause(ctx, d, c, i)}${c.notValid ? ' NOT VALID' : ''}`,
})

/** The checks of `before` no longer in `after` (by name, expression and validity) and the new ones. */
function checkChanges(ctx: GeneratorContext, before: Domain, after: Domain): ObjectStatementDraft[] {
  const key = (d: Domain, c: DomainCheck) => `${checkName(d, c)}\u0000${c.expression}\u0000${c.notValid ?? ''}`
  const old = new Set((before.checks ?? []).map((c) => key(before, c)))
  const wanted = new Set((after.checks ?? []).map((c) => key(after, c)))
  const out: ObjectStatementDraft[] = []
  for (const c of before.checks ?? [])
    if (!wanted.has(key(before, c)))
      out.push({
        sql: `ALTER DOMAIN ${nameOf(ctx, after)} DROP CONSTRAINT ${ctx.dialect.quoteIdentifier(checkName(before, c))}`,
      })
  for (const [i, c] of (after.checks ?? []).entries()) if (!old.has(key(after, c))) out.push(addCheck(ctx, after, c, i))
  return out
}

/** PostgreSQL domains. */
export const postgresDomains: ObjectGenerator<'domain'> = {
  create: createDomainSQL,
  drop: (d, ctx) => [{ sql: `DROP DOMAIN ${nameOf(ctx, d)}`, destructive: true }],
  alter: (change, ctx) => {
    const { before, after } = change
    if (change.changes.some((f) => f === 'type' || f === 'collation')) return undefined
    const name = nameOf(ctx, after)
    const out: ObjectStatementDraft[] = []
    if (change.changes.includes('default'))
      out.push({
        sql:
          after.default === undefined
            ? `ALTER DOMAIN ${name} DROP DEFAULT`
            : `ALTER DOMAIN ${name} SET DEFAULT ${defaultText(ctx, after)}`,
      })
    if (change.changes.includes('notNull'))
      out.push({ sql: `ALTER DOMAIN ${name} ${after.notNull ? 'SET' : 'DROP'} NOT NULL` })
    if (change.changes.includes('checks')) out.push(...checkChanges(ctx, before, after))
    if (change.changes.includes('comment')) out.push(commentSQL(ctx, after))
    return out
  },
}
