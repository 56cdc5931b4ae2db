import { routineCost, routineRows } from '../../model/object-kinds.js'
import type { Routine } from '../../model/types.js'
import type { Row, UnmodelledObject } from '../introspect-types.js'
import { SERIAL_SEQUENCE } from './introspect-catalog.js'
import { type DocObject, stripOuterParens, texts } from './introspect-rows.js'
import { aclGrantsSQL, grantsField } from './introspect-security.js'
import { dependencyNode } from './introspect-views.js'

// The functions, procedures, triggers and sequences of the namespaces read, from pg_catalog. `$1` is
// the list of namespaces; an object gets `schema` only outside the default one. Objects that belong
// to an extension are the extension's (pg_depend deptype 'e'), and sequences behind serial and
// identity columns are described by their column: neither is read here.

const NOT_IN_EXTENSION = (classid: string, oid: string) => `NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_depend e
  WHERE e.classid = '${classid}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`

/**
 * Functions, procedures, aggregates and window functions (`kind` `f`, `p`, `a`, `w`), with what
 * `CREATE FUNCTION` states. `sql_body` is true for a SQL-standard body (PostgreSQL 14+), printed in
 * `sql_body_text` by `pg_get_function_sqlbody` (`BEGIN ATOMIC ... END`, `RETURN expression`).
 * @internal
 */
export const routinesSQL = (version: number) => `
SELECT n.nspname AS schema, p.proname AS name, p.prokind AS kind,
  pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_function_result(p.oid) AS returns,
  l.lanname AS language, p.prosrc AS body, p.provolatile AS volatility, p.proisstrict AS strict,
  p.prosecdef AS security_definer, p.proleakproof AS leakproof, p.proparallel AS parallel,
  p.procost::text AS cost, p.prorows::text AS rows,
  p.proconfig AS config, pg_catalog.obj_description(p.oid, 'pg_proc') AS comment,
  ${version >= 140000 ? 'p.prosqlbody IS NOT NULL' : 'false'} AS sql_body,
  ${version >= 140000 ? 'CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END' : 'NULL'} AS sql_body_text,
  ${aclGrantsSQL('p.proacl', 'f', 'p.proowner')} AS grants, p.oid::text AS oid,
  p.proacl IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM aclexplode(p.proacl) x WHERE x.grantee = 0 AND x.privilege_type = 'EXECUTE') AS no_public_execute
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE n.nspname = ANY($1) AND ${NOT_IN_EXTENSION('pg_catalog.pg_proc', 'p.oid')}
  -- Constructors of range and multirange types belong to their type (an internal dependency).
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
    WHERE i.classid = 'pg_catalog.pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
ORDER BY n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)`

/**
 * What the routines of `$1` depend on, from pg_depend (deptype `n`): the types of their arguments and
 * result (an array's element type), and for a SQL-standard body the tables, views, routines and
 * types it reads. `kind` is the relation's relkind, `f`, or `t` and the type's typtype; a table's
 * or view's row type is that relation.
 * @internal
 */
export const ROUTINE_DEPENDENCIES_SQL = `
SELECT DISTINCT p.oid::text AS oid,
  CASE WHEN rc.oid IS NOT NULL THEN rc.relkind::text
       WHEN rp.oid IS NOT NULL THEN 'f'
       WHEN tr.oid IS NOT NULL THEN tr.relkind::text
       ELSE 't' || rt.typtype::text END AS kind,
  coalesce(rcn.nspname, rpn.nspname, tn.nspname) AS ref_schema,
  coalesce(rc.relname, rp.proname, rt.typname) AS ref_name,
  CASE WHEN rp.oid IS NOT NULL THEN pg_catalog.pg_get_function_arguments(rp.oid) END AS ref_arguments
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
LEFT JOIN pg_catalog.pg_class rc ON d.refclassid = 'pg_catalog.pg_class'::regclass AND rc.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace rcn ON rcn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_proc rp ON d.refclassid = 'pg_catalog.pg_proc'::regclass AND rp.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace rpn ON rpn.oid = rp.pronamespace
LEFT JOIN pg_catalog.pg_type t0 ON d.refclassid = 'pg_catalog.pg_type'::regclass AND t0.oid = d.refobjid
LEFT JOIN pg_catalog.pg_type rt ON rt.oid = CASE WHEN t0.typcategory = 'A' AND t0.typelem <> 0 THEN t0.typelem ELSE t0.oid END
LEFT JOIN pg_catalog.pg_class tr ON tr.oid = rt.typrelid AND tr.relkind IN ('r', 'p', 'v', 'm')
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = rt.typnamespace
WHERE n.nspname = ANY($1) AND d.refobjid <> p.oid
  AND coalesce(rcn.nspname, rpn.nspname, tn.nspname) !~ '^pg_'
  AND coalesce(rcn.nspname, rpn.nspname, tn.nspname) <> 'information_schema'
ORDER BY 1, 2, 3, 4`

/**
 * User triggers (not the internal ones behind foreign keys) with their catalog fields: `tgtype` bits,
 * `UPDATE OF` columns, arguments as hex bytes, the executed function, and the definition to read
 * `WHEN` from.
 * @internal
 */
export const TRIGGERS_SQL = `
SELECT n.nspname AS schema, c.relname AS table_name, t.tgname AS name, t.tgtype AS type,
  t.tgenabled AS enabled, t.tgconstraint <> 0 AS is_constraint, t.tgnargs AS nargs,
  pg_catalog.encode(t.tgargs, 'hex') AS args,
  ARRAY(SELECT a.attname FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(num, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.num ORDER BY k.i) AS columns,
  fn.nspname AS function_schema, f.proname AS function_name,
  pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  pg_catalog.obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
WHERE NOT t.tgisinternal AND n.nspname = ANY($1) AND c.relispartition IS NOT TRUE
  AND ${NOT_IN_EXTENSION('pg_catalog.pg_trigger', 't.oid')}
ORDER BY n.nspname, c.relname, t.tgname`

/**
 * Sequences with their options and owning column, without those behind identity columns and serial
 * columns (owned by a column whose default is their `nextval`, with the options `serial` gives).
 * @internal
 */
export const SEQUENCES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min_value,
  s.seqmax::text AS max_value, s.seqcache::text AS cache, s.seqcycle AS cycle,
  o.table_schema, o.table_name, o.column_name,
  pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
  ${aclGrantsSQL('c.relacl', 's', 'c.relowner')} AS grants
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
  SELECT tn.nspname AS table_schema, tc.relname AS table_name, a.attname AS column_name, d.deptype,
    pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(' || pg_catalog.quote_literal(c.oid::regclass::text) || '::regclass)'
      AND ${SERIAL_SEQUENCE('s', 'a.atttypid')} AS serial
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = tc.oid AND ad.adnum = a.attnum
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
  LIMIT 1
) o ON true
WHERE c.relkind = 'S' AND n.nspname = ANY($1) AND ${NOT_IN_EXTENSION('pg_catalog.pg_class', 'c.oid')}
  AND (o.deptype IS NULL OR (o.deptype = 'a' AND o.serial IS NOT TRUE))
ORDER BY n.nspname, c.relname`

const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v))
const yes = (v: unknown) => v === true || v === 't'
const inSchema = (schema: unknown, namespace: string) =>
  String(schema) === namespace ? {} : { schema: String(schema) }
const qualified = (schema: unknown, name: unknown, namespace: string) =>
  String(schema) === namespace ? String(name) : `${String(schema)}.${String(name)}`

const dependsOnField = (nodes: ReadonlySet<string> | undefined) =>
  nodes === undefined || nodes.size === 0 ? {} : { dependsOn: [...nodes].sort() }

const VOLATILITY: Record<string, string> = { i: 'immutable', s: 'stable' }
const PARALLEL: Record<string, string> = { s: 'safe', r: 'restricted' }

/** `cost` and `rows` of a routine where they are not PostgreSQL's defaults (which the model leaves out). */
function estimates(routine: Routine, row: Row): { cost?: number; rows?: number } {
  if (routine.kind === 'procedure') return {}
  const [cost, rows] = [Number(row.cost), Number(row.rows)]
  return {
    ...(Number.isFinite(cost) && cost !== routineCost(routine) ? { cost } : {}),
    ...(Number.isFinite(rows) && rows !== routineRows(routine) ? { rows } : {}),
  }
}

/**
 * `body` and `bodyKind` from `pg_get_function_sqlbody`'s print, without the wrapper the generator
 * writes again: the statements between `BEGIN ATOMIC` and `END`, the expression after `RETURN`.
 */
function standardBody(text: string | undefined): { body: string; bodyKind: 'atomic' | 'return' } | undefined {
  if (text === undefined) return undefined
  if (text === 'BEGIN ATOMIC\nEND') return { body: '', bodyKind: 'atomic' }
  if (text.startsWith('BEGIN ATOMIC\n') && text.endsWith('\nEND'))
    return { body: text.slice('BEGIN ATOMIC\n'.length, -'\nEND'.length), bodyKind: 'atomic' }
  if (text.startsWith('RETURN ')) return { body: text.slice('RETURN '.length), bodyKind: 'return' }
  return undefined
}

/**
 * The routines of the document, with `dependsOn` from the dependency rows when they have any, and
 * what the model cannot hold (aggregates, window and C functions). @internal
 */
export function routineObjects(rows: readonly Row[], namespace: string, dependencies: readonly Row[] = []) {
  const deps = new Map<string, Set<string>>()
  for (const d of dependencies) {
    const node = dependencyNode(d, namespace)
    if (node !== undefined) deps.set(String(d.oid), (deps.get(String(d.oid)) ?? new Set()).add(node))
  }
  const routines: DocObject[] = []
  const unmodelled: UnmodelledObject[] = []
  for (const r of rows) {
    const name = `${qualified(r.schema, r.name, namespace)}(${String(r.arguments ?? '')})`
    const standard = yes(r.sql_body) ? standardBody(str(r.sql_body_text)) : undefined
    const why =
      r.kind === 'a'
        ? 'an aggregate: the model has no aggregates'
        : r.kind === 'w'
          ? 'a window function: the model has no window functions'
          : yes(r.sql_body) && standard === undefined
            ? 'a SQL-standard body printed in a form the reader does not know'
            : String(r.language) === 'c'
              ? 'a C function: the model has no object files'
              : undefined
    if (why !== undefined) {
      unmodelled.push({ kind: 'function', name, why: `${why}; not read` })
      continue
    }
    const config = texts(r.config).sort()
    const routine: DocObject = {
      name: String(r.name),
      ...inSchema(r.schema, namespace),
      ...(r.kind === 'p' ? { kind: 'procedure' } : {}),
      arguments: String(r.arguments ?? ''),
      ...(r.kind !== 'p' && str(r.returns) !== undefined ? { returns: String(r.returns) } : {}),
      ...(String(r.language) === 'sql' ? {} : { language: String(r.language) }),
      ...(standard === undefined ? { body: String(r.body ?? '') } : standard),
      ...(VOLATILITY[String(r.volatility)] ? { volatility: VOLATILITY[String(r.volatility)] } : {}),
      ...(yes(r.strict) ? { strict: true } : {}),
      ...(yes(r.security_definer) ? { securityDefiner: true } : {}),
      ...(yes(r.leakproof) ? { leakproof: true } : {}),
      ...(PARALLEL[String(r.parallel)] ? { parallel: PARALLEL[String(r.parallel)] } : {}),
      ...(config.length > 0 ? { config } : {}),
      ...(str(r.comment) !== undefined ? { comment: String(r.comment) } : {}),
      ...grantsField(r.grants),
      ...(yes(r.no_public_execute) ? { publicExecute: false } : {}),
      ...dependsOnField(deps.get(String(r.oid))),
    }
    routines.push({ ...routine, ...estimates(routine as unknown as Routine, r) })
  }
  return { routines, unmodelled }
}

/** tgtype bits (PostgreSQL's trigger.h). */
const ROW = 1
const BEFORE = 2
const INSERT = 4
const DELETE = 8
const UPDATE = 16
const TRUNCATE = 32
const INSTEAD = 64

const ENABLED: Record<string, string> = { D: 'disabled', R: 'replica', A: 'always' }

/** The NUL-terminated arguments of `tgargs`, from hex. */
function triggerArguments(hex: string, count: number): string[] {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  const decoder = new TextDecoder()
  const out: string[] = []
  let start = 0
  for (let i = 0; i < bytes.length && out.length < count; i++)
    if (bytes[i] === 0) {
      out.push(decoder.decode(bytes.subarray(start, i)))
      start = i + 1
    }
  return out
}

/** The `WHEN (...)` condition of a trigger definition, without its parentheses. */
function whenOf(definition: string): string | undefined {
  const start = definition.indexOf(' WHEN (')
  const end = definition.lastIndexOf(') EXECUTE FUNCTION ')
  if (start < 0 || end < start) return undefined
  return stripOuterParens(definition.slice(start + ' WHEN ('.length, end))
}

/** The triggers of the document, and constraint triggers (which the model cannot hold). @internal */
export function triggerObjects(rows: readonly Row[], namespace: string) {
  const triggers: DocObject[] = []
  const unmodelled: UnmodelledObject[] = []
  for (const r of rows) {
    if (yes(r.is_constraint)) {
      unmodelled.push({
        kind: 'trigger',
        name: `${qualified(r.schema, r.table_name, namespace)}.${String(r.name)}`,
        why: 'a constraint trigger: the model has no constraint triggers; not read',
      })
      continue
    }
    const type = Number(r.type)
    const events = [
      ...(type & INSERT ? ['insert'] : []),
      ...(type & UPDATE ? ['update'] : []),
      ...(type & DELETE ? ['delete'] : []),
      ...(type & TRUNCATE ? ['truncate'] : []),
    ]
    const columns = texts(r.columns)
    const args = triggerArguments(String(r.args ?? ''), Number(r.nargs ?? 0))
    const when = whenOf(String(r.definition ?? ''))
    triggers.push({
      name: String(r.name),
      table: String(r.table_name),
      ...inSchema(r.schema, namespace),
      timing: type & INSTEAD ? 'instead_of' : type & BEFORE ? 'before' : 'after',
      events,
      ...(columns.length > 0 ? { columns } : {}),
      ...(type & ROW ? {} : { level: 'statement' }),
      ...(when !== undefined ? { when } : {}),
      function: qualified(r.function_schema, r.function_name, namespace),
      ...(args.length > 0 ? { arguments: args } : {}),
      ...(ENABLED[String(r.enabled)] ? { enabled: ENABLED[String(r.enabled)] } : {}),
      ...(str(r.comment) !== undefined ? { comment: String(r.comment) } : {}),
    })
  }
  return { triggers, unmodelled }
}

/** The sequences of the document, every option as the catalog holds it. @internal */
export function sequenceObjects(rows: readonly Row[], namespace: string): DocObject[] {
  return rows.map((r) => ({
    name: String(r.name),
    ...inSchema(r.schema, namespace),
    type: String(r.type),
    start: String(r.start),
    increment: String(r.increment),
    minValue: String(r.min_value),
    maxValue: String(r.max_value),
    cache: String(r.cache),
    ...(yes(r.cycle) ? { cycle: true } : {}),
    ...(r.table_name !== null && r.table_name !== undefined
      ? { ownedBy: `${qualified(r.table_schema, r.table_name, namespace)}.${String(r.column_name)}` }
      : {}),
    ...(str(r.comment) !== undefined ? { comment: String(r.comment) } : {}),
    ...grantsField(r.grants),
  }))
}
