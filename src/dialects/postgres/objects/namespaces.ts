import type { Namespace } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'
import { objectGrantsSQL } from './object-grants.js'

const quoted = (ctx: GeneratorContext, n: Namespace) => ctx.dialect.quoteIdentifier(n.name)

const comment = (ctx: GeneratorContext, n: Namespace): ObjectStatementDraft => ({
  sql: `COMMENT ON SCHEMA ${quoted(ctx, n)} IS ${n.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(n.comment)}`,
})

const grantsOf = (ctx: GeneratorContext, n: Namespace, before: Namespace['grants']) =>
  objectGrantsSQL(ctx, 'namespace', `namespace ${n.name}`, `SCHEMA ${quoted(ctx, n)}`, before, n.grants)

/**
 * Namespaces: `CREATE SCHEMA`, `DROP SCHEMA` (never `CASCADE`: what the plan did not drop first is
 * reported by the database, not dropped with it), `COMMENT ON SCHEMA`, GRANT / REVOKE.
 */
export const postgresNamespaces: ObjectGenerator<'namespace'> = {
  create: (n, ctx) => [
    { sql: `CREATE SCHEMA ${quoted(ctx, n)}` },
    ...(n.comment === undefined ? [] : [comment(ctx, n)]),
    ...grantsOf(ctx, n, []),
  ],
  drop: (n, ctx) => [{ sql: `DROP SCHEMA ${quoted(ctx, n)}`, destructive: true }],
  alter: (change, ctx) => [
    ...(change.changes.includes('comment') ? [comment(ctx, change.after)] : []),
    ...(change.changes.includes('grants') ? grantsOf(ctx, change.after, change.before.grants) : []),
  ],
}
