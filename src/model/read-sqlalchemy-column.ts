import { sqlalchemyColumn } from './document-schema.js'
import { readTypeSpelling } from './parse-column-type.js'
import { compact, extraKeys, type ReadContext } from './read-context.js'
import { parseReferentialAction } from './referential-action.js'
import type { Output } from './shape.js'
import { readSpelledType, type SpelledType } from './spelled-type.js'
import type { Column, EnumDefinition, ForeignKeyConstraint } from './types.js'

const KNOWN_COLUMN_KEYS = new Set(sqlalchemyColumn.keys.filter((k) => k !== 'default'))

/** What one SQLAlchemy column contributes to its table besides the column itself. */
export interface ColumnContribution {
  readonly column: Column
  readonly primaryKey: boolean
  readonly unique: boolean
  readonly index: boolean
  /** SQLAlchemy `autoincrement: "auto"`: resolved once the primary key is known. */
  readonly autoincrementAuto: boolean
  readonly foreignKeys: readonly ForeignKeyConstraint[]
  /** Enum declared through the column (`"type": "Enum"` with `enum_name`, `values` and maybe `enum_schema`). */
  readonly declaredEnum?: EnumDefinition
}

type SqlalchemyColumn = Output<typeof sqlalchemyColumn>

/** Reads one column of the SQLAlchemy shape; undefined (with issues recorded) when it is invalid. */
export function readSqlalchemyColumn(raw: unknown, path: string, ctx: ReadContext): ColumnContribution | undefined {
  const c = ctx.check(sqlalchemyColumn, raw, path)
  if (!c) return undefined
  const spelled = withEnumSchema(readType(c), c.enum_schema ?? undefined)
  const type = spelled.type
  let declaredEnum: EnumDefinition | undefined
  if (type.kind === 'enum' && type.name && c.values) {
    const schema = type.schema === undefined ? {} : { schema: type.schema }
    declaredEnum = ctx.at({ name: type.name, ...schema, values: c.values }, `${path}.values`)
  }
  const column = ctx.at(buildColumn(c, spelled), path)
  let foreignKeys: readonly ForeignKeyConstraint[] = NO_FOREIGN_KEYS
  if (c.foreign_key || c.foreign_keys) {
    const list: ForeignKeyConstraint[] = []
    if (c.foreign_key) addForeignKey(list, readForeignKeyShorthand(c.foreign_key, c.name, `${path}.foreign_key`, ctx))
    if (c.foreign_keys) {
      for (const [i, fk] of c.foreign_keys.entries())
        addForeignKey(list, readForeignKeyShorthand(fk, c.name, `${path}.foreign_keys[${i}]`, ctx))
    }
    foreignKeys = list
  }
  const contribution = {
    column,
    primaryKey: c.primary_key === true,
    unique: c.unique === true,
    index: c.index === true,
    autoincrementAuto: c.autoincrement === 'auto',
    foreignKeys,
  }
  return declaredEnum === undefined ? contribution : { ...contribution, declaredEnum }
}

const NO_FOREIGN_KEYS: readonly ForeignKeyConstraint[] = []

/**
 * The model column, keys in the model's order and absent when undefined (what `compact` of the full
 * literal gives). The usual shapes are written as literals: this runs for every column of a document,
 * and an object that gets keys added after it was created costs twice as much to build.
 */
function buildColumn(c: SqlalchemyColumn, spelled: SpelledType): Column {
  const name = c.name
  const type = spelled.type
  const nullable = c.nullable ?? !c.primary_key
  const serverDefault = readServerDefault(c.server_default)
  const autoincrement = c.autoincrement === true || spelled.serial ? (true as const) : undefined
  const collation = c.collation ?? spelled.collation
  const comment = c.comment ?? undefined
  const extra = extraKeys(c, KNOWN_COLUMN_KEYS)
  if (!c.identity && !c.computed && collation === undefined && comment === undefined && extra === undefined) {
    if (serverDefault === undefined)
      return autoincrement ? { name, type, nullable, autoincrement } : { name, type, nullable }
    return autoincrement
      ? { name, type, nullable, default: serverDefault, autoincrement }
      : { name, type, nullable, default: serverDefault }
  }
  return compact({
    name,
    type,
    nullable,
    default: serverDefault,
    autoincrement,
    identity: c.identity
      ? compact({
          generation: c.identity.always ? ('always' as const) : ('by_default' as const),
          start: c.identity.start ?? undefined,
          increment: c.identity.increment ?? undefined,
          minValue: c.identity.minvalue ?? undefined,
          maxValue: c.identity.maxvalue ?? undefined,
          cache: c.identity.cache ?? undefined,
          cycle: c.identity.cycle ? (true as const) : undefined,
        })
      : undefined,
    generated: c.computed
      ? { expression: c.computed.sqltext.trim(), stored: c.computed.persisted !== false }
      : undefined,
    collation,
    comment,
    extra,
  })
}

/** SQLAlchemy's `Enum(..., schema=)`: the named enum lives in that namespace. */
function withEnumSchema(spelled: SpelledType, schema: string | undefined): SpelledType {
  const type = spelled.type
  if (schema === undefined || type.kind !== 'enum' || type.name === undefined) return spelled
  return { ...spelled, type: { ...type, schema } }
}

function readType(c: SqlalchemyColumn): SpelledType {
  const enumName = c.enum_name ?? undefined
  const enumValues = c.values ?? undefined
  const length = c.length ?? undefined
  const precision = c.precision ?? undefined
  const scale = c.scale ?? undefined
  const timezone = c.timezone ?? undefined
  if (enumName === undefined && enumValues === undefined)
    return readSpelledType(c.type, length, precision, scale, timezone)
  // Enum hints carry lists: parsed every time, not cached.
  return readTypeSpelling(c.type, compact({ length, precision, scale, timezone, enumName, enumValues }))
}

function addForeignKey(list: ForeignKeyConstraint[], fk: ForeignKeyConstraint | undefined): void {
  if (fk !== undefined) list.push(fk)
}

/** SQLAlchemy tools write server defaults as SQL text; bare numbers and booleans are accepted too. */
function readServerDefault(value: string | number | boolean | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  return String(value)
}

type Shorthand = NonNullable<SqlalchemyColumn['foreign_key']>

function readForeignKeyShorthand(
  fk: Shorthand,
  column: string,
  path: string,
  ctx: ReadContext,
): ForeignKeyConstraint | undefined {
  const target = typeof fk === 'string' ? fk : (fk.target ?? fk.column)
  if (!target) {
    ctx.report('invalid_foreign_key', path, 'A foreign key needs a target such as "orgs.id"')
    return undefined
  }
  const parts = target.split('.')
  if (parts.length < 2 || parts.some((p) => p === '')) {
    ctx.report(
      'invalid_foreign_key',
      path,
      `Foreign key target "${target}" must be "table.column" or "schema.table.column"`,
    )
    return undefined
  }
  const referencedColumn = parts.pop() as string
  const referencedTable = parts.pop() as string
  const options = typeof fk === 'string' ? {} : fk
  return ctx.atShorthand(
    compact({
      type: 'foreign_key' as const,
      name: options.name ?? undefined,
      columns: [column],
      referencedTable,
      referencedSchema: parts.length > 0 ? parts.join('.') : undefined,
      referencedColumns: [referencedColumn],
      onDelete: parseReferentialAction(options.ondelete, `${path}.ondelete`, ctx),
      onUpdate: parseReferentialAction(options.onupdate, `${path}.onupdate`, ctx),
      deferrable: options.deferrable ? (true as const) : undefined,
      initiallyDeferred:
        options.deferrable && options.initially?.toUpperCase() === 'DEFERRED' ? (true as const) : undefined,
    }),
    path,
  )
}
