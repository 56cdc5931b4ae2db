import type { Row, UnmodelledObject } from '../introspect-types.js'

// The kinds of PostgreSQL object the model has no place for, listed so that introspection returns
// them as data (kind, name, why) instead of dropping them silently: a diff against such a database
// cannot see them, and the reader of a report should know. Objects an extension creates are its own
// (`CREATE EXTENSION` brings them back) and are left out, like PostgreSQL's own.

/** `$1`: the namespaces read. Event triggers and publications belong to the database, not to a namespace. */
export const UNMODELLED_SQL = `
WITH ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
SELECT 'event_trigger' AS kind, e.evtname AS name, 'an event trigger (ON ' || e.evtevent || '): the model has no event triggers' AS why
  FROM pg_event_trigger e WHERE (e.tableoid, e.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'rule', n.nspname || '.' || c.relname || '.' || r.rulename, 'a rewrite rule: the model has no rules'
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE r.rulename <> '_RETURN' AND n.nspname = ANY($1)
UNION ALL
SELECT 'foreign_table', n.nspname || '.' || c.relname, 'a foreign table: the model has no foreign tables'
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'f' AND n.nspname = ANY($1) AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'foreign_server', s.srvname, 'a foreign server: the model has no foreign data wrappers or servers'
  FROM pg_foreign_server s WHERE (s.tableoid, s.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'collation', n.nspname || '.' || c.collname, 'a collation: the model names collations, it does not create them'
  FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
 WHERE n.nspname = ANY($1) AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'statistics', n.nspname || '.' || s.stxname, 'extended statistics: the model has no statistics objects'
  FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
 WHERE n.nspname = ANY($1) AND (s.tableoid, s.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'operator', n.nspname || '.' || o.oprname || '(' || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')',
       'an operator: the model has no operators'
  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
 WHERE n.nspname = ANY($1) AND (o.tableoid, o.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'text_search', n.nspname || '.' || t.cfgname, 'a text search configuration: the model has none'
  FROM pg_ts_config t JOIN pg_namespace n ON n.oid = t.cfgnamespace
 WHERE n.nspname = ANY($1) AND (t.tableoid, t.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'publication', p.pubname, 'a logical replication publication: the model has no publications'
  FROM pg_publication p
UNION ALL
SELECT 'cast', format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL), 'a cast: the model has no casts'
  FROM pg_cast c WHERE c.oid >= 16384 AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
ORDER BY 1, 2`

/**
 * What the rows of {@link UNMODELLED_SQL} say, each marked as not read. @internal
 *
 * @example
 * ```ts
 * unmodelledObjects([{ kind: 'rule', name: 'public.orders.no_delete', why: 'a rewrite rule: the model has no rules' }])
 * // [{ kind: 'rule', name: 'public.orders.no_delete', why: 'a rewrite rule: the model has no rules; not read' }]
 * ```
 */
export function unmodelledObjects(rows: readonly Row[]): UnmodelledObject[] {
  return rows.map((r) => ({
    kind: String(r.kind) as UnmodelledObject['kind'],
    name: String(r.name),
    why: `${String(r.why)}; not read`,
  }))
}
