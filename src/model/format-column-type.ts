import { type ColumnType, defaultDisplayWidth } from './column-type.js'
import { enumReferenceSpelling } from './enum-reference.js'

/**
 * Writes the one canonical, lower-case spelling of a {@link ColumnType}, which `parseColumnType` reads
 * back to a deep-equal value.
 *
 * The round trip holds for every well-formed value (non-negative integer lengths and precisions,
 * `interval` fields PostgreSQL allows) except these hand-made values `parseColumnType` never produces:
 * an integer's display width equal to its kind's default (`int(11)`), written and read back as none;
 * `zerofill` without `unsigned`, read back with it; a named enum is written as its name (`mood`, or
 * `billing.state` outside the default namespace),
 * which reads back as a custom until the caller resolves it against the declared enums; a custom whose `raw` reads as something else
 * (`{ kind: 'custom', raw: 'integer' }`, `x collate y`, an empty raw inside an array); and a decimal
 * with a precision but no scale, written `decimal(p)`, which reads back with the SQL default scale 0.
 * A scale without a precision is written Oracle-style, `decimal(*,2)`.
 *
 * @example
 * ```ts
 * formatColumnType({ kind: 'timestamp', precision: 6, timezone: true }) // 'timestamp(6) with time zone'
 * formatColumnType({ kind: 'array', of: { kind: 'integer' } }) // 'integer[]'
 * formatColumnType({ kind: 'enum', values: ["it's", 'b'] }) // "enum('it''s','b')"
 * ```
 */
export function formatColumnType(type: ColumnType): string {
  const unsigned = 'unsigned' in type && type.unsigned ? ' unsigned' : ''
  const paren = (n: number | undefined): string => (n === undefined ? '' : `(${n})`)
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint': {
      const width = type.displayWidth === defaultDisplayWidth(type) ? undefined : type.displayWidth
      return `${type.kind}${paren(width)}${type.zerofill ? ' unsigned zerofill' : unsigned}`
    }
    case 'real':
    case 'double':
    case 'float':
      return type.kind + unsigned
    case 'decimal': {
      const { precision, scale } = type
      if (scale === undefined) return `decimal${paren(precision)}${unsigned}`
      return `decimal(${precision ?? '*'},${scale})${unsigned}`
    }
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return type.kind + paren(type.length)
    case 'text':
    case 'blob':
      return (type.size ?? '') + type.kind
    case 'time':
    case 'timestamp':
      return type.kind + paren(type.precision) + (type.timezone ? ' with time zone' : '')
    case 'interval':
      return `interval${type.fields ? ` ${type.fields}` : ''}${paren(type.precision)}`
    case 'enum':
      if (type.name !== undefined) return enumReferenceSpelling({ ...type, name: type.name })
      return type.values ? `enum(${type.values.map(quote).join(',')})` : 'enum'
    case 'array':
      return `${formatColumnType(type.of)}[]`
    case 'custom':
      return type.raw
    case 'untyped':
      return ''
    default:
      // boolean, date, uuid, json, jsonb: the kind is the spelling.
      return type.kind
  }
}

/** A SQL string literal the parser reads back exactly: `'` doubled, `\` escaped (MySQL reads backslashes). */
const quote = (value: string): string => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`

/**
 * Whether two column types are the same: structural equality, except that custom raws compare
 * case-insensitively with whitespace collapsed and no spaces around `(`, `)`, `,`, interval fields
 * compare case- and space-insensitively, and a decimal precision without a scale means scale 0.
 *
 * A custom never equals a built-in kind, even when its raw spells one (`{ kind: 'custom', raw: 'int' }`
 * is not `{ kind: 'integer' }`); parse both sides with `parseColumnType` first to compare spellings.
 *
 * @example
 * ```ts
 * columnTypesEqual({ kind: 'custom', raw: 'Geometry( Point, 4326 )' }, { kind: 'custom', raw: 'geometry(point,4326)' }) // true
 * columnTypesEqual({ kind: 'varchar', length: 50 }, { kind: 'varchar' }) // false
 * ```
 */
export function columnTypesEqual(a: ColumnType, b: ColumnType): boolean {
  return sameValue(normalize(a), normalize(b))
}

function normalize(type: ColumnType): unknown {
  switch (type.kind) {
    case 'custom':
      return { kind: 'custom', raw: normalizeRaw(type.raw) }
    case 'array':
      return { kind: 'array', of: normalize(type.of) }
    case 'decimal':
      return type.precision !== undefined && type.scale === undefined ? { ...type, scale: 0 } : type
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint': {
      // The default display width is none; ZEROFILL implies UNSIGNED.
      const { displayWidth, ...rest } = type
      const width = displayWidth === 0 || displayWidth === defaultDisplayWidth(type) ? undefined : displayWidth
      return {
        ...rest,
        ...(type.zerofill ? { unsigned: true } : {}),
        ...(width === undefined ? {} : { displayWidth: width }),
      }
    }
    case 'interval':
      return type.fields === undefined ? type : { ...type, fields: normalizeRaw(type.fields) }
    default:
      return type
  }
}

const normalizeRaw = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([(),]) ?/g, '$1')
    .trim()

/** Deep equality of plain data, where a property holding `undefined` (or `unsigned: false`) counts as absent. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
  const present = (o: object): [string, unknown][] =>
    Object.entries(o).filter(([k, v]) => v !== undefined && !(k === 'unsigned' && v === false))
  const ea = present(a)
  const eb = new Map(present(b))
  return ea.length === eb.size && ea.every(([k, v]) => eb.has(k) && sameValue(v, eb.get(k)))
}
