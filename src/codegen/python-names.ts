import { CodegenError } from './codegen-error.js'

// Python identifiers for generated modules: the database names stay in the strings the code passes
// to SQLAlchemy, so only the variables, classes and attributes need a safe spelling.

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
)

/**
 * A Python identifier for a database name: characters other than ASCII letters, digits and `_` become
 * `_`, a leading digit gets a `_` in front, and a keyword gets one appended (`class` -> `class_`).
 *
 * @example
 * ```ts
 * pythonIdentifier('order id') // 'order_id'
 * ```
 * @internal
 */
export function pythonIdentifier(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_')
  const lead = safe === '' || /^[0-9]/.test(safe) ? `_${safe}` : safe
  return PYTHON_KEYWORDS.has(lead) ? `${lead}_` : lead
}

/**
 * `user_roles` -> `UserRoles`: the class name of a table in an ORM module.
 *
 * @example
 * ```ts
 * pythonClassName('billing.invoices') // 'BillingInvoices'
 * ```
 * @internal
 */
export function pythonClassName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '')
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return pythonIdentifier(joined === '' ? '_' : joined)
}

/**
 * Hands out identifiers within one scope and rejects two owners of the same one with
 * {@link CodegenError} `identifier_collision`, naming both.
 *
 * @example
 * ```ts
 * const scope = identifierScope(['sa', 'metadata'])
 * scope.claim('users', 'table "users"')
 * ```
 * @internal
 */
export function identifierScope(reserved: readonly string[], where = '') {
  const owners = new Map<string, string>(reserved.map((r) => [r, 'a name the generated code uses']))
  return {
    claim(id: string, owner: string): string {
      const other = owners.get(id)
      if (other !== undefined) {
        throw new CodegenError(
          'identifier_collision',
          `${owner} and ${other} both become the identifier ${id}${where}; rename one of them`,
        )
      }
      owners.set(id, owner)
      return id
    },
  }
}

/**
 * A Python string literal (JSON's escapes are valid Python ones).
 *
 * @example
 * ```ts
 * pythonString("it's") // '"it\'s"'
 * ```
 * @internal
 */
export const pythonString = (value: string): string => JSON.stringify(value)
