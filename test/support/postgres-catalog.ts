import type { Engine } from '../engines/engines.js'

// A database's schema as PostgreSQL's own catalog prints it, for judging a migration without
// schemaledger's introspection: one line per fact, in every non-system namespace. Two databases hold
// the same schema when their lines are equal. Column order, extension versions and the values of
// sequences are left out; everything else a schema change can touch is in, with the owners and the
// privileges of relations, columns, routines, types and namespaces (an ACL of NULL, the kind's
// defaults, prints as those defaults; aclitems sorted).

const USER_NAMESPACE = `n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%'`
/** Objects an extension created belong to it, not to the schema. */
const notFromExtension = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`

/** An ACL column as sorted text, NULL read as `acldefault` of the kind and owner. */
const aclText = (acl: string, kind: string, owner: string) =>
  `(SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(${acl}, acldefault('${kind}', ${owner}))) x)`

const QUERIES: readonly string[] = [
  `SELECT 'namespace acl ' || n.nspname || ' owner ' || pg_get_userbyid(n.nspowner) || ' ' || ${aclText('n.nspacl', 'n', 'n.nspowner')} AS line
     FROM pg_namespace n WHERE ${USER_NAMESPACE}`,
  `SELECT 'relation acl ' || n.nspname || '.' || c.relname || ' owner ' || pg_get_userbyid(c.relowner)
          || ' ' || CASE WHEN c.relkind = 'S' THEN ${aclText('c.relacl', 's', 'c.relowner')}
                        ELSE ${aclText('c.relacl', 'r', 'c.relowner')} END AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${notFromExtension('pg_class', 'c.oid')}`,
  `SELECT 'column acl ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
          || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x) AS line
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND a.attnum > 0 AND NOT a.attisdropped AND cardinality(a.attacl) > 0`,
  `SELECT 'routine acl ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') owner '
          || pg_get_userbyid(p.proowner) || ' ' || ${aclText('p.proacl', 'f', 'p.proowner')} AS line
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NAMESPACE} AND ${notFromExtension('pg_proc', 'p.oid')}`,
  `SELECT 'type acl ' || n.nspname || '.' || t.typname || ' owner ' || pg_get_userbyid(t.typowner) || ' '
          || ${aclText('t.typacl', 'T', 't.typowner')} AS line
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${USER_NAMESPACE} AND t.typtype IN ('d', 'e', 'r', 'c', 'b', 'm') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
      AND t.typelem = 0 AND ${notFromExtension('pg_type', 't.oid')}`,
  `SELECT 'namespace ' || n.nspname || coalesce(' comment ' || obj_description(n.oid, 'pg_namespace'), '') AS line
     FROM pg_namespace n WHERE ${USER_NAMESPACE} AND n.nspname <> 'public'`,
  `SELECT 'extension ' || e.extname || ' in ' || n.nspname AS line
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'`,
  `SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
          || coalesce(' options ' || array_to_string(c.reloptions, ','), '')
          || coalesce(' partition by ' || pg_get_partkeydef(c.oid), '')
          || coalesce(' bound ' || pg_get_expr(c.relpartbound, c.oid), '')
          || CASE WHEN c.relrowsecurity THEN ' rls' ELSE '' END || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END
          || coalesce(' comment ' || obj_description(c.oid, 'pg_class'), '') AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${notFromExtension('pg_class', 'c.oid')}`,
  `SELECT 'inherits ' || n.nspname || '.' || c.relname || ' from ' || pn.nspname || '.' || p.relname AS line
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE ${USER_NAMESPACE} AND c.relispartition = false`,
  `SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
          || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
          || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
          || CASE a.attgenerated WHEN 's' THEN ' generated stored' ELSE '' END
          || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' collate ' || co.collname ELSE '' END
          || coalesce(' comment ' || col_description(c.oid, a.attnum), '') AS line
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
     LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE ${USER_NAMESPACE} AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND a.attnum > 0 AND NOT a.attisdropped
      AND ${notFromExtension('pg_class', 'c.oid')}`,
  `SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, t.typname) || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
          || CASE WHEN NOT k.convalidated THEN ' (not valid)' ELSE '' END
          || coalesce(' comment ' || obj_description(k.oid, 'pg_constraint'), '') AS line
     FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
     LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
    WHERE ${USER_NAMESPACE} AND (k.conrelid <> 0 OR k.contypid <> 0) AND k.contype <> 'n'`,
  `SELECT 'index ' || pg_get_indexdef(i.indexrelid) || coalesce(' comment ' || obj_description(i.indexrelid, 'pg_class'), '') AS line
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND ${notFromExtension('pg_class', 'i.indrelid')}`,
  `SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || regexp_replace(pg_get_viewdef(c.oid), '\\s+', ' ', 'g')
          || CASE WHEN c.relkind = 'm' AND NOT c.relispopulated THEN ' with no data' ELSE '' END AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NAMESPACE} AND c.relkind IN ('v', 'm')`,
  `SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type::text || ' start ' || start_value
          || ' min ' || min_value || ' max ' || max_value || ' increment ' || increment_by || ' cycle ' || cycle
          || ' cache ' || cache_size AS line
     FROM pg_sequences WHERE schemaname NOT IN ('information_schema') AND schemaname NOT LIKE 'pg\\_%'`,
  `SELECT 'owned ' || n.nspname || '.' || s.relname || ' by ' || t.relname || '.' || a.attname AS line
     FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace n ON n.oid = s.relnamespace
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND ${USER_NAMESPACE}`,
  `SELECT 'routine ' || regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g')
          || coalesce(' comment ' || obj_description(p.oid, 'pg_proc'), '') AS line
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NAMESPACE} AND p.prokind IN ('f', 'p') AND ${notFromExtension('pg_proc', 'p.oid')}`,
  `SELECT 'aggregate ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS line
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NAMESPACE} AND p.prokind IN ('a', 'w') AND ${notFromExtension('pg_proc', 'p.oid')}`,
  `SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
          || coalesce(' comment ' || obj_description(t.oid, 'pg_trigger'), '') AS line
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND NOT t.tgisinternal`,
  `SELECT 'policy ' || schemaname || '.' || tablename || ' ' || policyname || ' ' || permissive || ' ' || cmd
          || ' to ' || array_to_string(roles, ',') || coalesce(' using ' || qual, '') || coalesce(' check ' || with_check, '') AS line
     FROM pg_policies WHERE schemaname NOT IN ('information_schema') AND schemaname NOT LIKE 'pg\\_%'`,
  `SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text
          || CASE WHEN t.typtype = 'd' THEN ' over ' || format_type(t.typbasetype, t.typtypmod)
               || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '') ELSE '' END
          || CASE WHEN t.typtype = 'e' THEN ' (' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')' ELSE '' END
          || coalesce(' comment ' || obj_description(t.oid, 'pg_type'), '') AS line
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${USER_NAMESPACE} AND (t.typtype IN ('d', 'e', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      AND ${notFromExtension('pg_type', 't.oid')}`,
]

/**
 * The catalog lines of a database, sorted.
 *
 * @example
 * ```ts
 * expect(await catalogLines(migrated)).toEqual(await catalogLines(expected))
 * ```
 */
export async function catalogLines(engine: Engine): Promise<string[]> {
  const lines: string[] = []
  for (const sql of QUERIES)
    for (const row of await engine.query(sql)) if (row.line !== null) lines.push(String(row.line))
  return lines.sort()
}

/** The lines only one side has, `-` for the first and `+` for the second, at most `limit`. */
export function catalogDifference(a: readonly string[], b: readonly string[], limit = 6): string[] {
  const inB = new Set(b)
  const inA = new Set(a)
  const diff = [
    ...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`),
    ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`),
  ]
  return diff.slice(0, limit).map((l) => (l.length > 240 ? `${l.slice(0, 237)}...` : l))
}
