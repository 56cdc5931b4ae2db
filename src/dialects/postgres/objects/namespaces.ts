import type { Namespace } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'

const quoted = (ctx: GeneratorContext, n: Namespace) => ctx.dialect.quoteIdentifier(n.name)

const comment = (ctx: GeneratorContext, n: Namespace): ObjectStatementDraft => ({
  sql: `COMMENT ON SCHEMA ${quoted(ctx, n)} IS ${n.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(n.comment)}`,
})

/**
 * Namespaces: `CREATE SCHEMA`, `DROP SCHEMA` (never `CASCADE`: what the plan did not drop first is
 * reported by the database, not dropped with it), `COMMENT ON SCHEMA`.
 */
export const postgresNamespaces: ObjectGenerator<'namespace'> = {
  create: (n, ctx) => [
    { sql: `CREATE SCHEMA ${quoted(ctx, n)}` },
    ...(n.comment === undefined ? [] : [comment(ctx, n)]),
  ],
  drop: (n, ctx) => [{ sql: `DROP SCHEMA ${quoted(ctx, n)}`, destructive: true }],
  alter: (change, ctx) => (change.changes.every((f) => f === 'comment') ? [comment(ctx, change.after)] : undefined),
}
