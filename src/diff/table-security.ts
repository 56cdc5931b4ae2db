import { stableStringify } from '../model/assemble-table.js'
import { normalizeGrants } from '../model/normal-form.js'
import type { Grant, Policy, Table } from '../model/types.js'
import { type ExpressionOptions, normalizeExpression } from '../sql-text/normalize-expression.js'

// Row-level security and privileges of a table, compared by meaning: policies by name (command,
// permissive or not, roles, USING and WITH CHECK with spelling normalized), grants as sets of
// (grantee, privilege, column, grant option).

/**
 * What a policy means, spelling aside: absent command is `all`, absent roles (or a list naming
 * `public`) are `public`.
 * @internal
 */
export function policyMeaning(p: Policy, options: ExpressionOptions = {}): Record<string, unknown> {
  return {
    command: p.command ?? 'all',
    restrictive: p.restrictive ?? false,
    // PostgreSQL keeps only PUBLIC when the list names it: every role is in it.
    roles: p.roles && p.roles.length > 0 && !p.roles.includes('public') ? [...new Set(p.roles)].sort() : ['public'],
    using: p.using === undefined ? undefined : normalizeExpression(p.using, options),
    withCheck: p.withCheck === undefined ? undefined : normalizeExpression(p.withCheck, options),
  }
}

/** Whether two lists of policies say the same thing. @internal */
export function policiesEqual(
  a: readonly Policy[] | undefined,
  b: readonly Policy[] | undefined,
  options: ExpressionOptions = {},
): boolean {
  const key = (list: readonly Policy[] | undefined) =>
    stableStringify(
      [...(list ?? [])]
        .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
        .map((p) => [p.name, policyMeaning(p, options)]),
    )
  return key(a) === key(b)
}

/**
 * Each (grantee, privilege, column) a list of grants holds, with whether it carries the grant option:
 * `r1 select ''` -> true (the column is empty for a privilege on the whole object). A privilege
 * granted both with and without the option holds it.
 * @internal
 */
export function grantedPrivileges(grants: readonly Grant[] | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>()
  for (const g of normalizeGrants(grants ?? [])) {
    for (const p of g.privileges) {
      for (const column of g.columns ?? ['']) {
        const key = `${g.grantee}\u0000${p}\u0000${column}`
        out.set(key, (out.get(key) ?? false) || (g.withGrantOption ?? false))
      }
    }
  }
  return out
}

/** Whether two lists of grants hold the same privileges. @internal */
export function grantsEqual(a: readonly Grant[] | undefined, b: readonly Grant[] | undefined): boolean {
  const [x, y] = [grantedPrivileges(a), grantedPrivileges(b)]
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v)
}

/** `rowSecurity` with absent read as off. @internal */
export const rowSecurityOf = (t: Table): 'off' | 'enabled' | 'forced' => t.rowSecurity ?? 'off'
