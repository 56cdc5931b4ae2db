import {
  columnFields,
  columnList,
  constraintShapes,
  enumFields,
  indexFields,
  indexPartFields,
  name,
  schemaFields,
  sqlText,
  tableFields,
} from './model-description.js'
import { objectFields } from './object-description.js'
import type { ObjectKind } from './object-kinds.js'
import { described, type Fields, nullish, type ObjectShape, object, optional, type Shape } from './shape.js'
import { anything, array, bool, finite, int, list, nullValue, oneOf, record, text, union } from './shape-values.js'

// The documents schemaledger reads. Two shapes are accepted:
//  - the canonical shape written by serializeSchema (`{"format": "schemaledger/1", ...}`): the model
//    itself, derived here from its description (model-description.ts) with the few differences a
//    document has (a type is spelled as text, an index lists `columns`, unknown keys sit in `extra`);
//  - the SQLAlchemy shape (`{"metadata": {"schema_name", "tables": [...]}}`, snake_case keys), another
//    tool's format, described here.
// Objects are loose: keys not listed are kept in `extra` by the readers, never dropped. Lists of
// tables, columns, constraints and indexes are checked item by item by the readers, so each item's
// issues carry its own path; constraints are checked per `type` so that errors name the field.

/** A column's type as the SQLAlchemy shape spells it: SQLAlchemy always names one. */
const typeSpelling = text({ trim: true, min: 1, message: 'Type must not be empty' })
/** A column's type as the canonical document spells it: empty is no declared type (SQLite's `CREATE TABLE t (data)`). */
const canonicalTypeSpelling = text({ trim: true })
const optionalText = nullish(text())

/**
 * `fields` as a document shape: without `extra` (unknown keys and an `extra` object are both read
 * into it), with some fields replaced or renamed, and the `leading` keys first (documents written
 * before the model had one description keep their key order, so their bytes stay the same).
 */
function documentFields<
  F extends Fields,
  const R extends { readonly [K in keyof F]?: Shape<unknown> } = {},
  const N extends { readonly [K in keyof F]?: string } = {},
>(
  fields: F,
  options: { readonly replace?: R; readonly rename?: N; readonly leading?: readonly (keyof F & string)[] } = {},
): {
  [K in keyof F as K extends 'extra' ? never : K extends keyof N ? N[K] & string : K]: K extends keyof R ? R[K] : F[K]
} {
  const { replace = {} as R, rename = {} as N, leading = [] } = options
  const keys = [...leading, ...Object.keys(fields).filter((k) => !leading.includes(k))].filter((k) => k !== 'extra')
  const replaced = replace as Readonly<Record<string, Shape<unknown>>>
  const renamed = rename as Readonly<Record<string, string>>
  return Object.fromEntries(keys.map((k) => [renamed[k] ?? k, replaced[k] ?? fields[k]])) as never
}

/** `fields` with null accepted for every optional one (as SQLAlchemy tools write "absent"). */
function nullable<F extends Fields, const R extends { readonly [K in keyof F]?: Shape<unknown> } = {}>(
  fields: F,
  replace: R = {} as R,
) {
  const replaced = replace as Readonly<Record<string, Shape<unknown>>>
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k !== 'extra')
      .map(([k, shape]) => {
        const s = replaced[k] ?? shape
        return [k, shape.optional ? nullish(s) : s]
      }),
  ) as {
    [K in keyof F as K extends 'extra' ? never : K]: F[K] extends { readonly optional: true }
      ? ReturnType<typeof nullish<K extends keyof R ? NonNullable<R[K]> : F[K]>>
      : F[K]
  }
}

/** One key part of an index, in both shapes: a column name, or the model's part where null means absent. */
export const indexPart = union(
  name,
  object({ ...nullable(indexPartFields, { descending: bool }), column: optional(name), expression: optional(sqlText) }),
)

/** A schema-level enum, in both shapes. */
export const enumDocument = object(nullable(enumFields))

// ---- The canonical shape ----

/**
 * The format tag of the canonical document.
 *
 * @example
 * ```ts
 * JSON.parse(serializeSchema(schema)).format === CANONICAL_FORMAT // 'schemaledger/1'
 * ```
 */
export const CANONICAL_FORMAT = 'schemaledger/1'

/** A column in the canonical shape: the model's column, its type spelled as text. */
export const canonicalColumn = object(documentFields(columnFields, { replace: { type: canonicalTypeSpelling } }))

/** Constraints in the canonical shape by `type`: the model's, with null accepted for no name. */
export const canonicalConstraints = {
  primary_key: canonicalConstraint(constraintShapes.primary_key),
  unique: canonicalConstraint(constraintShapes.unique),
  foreign_key: canonicalConstraint(constraintShapes.foreign_key, ['type', 'name', 'columns', 'referencedSchema']),
  check: canonicalConstraint(constraintShapes.check),
  exclude: canonicalConstraint(constraintShapes.exclude),
}

function canonicalConstraint<F extends Fields & { readonly name: Shape<unknown> }>(
  shape: ObjectShape<F>,
  leading: readonly (keyof F & string)[] = [],
) {
  return object(documentFields(shape.fields, { replace: { name: optionalText }, leading }))
}

/** What every constraint has, whatever its shape: a `type` (then read by it) and maybe a name. */
export const constraintHead = object({
  type: text({ min: 1, message: 'Constraint type must not be empty' }),
  name: optionalText,
})

/** An index in the canonical shape: the model's index, its parts listed as `columns`. */
export const canonicalIndex = object(
  documentFields(indexFields, {
    replace: { parts: array(indexPart, { min: 1, message: 'An index needs at least one column or expression' }) },
    rename: { parts: 'columns' },
    leading: ['name', 'parts', 'unique', 'using', 'include'],
  }),
)

const anyCanonicalConstraint = union(...Object.values(canonicalConstraints))

/** A table in the canonical shape: the model's table, its lists of constraints and indexes optional. */
export const canonicalTable = object(
  documentFields(tableFields, {
    replace: {
      columns: list(canonicalColumn),
      constraints: optional(list(anyCanonicalConstraint)),
      indexes: optional(list(canonicalIndex)),
    },
    leading: ['name', 'schema', 'comment'],
  }),
)

/**
 * Each object kind beside tables and enums in a document (both shapes): the model's object, its
 * unknown keys at the top level or under `extra`.
 */
export const objectDocuments = {
  namespace: object(documentFields(objectFields.namespace)),
  extension: object(documentFields(objectFields.extension)),
  type: object(documentFields(objectFields.type)),
  domain: object(documentFields(objectFields.domain)),
  sequence: object(documentFields(objectFields.sequence)),
  function: object(documentFields(objectFields.function)),
  // A materialized view's indexes are written as a table's are (`columns`).
  view: object(documentFields(objectFields.view, { replace: { indexes: optional(list(canonicalIndex)) } })),
  trigger: object(documentFields(objectFields.trigger)),
  event: object(documentFields(objectFields.event)),
} satisfies Readonly<Record<ObjectKind, Shape<unknown>>>

/** The lists of objects beside tables and enums, item by item checked by the reader. */
const objectLists = {
  namespaces: optional(list(objectDocuments.namespace)),
  extensions: optional(list(objectDocuments.extension)),
  types: optional(list(objectDocuments.type)),
  domains: optional(list(objectDocuments.domain)),
  sequences: optional(list(objectDocuments.sequence)),
  functions: optional(list(objectDocuments.function)),
  views: optional(list(objectDocuments.view)),
  triggers: optional(list(objectDocuments.trigger)),
  events: optional(list(objectDocuments.event)),
}

/** The canonical document written by `serializeSchema`. */
export const canonicalDocument = described(
  'The canonical document written by serializeSchema',
  object({
    format: oneOf(CANONICAL_FORMAT),
    ...documentFields(schemaFields, {
      replace: { tables: list(canonicalTable), enums: optional(list(enumDocument)), ...objectLists },
      leading: ['name', 'enums'],
    }),
  }),
)

// ---- The SQLAlchemy shape ----

/** A server default as written by SQLAlchemy tools: SQL text, or a bare number/boolean. */
const serverDefault = nullish(union(text(), finite, bool))

const foreignKeyShorthand = union(
  text({ min: 1 }),
  object({
    target: optional(text({ min: 1 })),
    column: optional(text({ min: 1 })),
    name: optionalText,
    ondelete: optionalText,
    onupdate: optionalText,
    deferrable: nullish(bool),
    initially: optionalText,
  }),
)

const countOrNull = nullish(int({ min: 0 }))
const flag = nullish(bool)

/** A column in the SQLAlchemy shape. */
export const sqlalchemyColumn = object({
  name,
  type: typeSpelling,
  length: countOrNull,
  precision: countOrNull,
  scale: countOrNull,
  timezone: flag,
  nullable: flag,
  primary_key: flag,
  unique: flag,
  index: flag,
  autoincrement: nullish(union(bool, oneOf('auto', 'ignore_fk'))),
  default: optional(anything),
  server_default: serverDefault,
  comment: optionalText,
  collation: optionalText,
  enum_name: optionalText,
  enum_schema: optionalText,
  values: nullish(array(text())),
  identity: nullish(
    object({
      always: flag,
      start: nullish(int()),
      increment: nullish(int()),
      minvalue: nullish(int()),
      maxvalue: nullish(int()),
      cache: nullish(int({ min: 1 })),
      cycle: flag,
    }),
  ),
  computed: nullish(object({ sqltext: text({ min: 1 }), persisted: flag })),
  foreign_key: nullish(foreignKeyShorthand),
  foreign_keys: nullish(array(foreignKeyShorthand)),
})

/** `PrimaryKeyConstraint` / `UniqueConstraint` in the SQLAlchemy shape, without `type` and `name`. */
export const sqlalchemyKeyConstraint = object({
  columns: columnList,
  deferrable: flag,
  initially: optionalText,
  nulls_not_distinct: flag,
})

/** `ForeignKeyConstraint` in the SQLAlchemy shape, without `type` and `name`. */
export const sqlalchemyForeignKey = object({
  columns: columnList,
  referred_table: name,
  referred_schema: optionalText,
  referred_columns: columnList,
  ondelete: optionalText,
  onupdate: optionalText,
  deferrable: flag,
  initially: optionalText,
  match: optionalText,
})

/** `CheckConstraint` in the SQLAlchemy shape, without `type` and `name`. */
export const sqlalchemyCheck = object({
  sqltext: text({ trim: true, min: 1, message: 'Check expression must not be empty' }),
  deferrable: flag,
  initially: optionalText,
})

/**
 * `ExcludeConstraint` (SQLAlchemy's PostgreSQL dialect) in the SQLAlchemy shape, without `type` and
 * `name`: `elements` as `[column or expression, operator]` pairs, `ops` the operator class per
 * column, `using` the access method, `where` the predicate.
 */
export const sqlalchemyExclude = object({
  elements: array(list(text({ trim: true, min: 1 })), { min: 1, message: 'At least one element is required' }),
  using: optionalText,
  where: optionalText,
  ops: nullish(record(text())),
  deferrable: flag,
  initially: optionalText,
})

/** An index in the SQLAlchemy shape (reflection's `column_sorting` and `dialect_options` included). */
export const sqlalchemyIndex = object({
  name: optionalText,
  columns: nullish(array(union(indexPart, nullValue))),
  expressions: nullish(array(sqlText)),
  unique: flag,
  where: optionalText,
  using: optionalText,
  include: nullish(array(name)),
  nulls_not_distinct: flag,
  column_sorting: nullish(record(array(text()))),
  dialect_options: nullish(record(anything)),
})

/** A constraint of the SQLAlchemy shape with its documented `type` spellings, for the JSON Schema. */
const sqlalchemyConstraint = union(
  ...[
    [oneOf('PrimaryKeyConstraint', 'UniqueConstraint'), sqlalchemyKeyConstraint],
    [oneOf('ForeignKeyConstraint'), sqlalchemyForeignKey],
    [oneOf('CheckConstraint'), sqlalchemyCheck],
    [oneOf('ExcludeConstraint'), sqlalchemyExclude],
  ].map(([type, body]) =>
    object({ ...(body as ObjectShape<Fields>).fields, type: type as Shape<string>, name: optionalText }),
  ),
)

/** A table in the SQLAlchemy shape. */
export const sqlalchemyTable = object({
  name,
  schema: optionalText,
  columns: list(sqlalchemyColumn),
  constraints: nullish(list(sqlalchemyConstraint)),
  indexes: nullish(list(sqlalchemyIndex)),
  comment: optionalText,
  /** SQLAlchemy's `Table(..., mysql_engine=...)` and the other MySQL table options. */
  mysql_engine: optionalText,
  mysql_charset: optionalText,
  mysql_collate: optionalText,
  mysql_row_format: optionalText,
  /** SQLAlchemy's `Table(..., sqlite_with_rowid=False)`: SQLite `WITHOUT ROWID`. */
  sqlite_with_rowid: flag,
  /** SQLAlchemy's `Table(..., sqlite_strict=True)`: SQLite `STRICT`. */
  sqlite_strict: flag,
  /** SQLAlchemy's `Table(..., postgresql_partition_by='RANGE (at)')`. */
  postgresql_partition_by: optionalText,
  /** SQLAlchemy's `Table(..., postgresql_with={'fillfactor': 70})`: storage parameters. */
  postgresql_with: nullish(record(union(text(), finite, bool))),
  /** SQLAlchemy's `Table(..., postgresql_inherits='cities')` (a name or a list of names). */
  postgresql_inherits: nullish(union(text({ min: 1 }), array(text({ min: 1 })))),
  /** SQLAlchemy's `Table(..., prefixes=['UNLOGGED'])`. */
  prefixes: nullish(array(text())),
})

/** The SQLAlchemy document body (the object under `metadata`). */
export const sqlalchemyMetadata = object({
  schema_name: optionalText,
  tables: list(sqlalchemyTable),
  enums: nullish(list(enumDocument)),
  // SQLAlchemy has no views, functions or triggers (Sequence aside): these lists are the canonical
  // shape's, so that one document can carry a database's objects beside its tables.
  ...objectLists,
})

/** The SQLAlchemy document, as its JSON Schema describes it (`metadata` may also be the document itself). */
export const sqlalchemyDocument = described(
  'A document in the shape SQLAlchemy-based tools write',
  object({ metadata: sqlalchemyMetadata }),
)
