import { SchemaLedgerError, UnsafeExpressionError } from '../errors.js'
import { isOperatorText, OPERATOR_PATTERN } from '../model/constraint-columns.js'
import { REFERENTIAL_ACTION_SQL } from '../model/referential-action-sql.js'
import type { Constraint, ExclusionConstraint, Index, IndexPart } from '../model/types.js'
import type { Dialect } from './dialect.js'
import { assertOneExpressionEverywhere, assertOneQueryEverywhere } from './expression-guard.js'

// SQL pieces that read the same in every supported dialect, built only through the dialect's own
// quoting. Dialects use them and override what differs.

/** `"schema"."table"` or `"table"`. */
export function qualifiedName(d: Dialect, table: string, schema?: string): string {
  return schema === undefined ? d.quoteIdentifier(table) : `${d.quoteIdentifier(schema)}.${d.quoteIdentifier(table)}`
}

/** `("a", "b")`. */
export function columnList(d: Dialect, names: readonly string[]): string {
  return `(${names.map((n) => d.quoteIdentifier(n)).join(', ')})`
}

/**
 * A column list whose last column is marked, for PostgreSQL 18 temporal keys: `("id", "during"
 * WITHOUT OVERLAPS)` (`after`) or `("id", PERIOD "during")` (`before`).
 */
function temporalColumnList(d: Dialect, names: readonly string[], mark: { before?: string; after?: string }): string {
  const last = names.length - 1
  const quoted = names.map((n, i) =>
    i === last ? `${mark.before ?? ''}${d.quoteIdentifier(n)}${mark.after ?? ''}` : d.quoteIdentifier(n),
  )
  return `(${quoted.join(', ')})`
}

/** A key's column list, its last column `WITHOUT OVERLAPS` when the key says so. */
const keyColumns = (d: Dialect, c: { columns: readonly string[]; withoutOverlaps?: true }) =>
  c.withoutOverlaps ? temporalColumnList(d, c.columns, { after: ' WITHOUT OVERLAPS' }) : columnList(d, c.columns)

/** A foreign key side's column list, its last column `PERIOD` when the key says so. */
const referenceColumns = (d: Dialect, names: readonly string[], period: boolean | undefined) =>
  period ? temporalColumnList(d, names, { before: 'PERIOD ' }) : columnList(d, names)

/** A storage parameter name: a word, or `toast.` and a word. */
const PARAMETER_NAME = /^(?:toast\.)?[A-Za-z_][A-Za-z0-9_]*$/
/** Values written bare: numbers and booleans, as the catalog prints them. */
const BARE_VALUE = /^(?:-?\d+(?:\.\d+)?|on|off|true|false)$/i

const invalidParameter = (where: string, problem: string) =>
  new SchemaLedgerError('invalid_option', `${where}: ${problem}`)

/**
 * `fillfactor=70, autovacuum_enabled=false`: storage parameters as `WITH (...)` and `SET (...)` take
 * them; numbers and booleans bare, anything else a quoted literal. A name that is not a parameter
 * name throws, naming `where`.
 *
 * @example
 * ```ts
 * storageParameterList(d, { fillfactor: '70' }, 'events.with') // 'fillfactor=70'
 * ```
 * @internal
 */
export function storageParameterList(d: Dialect, params: Readonly<Record<string, string>>, where: string): string {
  return Object.entries(params)
    .map(([k, v]) => `${parameterName(k, where)}=${BARE_VALUE.test(v) ? v : d.quoteLiteral(v)}`)
    .join(', ')
}

/**
 * `fillfactor, autovacuum_enabled`: parameter names as `RESET (...)` takes them.
 * @internal
 */
export function storageParameterNames(names: readonly string[], where: string): string {
  return names.map((n) => parameterName(n, where)).join(', ')
}

function parameterName(name: string, where: string): string {
  if (!PARAMETER_NAME.test(name))
    throw invalidParameter(`${where}.${name}`, `"${name}" is not a storage parameter name`)
  return name.toLowerCase()
}

/**
 * An expression from a document as the dialect writes it, checked by its lexer to be one expression
 * (see {@link Dialect.checkExpression}); dialects without a lexer need it safe for every built-in one.
 */
export function expression(d: Dialect, text: string, where: string): string {
  return d.checkExpression ? d.checkExpression(text, where) : assertOneExpressionEverywhere(text, where)
}

/**
 * A query (`kind: 'query'`, a view's definition) or clause (`'clause'`, a routine's arguments) written
 * verbatim, checked with the dialect's lexer (every built-in lexer for a dialect without one).
 */
export function query(d: Dialect, text: string, where: string, kind: 'query' | 'clause' = 'query'): string {
  return d.checkQuery ? d.checkQuery(text, where, kind) : assertOneQueryEverywhere(text, where, kind)
}

/**
 * A table constraint clause under its name (the declared one, or the database's default name so it
 * can be found later): `CONSTRAINT "users_pkey" PRIMARY KEY ("id")`.
 */
export function constraintClause(d: Dialect, table: string, c: Constraint): string {
  const name = `CONSTRAINT ${d.quoteIdentifier(c.name ?? d.constraintName(table, c))} `
  let body: string
  switch (c.type) {
    case 'primary_key':
      body = `PRIMARY KEY ${keyColumns(d, c)}`
      break
    case 'unique':
      body = `UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} ${keyColumns(d, c)}`
      break
    case 'foreign_key': {
      body = `FOREIGN KEY ${referenceColumns(d, c.columns, c.period)} REFERENCES ${qualifiedName(d, c.referencedTable, c.referencedSchema)} ${referenceColumns(d, c.referencedColumns, c.period)}`
      if (c.match) body += ` MATCH ${c.match.toUpperCase()}`
      if (c.onDelete) body += ` ON DELETE ${REFERENTIAL_ACTION_SQL[c.onDelete]}`
      if (c.onUpdate) body += ` ON UPDATE ${REFERENTIAL_ACTION_SQL[c.onUpdate]}`
      break
    }
    case 'check':
      body = `CHECK (${expression(d, c.expression, `${table}.${c.name ?? 'check'}`)})`
      if (c.noInherit) body += ' NO INHERIT'
      break
    case 'exclude':
      body = exclusionBody(d, table, c)
      break
  }
  if (c.deferrable && d.capabilities.deferrableConstraints)
    body += c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE'
  return name + body
}

/**
 * An operator as SQL: `&&`, or `OPERATOR("schema".&&)` when qualified. Anything but operator
 * characters (after an optional `schema.`) is refused, so the text cannot start another clause.
 */
export function operatorSQL(d: Dialect, operator: string, where: string): string {
  const m = OPERATOR_PATTERN.exec(operator.replace(/\s+/g, ''))
  if (!m || !isOperatorText(operator)) throw new UnsafeExpressionError(where, 'not an operator', operator)
  const op = m[2] as string
  return m[1] === undefined ? op : `OPERATOR(${d.quoteIdentifier(m[1])}.${op})`
}

/** `EXCLUDE USING gist ("room" WITH =, "during" WITH &&) [WHERE (...)]`. */
function exclusionBody(d: Dialect, table: string, c: ExclusionConstraint): string {
  const where = `${table}.${c.name ?? 'exclude'}`
  const elements = c.elements.map((e) => {
    const { operator, ...part } = e
    return `${indexPart(d, table, part)} WITH ${operatorSQL(d, operator, `${where} operator`)}`
  })
  const using = (c.using ?? 'gist').replace(/[^A-Za-z0-9_]/g, '')
  let body = `EXCLUDE USING ${using} (${elements.join(', ')})`
  if (c.where) body += ` WHERE (${expression(d, c.where, `${where} predicate`)})`
  return body
}

/** One key part of an index: `"email" DESC`, `(lower("email"))`. */
export function indexPart(d: Dialect, table: string, p: IndexPart): string {
  let text =
    p.column !== undefined
      ? d.quoteIdentifier(p.column)
      : `(${expression(d, p.expression ?? '', `${table} index expression`)})`
  if (p.length !== undefined) text += `(${p.length})`
  if (p.collation) text += ` COLLATE ${d.quoteIdentifier(p.collation)}`
  if (p.opclass) text += ` ${p.opclass.replace(/[^A-Za-z0-9_.]/g, '')}`
  if (p.descending) text += ' DESC'
  if (p.nulls) text += ` NULLS ${p.nulls.toUpperCase()}`
  return text
}

/** `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON "table" [USING m] (parts) [INCLUDE] [WITH (...)] [WHERE]`. */
export function createIndexSQL(
  d: Dialect,
  table: string,
  schema: string | undefined,
  x: Index,
  options: { concurrently?: boolean } = {},
): string {
  const name = d.quoteIdentifier(x.name ?? d.indexName(table, x))
  const using = x.using ? ` USING ${x.using.replace(/[^A-Za-z0-9_]/g, '')}` : ''
  let sql = `CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${options.concurrently ? 'CONCURRENTLY ' : ''}${name} ON ${qualifiedName(d, table, schema)}${using} (${x.parts.map((p) => indexPart(d, table, p)).join(', ')})`
  if (x.include && d.capabilities.indexInclude) sql += ` INCLUDE ${columnList(d, x.include)}`
  if (x.nullsNotDistinct) sql += ' NULLS NOT DISTINCT'
  // Only PostgreSQL's plans get here with storage parameters (the others refuse them).
  if (x.with && Object.keys(x.with).length > 0)
    sql += ` WITH (${storageParameterList(d, x.with, `${table}.${x.name ?? 'index'}.with`)})`
  if (x.where && d.capabilities.partialIndexes)
    sql += ` WHERE ${expression(d, x.where, `${table}.${x.name ?? 'index'} predicate`)}`
  return sql
}
