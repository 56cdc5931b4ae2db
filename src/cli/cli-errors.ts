import { SchemaLedgerError, type ValidationIssue } from '../errors.js'

/**
 * The command line itself is wrong: an unknown command or flag, a missing argument, a value outside
 * its choices. The entry prints the message and the command's usage, and exits 1.
 *
 * @example
 * ```ts
 * throw new UsageError('missing <to>')
 * ```
 */
export class UsageError extends SchemaLedgerError {
  constructor(message: string) {
    super('usage', message)
    this.name = 'UsageError'
  }
}

/**
 * Something the command was pointed at cannot be used: a missing or unreadable file, text that is
 * not JSON, a database driver that is not installed, a server that does not answer. Printed as one
 * line that names the file or URL; exit 1.
 *
 * @example
 * ```ts
 * throw new CliInputError('file_not_found', 'schema/v3.json: no such file')
 * ```
 */
export class CliInputError extends SchemaLedgerError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'CliInputError'
  }
}

/**
 * A document argument is not a valid schema document: every problem, with the file it came from.
 *
 * @example
 * ```ts
 * throw new InvalidDocumentError('schema/v2.json', result.issues)
 * ```
 */
export class InvalidDocumentError extends SchemaLedgerError {
  /** The argument as given: a path, `<stdin>` or `store:name@ref`. */
  readonly source: string
  /** Every problem found, in document order. */
  readonly issues: readonly ValidationIssue[]

  constructor(source: string, issues: readonly ValidationIssue[]) {
    super('invalid_schema', invalidDocumentHeadline(source, issues.length))
    this.name = 'InvalidDocumentError'
    this.source = source
    this.issues = issues
  }
}

/**
 * The one-line verdict on an invalid document.
 *
 * @example
 * ```ts
 * invalidDocumentHeadline('v2.json', 3) // 'v2.json is not a valid schema document: 3 problems'
 * ```
 */
export function invalidDocumentHeadline(source: string, problems: number): string {
  return `${source} is not a valid schema document: ${problems} problem${problems === 1 ? '' : 's'}`
}

/**
 * One problem of a document as a line that starts with the file, as compilers print them (editors and
 * CI annotators link such lines): `file: path: message [code]`.
 *
 * @example
 * ```ts
 * issueLine('v2.json', issue) // 'v2.json: metadata.tables[0].columns[2].type: Type must not be empty [empty_name]'
 * ```
 */
export function issueLine(source: string, issue: ValidationIssue): string {
  return `${source}: ${issue.path || '(root)'}: ${issue.message} [${issue.code}]`
}
