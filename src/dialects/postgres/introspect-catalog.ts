import { aclGrantsSQL } from './introspect-security.js'
// The pg_catalog queries of the PostgreSQL introspector. They read the catalog rather than
// information_schema because only the catalog has what the model holds: default and generation
// expressions (pg_get_expr), identity and serial sequences (pg_depend, pg_sequence), index key
// expressions, ordering, operator classes and predicates (pg_index, pg_get_indexdef), constraint
// definitions (pg_get_constraintdef) and canonical type spellings (format_type). `$1` is the list of
// namespaces read (a text array); every row names its table's namespace (`table_schema`).

/**
 * Server version, to leave out catalog columns older servers lack.
 *
 * @example
 * ```ts
 * const version = Number((await query(VERSION_SQL))[0]?.version) // 150020
 * ```
 * @internal
 */
export const VERSION_SQL = `SELECT current_setting('server_version_num')::int AS version`

/**
 * The namespaces a user may read (not PostgreSQL's own), by name, with their comments.
 *
 * @example
 * ```ts
 * await query(NAMESPACES_SQL) // [{ name: 'billing', comment: 'invoices' }, { name: 'public', comment: '...' }]
 * ```
 * @internal
 */
export const NAMESPACES_SQL = `
SELECT n.nspname AS name, d.description AS comment,
  ${aclGrantsSQL('n.nspacl', 'n', 'n.nspowner')} AS grants
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
  ON d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY n.nspname`

/**
 * Ordinary and partitioned tables of the namespaces, partitions included, with their comments,
 * persistence (`u` unlogged), storage parameters, partition key and, for a partition, its parent and
 * bound.
 *
 * @example
 * ```ts
 * await query(TABLES_SQL, [['public']]) // [{ schema: 'public', name: 'users', comment: 'people', ... }]
 * ```
 * @internal
 */
export const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, d.description AS comment, pg_get_userbyid(c.relowner) AS owner,
  c.relpersistence AS persistence, c.reloptions::text[] AS options,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
  p.relname AS parent, pn.nspname AS parent_schema
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')
ORDER BY n.nspname, c.relname`

/**
 * Parents of tables that inherit (`INHERITS`, not partitions), in declared order.
 *
 * @example
 * ```ts
 * await query(INHERITS_SQL, [['public']]) // [{ table_schema: 'public', table_name: 'cities_eu', parent: 'cities', parent_schema: 'public' }]
 * ```
 * @internal
 */
export const INHERITS_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, p.relname AS parent, pn.nspname AS parent_schema
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY n.nspname, c.relname, i.inhseqno`

/**
 * Whether the sequence `s` (a `pg_sequence` row) is the one `serial` would create for a column of
 * type `typid`: of that type, starting at 1 by 1 up to the type's maximum, cache 1, no cycle. Only
 * then does its column read as a serial one; a sequence with options of its own is listed with them.
 * @internal
 */
export const SERIAL_SEQUENCE = (s: string, typid: string) =>
  `(${s}.seqtypid = ${typid} AND ${s}.seqstart = 1 AND ${s}.seqincrement = 1 AND ${s}.seqmin = 1 AND ${s}.seqcache = 1 AND NOT ${s}.seqcycle
    AND ${s}.seqmax = CASE ${s}.seqtypid WHEN 'pg_catalog.int2'::regtype THEN 32767 WHEN 'pg_catalog.int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END)`

/**
 * Columns in order with their type, nullability, default or generation expression, identity and the
 * sequence behind a serial or identity column (with its grants), collation, comment and the column's
 * privileges (`attacl`). For enum types (and arrays of them) the type's own name and namespace come too.
 *
 * @example
 * ```ts
 * await query(COLUMNS_SQL, [['public']]) // [{ table_name: 'users', name: 'id', type: 'integer', ... }]
 * ```
 * @internal
 */
export const COLUMNS_SQL = `
SELECT n.nspname AS table_schema, c.relname AS table_name, a.attnum AS num, a.attname AS name,
  a.attislocal AS is_local, c.relispartition AS in_partition,
  format_type(a.atttypid, a.atttypmod) AS type,
  coalesce(et.typtype, t.typtype) AS base_typtype,
  coalesce(et.typname, t.typname) AS base_typname,
  coalesce(etn.nspname, tn.nspname) AS base_typschema,
  et.oid IS NOT NULL AS is_array,
  a.attnotnull AS not_null,
  pg_get_expr(d.adbin, d.adrelid) AS default_expr,
  a.attidentity AS identity,
  a.attgenerated AS generated,
  co.collname AS collation,
  a.attcollation <> t.typcollation AS collation_differs,
  ds.description AS comment,
  seq.seq_name, seq.seq_relname, seq.deptype AS seq_deptype, seq.seqstart::text AS seq_start, seq.seqincrement::text AS seq_increment,
  seq.seqmin::text AS seq_min, seq.seqmax::text AS seq_max, seq.seqcache::text AS seq_cache, seq.seqcycle AS seq_cycle,
  seq.seq_type, ${SERIAL_SEQUENCE('seq', 'a.atttypid')} AS seq_serial,
  ${aclGrantsSQL('seq.relacl', 's', 'seq.relowner')} AS seq_grants,
  (SELECT json_agg(json_build_object('grantee', CASE WHEN x.grantee = 0 THEN 'public' ELSE xr.rolname END,
      'privilege', x.privilege_type, 'grantable', x.is_grantable) ORDER BY x.grantee, x.privilege_type)::text
    FROM aclexplode(a.attacl) x LEFT JOIN pg_catalog.pg_roles xr ON xr.oid = x.grantee) AS column_grants
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_description ds ON ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objoid = c.oid AND ds.objsubid = a.attnum
LEFT JOIN (
  SELECT dep.refobjid, dep.refobjsubid, dep.objid::regclass::text AS seq_name, sc.relname AS seq_relname, sc.relacl, sc.relowner,
    dep.deptype, s.seqstart, s.seqincrement,
    s.seqmin, s.seqmax, s.seqcache, s.seqcycle, s.seqtypid, format_type(s.seqtypid, NULL) AS seq_type
  FROM pg_catalog.pg_depend dep
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
  JOIN pg_catalog.pg_class sc ON sc.oid = dep.objid
  WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.deptype IN ('a', 'i')
) seq ON seq.refobjid = c.oid AND seq.refobjsubid = a.attnum
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum`

/**
 * Primary key, unique, foreign key and check constraints a table declares itself (NOT NULL constraints
 * of PostgreSQL 18 are columns), with PostgreSQL 18's `conperiod` (a key `WITHOUT OVERLAPS`, a
 * foreign key with `PERIOD`; older servers have no such column): those it inherits from a parent or partitioned table are the parent's.
 * A foreign key that references a partitioned table is one row: the copies PostgreSQL 11+ keeps for
 * each partition it references (`conparentid` set) are its implementation.
 *
 * @example
 * ```ts
 * await query(constraintsSQL(150000), [['public']]) // [{ table_name: 'users', name: 'users_pkey', type: 'p', columns: ['id'], ... }]
 * ```
 * @internal
 */
export const constraintsSQL = (version: number) => `
SELECT n.nspname AS table_schema, c.relname AS table_name, con.conname AS name, con.contype AS type,
  con.connoinherit AS no_inherit,
  ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
  fc.relname AS ref_table, fn.nspname AS ref_schema,
  ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS ref_columns,
  con.confupdtype AS on_update, con.confdeltype AS on_delete, con.confmatchtype AS match,
  con.condeferrable AS deferrable, con.condeferred AS deferred,
  pg_get_constraintdef(con.oid, true) AS definition,
  pg_catalog.obj_description(con.oid, 'pg_constraint') AS comment,
  ${version >= 150000 ? 'coalesce(ix.indnullsnotdistinct, false)' : 'false'} AS nulls_not_distinct,
  ${version >= 180000 ? 'con.conperiod' : 'false'} AS period
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_catalog.pg_index ix ON con.contype IN ('p', 'u') AND ix.indexrelid = con.conindid
WHERE n.nspname = ANY($1::text[]) AND con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND con.conislocal
  ${version >= 110000 ? 'AND con.conparentid = 0' : ''}
ORDER BY n.nspname, c.relname, con.conname`

/** The relation's columns by number, with their collations: a materialized view's are not read as a table's are. */
const RELATION_COLUMNS = `
  ARRAY(SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::int[] AS column_numbers,
  ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS column_names,
  ARRAY(SELECT coalesce(co.collname, 'default') FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
    WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS column_collations,`

/**
 * Indexes (of tables, or with `materialized_view` of materialized views, with their relation's
 * columns) that do not back a primary key, unique or exclusion constraint, nor are a partition's part of
 * an index of its partitioned table (`relispartition`): key parts (column number,
 * or 0 and the expression text), per-part options (DESC = 1, NULLS FIRST = 2), non-default operator
 * classes, collations, the access method, the predicate and INCLUDE columns.
 *
 * @example
 * ```ts
 * await query(indexesSQL(150000), [['public']]) // [{ table_name: 'users', name: 'ix_email', keys: [2], ... }]
 * ```
 * @internal
 */
export const indexesSQL = (version: number, relation: 'table' | 'materialized_view' = 'table') => `
SELECT n.nspname AS table_schema, t.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,${relation === 'table' ? '' : RELATION_COLUMNS}
  i.reloptions::text[] AS options_with,
  ix.indnkeyatts AS key_count, am.amname AS method,
  pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate,
  ARRAY(SELECT k.num FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord) ORDER BY k.ord)::int[] AS keys,
  ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnatts) k ORDER BY k)::text[] AS defs,
  ARRAY(SELECT o.opt FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord)::int[] AS options,
  ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname END
    FROM unnest(ix.indclass::oid[]) WITH ORDINALITY u(id, ord) JOIN pg_catalog.pg_opclass oc ON oc.oid = u.id ORDER BY u.ord)::text[] AS opclasses,
  ARRAY(SELECT coalesce(co.collname, '')
    FROM unnest(ix.indcollation::oid[]) WITH ORDINALITY u(id, ord) LEFT JOIN pg_catalog.pg_collation co ON co.oid = u.id ORDER BY u.ord)::text[] AS collations,
  ${version >= 150000 ? 'ix.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
  pg_catalog.obj_description(i.oid, 'pg_class') AS comment
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
WHERE n.nspname = ANY($1::text[]) AND t.relkind IN (${relation === 'table' ? "'r', 'p'" : "'m'"}) AND NOT i.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname`

/**
 * Enum types of every user namespace, labels in order (the caller keeps the ones it needs).
 *
 * @example
 * ```ts
 * await query(ENUMS_SQL) // [{ schema: 'public', name: 'mood', labels: ['sad', 'ok'] }]
 * ```
 * @internal
 */
export const ENUMS_SQL = `
SELECT n.nspname AS schema, t.typname AS name, d.description AS comment,
  ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'e' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY n.nspname, t.typname`
