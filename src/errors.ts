/** A problem found in an input document, reported as data. */
export interface ValidationIssue {
  /** Stable machine code, e.g. `unknown_column`, `duplicate_table`, `invalid_type`. */
  readonly code: string
  /** Where in the document, e.g. `metadata.tables[3].columns[1].type`. */
  readonly path: string
  /** One sentence for people. */
  readonly message: string
}

const BRAND = Symbol.for('schemaledger.error')

/**
 * Base class of every error schemaledger throws. Errors are thrown only for bad input; findings and
 * validation issues are returned as data elsewhere.
 *
 * @example
 * ```ts
 * try { parseSchema(doc) } catch (e) { if (isSchemaLedgerError(e)) console.error(e.code) }
 * ```
 */
export class SchemaLedgerError extends Error {
  /** Stable machine code of the failure. */
  readonly code: string
  /** @internal Marks errors from any copy of the library, so the check works across bundles. */
  readonly [BRAND] = true

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SchemaLedgerError'
    this.code = code
  }
}

/**
 * The document is not a valid schema. `issues` lists every problem with its path.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SchemaValidationError) for (const i of e.issues) console.log(i.path, i.message) }
 * ```
 */
export class SchemaValidationError extends SchemaLedgerError {
  /** Every problem found, in document order. */
  readonly issues: readonly ValidationIssue[]

  constructor(issues: readonly ValidationIssue[]) {
    super('invalid_schema', formatIssues(issues))
    this.name = 'SchemaValidationError'
    this.issues = issues
  }
}

/**
 * A diff cannot be applied to a schema (for example, it drops a table the schema does not have).
 *
 * @example
 * ```ts
 * try { applyDiff(schema, diff) } catch (e) { if (e instanceof DiffApplicationError) console.error(e.path) }
 * ```
 */
export class DiffApplicationError extends SchemaLedgerError {
  /** Path of the change that could not be applied. */
  readonly path: string

  constructor(path: string, message: string) {
    super('diff_not_applicable', `${path}: ${message}`)
    this.name = 'DiffApplicationError'
    this.path = path
  }
}

/**
 * An option passed to a public function is invalid (for example, a rename hint naming a table that
 * does not exist).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidOptionError) console.error(e.option) }
 * ```
 */
export class InvalidOptionError extends SchemaLedgerError {
  /** Name of the offending option, e.g. `renames.tables`. */
  readonly option: string

  constructor(option: string, message: string) {
    super('invalid_option', `${option}: ${message}`)
    this.name = 'InvalidOptionError'
    this.option = option
  }
}

/**
 * Whether a value is an error thrown by schemaledger (works across bundles, unlike `instanceof`).
 *
 * @example
 * ```ts
 * if (isSchemaLedgerError(err) && err.code === 'invalid_schema') process.exitCode = 1
 * ```
 */
export function isSchemaLedgerError(value: unknown): value is SchemaLedgerError {
  return value instanceof Error && (value as { [BRAND]?: unknown })[BRAND] === true
}

function formatIssues(issues: readonly ValidationIssue[]): string {
  const head = `Invalid schema document: ${issues.length} problem${issues.length === 1 ? '' : 's'}`
  const lines = issues.slice(0, 20).map((i) => `  ${i.path || '(root)'}: ${i.message} [${i.code}]`)
  if (issues.length > 20) lines.push(`  ... and ${issues.length - 20} more`)
  return [head, ...lines].join('\n')
}

/**
 * A SQL expression from a document (default, check, index predicate or expression, generated column,
 * custom type) is not exactly one expression to the target dialect's lexer: it could end the
 * statement, hide the rest of it, reach the command-line client or add a clause, so no SQL is
 * generated for it.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof UnsafeExpressionError) console.error(e.where, e.dialect, e.position) }
 * ```
 */
export class UnsafeExpressionError extends SchemaLedgerError {
  /** Where the expression comes from: a document path (`tables[3].columns[1].default`) or `users.email default`. */
  readonly where: string
  /** The dialect whose lexer refused it (`PostgreSQL`, `MySQL/MariaDB`, `SQLite`), when known. */
  readonly dialect?: string
  /** 1-based character position of the problem in the expression, when known. */
  readonly position?: number

  constructor(where: string, problem: string, expression: string, at: { dialect?: string; position?: number } = {}) {
    const place =
      at.position !== undefined
        ? ` at character ${at.position}${at.dialect ? ` (${at.dialect})` : ''}`
        : at.dialect
          ? ` (${at.dialect})`
          : ''
    super('unsafe_expression', `${where}: ${problem}${place} in expression ${JSON.stringify(expression)}`)
    this.name = 'UnsafeExpressionError'
    this.where = where
    if (at.dialect !== undefined) this.dialect = at.dialect
    if (at.position !== undefined) this.position = at.position
  }
}

/**
 * A name or label in a document is one the target database would change (PostgreSQL truncates
 * identifiers to 63 bytes, MySQL drops trailing spaces of enum labels and stores other characters
 * beyond U+FFFF as `?`) or refuse, so no SQL is generated for it.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidIdentifierError) console.error(e.path, e.dialect) }
 * ```
 */
export class InvalidIdentifierError extends SchemaLedgerError {
  /** Document path of the name, e.g. `tables[3].columns[1].name`. */
  readonly path: string
  /** The dialect that would change or refuse it. */
  readonly dialect: string

  constructor(path: string, dialect: string, problem: string) {
    super('invalid_identifier', `${path}: ${problem} (${dialect})`)
    this.name = 'InvalidIdentifierError'
    this.path = path
    this.dialect = dialect
  }
}
