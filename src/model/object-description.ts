import { namedGrant } from './grant-description.js'
import { indexShape } from './index-description.js'
import { named, object, optional, type Shape } from './shape.js'
import { array, custom, finite, int, oneOf, text } from './shape-values.js'
import type {
  CompositeType,
  Domain,
  DomainCheck,
  EventSchedule,
  Extension,
  Extra,
  Index,
  Namespace,
  RangeDefinition,
  Routine,
  ScheduledEvent,
  Sequence,
  Trigger,
  TypeAttribute,
  View,
} from './types.js'

// The database objects beside tables and enums (namespaces, extensions, sequences, domains,
// composite types, functions and procedures, views, triggers, MySQL's scheduled events): their fields, described once like the
// tables' in model-description.ts (which holds the schema's list of them). A SQL text field holds
// what the database would print back (`pg_get_viewdef`, `prosrc`), trimmed; the diff compares it
// normalized (src/diff/object-equality.ts), and the dialect's guard checks it before any SQL is written.

const name = text({ trim: true, min: 1, message: 'Name must not be empty' })
const label = text()
const sqlText = text({ trim: true, min: 1 })
const yes = oneOf(true)
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
/** Unknown keys of the input, kept verbatim. */
const extra = optional(custom<Extra>('object', isObject, { type: 'object' }))

/** An integer as decimal text (sequence bounds reach 2^63, beyond JSON numbers). */
const bigintText = custom<string>('integer text', (v) => typeof v === 'string' && /^-?\d{1,20}$/.test(v), {
  type: 'string',
  pattern: '^-?\\d{1,20}$',
})

/** Where an object lives: its namespace when it is not the schema's default one. */
const inNamespace = {
  /** Namespace of the object when it differs from the schema's. */
  schema: optional(label),
}

/**
 * Objects it depends on, as `kind:qualified.name` (`table:users`, `view:reporting.totals`,
 * `function:public.slugify(text)`): what introspection read from the database's own dependency
 * records. Informational: never compared; the planner reads it, else it finds the names the SQL
 * text mentions.
 */
const dependsOn = optional(array(label))

/**
 * PostgreSQL privileges granted on it to roles other than its owner, beyond the defaults
 * (`EXECUTE` to `PUBLIC` on a routine), sorted by grantee. Compared only with the diff's
 * `comparePrivileges` option.
 */
const grants = optional(array(namedGrant))

/** Fields of {@link Namespace}. @internal */
export const namespaceFields = {
  /** Namespace name (`CREATE SCHEMA name`). */
  name,
  /** Comment on the namespace. */
  comment: optional(label),
  /** Privileges on the namespace (`usage`, `create`). */
  grants,
  extra,
}

/** Fields of {@link Extension}. @internal */
export const extensionFields = {
  /** Extension name (`pg_trgm`). */
  name,
  /** Namespace its objects are installed in, when not the schema's. */
  ...inNamespace,
  /** Installed version: reported, compared only with the diff's `compareExtensionVersions`. */
  version: optional(label),
  /** Comment on the extension. */
  comment: optional(label),
  extra,
}

/** Fields of {@link Sequence}. @internal */
export const sequenceFields = {
  name,
  ...inNamespace,
  /** Value type (`smallint`, `integer`, `bigint`); absent means `bigint`. */
  type: optional(oneOf('smallint', 'integer', 'bigint')),
  /** First value; absent means the minimum (the maximum for descending sequences). */
  start: optional(bigintText),
  /** Step; absent means 1. */
  increment: optional(bigintText),
  /** Lowest value; absent means the type's (1 for ascending sequences). */
  minValue: optional(bigintText),
  /** Highest value; absent means the type's (-1 for descending sequences). */
  maxValue: optional(bigintText),
  /** Values cached per session; absent means 1. */
  cache: optional(bigintText),
  /** Wraps around at the end. */
  cycle: optional(yes),
  /** The column it belongs to (`table.column`, qualified when in another namespace): dropped with it. */
  ownedBy: optional(label),
  /** Comment on the sequence. */
  comment: optional(label),
  /** Privileges on the sequence (`usage`, `select`, `update`). */
  grants,
  extra,
}

/** Fields of {@link DomainCheck}. @internal */
export const domainCheckFields = {
  /** Constraint name; absent means the database picks one. */
  name: optional(label),
  /** Boolean SQL expression on `VALUE`. */
  expression: sqlText,
  /** `NOT VALID`: existing values are not checked. */
  notValid: optional(yes),
}

/** Fields of {@link Domain}. @internal */
export const domainFields = {
  name,
  ...inNamespace,
  /** Base type as the database spells it (`text`, `numeric(10,2)`). */
  type: sqlText,
  /** Default as a SQL expression. */
  default: optional(label),
  /** `NOT NULL`. */
  notNull: optional(yes),
  /** Collation of the base type. */
  collation: optional(label),
  /** `CHECK` constraints, sorted by name. */
  checks: optional(array(object(domainCheckFields) as Shape<DomainCheck>)),
  /** Comment on the domain. */
  comment: optional(label),
  extra,
}

/** Fields of {@link TypeAttribute}. @internal */
export const typeAttributeFields = {
  name,
  /** Type as the database spells it. */
  type: sqlText,
  /** Collation of the attribute. */
  collation: optional(label),
}

/** Fields of {@link RangeDefinition}. @internal */
export const rangeFields = {
  /** The subtype as the database spells it (`numeric`, `timestamp with time zone`). */
  subtype: sqlText,
  /** The subtype's b-tree operator class, when not its default (`text_pattern_ops`). */
  subtypeOpclass: optional(label),
  /** Collation of the subtype, when not its default. */
  collation: optional(label),
  /** Canonical function, qualified when in another namespace. */
  canonical: optional(label),
  /** Subtype difference function, qualified when in another namespace. */
  subtypeDiff: optional(label),
  /**
   * Name of its multirange type (PostgreSQL 14+), when not the default: the name with `range`
   * replaced by `multirange`, else with `_multirange` added.
   */
  multirangeTypeName: optional(label),
}

/** Fields of {@link CompositeType}. @internal */
export const compositeTypeFields = {
  name,
  ...inNamespace,
  /** Attributes in declared order (a composite type; absent for a range type). */
  attributes: optional(array(object(typeAttributeFields) as Shape<TypeAttribute>)),
  /** A range type (`CREATE TYPE name AS RANGE (...)`) instead of a composite one. */
  range: optional(object(rangeFields) as Shape<RangeDefinition>),
  /** Comment on the type. */
  comment: optional(label),
  extra,
}

/** Fields of {@link Routine}. @internal */
export const routineFields = {
  name,
  ...inNamespace,
  /** `procedure` for `CREATE PROCEDURE`; absent means a function. */
  kind: optional(oneOf('procedure')),
  /**
   * The argument list as `pg_get_function_arguments` prints it (`a integer, b text DEFAULT 'x'`),
   * empty for none. With the name it identifies the routine (overloads are separate routines).
   */
  arguments: label,
  /** Return type as `pg_get_function_result` prints it (`integer`, `TABLE(id integer)`, `trigger`). */
  returns: optional(label),
  /** Language (`sql`, `plpgsql`); absent means SQL. */
  language: optional(label),
  /**
   * The body without what wraps it: the quoted text as the database stores it (`prosrc`), or, with
   * `bodyKind`, the statements of `BEGIN ATOMIC ... END` or the expression of `RETURN`, as
   * `pg_get_function_sqlbody` prints them.
   */
  body: label,
  /**
   * PostgreSQL 14+ SQL-standard body, parsed when the routine is created (the database records the
   * tables it reads): `atomic` for `BEGIN ATOMIC statements END` (each statement ends with `;`),
   * `return` for `RETURN expression`. Absent means a body written inside a quote (`AS $$...$$`).
   */
  bodyKind: optional(oneOf('atomic', 'return')),
  /** `IMMUTABLE` or `STABLE`; absent means `VOLATILE`. */
  volatility: optional(oneOf('immutable', 'stable')),
  /** `STRICT` (`RETURNS NULL ON NULL INPUT`). */
  strict: optional(yes),
  /** `SECURITY DEFINER`. */
  securityDefiner: optional(yes),
  /** `LEAKPROOF`. */
  leakproof: optional(yes),
  /** `PARALLEL SAFE` or `RESTRICTED`; absent means `UNSAFE`. */
  parallel: optional(oneOf('safe', 'restricted')),
  /**
   * PostgreSQL `COST`: the planner's estimate of its execution cost, in units of `cpu_operator_cost`.
   * Absent means PostgreSQL's default, which compares equal when stated: 1 for C and internal
   * functions, 100 for the rest.
   */
  cost: optional(finite),
  /**
   * PostgreSQL `ROWS`: the rows a set-returning function is estimated to return. Absent means
   * PostgreSQL's default, 1000 (which compares equal when stated).
   */
  rows: optional(finite),
  /** `SET name = value` settings (`search_path=public`), as `name=value`, sorted. */
  config: optional(array(label)),
  /** MySQL/MariaDB: `DETERMINISTIC`. */
  deterministic: optional(yes),
  /** MySQL/MariaDB: `READS SQL DATA`, `MODIFIES SQL DATA`, `NO SQL`, `CONTAINS SQL` (the default when absent). */
  dataAccess: optional(oneOf('no_sql', 'reads_sql_data', 'modifies_sql_data')),
  /** Comment on the routine. */
  comment: optional(label),
  /** Privileges on the routine (`execute`). */
  grants,
  /**
   * PostgreSQL: `false` when `PUBLIC` lacks the `EXECUTE` every new routine gives it (`REVOKE EXECUTE
   * ON FUNCTION f FROM PUBLIC`); absent means that default holds. Compared only with the diff's
   * `comparePrivileges` option.
   */
  publicExecute: optional(oneOf(false)),
  dependsOn,
  extra,
}

/** Fields of {@link View}. @internal */
export const viewFields = {
  name,
  ...inNamespace,
  /** `MATERIALIZED VIEW`. */
  materialized: optional(yes),
  /** The query (`SELECT ...`) as the database prints it, without a trailing `;`. */
  definition: sqlText,
  /** Column names given to the view (`CREATE VIEW v (a, b) AS ...`), when they differ from the query's. */
  columns: optional(array(name)),
  /** `WITH LOCAL | CASCADED CHECK OPTION`. */
  checkOption: optional(oneOf('local', 'cascaded')),
  /** PostgreSQL `security_barrier`. */
  securityBarrier: optional(yes),
  /** PostgreSQL 15 `security_invoker`. */
  securityInvoker: optional(yes),
  /** Materialized: created `WITH NO DATA` (not populated). */
  withNoData: optional(yes),
  /**
   * Materialized: its indexes, the shape of a table's (written `columns` in the document), sorted by
   * name. Created after the view, and again whenever the view is.
   */
  indexes: optional(array(indexShape as Shape<Index>)),
  /** MySQL/MariaDB `ALGORITHM` (`merge`, `temptable`); absent means `UNDEFINED`. */
  algorithm: optional(oneOf('merge', 'temptable')),
  /** MySQL/MariaDB `SQL SECURITY INVOKER`; absent means `DEFINER`. */
  sqlSecurity: optional(oneOf('invoker')),
  /** Comment on the view. */
  comment: optional(label),
  /**
   * PostgreSQL: the role that owns it (`ALTER ... OWNER TO`). Compared only when both versions state
   * one (absent means whoever owns it); introspection reads it with the `owners` option.
   */
  owner: optional(label),
  dependsOn,
  extra,
}

/** Fields of {@link Trigger}. @internal */
export const triggerFields = {
  name,
  /** The table (or view, for `INSTEAD OF`) it fires on. */
  table: name,
  ...inNamespace,
  /** When it fires. */
  timing: oneOf('before', 'after', 'instead_of'),
  /** The events it fires on, in this order: insert, update, delete, truncate. */
  events: array(oneOf('insert', 'update', 'delete', 'truncate'), { min: 1, message: 'A trigger needs an event' }),
  /** `UPDATE OF` columns. */
  columns: optional(array(name)),
  /** `FOR EACH STATEMENT`; absent means `FOR EACH ROW`. */
  level: optional(oneOf('statement')),
  /** `WHEN (condition)`. */
  when: optional(sqlText),
  /** PostgreSQL: the function it executes, qualified when in another namespace (`audit.log_change`). */
  function: optional(label),
  /** PostgreSQL: the function's arguments, as string literals' values. */
  arguments: optional(array(label)),
  /** MySQL/MariaDB and SQLite: the statement it runs (`BEGIN ... END` for several). */
  body: optional(sqlText),
  /** PostgreSQL `ENABLE REPLICA | ALWAYS` or `DISABLE`; absent means enabled (origin). */
  enabled: optional(oneOf('disabled', 'replica', 'always')),
  /** MySQL/MariaDB order among triggers of the same timing and event (`FOLLOWS` / `PRECEDES`), 1-based. */
  order: optional(int({ min: 1 })),
  /** Comment on the trigger. */
  comment: optional(label),
  extra,
}

/** A date and time as `YYYY-MM-DD HH:MM:SS` (how MySQL prints DATETIME), written as a string literal. */
const dateTime = custom<string>(
  'date and time (YYYY-MM-DD HH:MM:SS)',
  (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v),
  { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$' },
)

/** An interval's value as MySQL prints it, without quotes: `1`, `1 4` (DAY_HOUR), `1:30` (HOUR_MINUTE). */
const intervalValue = custom<string>(
  'interval value (digits, parts separated by space, colon, dot or dash)',
  (v) => typeof v === 'string' && /^\d+([ :.-]\d+)*$/.test(v),
  { type: 'string', pattern: '^\\d+([ :.-]\\d+)*$' },
)

/** The units of `EVERY n unit` (MySQL's interval units without microseconds), in lower case. @internal */
export const EVENT_UNITS = [
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'year_month',
  'day_hour',
  'day_minute',
  'day_second',
  'hour_minute',
  'hour_second',
  'minute_second',
] as const

/** Fields of {@link EventSchedule}. @internal */
export const eventScheduleFields = {
  /** One-time event: `AT 'YYYY-MM-DD HH:MM:SS'` (the time the server computed, for `AT ... + INTERVAL`). */
  at: optional(dateTime),
  /** Recurring event: the value of `EVERY value unit` (`1`, `1 4`). */
  every: optional(intervalValue),
  /** The unit of `every` (`day`, `day_hour`). */
  unit: optional(oneOf(...EVENT_UNITS)),
  /** Recurring: `STARTS`; absent means from its creation (or the last change of its schedule). */
  starts: optional(dateTime),
  /** Recurring: `ENDS`; absent means never. */
  ends: optional(dateTime),
}

/** Fields of {@link ScheduledEvent}. @internal */
export const eventFields = {
  /** Event name. */
  name,
  ...inNamespace,
  /** When it runs: `at` once, or `every` + `unit` (with `starts`, `ends`). */
  schedule: object(eventScheduleFields) as Shape<EventSchedule>,
  /** `ON COMPLETION PRESERVE`: kept once it will not run again; absent means dropped (`NOT PRESERVE`). */
  preserve: optional(yes),
  /** `DISABLE` or `DISABLE ON SLAVE`; absent means `ENABLE`. */
  status: optional(oneOf('disabled', 'disabled_on_slave')),
  /** Comment on the event. */
  comment: optional(label),
  /** The statement after `DO`: one statement without `;`, or one `BEGIN ... END` block. */
  body: sqlText,
  dependsOn,
  extra,
}

/** Each object kind's shape, as its list in the schema holds it. @internal */
export const objectShapes = {
  namespace: object(namespaceFields),
  extension: object(extensionFields),
  sequence: object(sequenceFields),
  domain: object(domainFields),
  type: object(compositeTypeFields),
  function: object(routineFields),
  view: object(viewFields),
  trigger: object(triggerFields),
  event: object(eventFields),
} as const

/** The shapes under the names their JSON Schema definitions take. @internal */
export const namedObjectShapes = {
  namespace: named('namespace', objectShapes.namespace) as Shape<Namespace>,
  extension: named('extension', objectShapes.extension) as Shape<Extension>,
  sequence: named('sequence', objectShapes.sequence) as Shape<Sequence>,
  domain: named('domain', objectShapes.domain) as Shape<Domain>,
  type: named('compositeType', objectShapes.type) as Shape<CompositeType>,
  function: named('routine', objectShapes.function) as Shape<Routine>,
  view: named('view', objectShapes.view) as Shape<View>,
  trigger: named('trigger', objectShapes.trigger) as Shape<Trigger>,
  event: named('event', objectShapes.event) as Shape<ScheduledEvent>,
}

/** Each object kind's fields. @internal */
export const objectFields = {
  namespace: namespaceFields,
  extension: extensionFields,
  type: compositeTypeFields,
  domain: domainFields,
  sequence: sequenceFields,
  function: routineFields,
  view: viewFields,
  trigger: triggerFields,
  event: eventFields,
} as const
