import type { QueryFunction, Row } from '../introspect-types.js'
import { type DocObject, flag, numbers, stripOuterParens, text, texts } from './introspect-rows.js'

// What the PostgreSQL introspector reads beside the tables' columns and keys: the flags of
// constraints (NOT VALID, NO INHERIT), exclusion constraints, row-level security with its policies,
// and the privileges granted on tables. Each query reads one namespace (`$1`, a text array); rows are grouped by
// table name.

/**
 * `NOT VALID` and `NO INHERIT` of the foreign keys and checks of the namespace's tables.
 *
 * @example
 * ```ts
 * await query(CONSTRAINT_FLAGS_SQL, ['public']) // [{ table_name: 'users', name: 'users_check', not_valid: true, no_inherit: false }]
 * ```
 * @internal
 */
export const CONSTRAINT_FLAGS_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, con.conname AS name, NOT con.convalidated AS not_valid,
  con.contype = 'c' AND con.connoinherit AS no_inherit
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND con.contype IN ('f', 'c') AND c.relkind IN ('r', 'p')
  AND (NOT con.convalidated OR (con.contype = 'c' AND con.connoinherit))
ORDER BY c.relname, con.conname`

/**
 * Exclusion constraints, element by element from their index: the column (or 0 and the expression
 * text), the operator (`conexclop`, with its namespace when not pg_catalog), a non-default operator
 * class, DESC / NULLS FIRST (`indoption` bits 1 and 2), the access method and the predicate.
 *
 * @example
 * ```ts
 * await query(EXCLUSIONS_SQL, ['public']) // [{ table_name: 'bookings', name: 'no_overlap', method: 'gist', keys: [2, 3], ... }]
 * ```
 * @internal
 */
export const EXCLUSIONS_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, con.conname AS name, am.amname AS method,
  con.condeferrable AS deferrable, con.condeferred AS deferred,
  pg_catalog.obj_description(con.oid, 'pg_constraint') AS comment,
  pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate,
  ARRAY(SELECT k.num FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord) ORDER BY k.ord)::int[] AS keys,
  ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnatts) k ORDER BY k)::text[] AS defs,
  ARRAY(SELECT o.opt FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord)::int[] AS options,
  ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname END
    FROM unnest(ix.indclass::oid[]) WITH ORDINALITY u(id, ord) JOIN pg_catalog.pg_opclass oc ON oc.oid = u.id ORDER BY u.ord)::text[] AS opclasses,
  ARRAY(SELECT CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname ELSE opn.nspname || '.' || op.oprname END
    FROM unnest(con.conexclop) WITH ORDINALITY e(id, ord)
    JOIN pg_catalog.pg_operator op ON op.oid = e.id
    JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace ORDER BY e.ord)::text[] AS operators
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_index ix ON ix.indexrelid = con.conindid
JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam
WHERE n.nspname = ANY($1::text[]) AND con.contype = 'x' AND c.relkind IN ('r', 'p')
ORDER BY c.relname, con.conname`

/**
 * Row-level security flags of the namespace's tables, and each privilege granted on them to a role
 * other than the owner (`aclexplode` of `relacl`; grantee 0 is PUBLIC).
 *
 * @example
 * ```ts
 * await query(TABLE_SECURITY_SQL, ['public']) // [{ table_name: 'docs', row_security: true, force: false, grantee: 'app', privilege: 'SELECT', grantable: false }]
 * ```
 * @internal
 */
export const TABLE_SECURITY_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, c.relrowsecurity AS row_security, c.relforcerowsecurity AS force,
  CASE WHEN a.grantee = 0 THEN 'public' ELSE r.rolname END AS grantee, a.privilege_type AS privilege,
  a.is_grantable AS grantable
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL aclexplode(c.relacl) a ON a.grantee <> c.relowner
LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')
  AND (c.relrowsecurity OR c.relforcerowsecurity OR a.grantee IS NOT NULL)
ORDER BY c.relname, grantee, a.privilege_type`

/**
 * Row-level security policies: command (`*` all, `r` select, `a` insert, `w` update, `d` delete),
 * permissive or not, roles (0 is PUBLIC), USING and WITH CHECK.
 *
 * @example
 * ```ts
 * await query(POLICIES_SQL, ['public']) // [{ table_name: 'docs', name: 'own_rows', command: '*', permissive: true, roles: ['public'], ... }]
 * ```
 * @internal
 */
export const POLICIES_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
  ARRAY(SELECT CASE WHEN u.id = 0 THEN 'public' ELSE r.rolname END
    FROM unnest(p.polroles) u(id) LEFT JOIN pg_catalog.pg_roles r ON r.oid = u.id ORDER BY 1)::text[] AS roles,
  pg_get_expr(p.polqual, p.polrelid, true) AS using_expr,
  pg_get_expr(p.polwithcheck, p.polrelid, true) AS check_expr
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
ORDER BY c.relname, p.polname`

const COMMANDS: Readonly<Record<string, string>> = { r: 'select', a: 'insert', w: 'update', d: 'delete' }

/** What the security queries found for one table, ready to merge into its document object. */
export interface TableSecurity {
  /** The table's own fields: `rowSecurity`, `policies`, `grants` (only those it has). */
  readonly fields: DocObject
  /** Exclusion constraints, as document constraints. */
  readonly exclusions: readonly DocObject[]
  /** A foreign key or check with its flags added (`notValid`, `noInherit`). */
  readonly withFlags: (constraint: DocObject) => DocObject
}

const byTable = (rows: readonly Row[]) => {
  const out = new Map<string, Row[]>()
  for (const row of rows) {
    const key = `${row.table_schema}\u0000${row.table_name}`
    const list = out.get(key)
    if (list) list.push(row)
    else out.set(key, [row])
  }
  return out
}

function exclusionObject(row: Row): DocObject {
  const keys = numbers(row.keys)
  const defs = texts(row.defs)
  const options = numbers(row.options)
  const opclasses = texts(row.opclasses)
  const operators = texts(row.operators)
  const elements = keys.map((key, i): DocObject => {
    const def = defs[i] ?? ''
    const element: DocObject = Number(key) === 0 ? { expression: stripOuterParens(def) } : { column: unquote(def) }
    if (opclasses[i]) element.opclass = opclasses[i]
    const option = Number(options[i] ?? 0)
    const descending = (option & 1) !== 0
    const nullsFirst = (option & 2) !== 0
    if (descending) element.descending = true
    // NULLS LAST is the default ascending, NULLS FIRST descending.
    if (nullsFirst !== descending) element.nulls = nullsFirst ? 'first' : 'last'
    element.operator = operators[i] ?? '='
    return element
  })
  const c: DocObject = { type: 'exclude', name: text(row.name), elements }
  if (text(row.method) !== 'gist') c.using = text(row.method)
  const predicate = text(row.predicate)
  if (predicate !== undefined) c.where = stripOuterParens(predicate)
  if (flag(row.deferrable)) c.deferrable = true
  if (flag(row.deferrable) && flag(row.deferred)) c.initiallyDeferred = true
  if (text(row.comment) !== undefined) c.comment = text(row.comment)
  return c
}

/** A column as pg_get_indexdef writes it: bare, or double-quoted when it needs quotes. */
function unquote(def: string): string {
  return def.startsWith('"') && def.endsWith('"') ? def.slice(1, -1).replaceAll('""', '"') : def
}

function policyObject(row: Row): DocObject {
  const p: DocObject = { name: text(row.name) }
  const command = COMMANDS[text(row.command) ?? '']
  if (command) p.command = command
  if (!flag(row.permissive)) p.restrictive = true
  const roles = texts(row.roles)
  if (!(roles.length === 1 && roles[0] === 'public')) p.roles = roles
  const using = text(row.using_expr)
  const withCheck = text(row.check_expr)
  if (using !== undefined) p.using = using
  if (withCheck !== undefined) p.withCheck = withCheck
  return p
}

/** One grant per grantee and grant option, privileges lower case as the model spells them. */
function grantList(rows: readonly Row[]): DocObject[] {
  const grants = new Map<string, { grantee: string; privileges: string[]; withGrantOption?: true }>()
  for (const r of rows) {
    const grantee = text(r.grantee)
    const privilege = text(r.privilege)?.toLowerCase()
    if (grantee === undefined || privilege === undefined) continue
    const key = `${grantee}\u0000${flag(r.grantable)}`
    const grant: { grantee: string; privileges: string[]; withGrantOption?: true } = grants.get(key) ?? {
      grantee,
      privileges: [],
      ...(flag(r.grantable) ? { withGrantOption: true as const } : {}),
    }
    grant.privileges.push(privilege)
    grants.set(key, grant)
  }
  return [...grants.values()]
}

function tableFields(rows: readonly Row[], policies: readonly Row[]): DocObject {
  const fields: DocObject = {}
  const first = rows[0]
  if (first && flag(first.row_security)) fields.rowSecurity = flag(first.force) ? 'forced' : 'enabled'
  if (policies.length > 0) fields.policies = policies.map(policyObject)
  const grants = grantList(rows)
  if (grants.length > 0) fields.grants = grants
  return fields
}

/**
 * Reads the flags, exclusion constraints, row-level security, policies and grants of a namespace's
 * tables, and returns, per table name, what to merge into its document object.
 *
 * @example
 * ```ts
 * const security = await readTableSecurity(query, 'public')
 * const docs = security('bookings') // { fields: { rowSecurity: 'enabled', policies: [...] }, exclusions: [...], withFlags }
 * ```
 * @internal
 */
export async function readTableSecurity(
  query: QueryFunction,
  namespaces: readonly string[],
): Promise<(schema: string, table: string) => TableSecurity> {
  const [flags, exclusions, security, policies] = await Promise.all([
    query(CONSTRAINT_FLAGS_SQL, [namespaces]),
    query(EXCLUSIONS_SQL, [namespaces]),
    query(TABLE_SECURITY_SQL, [namespaces]),
    query(POLICIES_SQL, [namespaces]),
  ])
  const [flagsOf, exclusionsOf, securityOf, policiesOf] = [
    byTable(flags),
    byTable(exclusions),
    byTable(security),
    byTable(policies),
  ]
  return (schema, table) => {
    const key = `${schema}\u0000${table}`
    const flagged = new Map((flagsOf.get(key) ?? []).map((r) => [text(r.name), r]))
    return {
      fields: tableFields(securityOf.get(key) ?? [], policiesOf.get(key) ?? []),
      exclusions: (exclusionsOf.get(key) ?? []).map(exclusionObject),
      withFlags: (c) => {
        const row = flagged.get(c.name as string | undefined)
        if (!row) return c
        return {
          ...c,
          ...(flag(row.not_valid) ? { notValid: true } : {}),
          ...(flag(row.no_inherit) ? { noInherit: true } : {}),
        }
      },
    }
  }
}

/**
 * A subquery for the privileges an ACL column holds beyond the defaults of its object kind
 * (`acldefault`: the owner's, and `EXECUTE` to PUBLIC on routines), as JSON text:
 * `[{"grantee":"app","privilege":"USAGE","grantable":false}]`, or NULL for none. `kind` is
 * acldefault's letter (`s` sequence, `f` routine, `n` namespace).
 *
 * @example
 * ```ts
 * aclGrantsSQL('c.relacl', 's', 'c.relowner') // '(SELECT json_agg(...) ...)'
 * ```
 * @internal
 */
export const aclGrantsSQL = (acl: string, kind: 's' | 'f' | 'n', owner: string) => `(
  SELECT json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'public' ELSE r.rolname END,
    'privilege', a.privilege_type, 'grantable', a.is_grantable)
    ORDER BY CASE WHEN a.grantee = 0 THEN 'public' ELSE r.rolname END, a.privilege_type)::text
  FROM aclexplode(${acl}) a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
  WHERE a.grantee <> ${owner} AND NOT EXISTS (
    SELECT 1 FROM aclexplode(acldefault('${kind}', ${owner})) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type AND d.is_grantable = a.is_grantable))`

/**
 * The document's `grants` from what {@link aclGrantsSQL} read: one grant per grantee and grant
 * option, privileges lower case; nothing for none.
 * @internal
 */
export function grantsField(value: unknown): { grants?: DocObject[] } {
  if (value === null || value === undefined) return {}
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as Row[]
  const grants = grantList(rows)
  return grants.length > 0 ? { grants } : {}
}

/**
 * A table's column privileges (`attacl`, read per column as `column_grants` JSON text) as document
 * grants with `columns`: one per grantee, privilege and grant option, listing its columns.
 * @internal
 */
export function columnGrantList(columns: readonly Row[]): DocObject[] {
  const grants = new Map<string, { grantee: string; privileges: string[]; columns: string[]; withGrantOption?: true }>()
  for (const column of columns) {
    const value = column.column_grants
    if (value === null || value === undefined) continue
    for (const r of (typeof value === 'string' ? JSON.parse(value) : value) as Row[]) {
      const [grantee, privilege] = [text(r.grantee), text(r.privilege)?.toLowerCase()]
      if (grantee === undefined || privilege === undefined) continue
      const key = `${grantee}\u0000${privilege}\u0000${flag(r.grantable)}`
      const grant = grants.get(key) ?? {
        grantee,
        privileges: [privilege],
        columns: [],
        ...(flag(r.grantable) ? { withGrantOption: true as const } : {}),
      }
      grant.columns.push(String(column.name))
      grants.set(key, grant)
    }
  }
  return [...grants.values()]
}
