import type { Extension } from '../../../model/types.js'
import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../../dialect.js'

// Extensions. `CREATE EXTENSION` never names a VERSION: the server installs its default one, so a
// schema read from one server plans on another that ships a different version (versions are only
// compared with the diff's `compareExtensionVersions`, and then `ALTER EXTENSION ... UPDATE TO`
// moves to the wanted one).

const quoted = (ctx: GeneratorContext, e: Extension) => ctx.dialect.quoteIdentifier(e.name)

const comment = (ctx: GeneratorContext, e: Extension): ObjectStatementDraft => ({
  sql: `COMMENT ON EXTENSION ${quoted(ctx, e)} IS ${e.comment === undefined ? 'NULL' : ctx.dialect.quoteLiteral(e.comment)}`,
})

/**
 * `CREATE EXTENSION name [SCHEMA s]`, `DROP EXTENSION name` (which drops the extension's own
 * functions, types and operators: destructive; never `CASCADE`, so the database refuses while a
 * column or index still uses them), `ALTER EXTENSION ... UPDATE TO`, `COMMENT ON EXTENSION`.
 */
export const postgresExtensions: ObjectGenerator<'extension'> = {
  create: (e, ctx) => [
    {
      sql: `CREATE EXTENSION ${quoted(ctx, e)}${e.schema === undefined ? '' : ` SCHEMA ${ctx.dialect.quoteIdentifier(e.schema)}`}`,
    },
    ...(e.comment === undefined ? [] : [comment(ctx, e)]),
  ],
  drop: (e, ctx) => [{ sql: `DROP EXTENSION ${quoted(ctx, e)}`, destructive: true }],
  alter: (change, ctx) => {
    const { after } = change
    const out: ObjectStatementDraft[] = []
    for (const field of change.changes) {
      if (field === 'version' && after.version !== undefined)
        out.push({ sql: `ALTER EXTENSION ${quoted(ctx, after)} UPDATE TO ${ctx.dialect.quoteLiteral(after.version)}` })
      else if (field === 'comment') out.push(comment(ctx, after))
      else if (field !== 'version') return undefined
    }
    return out
  },
}
