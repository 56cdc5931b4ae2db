import { assembleTable, type TableParts } from './assemble-table.js'
import {
  constraintHead,
  enumDocument,
  sqlalchemyCheck,
  sqlalchemyExclude,
  sqlalchemyForeignKey,
  sqlalchemyIndex,
  sqlalchemyKeyConstraint,
  sqlalchemyMetadata,
  sqlalchemyTable,
} from './document-schema.js'
import { parsePartitionBy } from './partition-key.js'
import { compact, extraKeys, isRecord, type ReadContext } from './read-context.js'
import { readEnum } from './read-enum.js'
import { readIndexParts } from './read-index-parts.js'
import { readObjectLists } from './read-objects.js'
import { type ColumnContribution, readSqlalchemyColumn } from './read-sqlalchemy-column.js'
import { parseReferentialAction } from './referential-action.js'
import type { Output } from './shape.js'
import type { Constraint, EnumDefinition, Index, Schema } from './types.js'

const TABLE_KEYS = new Set(sqlalchemyTable.keys)
const METADATA_KEYS = new Set(sqlalchemyMetadata.keys)
const KEY_CONSTRAINT_KEYS = new Set(['type', 'name', ...sqlalchemyKeyConstraint.keys])
const FK_KEYS = new Set(['type', 'name', ...sqlalchemyForeignKey.keys])
const CHECK_KEYS = new Set(['type', 'name', ...sqlalchemyCheck.keys])
const EXCLUDE_KEYS = new Set(['type', 'name', ...sqlalchemyExclude.keys])
const INDEX_KEYS = new Set(sqlalchemyIndex.keys)

/** Dialect options of SQLAlchemy index reflection that the model represents; others stay in `extra`. */
const MODELLED_INDEX_OPTIONS = new Set([
  'postgresql_where',
  'sqlite_where',
  'postgresql_using',
  'postgresql_include',
  'postgresql_ops',
  'postgresql_nulls_not_distinct',
  'postgresql_with',
  'mysql_length',
  'mariadb_length',
])

/**
 * Reads a document in the shape SQLAlchemy-based tools write: `{"metadata": {...}}` or the bare
 * metadata object. Returns the schema in document order; checks and sorting happen afterwards.
 * @internal
 */
export function readSqlalchemyDocument(doc: Record<string, unknown>, ctx: ReadContext): Schema | undefined {
  const wrapped = isRecord(doc.metadata)
  const base = wrapped ? 'metadata' : ''
  const meta = ctx.check(sqlalchemyMetadata, wrapped ? doc.metadata : doc, base)
  if (!meta) return undefined
  const prefix = base === '' ? '' : `${base}.`
  ctx.referencedColumnsKey = 'referred_columns'
  ctx.referencedTableKey = 'referred_table'
  const enums: EnumDefinition[] = []
  for (const [i, e] of (meta.enums ?? []).entries()) {
    const read = readEnum(ctx.check(enumDocument, e, `${prefix}enums[${i}]`), `${prefix}enums[${i}]`, ctx)
    if (read) enums.push(read)
  }
  const tables = meta.tables.flatMap((t, i) => {
    const table = readTable(t, ctx.itemPath(base, 'tables', i), enums, ctx)
    return table ? [table] : []
  })
  const outerExtra = wrapped ? extraKeys(doc, new Set(['metadata'])) : undefined
  const innerExtra = extraKeys(meta, METADATA_KEYS)
  const extra = outerExtra || innerExtra ? { ...innerExtra, ...outerExtra } : undefined
  const objects = readObjectLists(meta, base, ctx)
  return compact({ name: meta.schema_name ?? undefined, tables, enums, ...objects, extra })
}

function readTable(raw: unknown, path: string, enums: EnumDefinition[], ctx: ReadContext) {
  const t = ctx.check(sqlalchemyTable, raw, path)
  if (!t) return undefined
  const columns: ColumnContribution[] = []
  for (let i = 0; i < t.columns.length; i++) {
    const read = readSqlalchemyColumn(t.columns[i], ctx.itemPath(path, 'columns', i), ctx)
    if (!read) {
      ctx.unreadColumn(path, t.columns[i])
      continue
    }
    columns.push(read)
    if (read.declaredEnum) hoistEnum(read.declaredEnum, enums, ctx)
  }
  const parts: TableParts = {
    name: t.name,
    schema: t.schema ?? undefined,
    comment: t.comment ?? undefined,
    engine: t.mysql_engine ?? undefined,
    charset: t.mysql_charset ?? undefined,
    collation: t.mysql_collate ?? undefined,
    rowFormat: t.mysql_row_format ?? undefined,
    withoutRowid: t.sqlite_with_rowid === false ? true : undefined,
    strict: t.sqlite_strict === true ? true : undefined,
    unlogged: t.prefixes?.some((p) => p.trim().toUpperCase() === 'UNLOGGED') ? true : undefined,
    partitionBy: t.postgresql_partition_by
      ? readPartitionBy(t.postgresql_partition_by, `${path}.postgresql_partition_by`, ctx)
      : undefined,
    inherits: readInherits(t.postgresql_inherits),
    with: storageParameters(t.postgresql_with),
    extra: extraKeys(t, TABLE_KEYS),
    columns,
    constraints: (t.constraints ?? []).flatMap(
      (c, i) => readConstraint(c, ctx.itemPath(path, 'constraints', i), ctx) ?? [],
    ),
    indexes: (t.indexes ?? []).flatMap((x, i) => readIndex(x, ctx.itemPath(path, 'indexes', i), ctx) ?? []),
  }
  return assembleTable(parts, path, ctx)
}

/** An enum declared through a column joins the schema's enums once; a conflicting redeclaration is an issue. */
function hoistEnum(declared: EnumDefinition, enums: EnumDefinition[], ctx: ReadContext): void {
  const existing = enums.find((e) => e.name === declared.name && e.schema === declared.schema)
  if (!existing) {
    enums.push(declared)
    return
  }
  if (existing.values.join('\u0000') !== declared.values.join('\u0000')) {
    ctx.report(
      'enum_values_mismatch',
      ctx.pathOf(declared),
      `Enum "${declared.name}" is declared elsewhere with values [${existing.values.join(', ')}]`,
    )
  }
}

const PK_TYPES = new Set(['PrimaryKeyConstraint', 'primary_key', 'PRIMARY KEY'])
const UNIQUE_TYPES = new Set(['UniqueConstraint', 'unique', 'UNIQUE'])
const FK_TYPES = new Set(['ForeignKeyConstraint', 'foreign_key', 'FOREIGN KEY'])
const CHECK_TYPES = new Set(['CheckConstraint', 'check', 'CHECK'])
const EXCLUDE_TYPES = new Set(['ExcludeConstraint', 'exclude', 'EXCLUDE'])

/** A plain column name (SQLAlchemy writes an element as a column name or as SQL text). */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/

/** An `ExcludeConstraint`'s parts: `[element, operator]` pairs, each element a column name or an expression. */
function readExclusion(x: Output<typeof sqlalchemyExclude>, path: string, ctx: ReadContext) {
  const elements = x.elements.flatMap((pair, i) => {
    const [element, operator] = pair as readonly string[]
    if (pair.length !== 2 || element === undefined || operator === undefined) {
      ctx.report(
        'invalid_exclusion_element',
        `${path}.elements[${i}]`,
        'An element is [column or expression, operator]',
      )
      return []
    }
    const opclass = x.ops?.[element]
    const part = COLUMN_NAME.test(element) ? { column: element } : { expression: element }
    return [{ ...part, ...(opclass ? { opclass } : {}), operator }]
  })
  return {
    using: x.using?.toLowerCase() === 'gist' ? undefined : (x.using ?? undefined),
    elements,
    where: x.where?.trim() || undefined,
    ...deferrability(x.deferrable, x.initially),
    extra: extraKeys(x, EXCLUDE_KEYS),
  }
}

function readConstraint(raw: unknown, path: string, ctx: ReadContext): Constraint | undefined {
  const head = ctx.check(constraintHead, raw, path)
  if (!head) return undefined
  const name = head.name ?? undefined
  if (PK_TYPES.has(head.type) || UNIQUE_TYPES.has(head.type)) {
    const k = ctx.check(sqlalchemyKeyConstraint, raw, path)
    if (!k) return undefined
    const common = {
      name,
      columns: k.columns,
      ...deferrability(k.deferrable, k.initially),
      extra: extraKeys(k, KEY_CONSTRAINT_KEYS),
    }
    if (PK_TYPES.has(head.type)) return ctx.at(compact({ type: 'primary_key' as const, ...common }), path)
    const nullsNotDistinct = k.nulls_not_distinct ? (true as const) : undefined
    return ctx.at(compact({ type: 'unique' as const, ...common, nullsNotDistinct }), path)
  }
  if (FK_TYPES.has(head.type)) {
    const f = ctx.check(sqlalchemyForeignKey, raw, path)
    if (!f) return undefined
    return ctx.at(
      compact({
        type: 'foreign_key' as const,
        name,
        columns: f.columns,
        referencedTable: f.referred_table,
        referencedSchema: f.referred_schema ?? undefined,
        referencedColumns: f.referred_columns,
        onDelete: parseReferentialAction(f.ondelete, `${path}.ondelete`, ctx),
        onUpdate: parseReferentialAction(f.onupdate, `${path}.onupdate`, ctx),
        match: readMatch(f.match, `${path}.match`, ctx),
        ...deferrability(f.deferrable, f.initially),
        extra: extraKeys(f, FK_KEYS),
      }),
      path,
    )
  }
  if (CHECK_TYPES.has(head.type)) {
    const c = ctx.check(sqlalchemyCheck, raw, path)
    if (!c) return undefined
    const common = { name, expression: c.sqltext.trim(), ...deferrability(c.deferrable, c.initially) }
    return ctx.at(compact({ type: 'check' as const, ...common, extra: extraKeys(c, CHECK_KEYS) }), path)
  }
  if (EXCLUDE_TYPES.has(head.type)) {
    const x = ctx.check(sqlalchemyExclude, raw, path)
    if (!x) return undefined
    return ctx.at(compact({ type: 'exclude' as const, name, ...readExclusion(x, path, ctx) }), path)
  }
  ctx.report(
    'unknown_constraint_type',
    `${path}.type`,
    `"${head.type}" is not a constraint type (PrimaryKeyConstraint, UniqueConstraint, ForeignKeyConstraint, CheckConstraint, ExcludeConstraint)`,
  )
  return undefined
}

function deferrability(deferrable: boolean | null | undefined, initially: string | null | undefined) {
  if (!deferrable) return {}
  return initially?.toUpperCase() === 'DEFERRED'
    ? { deferrable: true as const, initiallyDeferred: true as const }
    : { deferrable: true as const }
}

function readMatch(value: string | null | undefined, path: string, ctx: ReadContext): 'full' | 'partial' | undefined {
  const m = value?.trim().toUpperCase()
  if (!m || m === 'SIMPLE') return undefined
  if (m === 'FULL') return 'full'
  if (m === 'PARTIAL') return 'partial'
  ctx.report('invalid_match', path, `"${value}" is not a MATCH type (SIMPLE, FULL, PARTIAL)`)
  return undefined
}

function readIndex(raw: unknown, path: string, ctx: ReadContext): Index | undefined {
  const x = ctx.check(sqlalchemyIndex, raw, path)
  if (!x) return undefined
  const options = x.dialect_options ?? {}
  const parts = readIndexParts(x, options, path, ctx)
  if (!parts) return undefined
  const where = x.where ?? stringOption(options.postgresql_where) ?? stringOption(options.sqlite_where)
  const include =
    x.include ?? (Array.isArray(options.postgresql_include) ? (options.postgresql_include as string[]) : undefined)
  const leftover = Object.entries(options).filter(([k]) => !MODELLED_INDEX_OPTIONS.has(k))
  const extra = extraKeys(x, INDEX_KEYS)
  return ctx.at(
    compact({
      name: x.name ?? undefined,
      parts,
      unique: x.unique ? (true as const) : undefined,
      where: where?.trim() || undefined,
      using: normalizeUsing(x.using ?? stringOption(options.postgresql_using)),
      include: include && include.length > 0 ? include : undefined,
      nullsNotDistinct:
        x.nulls_not_distinct || options.postgresql_nulls_not_distinct === true ? (true as const) : undefined,
      with: storageParameters(isRecord(options.postgresql_with) ? options.postgresql_with : undefined),
      extra:
        leftover.length > 0 || extra
          ? { ...extra, ...(leftover.length > 0 ? { dialect_options: Object.fromEntries(leftover) } : {}) }
          : undefined,
    }) as Index,
    path,
  )
}

/** `postgresql_with` values (`70`, `false`, `'on'`) as the model's text, or undefined when empty. */
function storageParameters(values: Readonly<Record<string, unknown>> | null | undefined) {
  const entries = Object.entries(values ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([k, v]) => [k, String(v)]))
}

/** `postgresql_inherits`: a table name or a list of them (`schema.table` qualified). */
function readInherits(value: string | readonly string[] | null | undefined) {
  if (value === null || value === undefined) return undefined
  const names = typeof value === 'string' ? [value] : value
  if (names.length === 0) return undefined
  return names.map((n) => {
    const dot = n.lastIndexOf('.')
    return dot < 0 ? { table: n } : { table: n.slice(dot + 1), schema: n.slice(0, dot) }
  })
}

/** `postgresql_partition_by` (`RANGE (at)`, `LIST (lower(region))`) as the model's `partitionBy`. */
function readPartitionBy(text: string, path: string, ctx: ReadContext) {
  const by = parsePartitionBy(text)
  if (!by) ctx.report('invalid_partition_by', path, `"${text}" is not RANGE (...), LIST (...) or HASH (...)`)
  return by
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** `btree` is every dialect's default access method, so it is not stored. */
export function normalizeUsing(using: string | null | undefined): string | undefined {
  const u = using?.trim().toLowerCase()
  return !u || u === 'btree' ? undefined : u
}
