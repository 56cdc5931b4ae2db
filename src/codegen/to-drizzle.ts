import { mysqlConstraintName, mysqlIndexName } from '../dialects/mysql/object-names.js'
import { postgresConstraintName, postgresIndexName } from '../dialects/postgres/object-names.js'
import { InvalidOptionError } from '../errors.js'
import { enumKey } from '../model/enum-reference.js'
import type { Column, Constraint, ForeignKeyConstraint, Index, Schema, Table } from '../model/types.js'
import { builder, type DrizzleContext as Context, type DrizzleDialect as Dialect, use } from './drizzle-columns.js'
import { qualifiedTableName } from './naming.js'
import { identifierScope } from './python-names.js'
import { generatedHeader, propertyKey, stringLiteral } from './source-text.js'
import { sqliteDefaultText } from './sqlite-default.js'
import { temporalWarning } from './temporal-warning.js'
import type { GeneratedModule } from './to-sqlalchemy.js'

/**
 * Options of {@link toDrizzle}.
 *
 * @example
 * ```ts
 * const options: ToDrizzleOptions = { dialect: 'postgres' }
 * ```
 */
export interface ToDrizzleOptions {
  /** `pgTable` (default `'postgres'`), `mysqlTable` or `sqliteTable` definitions. */
  readonly dialect?: 'postgres' | 'mysql' | 'sqlite'
}

const CORE: Readonly<Record<Dialect, string>> = {
  postgres: 'drizzle-orm/pg-core',
  mysql: 'drizzle-orm/mysql-core',
  sqlite: 'drizzle-orm/sqlite-core',
}
// How drizzle declares a table's namespace, named in the warning that it is not written.
const NAMESPACE: Readonly<Record<Dialect, string>> = {
  postgres: 'pgSchema',
  mysql: 'mysqlSchema',
  sqlite: 'a separate attached database',
}
const TABLE: Readonly<Record<Dialect, string>> = { postgres: 'pgTable', mysql: 'mysqlTable', sqlite: 'sqliteTable' }
// Names the module imports or declares; tables and enums may not take them.
const RESERVED = [
  'sql',
  'relations',
  'raw',
  'customType',
  'primaryKey',
  'unique',
  'foreignKey',
  'check',
  'index',
  'uniqueIndex',
]

/** `order id` -> `orderId`, `2fa` -> `_2fa`: the property and variable names of generated code. */
function camel(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '')
  const joined = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1)).join('')
  return joined === '' || /^[0-9]/.test(joined) ? `_${joined}` : joined
}

// A JavaScript keyword cannot name a `const`.
const KEYWORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
)
const variableName = (name: string) => {
  const id = camel(name)
  return KEYWORDS.has(id) ? `${id}_` : id
}

/** A tagged `sql` template holding SQL text verbatim. */
const sqlTemplate = (text: string) => `sql\`${text.replace(/[\\`]|\$\{/g, (m) => `\\${m}`)}\``

const SERIAL: Readonly<Record<string, string>> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' }

function columnDefinition(table: Table, column: Column, ctx: Context, where: string): string {
  const key = table.constraints.find((c) => c.type === 'primary_key')
  const loneKey = key?.columns.length === 1 && key.columns[0] === column.name && keyName(key, ctx) === undefined
  const serial = column.autoincrement && ctx.dialect === 'postgres' ? SERIAL[column.type.kind] : undefined
  let out = serial
    ? `${use(ctx, serial)}(${stringLiteral(column.name)}${serial === 'bigserial' ? ", { mode: 'bigint' }" : ''})`
    : builder(column.type, column.name, ctx, where)
  // The lone key column is written `.primaryKey()`; SQLite's AUTOINCREMENT lives there too.
  if (loneKey) {
    out += ctx.dialect === 'sqlite' && column.autoincrement ? '.primaryKey({ autoIncrement: true })' : '.primaryKey()'
  } else if (ctx.dialect === 'sqlite' && column.autoincrement) {
    ctx.warnings.push(`${where}: SQLite AUTOINCREMENT needs an unnamed single-column primary key`)
  }
  if (!column.nullable && !loneKey) out += '.notNull()'
  // MySQL has one AUTO_INCREMENT for both the model's autoincrement and its identity columns.
  if (ctx.dialect === 'mysql' && (column.autoincrement || column.identity)) out += '.autoincrement()'
  if (column.default !== undefined) {
    const text = ctx.dialect === 'sqlite' ? sqliteDefaultText(column.default) : column.default
    out += `.default(${sqlTemplate(text)})`
  }
  if (column.identity && ctx.dialect !== 'mysql') {
    const { generation, start, increment } = column.identity
    const method = generation === 'always' ? 'generatedAlwaysAsIdentity' : 'generatedByDefaultAsIdentity'
    const opts = [
      start === undefined ? '' : `startWith: ${start}`,
      increment === undefined ? '' : `increment: ${increment}`,
    ]
      .filter((o) => o !== '')
      .join(', ')
    out += `.${method}(${opts ? `{ ${opts} }` : ''})`
  }
  if (column.generated) {
    const mode = ctx.dialect !== 'postgres' ? `, { mode: ${column.generated.stored ? "'stored'" : "'virtual'"} }` : ''
    if (ctx.dialect === 'postgres' && !column.generated.stored) {
      ctx.warnings.push(`${where}: PostgreSQL before 18 has only STORED generated columns; written as stored`)
    }
    out += `.generatedAlwaysAs(${sqlTemplate(column.generated.expression)}${mode})`
  }
  if (column.comment !== undefined) ctx.warnings.push(`${where}: drizzle has no column comments; not written`)
  if (column.collation !== undefined) ctx.warnings.push(`${where}: collation ${column.collation} is not written`)
  return out
}

/** The name drizzle is given for a primary key: none on MySQL, where every key is `PRIMARY`. */
const keyName = (key: Constraint, ctx: Context) => (ctx.dialect === 'mysql' ? undefined : key.name)

const ACTION: Readonly<Record<string, string>> = {
  cascade: 'cascade',
  restrict: 'restrict',
  set_null: 'set null',
  set_default: 'set default',
  no_action: 'no action',
}

interface TableNames {
  readonly variable: string
  /** Column name -> property key. */
  readonly keys: ReadonlyMap<string, string>
}

const ref = (names: TableNames, column: string, self = 't') => {
  const key = names.keys.get(column) ?? column
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${self}.${key}` : `${self}[${stringLiteral(key)}]`
}

function constraintCall(
  table: Table,
  c: Constraint,
  names: ReadonlyMap<Table, TableNames>,
  all: readonly Table[],
  ctx: Context,
  where: string,
): string | undefined {
  const own = names.get(table) as TableNames
  // drizzle-kit names unnamed constraints its own way (`t_a_unique`); give them the database's names.
  const postgresNamed = ctx.dialect === 'postgres' || (ctx.dialect === 'sqlite' && c.type === 'check')
  if (c.name === undefined && postgresNamed && !(c.type === 'primary_key' && c.columns.length === 1)) {
    c = { ...c, name: postgresConstraintName(table.name, c, '', new Set(table.columns.map((col) => col.name))) }
  }
  if (c.name === undefined && ctx.dialect === 'mysql' && c.type !== 'primary_key') {
    c = { ...c, name: mysqlConstraintName(table.name, c) }
  }
  if (c.deferrable) ctx.warnings.push(`${where}: drizzle has no DEFERRABLE constraints; not written`)
  const temporal = temporalWarning(c, where)
  if (temporal) ctx.warnings.push(temporal)
  switch (c.type) {
    case 'primary_key': {
      const name = keyName(c, ctx)
      if (c.name !== undefined && name === undefined) {
        ctx.warnings.push(`${where}: MySQL names every primary key PRIMARY; written unnamed`)
      }
      if (c.columns.length === 1 && name === undefined) return undefined
      return `${use(ctx, 'primaryKey')}({ ${name === undefined ? '' : `name: ${stringLiteral(name)}, `}columns: [${c.columns.map((col) => ref(own, col)).join(', ')}] })`
    }
    case 'unique':
      if (ctx.dialect === 'sqlite') {
        // drizzle-kit creates a SQLite unique constraint as a unique index anyway: say so, and name it.
        ctx.warnings.push(`${where}: drizzle-kit creates SQLite unique constraints as unique indexes; written as one`)
        const parts = c.columns.map((column) => ({ column }))
        const name = c.name ?? postgresIndexName(table.name, { parts, unique: true }, '')
        return `${use(ctx, 'uniqueIndex')}(${stringLiteral(name)}).on(${c.columns.map((col) => ref(own, col)).join(', ')})`
      }
      if (c.nullsNotDistinct && ctx.dialect !== 'postgres') {
        ctx.warnings.push(`${where}: NULLS NOT DISTINCT is PostgreSQL only; not written`)
      }
      return `${use(ctx, 'unique')}(${c.name === undefined ? '' : stringLiteral(c.name)}).on(${c.columns.map((col) => ref(own, col)).join(', ')})${c.nullsNotDistinct && ctx.dialect === 'postgres' ? '.nullsNotDistinct()' : ''}`
    case 'check':
      return `${use(ctx, 'check')}(${stringLiteral(c.name ?? `${table.name}_check`)}, ${sqlTemplate(c.expression)})`
    case 'foreign_key': {
      const target = all.find((t) => t.name === c.referencedTable && t.schema === c.referencedSchema)
      if (!target) {
        ctx.warnings.push(`${where}: the referenced table ${c.referencedTable} is not in the schema; not written`)
        return undefined
      }
      const targetNames = names.get(target) as TableNames
      const self = target === table ? 't' : targetNames.variable
      const name = c.name === undefined ? '' : `name: ${stringLiteral(c.name)}, `
      let out = `${use(ctx, 'foreignKey')}({ ${name}columns: [${c.columns.map((col) => ref(own, col)).join(', ')}], foreignColumns: [${c.referencedColumns.map((col) => ref(targetNames, col, self)).join(', ')}] })`
      if (c.onDelete && c.onDelete !== 'no_action') out += `.onDelete(${stringLiteral(ACTION[c.onDelete]!)})`
      if (c.onUpdate && c.onUpdate !== 'no_action') out += `.onUpdate(${stringLiteral(ACTION[c.onUpdate]!)})`
      if (c.name !== undefined && ctx.dialect === 'sqlite') {
        ctx.warnings.push(`${where}: drizzle-kit writes SQLite foreign keys without their name`)
      }
      if (c.match) ctx.warnings.push(`${where}: MATCH ${c.match.toUpperCase()} is not written`)
      return out
    }
  }
}

function indexCall(table: Table, index: Index, own: TableNames, ctx: Context, where: string): string {
  // MySQL's and SQLite's index builders take bare columns (SQLite's a column in SQL with its order).
  const ordered = ctx.dialect === 'postgres'
  const parts = index.parts.map((p) => {
    let part = p.expression !== undefined ? sqlTemplate(p.expression) : ref(own, p.column as string)
    if (ctx.dialect === 'sqlite' && p.expression === undefined && p.descending && !p.nulls) {
      part = `sql\`\${${part}} desc\``
    } else if (ordered && p.expression === undefined && (p.descending || p.nulls || p.opclass)) {
      if (p.opclass) part += `.op(${stringLiteral(p.opclass)})`
      if (p.descending) part += '.desc()'
      if (p.nulls) part += p.nulls === 'first' ? '.nullsFirst()' : '.nullsLast()'
    } else if (p.descending || p.nulls || p.opclass) {
      const what = p.expression !== undefined ? 'expression parts' : 'MySQL index columns'
      ctx.warnings.push(`${where}: ordering and operator classes of ${what} are not written`)
    }
    if (p.collation !== undefined || p.length !== undefined)
      ctx.warnings.push(`${where}: key collation and prefix length are not written`)
    return part
  })
  const fn = use(ctx, index.unique ? 'uniqueIndex' : 'index')
  const name = stringLiteral(
    index.name ??
      (ctx.dialect === 'mysql' ? mysqlIndexName(table.name, index) : postgresIndexName(table.name, index, '')),
  )
  let out = `${fn}(${name})`
  out +=
    index.using !== undefined && ctx.dialect === 'postgres'
      ? `.using(${stringLiteral(index.using)}, ${parts.join(', ')})`
      : `.on(${parts.join(', ')})`
  if (index.using !== undefined && ctx.dialect === 'mysql') {
    if (index.using === 'btree' || index.using === 'hash') out += `.using(${stringLiteral(index.using)})`
    else ctx.warnings.push(`${where}: USING ${index.using} is not written (drizzle knows btree and hash)`)
  }
  if (index.where !== undefined && ctx.dialect === 'mysql') {
    ctx.warnings.push(`${where}: MySQL has no partial indexes; the WHERE clause is not written`)
  } else if (index.where !== undefined) out += `.where(${sqlTemplate(index.where)})`
  if (index.include?.length || index.nullsNotDistinct)
    ctx.warnings.push(`${where}: INCLUDE and NULLS NOT DISTINCT are not written`)
  return out
}

/** `relations()` of every table: `one` per foreign key, `many` on the table it references. */
function relationsOf(
  tables: readonly Table[],
  names: ReadonlyMap<Table, TableNames>,
  scope: ReturnType<typeof identifierScope>,
): string[] {
  const fks = tables.flatMap((t) =>
    t.constraints
      .filter((c): c is ForeignKeyConstraint => c.type === 'foreign_key')
      .flatMap((fk) => {
        const target = tables.find((x) => x.name === fk.referencedTable && x.schema === fk.referencedSchema)
        return target ? [{ table: t, fk, target, relation: fk.name ?? `${t.name}_${fk.columns.join('_')}_fkey` }] : []
      }),
  )
  const out: string[] = []
  for (const t of tables) {
    const own = names.get(t) as TableNames
    const keys = identifierScope([], ` in the relations of ${qualifiedTableName(t)}`)
    const entries: string[] = []
    for (const { fk, target, relation } of fks.filter((f) => f.table === t)) {
      const targetNames = names.get(target) as TableNames
      // Named after the referenced table, or after the key when several point at the same table.
      const alone = fks.filter((f) => f.table === t && f.target === target).length === 1
      const key = keys.claim(camel(alone ? target.name : relation), `foreign key ${relation}`)
      entries.push(
        `${key}: one(${targetNames.variable}, { fields: [${fk.columns.map((c) => ref(own, c, own.variable)).join(', ')}], references: [${fk.referencedColumns.map((c) => ref(targetNames, c, targetNames.variable)).join(', ')}], relationName: ${stringLiteral(relation)} })`,
      )
    }
    for (const { table, relation } of fks.filter((f) => f.target === t)) {
      const source = names.get(table) as TableNames
      const alone = fks.filter((f) => f.table === table && f.target === t).length === 1 && table !== t
      const key = keys.claim(
        camel(alone ? table.name : `${relation}_rows`),
        `the rows referencing it through ${relation}`,
      )
      entries.push(`${key}: many(${source.variable}, { relationName: ${stringLiteral(relation)} })`)
    }
    if (entries.length === 0) continue
    const variable = scope.claim(`${own.variable}Relations`, `the relations of table "${qualifiedTableName(t)}"`)
    out.push(
      `export const ${variable} = relations(${own.variable}, ({ one, many }) => ({\n${entries.map((e) => `  ${e},`).join('\n')}\n}))`,
    )
  }
  return out
}

/**
 * A TypeScript module of drizzle-orm table definitions (`pgTable`, `mysqlTable` or `sqliteTable`): columns with
 * their builders and options, defaults as `sql` templates, identities, generated columns, keys,
 * unique and check constraints, foreign keys with actions, indexes (`using`, `where`, ordering),
 * enums (`pgEnum`, MySQL's inline `mysqlEnum`) and `relations()` for every foreign key. Property and variable names are camelCase
 * identifiers; the database names stay in the builders' first argument. Two names that map to one
 * identifier throw {@link CodegenError} `identifier_collision`. What drizzle cannot express (comments,
 * deferrable constraints) is listed in the module's header and in `warnings`.
 *
 * @example
 * ```ts
 * const { source } = toDrizzle(schema, { dialect: 'postgres' })
 * await writeFile('src/db/schema.ts', source)
 * ```
 */
export function toDrizzle(schema: Schema, options: ToDrizzleOptions = {}): GeneratedModule {
  const dialect = options.dialect ?? 'postgres'
  if (dialect !== 'postgres' && dialect !== 'mysql' && dialect !== 'sqlite') {
    throw new InvalidOptionError('dialect', `expected 'postgres', 'mysql' or 'sqlite', got ${JSON.stringify(dialect)}`)
  }
  const scope = identifierScope(RESERVED)
  const enums = new Map<string, string>()
  for (const e of schema.enums) enums.set(enumKey(e), scope.claim(`${variableName(e.name)}Enum`, `enum "${e.name}"`))
  const ctx: Context = {
    dialect,
    enums,
    enumValues: new Map(schema.enums.map((e) => [enumKey(e), e.values])),
    imports: new Set([TABLE[dialect]]),
    warnings: [],
    usesRaw: false,
  }
  if (dialect === 'postgres' && schema.enums.length) ctx.imports.add('pgEnum')
  if (dialect === 'sqlite' && schema.enums.length) {
    ctx.warnings.push('enums: SQLite has no enum types; columns of an enum type are written as their raw type')
  }

  const names = new Map<Table, TableNames>()
  for (const t of schema.tables) {
    const qualified = qualifiedTableName(t)
    const variable = scope.claim(variableName(t.schema ? `${t.schema}_${t.name}` : t.name), `table "${qualified}"`)
    const columnScope = identifierScope([], ` in table ${qualified}`)
    const keys = new Map(t.columns.map((c) => [c.name, columnScope.claim(camel(c.name), `column "${c.name}"`)]))
    names.set(t, { variable, keys })
  }

  const body: string[] = []
  for (const e of schema.enums) {
    if (e.comment !== undefined) ctx.warnings.push(`enums: the comment of enum "${e.name}" is not written`)
    if (dialect !== 'postgres') continue
    const values = e.values.map(stringLiteral).join(', ')
    body.push(`export const ${enums.get(enumKey(e))} = pgEnum(${stringLiteral(e.name)}, [${values}])`)
  }
  for (const [ti, t] of schema.tables.entries()) {
    const path = `tables[${ti}]`
    const own = names.get(t) as TableNames
    if (t.schema !== undefined)
      ctx.warnings.push(
        `${path}: the table's schema "${t.schema}" is not written (declare it with ${NAMESPACE[dialect]})`,
      )
    if (t.comment !== undefined) ctx.warnings.push(`${path}: drizzle has no table comments; not written`)
    const columns = t.columns.map(
      (c, ci) =>
        `  ${propertyKey(own.keys.get(c.name) as string)}: ${columnDefinition(t, c, ctx, `${path}.columns[${ci}]`)},`,
    )
    const extras = [
      ...t.constraints.map((c, i) => constraintCall(t, c, names, schema.tables, ctx, `${path}.constraints[${i}]`)),
      ...t.indexes.map((ix, i) => indexCall(t, ix, own, ctx, `${path}.indexes[${i}]`)),
    ].filter((x): x is string => x !== undefined)
    const third = extras.length ? `,\n  (t) => [\n${extras.map((x) => `    ${x},`).join('\n')}\n  ]` : ''
    body.push(
      `export const ${own.variable} = ${TABLE[dialect]}(\n  ${stringLiteral(t.name)},\n  {\n${columns.map((c) => `  ${c}`).join('\n')}\n  }${third},\n)`,
    )
  }
  const relations = relationsOf(schema.tables, names, scope)
  if (ctx.usesRaw) ctx.imports.add('customType')

  const header = [generatedHeader(schema.name)]
  for (const w of ctx.warnings) header.push(`// Not expressed: ${w}`)
  const imports = [`import { ${relations.length ? 'relations, sql' : 'sql'} } from 'drizzle-orm'`]
  imports.push(`import { ${[...ctx.imports].sort().join(', ')} } from '${CORE[dialect]}'`)
  const preamble = ctx.usesRaw
    ? [
        '/** A database type drizzle has no builder for, written as the schema spells it. */\nconst raw = (ddl: string) => customType<{ data: unknown }>({ dataType: () => ddl })',
      ]
    : []
  const source = `${[header.join('\n'), imports.join('\n'), ...preamble, ...body, ...relations].join('\n\n')}\n`
  return { source, warnings: ctx.warnings }
}
