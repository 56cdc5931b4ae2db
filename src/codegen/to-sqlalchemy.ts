import { InvalidOptionError } from '../errors.js'
import type { ColumnType } from '../model/column-type.js'
import { enumKey } from '../model/enum-reference.js'
import { formatColumnType } from '../model/format-column-type.js'
import { REFERENTIAL_ACTION_SQL } from '../model/referential-action-sql.js'
import type { Column, Constraint, Index, IndexPart, Schema, Table } from '../model/types.js'
import { qualifiedTableName } from './naming.js'
import { identifierScope, pythonClassName, pythonIdentifier, pythonString } from './python-names.js'
import { sqliteDefaultText } from './sqlite-default.js'
import { temporalWarning } from './temporal-warning.js'

/**
 * Options of {@link toSQLAlchemy}.
 *
 * @example
 * ```ts
 * const options: ToSQLAlchemyOptions = { style: 'orm', dialect: 'postgres' }
 * ```
 */
export interface ToSQLAlchemyOptions {
  /** `'core'` (default): a `MetaData` and one `Table` per table; `'orm'`: SQLAlchemy 2.0 declarative classes. */
  readonly style?: 'core' | 'orm'
  /** The database the module targets; picks dialect types (`postgresql.JSONB`, `mysql.TINYINT`). Default `'postgres'`. */
  readonly dialect?: 'postgres' | 'mysql' | 'sqlite'
}

/**
 * Generated source and what it could not express exactly.
 *
 * @example
 * ```ts
 * const { source, warnings } = toSQLAlchemy(schema)
 * ```
 */
export interface GeneratedModule {
  /** The generated file's text. */
  readonly source: string
  /** Parts of the schema the target cannot express, each naming the table and column or constraint. */
  readonly warnings: readonly string[]
}

type Dialect = NonNullable<ToSQLAlchemyOptions['dialect']>

const RESERVED = ['sa', 'postgresql', 'mysql', 'sqlite', 'metadata', 'Base', 'RawType', 'Mapped', 'mapped_column']
const ORM_RESERVED = ['datetime', 'decimal', 'uuid', 'typing', 'Any', 'Optional', 'DeclarativeBase']
// Names a declarative class body uses or SQLAlchemy reserves on mapped classes.
const CLASS_BODY_NAMES = ['int', 'str', 'float', 'bool', 'bytes', 'list', 'registry', 'query']

// sa.text() reads `:name` as a bind parameter; `\:` keeps the colon (`::jsonb` casts are left alone).
const sqlText = (sql: string): string => `sa.text(${pythonString(sql.replace(/(?<![:\w\\]):(?=\w)/g, '\\:'))})`

const SERIALS: Readonly<Record<string, string>> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' }

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'])

interface Context {
  readonly dialect: Dialect
  readonly schema: Schema
  /** Python variable of each schema-level enum. */
  readonly enums: ReadonlyMap<string, string>
  readonly imports: Set<'postgresql' | 'mysql' | 'RawType'>
  readonly warnings: string[]
}

const args = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined).join(', ')
const opt = (key: string, value: number | undefined) => (value === undefined ? undefined : `${key}=${value}`)

/** The default as `server_default` text (SQLite: in parentheses unless a literal). */
const serverDefault = (text: string, ctx: Context) => (ctx.dialect === 'sqlite' ? sqliteDefaultText(text) : text)

/** The SQLAlchemy type expression of a column type on the target dialect. */
function typeExpression(type: ColumnType, ctx: Context, where: string): string {
  const raw = () => {
    ctx.imports.add('RawType')
    return `RawType(${pythonString(formatColumnType(type))})`
  }
  const pg = (expr: string) => {
    ctx.imports.add('postgresql')
    return `postgresql.${expr}`
  }
  const my = (expr: string) => {
    ctx.imports.add('mysql')
    return `mysql.${expr}`
  }
  const mysql = ctx.dialect === 'mysql'
  const unsigned = 'unsigned' in type && type.unsigned === true
  if (unsigned && !mysql) ctx.warnings.push(`${where}: ${formatColumnType(type)} is MySQL only; kept as written`)
  switch (type.kind) {
    case 'tinyint':
    case 'mediumint':
      if (mysql) return my(`${type.kind.toUpperCase()}(${unsigned ? 'unsigned=True' : ''})`)
      return raw()
    case 'smallint':
    case 'integer':
    case 'bigint': {
      if (unsigned)
        return mysql ? my(`${type.kind === 'integer' ? 'INTEGER' : type.kind.toUpperCase()}(unsigned=True)`) : raw()
      return { smallint: 'sa.SmallInteger', integer: 'sa.Integer', bigint: 'sa.BigInteger' }[type.kind]
    }
    case 'decimal':
      if (unsigned)
        return mysql
          ? my(`DECIMAL(${args(opt('precision', type.precision), opt('scale', type.scale), 'unsigned=True')})`)
          : raw()
      if (type.precision === undefined && type.scale !== undefined) return raw()
      return `sa.Numeric(${args(type.precision?.toString(), type.scale?.toString())})`
    case 'real':
      return unsigned ? (mysql ? my('FLOAT(unsigned=True)') : raw()) : 'sa.REAL'
    case 'double':
      // Float(53) is `double precision` in PostgreSQL and the SQL standard; MySQL has DOUBLE.
      if (mysql) return my(`DOUBLE(${unsigned ? 'unsigned=True' : ''})`)
      return ctx.dialect === 'postgres' ? pg('DOUBLE_PRECISION') : raw()
    case 'float':
      return unsigned ? (mysql ? my('FLOAT(unsigned=True)') : raw()) : 'sa.Float()'
    case 'boolean':
      return 'sa.Boolean'
    case 'char':
      return `sa.CHAR(${type.length ?? ''})`
    case 'varchar':
      return `sa.String(${type.length ?? ''})`
    case 'text':
      if (type.size === undefined) return 'sa.Text'
      return mysql ? my(`${type.size.toUpperCase()}TEXT`) : raw()
    case 'binary':
      return ctx.dialect === 'postgres' ? raw() : `sa.BINARY(${type.length ?? ''})`
    case 'varbinary':
      return ctx.dialect === 'postgres' ? raw() : `sa.VARBINARY(${type.length ?? ''})`
    case 'blob':
      if (type.size === undefined) return ctx.dialect === 'postgres' ? 'sa.LargeBinary' : 'sa.BLOB'
      return mysql ? my(`${type.size.toUpperCase()}BLOB`) : raw()
    case 'date':
      return 'sa.Date'
    case 'time':
      if (ctx.dialect === 'postgres')
        return pg(`TIME(${args(opt('precision', type.precision), type.timezone ? 'timezone=True' : undefined)})`)
      if (type.precision !== undefined && mysql) return my(`TIME(fsp=${type.precision})`)
      return type.precision === undefined && !type.timezone ? 'sa.Time' : raw()
    case 'timestamp':
      if (ctx.dialect === 'postgres') {
        if (type.precision === undefined) return `sa.DateTime(${type.timezone ? 'timezone=True' : ''})`
        return pg(`TIMESTAMP(${args(`precision=${type.precision}`, type.timezone ? 'timezone=True' : undefined)})`)
      }
      if (mysql) {
        // MySQL's TIMESTAMP is the instant (time zone) type; DATETIME is the local one.
        const name = type.timezone ? 'TIMESTAMP' : 'DATETIME'
        return my(`${name}(${opt('fsp', type.precision) ?? ''})`)
      }
      // SQLite keeps the declared name; DateTime(timezone=True) would declare a plain DATETIME.
      return type.precision === undefined && !type.timezone ? 'sa.DateTime()' : raw()
    case 'interval':
      if (ctx.dialect === 'postgres') {
        return pg(
          `INTERVAL(${args(type.fields ? `fields=${pythonString(type.fields)}` : undefined, opt('precision', type.precision))})`,
        )
      }
      return raw()
    case 'uuid':
      return ctx.dialect === 'postgres' ? pg('UUID') : raw()
    case 'json':
      return 'sa.JSON'
    case 'jsonb':
      return ctx.dialect === 'postgres' ? pg('JSONB') : raw()
    case 'enum': {
      if (type.name !== undefined) return ctx.enums.get(enumKey({ ...type, name: type.name })) ?? raw()
      const values = (type.values ?? []).map(pythonString)
      if (mysql) return my(`ENUM(${values.join(', ')})`)
      // Without a name PostgreSQL has no type to create; other engines keep a CHECK-less varchar.
      ctx.warnings.push(`${where}: an inline enum has no type name; written as sa.Enum without a CHECK`)
      return `sa.Enum(${args(...values, 'native_enum=False', 'create_constraint=False')})`
    }
    case 'array':
      if (ctx.dialect !== 'postgres') return raw()
      return pg(`ARRAY(${typeExpression(type.of, ctx, where)})`)
    case 'custom':
      return raw()
    case 'untyped':
      // RawType("") declares the column with no type, as SQLite's `CREATE TABLE t (data)`.
      if (ctx.dialect !== 'sqlite')
        ctx.warnings.push(`${where}: a column without a declared type is SQLite only; written as RawType("")`)
      return raw()
  }
}

function columnArguments(table: Table, column: Column, ctx: Context, where: string): string[] {
  const primaryKey = table.constraints.find((c) => c.type === 'primary_key')
  const inKey = primaryKey?.columns.includes(column.name) ?? false
  const loneKey = inKey && primaryKey?.columns.length === 1
  // PostgreSQL's serial on a column that is not the lone key: SQLAlchemy only makes that one SERIAL.
  const serial = column.autoincrement && !loneKey && ctx.dialect === 'postgres' ? SERIALS[column.type.kind] : undefined
  if (serial) ctx.imports.add('RawType')
  const type = serial ? `RawType(${pythonString(serial)})` : typeExpression(column.type, ctx, where)
  const out = [pythonString(column.name), type]
  if (column.identity) {
    const { generation, start, increment } = column.identity
    out.push(
      `sa.Identity(${args(generation === 'always' ? 'always=True' : undefined, opt('start', start), opt('increment', increment))})`,
    )
  }
  if (column.generated) {
    out.push(
      `sa.Computed(${sqlText(column.generated.expression)}, persisted=${column.generated.stored ? 'True' : 'False'})`,
    )
  }
  if (!column.nullable && !inKey) out.push('nullable=False')
  if (column.nullable && inKey) out.push('nullable=True')
  if (column.autoincrement && !serial) out.push('autoincrement=True')
  // SQLAlchemy makes a lone integer key column SERIAL / AUTO_INCREMENT unless told otherwise.
  else if (inKey && !column.identity && INTEGER_TYPES.has(column.type.kind)) out.push('autoincrement=False')
  if (column.default !== undefined) out.push(`server_default=${sqlText(serverDefault(column.default, ctx))}`)
  if (column.collation !== undefined)
    ctx.warnings.push(`${where}: collation ${column.collation} is not written (SQLAlchemy puts it on the type)`)
  if (column.comment !== undefined) out.push(`comment=${pythonString(column.comment)}`)
  return out
}

const nameArg = (c: { readonly name?: string }) => (c.name === undefined ? undefined : `name=${pythonString(c.name)}`)
const deferArgs = (c: Constraint) => [
  c.deferrable ? 'deferrable=True' : undefined,
  c.initiallyDeferred ? 'initially="DEFERRED"' : undefined,
]

function constraintExpression(c: Constraint, ctx: Context, where: string): string {
  const temporal = temporalWarning(c, where)
  if (temporal) ctx.warnings.push(temporal)
  switch (c.type) {
    case 'primary_key':
      return `sa.PrimaryKeyConstraint(${args(...c.columns.map(pythonString), nameArg(c), ...deferArgs(c))})`
    case 'unique':
      if (c.nullsNotDistinct)
        ctx.warnings.push(
          `${where}: NULLS NOT DISTINCT needs SQLAlchemy 2.0.14's postgresql_nulls_not_distinct; not written`,
        )
      return `sa.UniqueConstraint(${args(...c.columns.map(pythonString), nameArg(c), ...deferArgs(c))})`
    case 'check':
      return `sa.CheckConstraint(${args(sqlText(c.expression), nameArg(c), ...deferArgs(c))})`
    case 'exclude': {
      const elements = c.elements.map(
        (e) =>
          `(${e.column !== undefined ? pythonString(e.column) : `sa.text(${pythonString(e.expression ?? '')})`}, ${pythonString(e.operator)})`,
      )
      return `postgresql.ExcludeConstraint(${args(
        ...elements,
        nameArg(c),
        `using=${pythonString(c.using ?? 'gist')}`,
        c.where === undefined ? undefined : `where=sa.text(${pythonString(c.where)})`,
        ...deferArgs(c),
      )})`
    }
    case 'foreign_key': {
      if (c.referencedTable.includes('.') && c.referencedSchema === undefined) {
        ctx.warnings.push(`${where}: SQLAlchemy reads "${c.referencedTable}.col" as schema.table.column`)
      }
      const schema = c.referencedSchema
      const target = schema === undefined ? c.referencedTable : `${schema}.${c.referencedTable}`
      const refs = c.referencedColumns.map((col) => pythonString(`${target}.${col}`))
      return `sa.ForeignKeyConstraint(${args(
        `[${c.columns.map(pythonString).join(', ')}]`,
        `[${refs.join(', ')}]`,
        nameArg(c),
        c.onDelete && c.onDelete !== 'no_action'
          ? `ondelete=${pythonString(REFERENTIAL_ACTION_SQL[c.onDelete])}`
          : undefined,
        c.onUpdate && c.onUpdate !== 'no_action'
          ? `onupdate=${pythonString(REFERENTIAL_ACTION_SQL[c.onUpdate])}`
          : undefined,
        c.match ? `match=${pythonString(c.match.toUpperCase())}` : undefined,
        ...deferArgs(c),
      )})`
    }
  }
}

function indexPart(part: IndexPart, ctx: Context, where: string): { expr: string; opclass?: [string, string] } {
  if (part.collation !== undefined) ctx.warnings.push(`${where}: key collation ${part.collation} is not written`)
  if (part.expression !== undefined) {
    const suffix = `${part.descending ? ' DESC' : ''}${part.nulls ? ` NULLS ${part.nulls.toUpperCase()}` : ''}`
    if (part.opclass !== undefined) ctx.warnings.push(`${where}: an operator class on an expression is not written`)
    return { expr: sqlText(`${part.expression}${suffix}`) }
  }
  const column = part.column as string
  let expr = pythonString(column)
  if (part.descending || part.nulls) {
    expr = `sa.column(${pythonString(column)})${part.descending ? '.desc()' : '.asc()'}`
    if (part.nulls) expr += part.nulls === 'first' ? '.nulls_first()' : '.nulls_last()'
  }
  return part.opclass === undefined ? { expr } : { expr, opclass: [column, part.opclass] }
}

function indexExpression(table: Table, index: Index, ctx: Context, where: string): string {
  const parts = index.parts.map((p, i) => indexPart(p, ctx, `${where}.parts[${i}]`))
  const name = index.name ?? `ix_${table.name}_${index.parts.map((p) => p.column ?? 'expr').join('_')}`
  const dialectArg = (key: string, value: string) =>
    ctx.dialect === 'postgres'
      ? `postgresql_${key}=${value}`
      : ctx.dialect === 'sqlite' && key === 'where'
        ? `sqlite_where=${value}`
        : undefined
  const opclasses = parts.flatMap((p) =>
    p.opclass ? [`${pythonString(p.opclass[0])}: ${pythonString(p.opclass[1])}`] : [],
  )
  const lengths = index.parts.flatMap((p) =>
    p.length !== undefined && p.column ? [`${pythonString(p.column)}: ${p.length}`] : [],
  )
  if (index.nullsNotDistinct) ctx.warnings.push(`${where}: NULLS NOT DISTINCT is not written`)
  return `sa.Index(${args(
    pythonString(name),
    ...parts.map((p) => p.expr),
    index.unique ? 'unique=True' : undefined,
    index.where === undefined ? undefined : dialectArg('where', sqlText(index.where)),
    index.using === undefined ? undefined : dialectArg('using', pythonString(index.using)),
    index.include?.length ? dialectArg('include', `[${index.include.map(pythonString).join(', ')}]`) : undefined,
    opclasses.length ? dialectArg('ops', `{${opclasses.join(', ')}}`) : undefined,
    lengths.length && ctx.dialect === 'mysql' ? `mysql_length={${lengths.join(', ')}}` : undefined,
  )})`
}

/** Table-level arguments: constraints other than single-column ones written on the column, indexes. */
function tableItems(table: Table, path: string, ctx: Context): string[] {
  return [
    ...table.constraints.map((c, i) => constraintExpression(c, ctx, `${path}.constraints[${i}]`)),
    ...table.indexes.map((ix, i) => indexExpression(table, ix, ctx, `${path}.indexes[${i}]`)),
  ]
}

function tableKeywords(table: Table, ctx: Context): string[] {
  const out: string[] = []
  if (table.schema !== undefined) out.push(`schema=${pythonString(table.schema)}`)
  if (table.comment !== undefined) out.push(`comment=${pythonString(table.comment)}`)
  if (ctx.dialect === 'sqlite' && table.columns.some((c) => c.autoincrement)) out.push('sqlite_autoincrement=True')
  return out
}

/** The Python type an ORM attribute is annotated with. */
function pythonType(type: ColumnType): string {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint':
      return 'int'
    case 'decimal':
      return 'decimal.Decimal'
    case 'real':
    case 'double':
    case 'float':
      return 'float'
    case 'boolean':
      return 'bool'
    case 'char':
    case 'varchar':
    case 'text':
    case 'enum':
      return 'str'
    case 'binary':
    case 'varbinary':
    case 'blob':
      return 'bytes'
    case 'date':
      return 'datetime.date'
    case 'time':
      return 'datetime.time'
    case 'timestamp':
      return 'datetime.datetime'
    case 'interval':
      return 'datetime.timedelta'
    case 'uuid':
      return 'uuid.UUID'
    case 'array':
      return `list[${pythonType(type.of)}]`
    case 'json':
    case 'jsonb':
    case 'custom':
    case 'untyped':
      return 'Any'
  }
}

const RAW_TYPE = [
  'class RawType(sa.types.UserDefinedType):',
  '    """A database type SQLAlchemy has no class for, written as the schema spells it."""',
  '',
  '    cache_ok = True',
  '',
  '    def __init__(self, ddl):',
  '        self.ddl = ddl',
  '',
  '    def get_col_spec(self, **kw):',
  '        return self.ddl',
]

const call = (head: string, items: readonly string[], indent = '') =>
  [`${indent}${head}(`, ...items.map((i) => `${indent}    ${i},`), `${indent})`].join('\n')

/**
 * A Python module that declares a schema for SQLAlchemy (1.4 and 2.0 for `core`; 2.0 for `orm`):
 * column types and arguments (`String(50)`, `Numeric(10, 2)`, `DateTime(timezone=True)`, `Identity`,
 * `Computed`, `server_default=text(...)`), keys, unique and check constraints, foreign keys with their
 * actions, indexes with dialect options (`postgresql_where`, `postgresql_using`), comments and schemas.
 * Database names are kept as written; only Python variables, classes and attributes are mapped to
 * identifiers, and two names that map to one identifier throw {@link CodegenError}
 * `identifier_collision`. Types without a SQLAlchemy class (`inet`, MySQL-only types on PostgreSQL)
 * use a small `RawType` declared in the module.
 *
 * @example
 * ```ts
 * const { source } = toSQLAlchemy(schema, { style: 'core' })
 * await writeFile('models.py', source)
 * ```
 */
export function toSQLAlchemy(schema: Schema, options: ToSQLAlchemyOptions = {}): GeneratedModule {
  const style = options.style ?? 'core'
  const dialect = options.dialect ?? 'postgres'
  if (style !== 'core' && style !== 'orm')
    throw new InvalidOptionError('style', `expected 'core' or 'orm', got ${JSON.stringify(style)}`)
  if (!['postgres', 'mysql', 'sqlite'].includes(dialect)) {
    throw new InvalidOptionError('dialect', `expected 'postgres', 'mysql' or 'sqlite', got ${JSON.stringify(dialect)}`)
  }
  const scope = identifierScope(style === 'orm' ? [...RESERVED, ...ORM_RESERVED] : RESERVED)
  const enums = new Map<string, string>()
  for (const e of schema.enums)
    enums.set(enumKey(e), scope.claim(`${pythonIdentifier(e.name)}_enum`, `enum "${e.name}"`))
  const ctx: Context = { dialect, schema, enums, imports: new Set(), warnings: [] }
  const classScope = new Set([...RESERVED, ...ORM_RESERVED, ...CLASS_BODY_NAMES, ...enums.values()])

  const body: string[] = []
  for (const e of schema.enums) {
    const items = [
      ...e.values.map(pythonString),
      `name=${pythonString(e.name)}`,
      ...(e.schema === undefined ? [] : [`schema=${pythonString(e.schema)}`]),
      'metadata=metadata',
    ]
    if (e.comment !== undefined)
      ctx.warnings.push(`enums: the comment of enum "${e.name}" is not written (SQLAlchemy has no enum comments)`)
    body.push(`${enums.get(enumKey(e))} = ${call('sa.Enum', items)}`)
  }
  for (const [ti, table] of schema.tables.entries()) {
    const path = `tables[${ti}]`
    const qualified = qualifiedTableName(table)
    const columns = table.columns.map((c, ci) => ({
      column: c,
      items: columnArguments(table, c, ctx, `${path}.columns[${ci}]`),
    }))
    const items = tableItems(table, path, ctx)
    const keywords = tableKeywords(table, ctx)
    if (style === 'core') {
      const variable = scope.claim(
        pythonIdentifier(table.schema ? `${table.schema}_${table.name}` : table.name),
        `table "${qualified}"`,
      )
      const head = [pythonString(table.name), 'metadata']
      const cols = columns.map(({ items: c }) => `sa.Column(${c.join(', ')})`)
      body.push(`${variable} = ${call('sa.Table', [...head, ...cols, ...items, ...keywords])}`)
    } else {
      const className = scope.claim(pythonClassName(qualified), `table "${qualified}"`)
      const attributes = identifierScope([], ` in class ${className}`)
      const lines = [`class ${className}(Base):`, `    __tablename__ = ${pythonString(table.name)}`]
      const tableArgs = [
        ...items,
        ...(keywords.length ? [`{${keywords.map((k) => k.replace(/^(\w+)=/, '"$1": ')).join(', ')}}`] : []),
      ]
      if (tableArgs.length) lines.push(call('__table_args__ = ', tableArgs, '    ').replace('= (', '= ('))
      for (const { column, items: c } of columns) {
        const id = pythonIdentifier(column.name)
        // A class attribute would hide a module name the later lines of the class body still use.
        const attribute = attributes.claim(classScope.has(id) ? `${id}_` : id, `column "${qualified}.${column.name}"`)
        const annotation = column.nullable ? `Optional[${pythonType(column.type)}]` : pythonType(column.type)
        lines.push(`    ${attribute}: Mapped[${annotation}] = mapped_column(${c.join(', ')})`)
      }
      if (!table.constraints.some((c) => c.type === 'primary_key')) {
        ctx.warnings.push(`${path}: the ORM maps only tables with a primary key; "${qualified}" has none`)
      }
      body.push(lines.join('\n'))
    }
  }

  const header = [
    `# Generated by schemaledger from ${schema.name === undefined ? 'a schema document' : `schema ${JSON.stringify(schema.name)}`}. Do not edit: regenerate it.`,
  ]
  const imports: string[] = []
  if (style === 'orm')
    imports.push('import datetime', 'import decimal', 'import uuid', 'from typing import Any, Optional', '')
  imports.push('import sqlalchemy as sa')
  if (ctx.imports.has('mysql')) imports.push('from sqlalchemy.dialects import mysql')
  if (ctx.imports.has('postgresql')) imports.push('from sqlalchemy.dialects import postgresql')
  if (style === 'orm') imports.push('from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column')
  const preamble: string[] = []
  if (ctx.imports.has('RawType')) preamble.push(RAW_TYPE.join('\n'))
  if (style === 'core') preamble.push('metadata = sa.MetaData()')
  else preamble.push('class Base(DeclarativeBase):\n    pass', 'metadata = Base.metadata')
  const warnings = ctx.warnings.length ? [ctx.warnings.map((w) => `# Not expressed: ${w}`).join('\n')] : []
  const source = `${[header.join('\n'), imports.join('\n'), ...warnings, ...preamble, ...body].join('\n\n\n')}\n`
  return { source, warnings: ctx.warnings }
}
