import { grantedPrivileges, policyMeaning } from '../../diff/table-security.js'
import { SchemaLedgerError } from '../../errors.js'
import type { Grant, Policy, Table } from '../../model/types.js'
import type { GeneratorContext } from '../dialect.js'
import { expression } from '../render.js'
import { Stage, type StageValue, type StatementDraft } from '../types.js'
import { tableName } from './context.js'
import { columnSequenceGrantsSQL } from './objects/object-grants.js'

// Row-level security, policies and privileges of a table: ENABLE / FORCE ROW LEVEL SECURITY,
// CREATE / ALTER / DROP POLICY, GRANT / REVOKE. Policies go at the constraint stages: dropped before
// the columns they read are dropped, created after the columns they read are added.

type RowSecurity = 'off' | 'enabled' | 'forced'

const rowSecurityOf = (t: Table | undefined): RowSecurity => t?.rowSecurity ?? 'off'

/** `PUBLIC`, or the quoted role. */
const roleSQL = (ctx: GeneratorContext, role: string) =>
  role === 'public' ? 'PUBLIC' : ctx.dialect.quoteIdentifier(role)

/**
 * The statements that take a table's row-level security from `before` to `after`: ENABLE/DISABLE,
 * then FORCE/NO FORCE (FORCE alone does nothing while security is disabled, but is kept in step).
 */
function rowSecuritySQL(target: string, before: RowSecurity, after: RowSecurity): StatementDraft[] {
  const drafts: StatementDraft[] = []
  const on = (s: RowSecurity) => s !== 'off'
  const forced = (s: RowSecurity) => s === 'forced'
  if (!on(before) && on(after))
    drafts.push({ sql: `ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`, stage: Stage.addConstraint })
  if (forced(before) !== forced(after))
    drafts.push({
      sql: `ALTER TABLE ${target} ${forced(after) ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`,
      stage: forced(after) ? Stage.addConstraint : Stage.dropConstraint,
    })
  if (on(before) && !on(after))
    drafts.push({ sql: `ALTER TABLE ${target} DISABLE ROW LEVEL SECURITY`, stage: Stage.dropConstraint })
  return drafts
}

/** `TO role, ...` (absent roles: PUBLIC, PostgreSQL's default, left unsaid). */
function rolesClause(ctx: GeneratorContext, p: Policy): string {
  const roles = p.roles ?? []
  return roles.length === 0 ? '' : ` TO ${roles.map((r) => roleSQL(ctx, r)).join(', ')}`
}

const exprClause = (ctx: GeneratorContext, keyword: string, text: string | undefined, where: string) =>
  text === undefined ? '' : ` ${keyword} (${expression(ctx.dialect, text, where)})`

/**
 * `CREATE POLICY "name" ON "t" [AS RESTRICTIVE] [FOR cmd] [TO roles] [USING (...)] [WITH CHECK (...)]`.
 * @internal
 */
export function createPolicySQL(ctx: GeneratorContext, table: string, schema: string | undefined, p: Policy): string {
  const where = `${table}.${p.name}`
  return (
    `CREATE POLICY ${ctx.dialect.quoteIdentifier(p.name)} ON ${tableName(ctx, table, schema)}` +
    (p.restrictive ? ' AS RESTRICTIVE' : '') +
    (p.command && p.command !== 'all' ? ` FOR ${p.command.toUpperCase()}` : '') +
    rolesClause(ctx, p) +
    exprClause(ctx, 'USING', p.using, `${where} USING`) +
    exprClause(ctx, 'WITH CHECK', p.withCheck, `${where} WITH CHECK`)
  )
}

const dropPolicySQL = (ctx: GeneratorContext, target: string, name: string) =>
  `DROP POLICY ${ctx.dialect.quoteIdentifier(name)} ON ${target}`

/**
 * Policies from `before` to `after`, by name: a new one is created, a removed one dropped, one whose
 * command or permissiveness changed dropped and created again (ALTER POLICY cannot change them), and
 * one whose roles or expressions changed altered in place. Removing USING or WITH CHECK also needs
 * drop and create (ALTER POLICY can set them, not remove them).
 */
function policiesSQL(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  before: readonly Policy[],
  after: readonly Policy[],
): StatementDraft[] {
  const target = tableName(ctx, table, schema)
  const drops: StatementDraft[] = []
  const adds: StatementDraft[] = []
  const old = new Map(before.map((p) => [p.name, p]))
  const kept = new Set(after.map((p) => p.name))
  const drop = (name: string) => drops.push({ sql: dropPolicySQL(ctx, target, name), stage: Stage.dropConstraint })
  const create = (p: Policy) => adds.push({ sql: createPolicySQL(ctx, table, schema, p), stage: Stage.addConstraint })
  for (const p of before) if (!kept.has(p.name)) drop(p.name)
  for (const p of after) {
    const o = old.get(p.name)
    if (!o) {
      create(p)
      continue
    }
    const [a, b] = [policyMeaning(o), policyMeaning(p)]
    const same = (k: string) => JSON.stringify(a[k]) === JSON.stringify(b[k])
    if (['roles', 'using', 'withCheck'].every(same) && same('command') && same('restrictive')) continue
    const removes =
      (a.using !== undefined && b.using === undefined) || (a.withCheck !== undefined && b.withCheck === undefined)
    if (!same('command') || !same('restrictive') || removes) {
      drop(p.name)
      create(p)
      continue
    }
    const where = `${table}.${p.name}`
    let sql = `ALTER POLICY ${ctx.dialect.quoteIdentifier(p.name)} ON ${target}`
    if (!same('roles'))
      sql += ` TO ${(p.roles && p.roles.length > 0 ? p.roles : ['public']).map((r) => roleSQL(ctx, r)).join(', ')}`
    if (!same('using')) sql += exprClause(ctx, 'USING', p.using, `${where} USING`)
    if (!same('withCheck')) sql += exprClause(ctx, 'WITH CHECK', p.withCheck, `${where} WITH CHECK`)
    adds.push({ sql, stage: Stage.addConstraint })
  }
  return [...drops, ...adds]
}

type GrantStatement = 'revoke' | 'revokeOption' | 'grant' | 'grantOption'

/**
 * Privilege keywords, each on the whole object (`SELECT`) or on columns (`SELECT ("id", "name")`),
 * from `privilege\u0000column` keys.
 */
function privilegeSQL(ctx: GeneratorContext, keys: readonly string[]): string {
  const columns = new Map<string, string[]>()
  for (const key of keys) {
    const [privilege, column] = key.split('\u0000') as [string, string]
    columns.set(privilege, [...(columns.get(privilege) ?? []), column])
  }
  return [...columns]
    .flatMap(([privilege, list]) => {
      const named = list.filter((c) => c !== '')
      return [
        ...(list.includes('') ? [privilege.toUpperCase()] : []),
        ...(named.length > 0
          ? [`${privilege.toUpperCase()} (${named.map((c) => ctx.dialect.quoteIdentifier(c)).join(', ')})`]
          : []),
      ]
    })
    .join(', ')
}

/**
 * GRANT and REVOKE statements that take the privileges on an object from `before` to `after`: per
 * grantee, privileges revoked, granted, and the grant option granted or revoked alone. Column
 * privileges (`columns`) are written per column; those on a column not in `columns` (dropped with
 * it) are not revoked.
 *
 * @example
 * ```ts
 * grantsSQL(ctx, 'TABLE "docs"', [], [{ grantee: 'app', privileges: ['select'] }]) // GRANT SELECT ON TABLE "docs" TO "app"
 * ```
 * @internal
 */
export function grantsSQL(
  ctx: GeneratorContext,
  object: string,
  before: readonly Grant[] | undefined,
  after: readonly Grant[] | undefined,
  stage: StageValue = Stage.comment,
  columns?: ReadonlySet<string>,
): StatementDraft[] {
  const [was, will] = [grantedPrivileges(before), grantedPrivileges(after)]
  // grantee -> statement kind -> `privilege\u0000column` keys
  const plan = new Map<string, Map<GrantStatement, string[]>>()
  const add = (key: string, kind: GrantStatement) => {
    const [grantee, privilege, column] = key.split('\u0000') as [string, string, string]
    if (column !== '' && columns !== undefined && !columns.has(column)) return
    const byKind = plan.get(grantee) ?? new Map()
    byKind.set(kind, [...(byKind.get(kind) ?? []), `${privilege}\u0000${column}`])
    plan.set(grantee, byKind)
  }
  for (const [key, option] of was) {
    const next = will.get(key)
    if (next === undefined) add(key, 'revoke')
    else if (option && !next) add(key, 'revokeOption')
  }
  for (const [key, option] of will) {
    const prev = was.get(key)
    if (prev === undefined) add(key, option ? 'grantOption' : 'grant')
    else if (option && !prev) add(key, 'grantOption')
  }
  const drafts: StatementDraft[] = []
  for (const [grantee, kinds] of [...plan].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const role = roleSQL(ctx, grantee)
    const list = (kind: GrantStatement) => privilegeSQL(ctx, kinds.get(kind) ?? [])
    if (kinds.has('revoke')) drafts.push({ sql: `REVOKE ${list('revoke')} ON ${object} FROM ${role}`, stage })
    if (kinds.has('revokeOption'))
      drafts.push({ sql: `REVOKE GRANT OPTION FOR ${list('revokeOption')} ON ${object} FROM ${role}`, stage })
    if (kinds.has('grant')) drafts.push({ sql: `GRANT ${list('grant')} ON ${object} TO ${role}`, stage })
    if (kinds.has('grantOption'))
      drafts.push({ sql: `GRANT ${list('grantOption')} ON ${object} TO ${role} WITH GRANT OPTION`, stage })
  }
  return drafts
}

/**
 * `ALTER TABLE t OWNER TO role` (`kind` `VIEW` or `MATERIALIZED VIEW` for views).
 * @internal
 */
export const ownerSQL = (ctx: GeneratorContext, target: string, owner: string, kind = 'TABLE') =>
  `ALTER ${kind} ${target} OWNER TO ${ctx.dialect.quoteIdentifier(owner)}`

/** The privileges PostgreSQL has per column (GRANT refuses the others with a column list). */
const COLUMN_PRIVILEGES: readonly string[] = ['insert', 'references', 'select', 'update']

/**
 * A table's grants, refused with their path when a column grant names a column the table does not
 * have or a privilege columns do not have.
 */
function tableGrants(t: Table): readonly Grant[] | undefined {
  const names = new Set(t.columns.map((c) => c.name))
  const where = `${t.schema === undefined ? '' : `${t.schema}.`}${t.name}`
  for (const [i, g] of (t.grants ?? []).entries()) {
    if (g.columns === undefined) continue
    for (const c of g.columns)
      if (!names.has(c))
        throw new SchemaLedgerError(
          'unsupported_feature',
          `${where}: grants[${i}].columns: the table has no column ${c}`,
        )
    for (const p of g.privileges)
      if (!COLUMN_PRIVILEGES.includes(p))
        throw new SchemaLedgerError(
          'unsupported_feature',
          `${where}: grants[${i}].privileges: ${p.toUpperCase()} is not a column privilege (${COLUMN_PRIVILEGES.join(', ')})`,
        )
  }
  return t.grants
}

/** The names of a table's columns. */
const columnNames = (t: Table) => new Set(t.columns.map((c) => c.name))

/**
 * What a new table's row-level security, policies and grants add after its CREATE TABLE.
 * @internal
 */
export function createTableSecuritySQL(ctx: GeneratorContext, t: Table, stage: StageValue): StatementDraft[] {
  const target = tableName(ctx, t.name, t.schema)
  return [
    ...rowSecuritySQL(target, 'off', rowSecurityOf(t)),
    ...(t.policies ?? []).map((p) => ({ sql: createPolicySQL(ctx, t.name, t.schema, p) })),
    ...(t.owner === undefined ? [] : [{ sql: ownerSQL(ctx, target, t.owner) }]),
    ...grantsSQL(ctx, `TABLE ${target}`, [], tableGrants(t)),
    ...t.columns.flatMap((c) => (c.sequenceGrants ? columnSequenceGrantsSQL(ctx, t.name, t.schema, undefined, c) : [])),
  ].map((d) => ({ ...d, stage }))
}

/**
 * The `alter_table` part for `rowSecurity`, `policies` and `grants`.
 * @internal
 */
export function alterTableSecuritySQL(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  before: Table,
  after: Table,
  changes: readonly string[],
): StatementDraft[] {
  const target = tableName(ctx, table, schema)
  const drafts: StatementDraft[] = []
  if (changes.includes('policies'))
    drafts.push(...policiesSQL(ctx, table, schema, before.policies ?? [], after.policies ?? []))
  if (changes.includes('rowSecurity'))
    drafts.push(...rowSecuritySQL(target, rowSecurityOf(before), rowSecurityOf(after)))
  if (changes.includes('owner') && after.owner !== undefined)
    drafts.push({ sql: ownerSQL(ctx, target, after.owner), stage: Stage.comment })
  if (changes.includes('grants'))
    drafts.push(
      ...grantsSQL(ctx, `TABLE ${target}`, tableGrants(before), tableGrants(after), Stage.comment, columnNames(after)),
    )
  return drafts
}
