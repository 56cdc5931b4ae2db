import { InvalidOptionError } from '../errors.js'

/**
 * What a name names, for naming rules: a namespace (`schema`), a table, a column, an index, a
 * constraint by type, or an enum type.
 *
 * @example
 * ```ts
 * const kind: NameKind = 'foreign_key'
 * ```
 */
export type NameKind =
  | 'schema'
  | 'table'
  | 'column'
  | 'index'
  | 'primary_key'
  | 'unique'
  | 'foreign_key'
  | 'check'
  | 'enum'

/**
 * Patterns that names must match, by what they name; a string is read as a regular expression.
 * Patterns are tested like `RegExp.test`, so anchor them (`^...$`) to match whole names. Giving a
 * pattern turns its naming rule on: NM001 `schema`, NM002 `table`, NM003 `column`, NM004 `index`,
 * NM005 `foreignKey`, NM006 `check`, NM007 `constraint` (primary keys and unique constraints, and
 * foreign keys and checks without a pattern of their own), NM008 `enum`. A rule turned on with
 * `rules.enable` and no pattern uses snake_case, `^[a-z][a-z0-9_]*$`. Unnamed constraints and
 * indexes are not checked (the database names them).
 *
 * @example
 * ```ts
 * const naming: NamingOptions = { table: /^[a-z][a-z0-9_]*$/, index: '^(ix|ux)_', foreignKey: '^fk_' }
 * ```
 */
export interface NamingOptions {
  /** Namespace names (the document's `schema_name` and tables' `schema`). */
  readonly schema?: RegExp | string
  readonly table?: RegExp | string
  readonly column?: RegExp | string
  readonly index?: RegExp | string
  readonly foreignKey?: RegExp | string
  readonly check?: RegExp | string
  /** Primary key and unique constraint names, and foreign keys and checks without their own pattern. */
  readonly constraint?: RegExp | string
  /** Enum type names. */
  readonly enum?: RegExp | string
}

/** The pattern of a rule turned on without one. @internal */
export const SNAKE_CASE = /^[a-z][a-z0-9_]*$/

/** Naming option -> the kinds of names it governs, and the rule that checks them. */
const OPTION_KINDS: Readonly<Record<keyof NamingOptions, { kinds: readonly NameKind[]; code: string }>> = {
  schema: { kinds: ['schema'], code: 'NM001' },
  table: { kinds: ['table'], code: 'NM002' },
  column: { kinds: ['column'], code: 'NM003' },
  index: { kinds: ['index'], code: 'NM004' },
  foreignKey: { kinds: ['foreign_key'], code: 'NM005' },
  check: { kinds: ['check'], code: 'NM006' },
  constraint: { kinds: ['primary_key', 'unique', 'foreign_key', 'check'], code: 'NM007' },
  enum: { kinds: ['enum'], code: 'NM008' },
}

/** The rule that checks each kind of name. @internal */
export const NAME_RULES: Readonly<Record<NameKind, string>> = {
  schema: 'NM001',
  table: 'NM002',
  column: 'NM003',
  index: 'NM004',
  foreign_key: 'NM005',
  check: 'NM006',
  primary_key: 'NM007',
  unique: 'NM007',
  enum: 'NM008',
}

/** Naming options read into patterns by kind, and the rules they turn on. @internal */
export interface ResolvedNaming {
  readonly patterns: ReadonlyMap<NameKind, RegExp>
  readonly enable: readonly string[]
}

/** A pattern without `g`/`y`, whose `lastIndex` would make `test` answer differently on each call. */
function compile(option: string, value: RegExp | string): RegExp {
  if (value instanceof RegExp) return new RegExp(value.source, value.flags.replace(/[gy]/g, ''))
  if (typeof value !== 'string') throw new InvalidOptionError(option, 'a naming pattern is a RegExp or a string')
  try {
    return new RegExp(value)
  } catch (error) {
    throw new InvalidOptionError(option, `${JSON.stringify(value)} is not a regular expression: ${String(error)}`)
  }
}

/**
 * Reads naming options: compiles each pattern (a specific one wins over `constraint`) and lists the
 * NM rules the given patterns turn on. @internal
 */
export function resolveNaming(options: NamingOptions = {}): ResolvedNaming {
  const patterns = new Map<NameKind, RegExp>()
  const enable = new Set<string>()
  const keys = Object.keys(OPTION_KINDS) as (keyof NamingOptions)[]
  for (const key of Object.keys(options)) {
    if (!keys.includes(key as keyof NamingOptions)) {
      throw new InvalidOptionError(`naming.${key}`, `unknown naming option; use one of ${keys.join(', ')}`)
    }
  }
  // `constraint` first, so foreignKey and check override it.
  for (const key of ['constraint', ...keys.filter((k) => k !== 'constraint')] as const) {
    const value = options[key]
    if (value === undefined) continue
    const pattern = compile(`naming.${key}`, value)
    for (const kind of OPTION_KINDS[key].kinds) patterns.set(kind, pattern)
    for (const kind of OPTION_KINDS[key].kinds) enable.add(NAME_RULES[kind])
  }
  return { patterns, enable: [...enable].sort() }
}
