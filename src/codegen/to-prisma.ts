import { InvalidOptionError } from '../errors.js'
import type { ColumnType } from '../model/column-type.js'
import { formatColumnType } from '../model/format-column-type.js'
import type { Column, ForeignKeyConstraint, ReferentialAction, Schema, Table } from '../model/types.js'
import { qualifiedTableName } from './naming.js'
import { identifierScope } from './python-names.js'
import { temporalWarning } from './temporal-warning.js'
import type { GeneratedModule } from './to-sqlalchemy.js'

/**
 * Options of {@link toPrisma}.
 *
 * @example
 * ```ts
 * const options: ToPrismaOptions = { provider: 'postgresql' }
 * ```
 */
export interface ToPrismaOptions {
  /** The datasource provider; picks the `@db.*` native types. Default `'postgresql'`. */
  readonly provider?: 'postgresql' | 'mysql' | 'sqlite'
}

type Provider = NonNullable<ToPrismaOptions['provider']>

// Prisma's scalar type names and keywords cannot name a model or an enum.
const PRISMA_RESERVED = new Set(
  'String Boolean Int BigInt Float Decimal DateTime Json Bytes Unsupported model enum type view datasource generator'.split(
    ' ',
  ),
)
const PRISMA_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/

/** The name Prisma code uses: the database name when Prisma accepts it, else a mapped one. */
function prismaName(name: string, capital: boolean): string {
  if (PRISMA_IDENTIFIER.test(name) && !PRISMA_RESERVED.has(name)) return name
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '')
  let id = capital ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') : words.join('_')
  if (!/^[A-Za-z]/.test(id)) id = `${capital ? 'T' : 'f'}${id}`
  return PRISMA_RESERVED.has(id) ? `${id}_` : id
}

const quote = (s: string) => JSON.stringify(s)

const ACTIONS: Readonly<Record<ReferentialAction, string>> = {
  no_action: 'NoAction',
  restrict: 'Restrict',
  cascade: 'Cascade',
  set_null: 'SetNull',
  set_default: 'SetDefault',
}

// Custom PostgreSQL types Prisma has a native type for.
const PG_NATIVE_CUSTOM: Readonly<Record<string, [string, string]>> = {
  inet: ['String', 'Inet'],
  citext: ['String', 'Citext'],
  xml: ['String', 'Xml'],
  money: ['Decimal', 'Money'],
  oid: ['Int', 'Oid'],
}

interface FieldType {
  readonly scalar: string
  readonly native?: string
  readonly list?: true
}

const args = (...n: (number | undefined)[]) => {
  const given = n.filter((x) => x !== undefined)
  return given.length ? `(${given.join(', ')})` : ''
}

function fieldType(type: ColumnType, provider: Provider, enums: ReadonlyMap<string, string>): FieldType {
  const unsupported = (): FieldType => ({ scalar: `Unsupported(${quote(formatColumnType(type))})` })
  const pg = provider === 'postgresql'
  const my = provider === 'mysql'
  const unsigned = 'unsigned' in type && type.unsigned === true
  if (unsigned && !my) return unsupported()
  if (provider === 'sqlite') {
    switch (type.kind) {
      // SQLite keeps any declared type; Prisma's SQLite connector declares only its scalars.
      case 'smallint':
      case 'integer':
        return { scalar: 'Int' }
      case 'bigint':
        return { scalar: 'BigInt' }
      case 'char':
      case 'varchar':
        return { scalar: 'String' }
      case 'date':
        return { scalar: 'DateTime' }
      case 'real':
      case 'double':
      case 'float':
        return { scalar: 'Float' }
      case 'decimal':
        return { scalar: 'Decimal' }
      case 'boolean':
        return { scalar: 'Boolean' }
      case 'text':
        return type.size === undefined ? { scalar: 'String' } : unsupported()
      case 'blob':
        return type.size === undefined ? { scalar: 'Bytes' } : unsupported()
      case 'timestamp':
        return type.precision === undefined && !type.timezone ? { scalar: 'DateTime' } : unsupported()
      case 'json':
        return { scalar: 'Json' }
      default:
        return unsupported()
    }
  }
  const u = my && unsigned ? 'Unsigned' : ''
  switch (type.kind) {
    case 'tinyint':
      return my ? { scalar: 'Int', native: `${u ? 'UnsignedTinyInt' : 'TinyInt'}` } : unsupported()
    case 'smallint':
      return { scalar: 'Int', native: u ? 'UnsignedSmallInt' : 'SmallInt' }
    case 'mediumint':
      return my ? { scalar: 'Int', native: u ? 'UnsignedMediumInt' : 'MediumInt' } : unsupported()
    case 'integer':
      return u ? { scalar: 'Int', native: 'UnsignedInt' } : { scalar: 'Int' }
    case 'bigint':
      return u ? { scalar: 'BigInt', native: 'UnsignedBigInt' } : { scalar: 'BigInt' }
    case 'decimal':
      if (u || (type.precision === undefined && type.scale !== undefined)) return unsupported()
      return {
        scalar: 'Decimal',
        native: `Decimal${args(type.precision, type.precision === undefined ? undefined : (type.scale ?? 0))}`,
      }
    case 'real':
      return u ? unsupported() : pg ? { scalar: 'Float', native: 'Real' } : { scalar: 'Float', native: 'Float' }
    case 'double':
      return u ? unsupported() : pg ? { scalar: 'Float' } : { scalar: 'Float', native: 'Double' }
    case 'float':
      return u ? unsupported() : pg ? { scalar: 'Float' } : { scalar: 'Float', native: 'Float' }
    case 'boolean':
      return { scalar: 'Boolean' }
    case 'char':
      return { scalar: 'String', native: `Char${args(type.length)}` }
    case 'varchar':
      return my && type.length === undefined
        ? unsupported()
        : { scalar: 'String', native: `VarChar${args(type.length)}` }
    case 'text':
      if (type.size === undefined) return my ? { scalar: 'String', native: 'Text' } : { scalar: 'String' }
      return my
        ? { scalar: 'String', native: `${type.size[0]!.toUpperCase()}${type.size.slice(1)}Text` }
        : unsupported()
    case 'binary':
    case 'varbinary':
      return my
        ? { scalar: 'Bytes', native: `${type.kind === 'binary' ? 'Binary' : 'VarBinary'}${args(type.length)}` }
        : unsupported()
    case 'blob':
      if (type.size === undefined) return my ? { scalar: 'Bytes', native: 'Blob' } : { scalar: 'Bytes' }
      return my ? { scalar: 'Bytes', native: `${type.size[0]!.toUpperCase()}${type.size.slice(1)}Blob` } : unsupported()
    case 'date':
      return { scalar: 'DateTime', native: 'Date' }
    case 'time':
      if (type.timezone && !pg) return unsupported()
      return { scalar: 'DateTime', native: `${type.timezone ? 'Timetz' : 'Time'}${args(type.precision)}` }
    case 'timestamp':
      if (my)
        return { scalar: 'DateTime', native: `${type.timezone ? 'Timestamp' : 'DateTime'}${args(type.precision)}` }
      // A bare DateTime is timestamp(3) in Prisma; PostgreSQL's own default precision is 6.
      return { scalar: 'DateTime', native: `${type.timezone ? 'Timestamptz' : 'Timestamp'}${args(type.precision)}` }
    case 'uuid':
      return pg ? { scalar: 'String', native: 'Uuid' } : unsupported()
    case 'json':
      return pg ? { scalar: 'Json', native: 'Json' } : { scalar: 'Json' }
    case 'jsonb':
      return pg ? { scalar: 'Json' } : unsupported()
    case 'enum': {
      const id = type.name === undefined ? undefined : enums.get(type.name)
      return id === undefined ? unsupported() : { scalar: id }
    }
    case 'array': {
      if (!pg || type.of.kind === 'array') return unsupported()
      const inner = fieldType(type.of, provider, enums)
      return inner.scalar.startsWith('Unsupported') ? unsupported() : { ...inner, list: true }
    }
    case 'custom': {
      const native = pg ? PG_NATIVE_CUSTOM[type.raw.toLowerCase()] : undefined
      return native ? { scalar: native[0], native: native[1] } : unsupported()
    }
    default:
      return unsupported()
  }
}

/** A `@default(...)` Prisma can express, or `dbgenerated("...")` holding the SQL verbatim. */
function defaultAttribute(
  column: Column,
  type: FieldType,
  enumValues: ReadonlyMap<string, string> | undefined,
): string {
  const sql = column.default as string
  const text = sql.trim()
  if (/^(now\(\)|current_timestamp)$/i.test(text) && type.scalar === 'DateTime') return '@default(now())'
  if (/^-?\d+(\.\d+)?$/.test(text) && ['Int', 'BigInt', 'Float', 'Decimal'].includes(type.scalar))
    return `@default(${text})`
  if (/^(true|false)$/i.test(text) && type.scalar === 'Boolean') return `@default(${text.toLowerCase()})`
  // SQLite and MySQL spell booleans 1 and 0.
  if (/^[01]$/.test(text) && type.scalar === 'Boolean') return `@default(${text === '1'})`
  // 'text' with an optional cast to the column's own type.
  const literal = /^'((?:[^']|'')*)'(?:::[\w" .]+)?$/.exec(text)
  if (literal && !type.list) {
    const value = literal[1]!.replaceAll("''", "'")
    if (type.scalar === 'String') return `@default(${quote(value)})`
    const mapped = enumValues?.get(value)
    if (mapped !== undefined) return `@default(${mapped})`
  }
  return `@default(dbgenerated(${quote(sql)}))`
}

interface Relation {
  readonly fk: ForeignKeyConstraint
  readonly from: Table
  readonly to: Table
  readonly name: string
}

/**
 * A Prisma schema (`schema.prisma`) for a schema version: a model per table (`@id`, `@unique`,
 * `@default`, `@db.*` native types, `@relation` with actions on both sides of every foreign key,
 * `@@id`, `@@unique`, `@@index`), enums, and `@@map`/`@map` where a database name is not a valid
 * Prisma name. What Prisma cannot express (check constraints, partial and expression indexes,
 * generated columns, comments, deferrable keys) is listed in a comment block at the top and in
 * `warnings`, never dropped silently. Two names that map to one identifier throw
 * {@link CodegenError} `identifier_collision`.
 *
 * @example
 * ```ts
 * const { source, warnings } = toPrisma(schema, { provider: 'postgresql' })
 * ```
 */
export function toPrisma(schema: Schema, options: ToPrismaOptions = {}): GeneratedModule {
  const provider = options.provider ?? 'postgresql'
  if (!['postgresql', 'mysql', 'sqlite'].includes(provider)) {
    throw new InvalidOptionError(
      'provider',
      `expected 'postgresql', 'mysql' or 'sqlite', got ${JSON.stringify(provider)}`,
    )
  }
  const warnings: string[] = []
  const scope = identifierScope([])
  const enums = new Map<string, string>()
  const enumValues = new Map<string, Map<string, string>>()
  const blocks: string[] = []
  for (const [ei, e] of schema.enums.entries()) {
    const id = scope.claim(prismaName(e.name, true), `enum "${e.name}"`)
    enums.set(e.name, id)
    if (provider !== 'postgresql' && provider !== 'mysql') continue
    const values = identifierScope([], ` in enum ${e.name}`)
    const lines = [`enum ${id} {`]
    const byValue = new Map<string, string>()
    for (const v of e.values) {
      const vid = values.claim(prismaName(v, false), `value ${quote(v)}`)
      byValue.set(v, vid)
      lines.push(vid === v ? `  ${vid}` : `  ${vid} @map(${quote(v)})`)
    }
    enumValues.set(e.name, byValue)
    if (id !== e.name) lines.push('', `  @@map(${quote(e.name)})`)
    if (e.schema !== undefined) lines.push(`  @@schema(${quote(e.schema)})`)
    if (e.comment !== undefined)
      warnings.push(`enums[${ei}]: the comment of enum "${e.name}" is not a database comment in Prisma`)
    lines.push('}')
    blocks.push(lines.join('\n'))
  }

  const models = new Map<Table, string>()
  for (const t of schema.tables)
    models.set(t, scope.claim(prismaName(t.name, true), `table "${qualifiedTableName(t)}"`))
  const relations: Relation[] = schema.tables.flatMap((from) =>
    from.constraints
      .filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key')
      .flatMap((fk) => {
        const to = schema.tables.find((x) => x.name === fk.referencedTable && x.schema === fk.referencedSchema)
        return to ? [{ fk, from, to, name: fk.name ?? `${from.name}_${fk.columns.join('_')}_fkey` }] : []
      }),
  )

  // Prisma relates only fields of the same scalar type (an integer key to a bigint one fails).
  const relatable = (r: Relation) =>
    r.fk.columns.every((col, i) => {
      const a = r.from.columns.find((c) => c.name === col)?.type
      const b = r.to.columns.find((c) => c.name === r.fk.referencedColumns[i])?.type
      return (
        a !== undefined &&
        b !== undefined &&
        fieldType(a, provider, enums).scalar === fieldType(b, provider, enums).scalar
      )
    })
  const fieldNamesOf = new Map<Table, Map<string, string>>()
  for (const t of schema.tables) {
    const fields = identifierScope([], ` in model ${models.get(t)}`)
    fieldNamesOf.set(
      t,
      new Map(t.columns.map((c) => [c.name, fields.claim(prismaName(c.name, false), `column "${c.name}"`)])),
    )
  }

  for (const [ti, t] of schema.tables.entries()) {
    const path = `tables[${ti}]`
    const model = models.get(t) as string
    const fieldNames = fieldNamesOf.get(t) as Map<string, string>
    const listOf = (table: Table, cols: readonly string[]) =>
      `[${cols.map((c) => fieldNamesOf.get(table)?.get(c) ?? c).join(', ')}]`
    const list = (cols: readonly string[]) => listOf(t, cols)
    const pk = t.constraints.find((c) => c.type === 'primary_key')
    const lines: string[] = []
    if (t.comment !== undefined) lines.push(...t.comment.split(/\r?\n/).map((l) => `/// ${l}`))
    lines.push(`model ${model} {`)
    const body: string[][] = []
    const tail: string[] = []
    for (const [ci, c] of t.columns.entries()) {
      const where = `${path}.columns[${ci}]`
      const type = fieldType(c.type, provider, enums)
      const attrs: string[] = []
      if (pk?.columns.length === 1 && pk.columns[0] === c.name)
        attrs.push(pk.name ? `@id(map: ${quote(pk.name)})` : '@id')
      const single = t.constraints.find((u) => u.type === 'unique' && u.columns.length === 1 && u.columns[0] === c.name)
      if (single) attrs.push(single.name ? `@unique(map: ${quote(single.name)})` : '@unique')
      if (c.autoincrement || c.identity) {
        attrs.push('@default(autoincrement())')
        if (c.identity)
          warnings.push(`${where}: an identity column is written as @default(autoincrement()) (Prisma has no identity)`)
      } else if (c.default !== undefined) {
        attrs.push(
          defaultAttribute(c, type, c.type.kind === 'enum' && c.type.name ? enumValues.get(c.type.name) : undefined),
        )
      }
      if (type.native) attrs.push(`@db.${type.native}`)
      if (fieldNames.get(c.name) !== c.name) attrs.push(`@map(${quote(c.name)})`)
      if (type.scalar.startsWith('Unsupported'))
        warnings.push(
          c.type.kind === 'untyped'
            ? `${where}: Prisma has no type for a column without a declared type; written as Unsupported("")`
            : `${where}: Prisma has no type for ${formatColumnType(c.type)}; written as Unsupported`,
        )
      if (c.generated)
        warnings.push(
          `${where}: Prisma cannot declare a generated column (${c.generated.expression}); written as a plain field`,
        )
      if (c.collation !== undefined) warnings.push(`${where}: collation ${c.collation} is not written`)
      if (c.comment !== undefined) {
        warnings.push(`${where}: the comment is written as a /// doc comment, not a database comment`)
        body.push(c.comment.split(/\r?\n/).map((l) => `/// ${l}`))
      }
      const optional = c.nullable && !type.list ? '?' : ''
      body.push([fieldNames.get(c.name) as string, `${type.scalar}${type.list ? '[]' : ''}${optional}`, ...attrs])
      if (c.nullable && type.list)
        warnings.push(`${where}: Prisma lists cannot be NULL; the field is written as a required list`)
    }
    // Relation fields: one per foreign key of this table, one back-relation per foreign key to it.
    const relationFields = identifierScope([...fieldNames.values()], ` in model ${model}`)
    const relationName = (base: string, owner: string) => {
      for (let i = 1; ; i++) {
        const candidate = i === 1 ? base : `${base}${i}`
        if (![...fieldNames.values()].includes(candidate)) {
          try {
            return relationFields.claim(candidate, owner)
          } catch {
            // taken by another relation: try the next number
          }
        }
      }
    }
    for (const r of relations.filter((x) => x.from === t)) {
      if (!relatable(r)) {
        warnings.push(
          `${path}: foreign key ${r.name} joins columns of different types, which Prisma cannot declare as a relation; not written`,
        )
        continue
      }
      const target = models.get(r.to) as string
      const actions = [
        r.fk.onDelete && r.fk.onDelete !== 'no_action' ? `onDelete: ${ACTIONS[r.fk.onDelete]}` : undefined,
        r.fk.onUpdate && r.fk.onUpdate !== 'no_action' ? `onUpdate: ${ACTIONS[r.fk.onUpdate]}` : undefined,
      ].filter((a) => a !== undefined)
      const optional = r.fk.columns.some((col) => t.columns.find((c) => c.name === col)?.nullable) ? '?' : ''
      const mappedRefs = listOf(r.to, r.fk.referencedColumns)
      // Prisma names foreign keys (`map:`) only where the database keeps the name it is given.
      const named = r.fk.name !== undefined && provider !== 'sqlite'
      if (r.fk.name !== undefined && !named) {
        warnings.push(`${path}: foreign key ${r.name}: Prisma cannot name foreign keys on SQLite; written unnamed`)
      }
      body.push([
        relationName(target[0]!.toLowerCase() + target.slice(1), `relation ${r.name}`),
        `${target}${optional}`,
        `@relation(${[quote(r.name), `fields: ${list(r.fk.columns)}`, `references: ${mappedRefs}`, ...actions, ...(named ? [`map: ${quote(r.fk.name as string)}`] : [])].join(', ')})`,
      ])
      if (r.fk.deferrable) warnings.push(`${path}: foreign key ${r.name} is DEFERRABLE, which Prisma cannot declare`)
      if (r.fk.match)
        warnings.push(
          `${path}: foreign key ${r.name} has MATCH ${r.fk.match.toUpperCase()}, which Prisma cannot declare`,
        )
    }
    for (const r of relations.filter((x) => x.to === t && relatable(x))) {
      const source = models.get(r.from) as string
      const one = r.from.constraints.some(
        (c) =>
          (c.type === 'unique' || c.type === 'primary_key') &&
          c.columns.length === r.fk.columns.length &&
          c.columns.every((col) => r.fk.columns.includes(col)),
      )
      body.push([
        relationName(
          `${source[0]!.toLowerCase()}${source.slice(1)}${one || source.endsWith('s') ? '' : 's'}`,
          `back-relation ${r.name}`,
        ),
        one ? `${source}?` : `${source}[]`,
        `@relation(${quote(r.name)})`,
      ])
    }
    if (pk && pk.columns.length > 1) tail.push(`@@id(${list(pk.columns)}${pk.name ? `, map: ${quote(pk.name)}` : ''})`)
    for (const [ci, c] of t.constraints.entries()) {
      const where = `${path}.constraints[${ci}]`
      if (c.type === 'unique' && c.columns.length > 1)
        tail.push(`@@unique(${list(c.columns)}${c.name ? `, map: ${quote(c.name)}` : ''})`)
      if (c.type === 'check')
        warnings.push(`${where}: Prisma cannot declare CHECK ${c.name ?? ''} (${c.expression})`.replace('  ', ' '))
      if (c.type === 'unique' && c.nullsNotDistinct) warnings.push(`${where}: NULLS NOT DISTINCT is not written`)
      const temporal = temporalWarning(c, where)
      if (temporal) warnings.push(temporal)
      if ((c.type === 'unique' || c.type === 'primary_key') && c.deferrable)
        warnings.push(`${where}: DEFERRABLE is not written`)
    }
    if (!pk)
      warnings.push(
        `${path}: Prisma needs a primary key or unique constraint to use a model; "${t.name}" has no primary key`,
      )
    for (const [ii, ix] of t.indexes.entries()) {
      const where = `${path}.indexes[${ii}]`
      const reasons = [
        ix.parts.some((p) => p.expression !== undefined) ? 'expression key parts' : undefined,
        ix.where !== undefined ? `a WHERE clause (${ix.where})` : undefined,
        ix.include?.length ? 'INCLUDE columns' : undefined,
        ix.nullsNotDistinct ? 'NULLS NOT DISTINCT' : undefined,
        ix.parts.some((p) => p.nulls || p.collation) ? 'NULLS FIRST/LAST or a key collation' : undefined,
      ].filter((r) => r !== undefined)
      if (reasons.length) {
        warnings.push(
          `${where}: index ${ix.name ?? ''} has ${reasons.join(', ')}, which Prisma cannot declare; not written`,
        )
        continue
      }
      const parts = ix.parts.map((p) => {
        const name = fieldNames.get(p.column as string) ?? (p.column as string)
        const opts = [
          p.descending ? 'sort: Desc' : undefined,
          p.length !== undefined ? `length: ${p.length}` : undefined,
          p.opclass ? `ops: raw(${quote(p.opclass)})` : undefined,
        ].filter((o) => o !== undefined)
        return opts.length ? `${name}(${opts.join(', ')})` : name
      })
      const type =
        ix.using && provider === 'postgresql' && ix.using.toLowerCase() !== 'btree'
          ? `, type: ${ix.using[0]!.toUpperCase()}${ix.using.slice(1).toLowerCase()}`
          : ''
      const map = ix.name ? `, map: ${quote(ix.name)}` : ''
      tail.push(`${ix.unique ? '@@unique' : '@@index'}([${parts.join(', ')}]${map}${type})`)
    }
    if (model !== t.name) tail.push(`@@map(${quote(t.name)})`)
    if (t.schema !== undefined) tail.push(`@@schema(${quote(t.schema)})`)
    if (t.comment !== undefined)
      warnings.push(`${path}: the table comment is written as a /// doc comment, not a database comment`)
    // Align the columns as `prisma format` does.
    const widths = [0, 1].map((i) =>
      Math.max(0, ...body.filter((b) => !b[0]!.startsWith('///')).map((b) => b[i]!.length)),
    )
    for (const b of body) {
      if (b[0]!.startsWith('///')) lines.push(...b.map((l) => `  ${l}`))
      else
        lines.push(
          `  ${[b[0]!.padEnd(widths[0]!), (b[1] as string).padEnd(widths[1]!), ...b.slice(2)].join(' ').trimEnd()}`,
        )
    }
    if (tail.length) lines.push('', ...tail.map((l) => `  ${l}`))
    lines.push('}')
    blocks.push(lines.join('\n'))
  }

  const schemas = [
    ...new Set(
      [...schema.tables.map((t) => t.schema), ...schema.enums.map((e) => e.schema)].filter((s) => s !== undefined),
    ),
  ]
  const datasource = [
    'datasource db {',
    `  provider = ${quote(provider)}`,
    ...(schemas.length ? [`  schemas  = [${['public', ...schemas].map(quote).join(', ')}]`] : []),
    '}',
  ].join('\n')
  const header = [
    `// Generated by schemaledger from ${schema.name === undefined ? 'a schema document' : `schema ${JSON.stringify(schema.name)}`}. Do not edit: regenerate it.`,
  ]
  if (warnings.length) {
    header.push('//', '// Not expressed in Prisma (kept in the database, listed so nothing is dropped silently):')
    header.push(...warnings.map((w) => `//   - ${w.replace(/[\r\n]+/g, ' ')}`))
  }
  const source = `${[header.join('\n'), datasource, ...blocks].join('\n\n')}\n`
  return { source, warnings }
}
