import type { Column, Constraint, Index, Schema, Table } from '../../src/index.js'
import { defineSchema, parseColumnType } from '../../src/index.js'

// Prisma's own view of a generated schema.prisma, read back into the model: `get_dmmf` reports the
// models, fields (types, native types, defaults, nullability), keys, unique and normal indexes,
// relations with their actions, and enums. The test diffs that schema against the document (with
// what Prisma cannot express taken out, as the warnings list it), so every attribute is compared by
// the project's own equivalence rules, not by string matching.

export type Provider = 'postgresql' | 'mysql' | 'sqlite'

interface DmmfField {
  name: string
  dbName?: string | null
  kind: 'scalar' | 'enum' | 'object' | 'unsupported'
  isList: boolean
  isRequired: boolean
  type: string
  nativeType?: [string, string[]] | null
  default?: unknown
  relationFromFields?: string[]
  relationToFields?: string[]
  relationOnDelete?: string
  relationOnUpdate?: string
}
interface DmmfModel {
  name: string
  dbName: string | null
  fields: DmmfField[]
}
interface DmmfIndex {
  model: string
  type: 'id' | 'unique' | 'normal' | 'fulltext'
  dbName?: string | null
  algorithm?: string
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[]
}
export interface Datamodel {
  models: DmmfModel[]
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[]
  indexes: DmmfIndex[]
}

// The database type of a Prisma scalar without @db.* (Prisma's documented default mappings).
const DEFAULT_TYPE: Readonly<Record<Provider, Readonly<Record<string, string>>>> = {
  postgresql: {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double',
    Decimal: 'decimal(65,30)',
    Boolean: 'boolean',
    DateTime: 'timestamp(3)',
    Json: 'jsonb',
    Bytes: 'bytea',
  },
  mysql: {
    String: 'varchar(191)',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double',
    Decimal: 'decimal(65,30)',
    Boolean: 'boolean',
    DateTime: 'timestamp(3)',
    Json: 'json',
    Bytes: 'longblob',
  },
  // SQLite has no native types in Prisma: a scalar is a family (see sqliteFamily).
  sqlite: {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double',
    Decimal: 'decimal',
    Boolean: 'boolean',
    DateTime: 'timestamp',
    Json: 'json',
    Bytes: 'blob',
  },
}

/** `@db.VarChar(20)` -> `varchar(20)`, `@db.UnsignedInt` -> `integer unsigned`, ... as SQL text. */
function nativeSql([name, args]: [string, string[]], provider: Provider): string {
  const unsigned = name.startsWith('Unsigned')
  const base = unsigned ? name.slice('Unsigned'.length) : name
  const renamed: Record<string, string> = {
    DoublePrecision: 'double precision',
    ByteA: 'bytea',
    JsonB: 'jsonb',
    Timetz: 'time with time zone',
    Timestamptz: 'timestamp with time zone',
    Int: 'integer',
    // MySQL: DATETIME is the local timestamp, TIMESTAMP the instant.
    ...(provider === 'mysql' ? { DateTime: 'timestamp', Timestamp: 'timestamp with time zone' } : {}),
  }
  const word = renamed[base] ?? base.toLowerCase()
  const sized = args.length ? word.replace(/^(\w+)/, `$1(${args.join(',')})`) : word
  return `${sized}${unsigned ? ' unsigned' : ''}`
}

/** SQLite: the Prisma scalar family of a column type (Prisma declares nothing finer there). */
export function sqliteFamily(type: string): string {
  const kind = parseColumnType(type).kind
  const families: Record<string, string> = {
    smallint: 'integer',
    integer: 'integer',
    char: 'text',
    varchar: 'text',
    real: 'double',
    float: 'double',
    date: 'timestamp',
  }
  return families[kind] ?? type
}

function defaultOf(field: DmmfField, enumDbValue: (value: string) => string): Partial<Column> {
  const d = field.default
  if (d === undefined) return {}
  if (typeof d === 'number') return { default: String(d) }
  if (typeof d === 'boolean') return { default: String(d) }
  if (typeof d === 'string') {
    const value = field.kind === 'enum' ? enumDbValue(d) : d
    return { default: `'${value.replace(/'/g, "''")}'` }
  }
  const call = d as { name: string; args: unknown[] }
  if (call.name === 'autoincrement') return { autoincrement: true }
  if (call.name === 'now') return { default: 'now()' }
  if (call.name === 'dbgenerated') return { default: String(call.args[0]) }
  throw new Error(`unexpected default ${JSON.stringify(d)} on ${field.name}`)
}

/** The schema Prisma reports for a generated schema.prisma. */
export function schemaFromDmmf(datamodel: Datamodel, provider: Provider): Schema {
  const modelsByName = new Map(datamodel.models.map((m) => [m.name, m]))
  const tableName = (model: string) => {
    const m = modelsByName.get(model) as DmmfModel
    return m.dbName ?? m.name
  }
  const enumByName = new Map(datamodel.enums.map((e) => [e.name, e]))
  const tables = datamodel.models.map((model) => {
    const dbName = (field: string) => {
      const f = model.fields.find((x) => x.name === field) as DmmfField
      return f.dbName ?? f.name
    }
    const columns = model.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => {
        const e = f.kind === 'enum' ? enumByName.get(f.type) : undefined
        let type = e
          ? (e.dbName ?? e.name)
          : f.nativeType && provider !== 'sqlite'
            ? nativeSql(f.nativeType, provider)
            : (DEFAULT_TYPE[provider][f.type] ?? f.type)
        if (f.isList) type = `${type}[]`
        const enumDbValue = (v: string) => e?.values.find((x) => x.name === v)?.dbName ?? v
        return { name: f.dbName ?? f.name, type, nullable: !f.isRequired, ...defaultOf(f, enumDbValue) }
      })
    const indexes = datamodel.indexes.filter((ix) => ix.model === model.name)
    const constraints: object[] = []
    const plainIndexes: object[] = []
    for (const ix of indexes) {
      const cols = ix.fields.map((f) => dbName(f.name))
      if (ix.type === 'id') constraints.push({ type: 'primary_key', name: ix.dbName ?? undefined, columns: cols })
      else if (ix.type === 'unique') constraints.push({ type: 'unique', name: ix.dbName ?? undefined, columns: cols })
      else {
        plainIndexes.push({
          name: ix.dbName ?? undefined,
          columns: ix.fields.map((f) =>
            f.sortOrder === 'desc' ? { column: dbName(f.name), descending: true } : dbName(f.name),
          ),
          ...(ix.algorithm && ix.algorithm !== 'BTree' ? { using: ix.algorithm.toLowerCase() } : {}),
        })
      }
    }
    // Foreign keys: the relation fields that hold `fields:`. DMMF does not report a key's database
    // name (`map:`), so keys are compared without names (the validator checked `map:` is accepted).
    const ACTIONS: Record<string, string> = {
      Cascade: 'cascade',
      SetNull: 'set_null',
      Restrict: 'restrict',
      SetDefault: 'set_default',
      NoAction: 'no_action',
    }
    for (const f of model.fields.filter((x) => x.kind === 'object' && x.relationFromFields?.length)) {
      const target = modelsByName.get(f.type) as DmmfModel
      const targetDbName = (field: string) => {
        const t = target.fields.find((x) => x.name === field) as DmmfField
        return t.dbName ?? t.name
      }
      constraints.push({
        type: 'foreign_key',
        columns: (f.relationFromFields ?? []).map(dbName),
        referencedTable: tableName(f.type),
        referencedColumns: (f.relationToFields ?? []).map(targetDbName),
        ...(f.relationOnDelete ? { onDelete: ACTIONS[f.relationOnDelete] } : {}),
        ...(f.relationOnUpdate ? { onUpdate: ACTIONS[f.relationOnUpdate] } : {}),
      })
    }
    return { name: model.dbName ?? model.name, columns, constraints, indexes: plainIndexes }
  })
  const enums = datamodel.enums.map((e) => ({
    name: e.dbName ?? e.name,
    values: e.values.map((v) => v.dbName ?? v.name),
  }))
  return defineSchema({ tables, enums } as Parameters<typeof defineSchema>[0])
}

/**
 * The document as Prisma can state it, with what the warnings say is not written taken out: checks,
 * comments, collations, generated columns (plain fields), identities (autoincrement), partial and
 * expression indexes, deferrable keys, key names, Unsupported(...) columns (not in the DMMF), foreign
 * keys joining columns of different types (`droppedKeys`, by relation name), unique
 * indexes (Prisma has one @@unique for both), nullable lists (required lists), SQLite type families.
 */
export function prismaImage(
  doc: Schema,
  provider: Provider,
  unsupportedColumns: ReadonlySet<string>,
  droppedKeys: ReadonlySet<string>,
): Schema {
  const table = (t: Table): Table => {
    const kept = (c: string) => !unsupportedColumns.has(`${t.name}.${c}`)
    const columns = t.columns
      .filter((c) => kept(c.name))
      .map((c): Column => {
        const { comment: _c, collation: _l, generated: _g, identity, ...rest } = c
        let type = c.type
        if (provider === 'sqlite') type = parseColumnType(sqliteFamily(c.type.kind))
        // PostgreSQL's bare float is double precision.
        if (provider === 'postgresql' && type.kind === 'float') type = { kind: 'double' }
        return {
          ...rest,
          type,
          ...(identity ? { autoincrement: true as const } : {}),
          ...(c.type.kind === 'array' ? { nullable: false } : {}),
        }
      })
    const constraints = t.constraints
      .filter((c) => c.type !== 'check' && c.type !== 'exclude' && c.columns.every(kept))
      .filter((c) => c.type !== 'foreign_key' || !droppedKeys.has(c.name ?? `${t.name}_${c.columns.join('_')}_fkey`))
      .map((c): Constraint => {
        if (c.type === 'unique') {
          const { nullsNotDistinct: _n, ...u } = c
          return u
        }
        if (c.type !== 'foreign_key') return c
        const { deferrable: _d, initiallyDeferred: _i, match: _m, name: _n, ...fk } = c
        return fk
      })
    const plain = (x: Index) =>
      x.where === undefined &&
      !x.include?.length &&
      !x.nullsNotDistinct &&
      x.parts.every((p) => p.column !== undefined && kept(p.column) && !p.nulls && p.collation === undefined)
    const uniques = t.indexes.filter((x) => plain(x) && x.unique)
    const { comment: _comment, ...rest } = t
    return {
      ...rest,
      columns,
      constraints: [
        ...constraints,
        ...uniques.map(
          (x): Constraint => ({
            type: 'unique',
            ...(x.name === undefined ? {} : { name: x.name }),
            columns: x.parts.map((p) => p.column!),
          }),
        ),
      ],
      indexes: t.indexes.filter((x) => plain(x) && !x.unique),
    }
  }
  const enums = provider === 'sqlite' ? [] : doc.enums.map(({ comment: _c, ...e }) => e)
  return { ...doc, tables: doc.tables.map(table), enums }
}
