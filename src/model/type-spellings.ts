/**
 * The vocabulary of the column-type grammar: which words (SQLAlchemy, PostgreSQL, MySQL, SQLite) mean
 * which {@link ColumnType}. Works on the syntax tree of `type-syntax.ts`; `undefined` means "not a
 * spelling we model", which the public parser turns into a custom type.
 *
 * @module
 */
import { type ColumnType, type DecimalType, defaultDisplayWidth } from './column-type.js'
import { isNumericType } from './type-family.js'
import {
  DECIMAL_NAMES,
  FLOAT_NAMES,
  INTEGER_NAMES,
  INTERVAL_FIELDS,
  LENGTH_NAMES,
  PG_ARRAY_ELEMENTS,
  PLAIN_NAMES,
  SERIAL_NAMES,
} from './type-names.js'
import type { PhraseItem, TypeSyntax } from './type-syntax.js'
import { isPunct, type TypeToken } from './type-tokenizer.js'

/** A type read from its spelling, plus whether the spelling itself said "with/without time zone". */
export interface InterpretedType {
  readonly type: ColumnType
  /** True when the spelling states the time zone (`timestamptz`, `... without time zone`, `timezone=True`). */
  readonly tzExplicit: boolean
}

type ArgValue =
  | { readonly t: 'number'; readonly value: number }
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'word'; readonly value: string }
  | { readonly t: 'star' }

interface Args {
  readonly positional: readonly ArgValue[]
  readonly named: ReadonlyMap<string, ArgValue>
  /** Whether the spelling had a parenthesised group at all (`enum()` vs `enum`). */
  readonly group: boolean
}

/**
 * Gives the meaning of a syntax tree; unknown array elements become custom elements, an unknown
 * top-level phrase gives `undefined`.
 *
 * @example
 * ```ts
 * interpretSyntax(readTypeSyntax(tokenizeType('int4[]')!)!, 'int4[]')?.type // array of integer
 * ```
 */
export function interpretSyntax(node: TypeSyntax, src: string): InterpretedType | undefined {
  if (node.t === 'phrase') return interpretPhrase(node.items)
  const inner = interpretSyntax(node.of, src) ?? {
    type: { kind: 'custom', raw: src.slice(node.of.start, node.of.end).trim() },
    tzExplicit: false,
  }
  return { type: { kind: 'array', of: inner.type }, tzExplicit: inner.tzExplicit }
}

const wordAt = (items: readonly PhraseItem[], k: number): string | undefined => {
  const item = items[k]
  return item?.t === 'word' ? item.value : undefined
}

function interpretPhrase(items: readonly PhraseItem[]): InterpretedType | undefined {
  let end = items.length
  // MySQL attributes: `int(10) unsigned zerofill`, `int signed`.
  let unsigned = false
  let zerofill = false
  let modifiers = false
  for (let w = wordAt(items, end - 1); end > 1 && (w === 'unsigned' || w === 'signed' || w === 'zerofill'); ) {
    if (w === 'unsigned') unsigned = true
    if (w === 'zerofill') zerofill = true
    modifiers = true
    end--
    w = wordAt(items, end - 1)
  }
  let tz: boolean | undefined
  if (end >= 4 && wordAt(items, end - 2) === 'time' && wordAt(items, end - 1) === 'zone') {
    const w = wordAt(items, end - 3)
    if (w === 'with' || w === 'without') {
      tz = w === 'with'
      end -= 3
    }
  }
  const last = items[end - 1]
  const group = last?.t === 'group' ? last : undefined
  const words: string[] = []
  for (let k = 0; k < (group ? end - 1 : end); k++) {
    const w = wordAt(items, k)
    if (w === undefined) return undefined
    words.push(w)
  }
  if (words.length === 0) return undefined
  const args = readArgs(group)
  if (args === undefined) return undefined
  // PostgreSQL may qualify built-ins with their schema: `pg_catalog.int4`.
  const name = words.join(' ').replace(/^pg_catalog\./, '')
  if (tz !== undefined && name !== 'time' && name !== 'timestamp') return undefined
  const read = interpretName(name, args, tz, unsigned || zerofill, modifiers)
  if (read === undefined) return undefined
  if (modifiers && !isNumericType(read.type)) return undefined
  // ZEROFILL pads integers to their display width; on other numbers it is not modelled.
  if (!zerofill) return read
  const t = read.type
  return t.kind === 'tinyint' ||
    t.kind === 'smallint' ||
    t.kind === 'mediumint' ||
    t.kind === 'integer' ||
    t.kind === 'bigint'
    ? { ...read, type: { ...t, zerofill: true } }
    : undefined
}

function interpretName(
  name: string,
  args: Args,
  tz: boolean | undefined,
  unsigned: boolean,
  modifiers: boolean,
): InterpretedType | undefined {
  const plain = (type: ColumnType | undefined): InterpretedType | undefined =>
    type === undefined ? undefined : { type, tzExplicit: false }
  const u = unsigned ? { unsigned: true as const } : {}
  const noArgs = args.positional.length === 0 && args.named.size === 0

  const integer = INTEGER_NAMES.get(name)
  if (integer !== undefined) {
    // The display width (`int(4)`); the kind's default (`int(11)`) and 0 mean none. MySQL's
    // `tinyint(1)` is its boolean.
    if (args.named.size > 0 || args.positional.length > 1) return undefined
    const arg = args.positional[0]
    const width = arg === undefined ? undefined : natural(arg)
    if (arg !== undefined && width === undefined) return undefined
    if (name === 'tinyint' && !modifiers && width === 1) return plain({ kind: 'boolean' })
    const type = { kind: integer, ...u }
    const shown = width === 0 || width === defaultDisplayWidth(type) ? undefined : width
    return plain({ ...type, ...(shown === undefined ? {} : { displayWidth: shown }) })
  }
  const serial = SERIAL_NAMES.get(name)
  if (serial !== undefined) return noArgs && !modifiers ? plain({ kind: serial }) : undefined
  if (DECIMAL_NAMES.has(name)) return plain(decimal(args, unsigned))
  const float = FLOAT_NAMES.get(name)
  if (float !== undefined) {
    if (noArgs) return plain({ kind: float, ...u })
    if (float !== 'float') return undefined
    // `float(p)`: the SQL-standard rule. MySQL's two-argument `float(m,d)` is not modelled.
    const p = args.positional.length === 1 && args.named.size === 0 ? args.positional[0] : onlyNamed(args, 'precision')
    const bits = natural(p)
    return bits === undefined ? undefined : plain({ kind: bits <= 24 ? 'real' : 'double', ...u })
  }
  const sized = LENGTH_NAMES.get(name)
  if (sized !== undefined) {
    if (noArgs) return plain({ kind: sized })
    const length = natural(
      args.positional.length === 1 && args.named.size === 0 ? args.positional[0] : onlyNamed(args, 'length'),
    )
    return length === undefined ? undefined : plain({ kind: sized, length })
  }
  const fixed = PLAIN_NAMES.get(name)
  if (fixed !== undefined) return noArgs ? plain(fixed) : undefined
  if (name === 'time' || name === 'timetz' || name === 'timestamp' || name === 'timestamptz' || name === 'datetime') {
    return temporal(name, args, tz)
  }
  if (name === 'interval' || name.startsWith('interval ')) return plain(interval(name.slice('interval '.length), args))
  if (name === 'enum') return plain(enumType(args))
  if (/^_[a-z0-9]+$/.test(name) && noArgs && !args.group && PG_ARRAY_ELEMENTS.has(name.slice(1))) {
    const inner = interpretName(name.slice(1), args, undefined, false, false)
    return inner && { type: { kind: 'array', of: inner.type }, tzExplicit: inner.tzExplicit }
  }
  return undefined
}

function decimal(args: Args, unsigned: boolean): DecimalType | undefined {
  const { positional: p, named } = args
  let precision: number | undefined
  let scale: number | undefined
  if (p.length > 0 && named.size > 0) return undefined
  if (named.size > 0) {
    for (const key of named.keys()) if (key !== 'precision' && key !== 'scale') return undefined
    const pv = named.get('precision')
    const sv = named.get('scale')
    precision = natural(pv)
    scale = integer(sv)
    if ((pv !== undefined && precision === undefined) || (sv !== undefined && scale === undefined)) return undefined
  } else if (p.length === 1) {
    precision = natural(p[0])
    if (precision === undefined) return undefined
  } else if (p.length === 2) {
    // `decimal(*,2)` (Oracle-style "any precision") is how a scale without precision is written.
    if (p[0]?.t !== 'star') {
      precision = natural(p[0])
      if (precision === undefined) return undefined
    }
    scale = integer(p[1])
    if (scale === undefined) return undefined
  } else if (p.length > 2) {
    return undefined
  }
  // `numeric(p)` means scale 0.
  if (precision !== undefined && scale === undefined) scale = 0
  return {
    kind: 'decimal',
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
    ...(unsigned ? { unsigned: true as const } : {}),
  }
}

function temporal(name: string, args: Args, tz: boolean | undefined): InterpretedType | undefined {
  let timezone = tz
  if (name === 'timetz' || name === 'timestamptz') timezone = true
  let precision: number | undefined
  if (args.positional.length > 1) return undefined
  if (args.positional.length === 1) {
    precision = natural(args.positional[0])
    if (precision === undefined) return undefined
  }
  for (const [key, value] of args.named) {
    if (key === 'timezone' && value.t === 'word' && (value.value === 'true' || value.value === 'false')) {
      const named = value.value === 'true'
      if (timezone !== undefined && timezone !== named) return undefined
      timezone = named
    } else if ((key === 'precision' || key === 'fsp') && precision === undefined && natural(value) !== undefined) {
      precision = natural(value)
    } else {
      return undefined
    }
  }
  const kind = name === 'time' || name === 'timetz' ? 'time' : 'timestamp'
  return {
    type: { kind, ...(precision === undefined ? {} : { precision }), timezone: timezone ?? false },
    tzExplicit: timezone !== undefined,
  }
}

function interval(fields: string, args: Args): ColumnType | undefined {
  if (fields !== '' && !INTERVAL_FIELDS.has(fields)) return undefined
  if (args.named.size > 0 || args.positional.length > 1) return undefined
  const p = args.positional[0]
  const precision = natural(p)
  if (p !== undefined && precision === undefined) return undefined
  return {
    kind: 'interval',
    ...(fields === '' ? {} : { fields }),
    ...(precision === undefined ? {} : { precision }),
  }
}

function enumType(args: Args): ColumnType | undefined {
  const values: string[] = []
  for (const v of args.positional) {
    if (v.t !== 'string') return undefined
    values.push(v.value)
  }
  let name: string | undefined
  for (const [key, value] of args.named) {
    if (key !== 'name' || value.t !== 'string') return undefined
    name = value.value
  }
  const hasValues = args.positional.length > 0 || (args.group && args.named.size === 0)
  return { kind: 'enum', ...(name === undefined ? {} : { name }), ...(hasValues ? { values } : {}) }
}

const natural = (a: ArgValue | undefined): number | undefined =>
  a?.t === 'number' && a.value >= 0 ? a.value : undefined

const integer = (a: ArgValue | undefined): number | undefined => (a?.t === 'number' ? a.value : undefined)

/** The value of the only named argument when it is `key` and nothing else was given. */
const onlyNamed = (args: Args, key: string): ArgValue | undefined =>
  args.positional.length === 0 && args.named.size === 1 ? args.named.get(key) : undefined

function readArgs(group: (PhraseItem & { t: 'group' }) | undefined): Args | undefined {
  const positional: ArgValue[] = []
  const named = new Map<string, ArgValue>()
  for (const tokens of group?.args ?? []) {
    const first = tokens[0]
    if (first?.t === 'word' && isPunct(tokens[1], '=')) {
      const value = readValue(tokens.slice(2))
      if (value === undefined || named.has(first.value)) return undefined
      named.set(first.value, value)
    } else {
      const value = readValue(tokens)
      if (value === undefined || named.size > 0) return undefined
      positional.push(value)
    }
  }
  return { positional, named, group: group !== undefined }
}

function readValue(tokens: readonly TypeToken[]): ArgValue | undefined {
  const [a, b] = tokens
  if (a === undefined) return undefined
  if (tokens.length === 2 && b?.t === 'number' && (isPunct(a, '-') || isPunct(a, '+'))) {
    return { t: 'number', value: isPunct(a, '-') && b.value !== 0 ? -b.value : b.value }
  }
  if (tokens.length !== 1) return undefined
  if (a.t === 'number' || a.t === 'string' || a.t === 'word') return { t: a.t, value: a.value } as ArgValue
  return isPunct(a, '*') ? { t: 'star' } : undefined
}
