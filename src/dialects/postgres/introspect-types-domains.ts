import { defaultMultirangeName } from '../../model/object-kinds.js'
import type { Row } from '../introspect-types.js'
import type { DocObject } from './introspect-rows.js'
import { stripOuterParens } from './introspect-rows.js'

// Extensions, domains, composite and range types read from pg_catalog. `$1` is the list of namespaces read
// (extensions are read wherever they are installed); the types and domains an extension created are
// the extension's (pg_depend deptype 'e'), not the schema's.

/** Not the schema's: built into every database. */
const BUILTIN_EXTENSIONS = ['plpgsql']

/**
 * Installed extensions but plpgsql, with their namespace, version and comment (unless it is the one
 * the extension's control file gives, which `CREATE EXTENSION` sets).
 *
 * @example
 * ```ts
 * await query(EXTENSIONS_SQL) // [{ name: 'pg_trgm', schema: 'public', version: '1.6', comment: '...' }]
 * ```
 * @internal
 */
export const EXTENSIONS_SQL = `
SELECT x.extname AS name, n.nspname AS schema, x.extversion AS version,
  CASE WHEN d.description IS DISTINCT FROM a.comment THEN d.description END AS comment
FROM pg_catalog.pg_extension x
JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
LEFT JOIN pg_catalog.pg_available_extensions a ON a.name = x.extname
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_extension'::regclass AND d.objoid = x.oid AND d.objsubid = 0
WHERE x.extname <> ALL (ARRAY[${BUILTIN_EXTENSIONS.map((e) => `'${e}'`).join(', ')}])
ORDER BY x.extname`

const NOT_AN_EXTENSIONS = `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = 'pg_catalog.pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')`

/**
 * Domains of `$1`: base type, collation when not the base type's, default, NOT NULL, comment.
 *
 * @example
 * ```ts
 * await query(DOMAINS_SQL, [['public']]) // [{ schema: 'public', name: 'positive_int', type: 'integer', ... }]
 * ```
 * @internal
 */
export const DOMAINS_SQL = `
SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS type,
  CASE WHEN t.typcollation <> bt.typcollation THEN co.collname END AS collation,
  t.typdefault AS default_expr, t.typnotnull AS not_null, d.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'd' AND n.nspname = ANY($1) AND ${NOT_AN_EXTENSIONS}
ORDER BY n.nspname, t.typname`

/**
 * CHECK constraints of the domains of `$1`, by domain and name.
 *
 * @example
 * ```ts
 * await query(DOMAIN_CHECKS_SQL, [['public']]) // [{ schema: 'public', domain: 'positive_int', name: 'positive_int_check', definition: 'CHECK (VALUE > 0)', validated: true }]
 * ```
 * @internal
 */
export const DOMAIN_CHECKS_SQL = `
SELECT n.nspname AS schema, t.typname AS domain, con.conname AS name,
  pg_get_constraintdef(con.oid, true) AS definition, con.convalidated AS validated
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_type t ON t.oid = con.contypid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE con.contype = 'c' AND n.nspname = ANY($1)
ORDER BY n.nspname, t.typname, con.conname`

/**
 * Composite types of `$1` (not the row types of tables and views) with their attributes in order.
 *
 * @example
 * ```ts
 * await query(COMPOSITE_TYPES_SQL, [['public']]) // [{ schema: 'public', name: 'address', attribute: 'street', type: 'text', ... }]
 * ```
 * @internal
 */
export const COMPOSITE_TYPES_SQL = `
SELECT n.nspname AS schema, t.typname AS name, d.description AS comment,
  a.attname AS attribute, format_type(a.atttypid, a.atttypmod) AS type,
  CASE WHEN a.attcollation <> at.typcollation THEN co.collname END AS collation
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'c' AND n.nspname = ANY($1) AND ${NOT_AN_EXTENSIONS}
ORDER BY n.nspname, t.typname, a.attnum`

/**
 * Range types of `$1`: the subtype, a non-default operator class, a collation other than the
 * subtype's, the canonical and subtype-difference functions (qualified outside `pg_catalog`), and
 * the multirange type's name (PostgreSQL 14+).
 *
 * @example
 * ```ts
 * await query(rangeTypesSQL(150000), [['public']]) // [{ schema: 'public', name: 'floatrange', subtype: 'double precision', ... }]
 * ```
 * @internal
 */
export const rangeTypesSQL = (version: number) => `
SELECT n.nspname AS schema, t.typname AS name, d.description AS comment,
  format_type(r.rngsubtype, NULL) AS subtype,
  CASE WHEN NOT oc.opcdefault THEN ocn.nspname || '.' || oc.opcname END AS opclass,
  CASE WHEN r.rngcollation <> st.typcollation THEN co.collname END AS collation,
  cf.nspname AS canonical_schema, cf.proname AS canonical,
  df.nspname AS diff_schema, df.proname AS diff,
  ${version >= 140000 ? 'mt.typname' : 'NULL'} AS multirange, ${version >= 140000 ? 'mn.nspname' : 'NULL'} AS multirange_schema
FROM pg_catalog.pg_range r
JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
LEFT JOIN (SELECT p.oid, p.proname, pn.nspname FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace) cf ON cf.oid = r.rngcanonical
LEFT JOIN (SELECT p.oid, p.proname, pn.nspname FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace) df ON df.oid = r.rngsubdiff
${
  version >= 140000
    ? `LEFT JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid
LEFT JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace`
    : ''
}
LEFT JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE n.nspname = ANY($1) AND ${NOT_AN_EXTENSIONS}
ORDER BY n.nspname, t.typname`

/** `name`, or `schema.name` outside `namespace` and `pg_catalog`. */
const qualifiedIn = (schema: unknown, name: unknown, namespace: string) =>
  schema === namespace || schema === 'pg_catalog' ? String(name) : `${String(schema)}.${String(name)}`

/** Range type objects (`types` with `range`). @internal */
export function rangeTypeObjects(rows: readonly Row[], namespace: string): DocObject[] {
  return rows.map((r) => {
    const name = String(r.name)
    const opclass = text(r.opclass)
    const multirange = text(r.multirange)
    const range: DocObject = {
      subtype: String(r.subtype),
      ...(opclass === undefined ? {} : { subtypeOpclass: opclass.replace(/^pg_catalog\./, '') }),
      ...(text(r.collation) === undefined ? {} : { collation: String(r.collation) }),
      ...(text(r.canonical) === undefined
        ? {}
        : { canonical: qualifiedIn(r.canonical_schema, r.canonical, namespace) }),
      ...(text(r.diff) === undefined ? {} : { subtypeDiff: qualifiedIn(r.diff_schema, r.diff, namespace) }),
      ...(multirange === undefined || (multirange === defaultMultirangeName(name) && r.multirange_schema === r.schema)
        ? {}
        : { multirangeTypeName: qualifiedIn(r.multirange_schema, multirange, String(r.schema)) }),
    }
    return { name, ...where(String(r.schema), namespace), range, ...withComment(r.comment) }
  })
}

const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v))
const flag = (v: unknown): boolean => v === true || v === 't' || v === 'true'
const where = (schema: string, namespace: string) => (schema === namespace ? {} : { schema })
const withComment = (v: unknown) => {
  const comment = text(v)
  return comment === undefined ? {} : { comment }
}

/** Extension objects, `schema` set when installed outside `namespace`. @internal */
export function extensionObjects(rows: readonly Row[], namespace: string): DocObject[] {
  return rows.map((r) => ({
    name: String(r.name),
    ...where(String(r.schema), namespace),
    ...(text(r.version) === undefined ? {} : { version: String(r.version) }),
    ...withComment(r.comment),
  }))
}

/**
 * Domain objects with their checks; a check named as PostgreSQL names an unnamed one
 * (`<domain>_check`) has no `name`. @internal
 */
export function domainObjects(rows: readonly Row[], checks: readonly Row[], namespace: string): DocObject[] {
  return rows.map((r) => {
    const schema = String(r.schema)
    const name = String(r.name)
    const own = checks
      .filter((c) => c.schema === schema && c.domain === name)
      .map((c) => {
        const expression = stripOuterParens(
          String(c.definition)
            .replace(/\s+NOT VALID$/, '')
            .replace(/^CHECK\s*/, ''),
        )
        return {
          ...(c.name === `${name}_check` ? {} : { name: String(c.name) }),
          expression,
          ...(flag(c.validated) ? {} : { notValid: true }),
        }
      })
    return {
      name,
      ...where(schema, namespace),
      type: String(r.type),
      ...(text(r.default_expr) === undefined ? {} : { default: String(r.default_expr) }),
      ...(flag(r.not_null) ? { notNull: true } : {}),
      ...(text(r.collation) === undefined ? {} : { collation: String(r.collation) }),
      ...(own.length > 0 ? { checks: own } : {}),
      ...withComment(r.comment),
    }
  })
}

/** Composite type objects from one row per attribute. @internal */
export function compositeTypeObjects(rows: readonly Row[], namespace: string): DocObject[] {
  const out = new Map<string, DocObject & { attributes: DocObject[] }>()
  for (const r of rows) {
    const key = `${r.schema}\u0000${r.name}`
    let type = out.get(key)
    if (type === undefined) {
      type = { name: String(r.name), ...where(String(r.schema), namespace), attributes: [], ...withComment(r.comment) }
      out.set(key, type)
    }
    type.attributes.push({
      name: String(r.attribute),
      type: String(r.type),
      ...(text(r.collation) === undefined ? {} : { collation: String(r.collation) }),
    })
  }
  return [...out.values()]
}
