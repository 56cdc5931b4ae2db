import { routineIdentity } from '../../model/object-kinds.js'
import type { Row } from '../introspect-types.js'
import type { DocObject } from './introspect-rows.js'

// Views and materialized views read from pg_catalog: the query as pg_get_viewdef prints it (without
// its final `;`), the options, whether a materialized view holds data, the comment, and what the
// view reads (its rewrite rule's dependencies) as the planner's node keys. `$1` is the list of
// namespaces read; objects created by an extension are the extension's, not the schema's.

/**
 * Views (`v`) and materialized views (`m`) of the namespaces `$1`.
 *
 * @example
 * ```ts
 * await query(VIEWS_SQL, [['public']]) // [{ schema: 'public', name: 'totals', kind: 'v', definition: ' SELECT ...;' }]
 * ```
 * @internal
 */
export const VIEWS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid) AS definition,
  coalesce(c.reloptions, '{}')::text[] AS options, c.relispopulated AS populated, d.description AS comment,
  pg_get_userbyid(c.relowner) AS owner
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.relname`

/**
 * What each view of `$1` reads: relations (tables, views), routines and types its rewrite rule
 * depends on, one row each.
 *
 * @example
 * ```ts
 * await query(VIEW_DEPENDENCIES_SQL, [['public']]) // [{ schema: 'public', name: 'totals', kind: 'r', ref_schema: 'public', ref_name: 'orders' }]
 * ```
 * @internal
 */
export const VIEW_DEPENDENCIES_SQL = `
SELECT DISTINCT n.nspname AS schema, c.relname AS name,
  CASE WHEN dep.refclassid = 'pg_catalog.pg_class'::regclass THEN rc.relkind::text
       WHEN dep.refclassid = 'pg_catalog.pg_proc'::regclass THEN 'f'
       ELSE 't' || rt.typtype::text END AS kind,
  coalesce(rcn.nspname, pn.nspname, tn.nspname) AS ref_schema,
  coalesce(rc.relname, p.proname, rt.typname) AS ref_name,
  CASE WHEN p.oid IS NOT NULL THEN pg_get_function_arguments(p.oid) END AS ref_arguments
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid
JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_rewrite'::regclass AND dep.objid = r.oid AND dep.deptype = 'n'
LEFT JOIN pg_catalog.pg_class rc ON dep.refclassid = 'pg_catalog.pg_class'::regclass AND rc.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_namespace rcn ON rcn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_proc p ON dep.refclassid = 'pg_catalog.pg_proc'::regclass AND p.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_type rt ON dep.refclassid = 'pg_catalog.pg_type'::regclass AND rt.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = rt.typnamespace
WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm') AND dep.refobjid <> c.oid
  AND coalesce(rcn.nspname, pn.nspname, tn.nspname) !~ '^pg_'
  AND coalesce(rcn.nspname, pn.nspname, tn.nspname) <> 'information_schema'
ORDER BY 1, 2, 3, 4, 5`

/** The planner's node kind of a catalog dependency row (`r` table, `v` view, `f` function, `te` enum). */
const NODE_KINDS: Readonly<Record<string, string>> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'view',
  f: 'function',
  te: 'enum',
  td: 'domain',
  tc: 'type',
  tr: 'type',
}

/**
 * The planner's node key of a catalog dependency row (`kind`, `ref_schema`, `ref_name`,
 * `ref_arguments`), qualified outside `namespace`; undefined for a kind the graph has no node for.
 * @internal
 */
export function dependencyNode(d: Row, namespace: string): string | undefined {
  const kind = NODE_KINDS[String(d.kind)]
  if (kind === undefined) return undefined
  const schema = String(d.ref_schema)
  const ref = schema === namespace ? String(d.ref_name) : `${schema}.${String(d.ref_name)}`
  return kind === 'function' ? `function:${ref}(${routineIdentity(String(d.ref_arguments ?? ''))})` : `${kind}:${ref}`
}

const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v))
const flag = (v: unknown): boolean => v === true || v === 't' || v === 'true'
const options = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String)
    : String(v ?? '{}')
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)

/**
 * The view objects of the rows, `schema` set outside `namespace`, `dependsOn` from the dependency
 * rows (node keys qualified outside `namespace`; a composite type's own relation row is left out).
 * @internal
 */
export function viewObjects(
  views: readonly Row[],
  dependencies: readonly Row[],
  namespace: string,
  indexes: ReadonlyMap<string, readonly DocObject[]> = new Map(),
): DocObject[] {
  const deps = new Map<string, Set<string>>()
  for (const d of dependencies) {
    const node = dependencyNode(d, namespace)
    if (node === undefined) continue
    const key = `${d.schema}\u0000${d.name}`
    deps.set(key, (deps.get(key) ?? new Set()).add(node))
  }
  return views.map((v) => {
    const schema = String(v.schema)
    const name = String(v.name)
    const materialized = v.kind === 'm'
    const opts = options(v.options)
    const on = (option: string) =>
      opts.some((o) => o.toLowerCase() === `${option}=true` || o.toLowerCase() === `${option}=on`)
    const check = opts.find((o) => o.startsWith('check_option='))?.slice('check_option='.length)
    const dependsOn = [...(deps.get(`${schema}\u0000${name}`) ?? [])].sort()
    const comment = text(v.comment)
    return {
      name,
      ...(schema === namespace ? {} : { schema }),
      ...(materialized ? { materialized: true } : {}),
      definition: viewDefinition(String(v.definition)),
      ...(check === 'local' || check === 'cascaded' ? { checkOption: check } : {}),
      ...(on('security_barrier') ? { securityBarrier: true } : {}),
      ...(on('security_invoker') ? { securityInvoker: true } : {}),
      ...(materialized && !flag(v.populated) ? { withNoData: true } : {}),
      ...(indexes.get(`${schema}\u0000${name}`)?.length ? { indexes: indexes.get(`${schema}\u0000${name}`) } : {}),
      ...(comment === undefined ? {} : { comment }),
      dependsOn,
    }
  })
}

/**
 * A query as pg_get_viewdef prints it, trimmed, without its final `;`.
 *
 * @example
 * ```ts
 * viewDefinition(' SELECT id\n   FROM orders;') // 'SELECT id\n   FROM orders'
 * ```
 * @internal
 */
export function viewDefinition(printed: string): string {
  return printed.trim().replace(/;$/, '').trimEnd()
}
