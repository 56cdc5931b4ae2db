import { InvalidOptionError } from '../errors.js'
import type { Schema, Table } from '../model/types.js'
import { CodegenError } from './codegen-error.js'

/**
 * How table and enum names become TypeScript identifiers: `'pascal'` (default; `user_roles` ->
 * `UserRoles`, `billing.invoices` -> `BillingInvoices`), `'preserve'` (the name as written, with
 * characters an identifier cannot hold replaced by `_`), or a function that returns the identifier
 * (namespaced tables are passed as `schema.table`).
 *
 * @example
 * ```ts
 * const naming: IdentifierNaming = (name, kind) => (kind === 'enum' ? `${name}_enum` : name)
 * ```
 */
export type IdentifierNaming = 'pascal' | 'preserve' | ((name: string, kind: 'table' | 'enum') => string)

// Words that cannot name a type or a constant in a strict-mode module (JavaScript reserved words and
// TypeScript's built-in type names); `preserve` appends `_` to them.
const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval ' +
    'any unknown never object string number boolean symbol bigint undefined type declare namespace module ' +
    'abstract as async keyof infer is asserts satisfies readonly unique global'
  ).split(' '),
)

// Identifier characters are ASCII or letters of long-established blocks (Latin, Greek, Cyrillic, kana,
// CJK, Hangul): the regex engine knows every Unicode letter, but a reader's TypeScript may predate a
// recent one (TypeScript 5.9 rejects U+A7D3, added in Unicode 14).
const KNOWN = /^[\0-\x7F\u00C0-\u04FF\u3040-\u30FF\u4E00-\u9FA5\uAC00-\uD7A3]*$/
const ID_START = /[\p{ID_Start}$_]/u
const ID_PART = /[\p{ID_Continue}$]/u
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u

/** Whether one code point may appear in an identifier after its first character. */
const isPart = (ch: string): boolean => KNOWN.test(ch) && ID_PART.test(ch)

/**
 * Whether a string can be used as-is as the name of an exported type or constant.
 *
 * @example
 * ```ts
 * isIdentifier('Users') // true
 * isIdentifier('class') // false
 * ```
 * @internal
 */
export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text) && KNOWN.test(text) && !RESERVED_WORDS.has(text)
}

/** Starts with `_` when the first character cannot start an identifier (`2fa` -> `_2fa`). */
const leadSafe = (text: string): string => (text === '' ? '_' : ID_START.test(text[0]!) ? text : `_${text}`)

function pascal(name: string): string {
  // Words are runs of identifier characters other than `_`; each starts upper case.
  const words = Array.from(name, (ch) => (ch !== '_' && isPart(ch) ? ch : ' '))
    .join('')
    .split(' ')
    .filter((w) => w !== '')
  // Upper case can add characters (ΐ -> Ϊ́); keep the original letter unless all of them are usable.
  const capital = (ch: string) => (Array.from(ch.toUpperCase()).every(isPart) ? ch.toUpperCase() : ch)
  return leadSafe(words.map((w) => capital(w[0]!) + w.slice(1)).join(''))
}

function preserve(name: string): string {
  const safe = leadSafe(Array.from(name, (ch) => (isPart(ch) ? ch : '_')).join(''))
  return RESERVED_WORDS.has(safe) ? `${safe}_` : safe
}

/**
 * The identifier a table or enum gets under a naming option; a naming function must return a valid,
 * non-reserved identifier.
 *
 * @example
 * ```ts
 * identifierFor('user_roles', 'table', 'pascal') // 'UserRoles'
 * identifierFor('2fa codes', 'table', 'preserve') // '_2fa_codes'
 * ```
 * @internal
 */
export function identifierFor(name: string, kind: 'table' | 'enum', naming: IdentifierNaming = 'pascal'): string {
  if (naming === 'pascal') return pascal(name)
  if (naming === 'preserve') return preserve(name)
  if (typeof naming !== 'function') {
    throw new InvalidOptionError('naming', `expected 'pascal', 'preserve' or a function, got ${JSON.stringify(naming)}`)
  }
  const id = naming(name, kind)
  if (typeof id !== 'string' || !isIdentifier(id)) {
    throw new InvalidOptionError(
      'naming',
      `the naming function returned ${JSON.stringify(id)} for ${kind} "${name}", which is not a valid identifier`,
    )
  }
  return id
}

/**
 * The name a table goes by in generated code: `schema.table` when it has a namespace.
 *
 * @example
 * ```ts
 * qualifiedTableName({ name: 'invoices', schema: 'billing', columns: [], constraints: [], indexes: [] }) // 'billing.invoices'
 * ```
 * @internal
 */
export const qualifiedTableName = (table: Table): string =>
  table.schema ? `${table.schema}.${table.name}` : table.name

/**
 * Identifiers of every table and enum of a schema for one output.
 *
 * @example
 * ```ts
 * const ids = schemaIdentifiers(schema, { naming: 'pascal', reserved: ['Json'], suffixes: ['', 'Insert'] })
 * ids.table(users) // 'Users'
 * ```
 * @internal
 */
export interface SchemaIdentifiers {
  /** The base identifier of a table (outputs append their suffixes). */
  table(table: Table): string
  /** The identifier of a schema-level enum, by name. */
  enum(name: string): string
}

/** What an output needs from {@link schemaIdentifiers}. @internal */
export interface IdentifierPlan {
  readonly naming: IdentifierNaming | undefined
  /** Names the output itself declares or refers to (`Json`, `Date`, `z`). */
  readonly reserved: readonly string[]
  /** Suffixes the output appends to each table's identifier (`''` for the row, `'Insert'`). */
  readonly suffixes: readonly string[]
}

/**
 * Names every table and enum and proves the names distinct: built-in naming appends `_` to a name the
 * output reserves; any remaining clash throws {@link CodegenError} `identifier_collision`.
 *
 * @example
 * ```ts
 * schemaIdentifiers(schema, { naming: undefined, reserved: ['z'], suffixes: ['', 'Insert'] }).enum('user_role') // 'UserRole'
 * ```
 * @internal
 */
export function schemaIdentifiers(schema: Schema, plan: IdentifierPlan): SchemaIdentifiers {
  const reserved = new Set(plan.reserved)
  const owners = new Map<string, string>(plan.reserved.map((r) => [r, 'a name the generated code uses']))
  const claim = (id: string, owner: string) => {
    const other = owners.get(id)
    if (other !== undefined) {
      throw new CodegenError(
        'identifier_collision',
        `${owner} and ${other} both become the identifier ${id}; pass a naming function to tell them apart`,
      )
    }
    owners.set(id, owner)
  }
  const base = (name: string, kind: 'table' | 'enum') => {
    const id = identifierFor(name, kind, plan.naming)
    return typeof plan.naming !== 'function' && reserved.has(id) ? `${id}_` : id
  }
  const enums = new Map<string, string>()
  for (const e of schema.enums) {
    const id = base(e.name, 'enum')
    claim(id, `enum "${e.name}"`)
    enums.set(e.name, id)
  }
  const tables = new Map<Table, string>()
  for (const t of schema.tables) {
    const name = qualifiedTableName(t)
    const id = base(name, 'table')
    for (const suffix of plan.suffixes) claim(id + suffix, `table "${name}"${suffix ? ` (${suffix})` : ''}`)
    tables.set(t, id)
  }
  return {
    table: (t) => tables.get(t) ?? base(qualifiedTableName(t), 'table'),
    enum: (name) => enums.get(name) ?? base(name, 'enum'),
  }
}
