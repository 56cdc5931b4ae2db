import type { Statement } from '../dialects/types.js'

/** One statement as `migrate --format json` and `sql --format json` write it: fixed keys, nulls for absent. */
function statementJson(s: Statement & { readonly breaking?: boolean }, phase?: 'pre' | 'post') {
  return {
    sql: s.sql,
    change: s.change ? { kind: s.change.kind, path: s.change.path } : null,
    destructive: s.destructive,
    transactional: s.transactional,
    reason: s.reason ?? null,
    ...(phase ? { phase, breaking: s.breaking === true } : {}),
  }
}

/**
 * The JSON of `migrate --format json` (`schemaledger-migration/1`) and `sql --format json`
 * (`schemaledger-sql/1`): the dialect, the direction, whether the script wraps its transactional
 * statements in one transaction, and every statement with its change, its destructive and
 * transactional flags (and, for a phased migration, its phase and whether it is breaking). Two-space
 * indent, final newline.
 *
 * @example
 * ```ts
 * statementsJson({ format: 'schemaledger-sql/1', dialect: 'sqlite', transaction: true, statements })
 * ```
 */
export function statementsJson(document: {
  readonly format: 'schemaledger-migration/1' | 'schemaledger-sql/1'
  readonly dialect: string
  readonly direction?: 'up' | 'down'
  readonly transaction: boolean
  readonly statements?: readonly Statement[]
  readonly phases?: { readonly pre: readonly Statement[]; readonly post: readonly Statement[] }
}): string {
  const { phases } = document
  const statements = phases
    ? [...phases.pre.map((s) => statementJson(s, 'pre')), ...phases.post.map((s) => statementJson(s, 'post'))]
    : (document.statements ?? []).map((s) => statementJson(s))
  const out = {
    format: document.format,
    dialect: document.dialect,
    ...(document.direction ? { direction: document.direction } : {}),
    transaction: document.transaction,
    destructive: statements.some((s) => s.destructive),
    statements,
  }
  return `${JSON.stringify(out, null, 2)}\n`
}
