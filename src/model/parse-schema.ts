import { SchemaValidationError, type ValidationIssue } from '../errors.js'
import { checkReferences } from './check-references.js'
import { documentLimitIssues } from './document-limits.js'
import { normalizeSchema } from './normal-form.js'
import { readCanonicalDocument } from './read-canonical.js'
import { isRecord, PathsNeeded, ReadContext } from './read-context.js'
import { readSqlalchemyDocument } from './read-sqlalchemy.js'
import { resolveEnumReferences } from './resolve-enum-references.js'
import type { Schema } from './types.js'

/** The two document shapes, as error messages name them. */
const SHAPES =
  'the canonical shape {"format": "schemaledger/1", "tables": [...]} or the SQLAlchemy shape {"metadata": {"tables": [...]}}'

/** Result of {@link safeParseSchema}: the schema, or every problem found. */
export type SafeParseSchemaResult =
  | { readonly success: true; readonly data: Schema }
  | { readonly success: false; readonly issues: readonly ValidationIssue[] }

/**
 * Validates a schema document and returns its normal form, or every problem with its path. Never throws.
 * A document that breaks one of the `DOCUMENT_LIMITS` (nesting depth, type and expression
 * length) gets only those issues: it is not read further.
 *
 * Reads the SQLAlchemy shape (`{"metadata": {"schema_name", "tables"}}`, or the bare metadata object)
 * and the canonical shape written by {@link serializeSchema} (`{"format": "schemaledger/1", ...}`).
 *
 * @example
 * ```ts
 * const result = safeParseSchema(JSON.parse(text))
 * if (!result.success) for (const issue of result.issues) console.log(issue.path, issue.message)
 * ```
 */
export function safeParseSchema(document: unknown): SafeParseSchemaResult {
  if (!isRecord(document)) {
    const message = `A schema document must be a JSON object: ${SHAPES}`
    return { success: false, issues: [{ code: 'invalid_document', path: '', message }] }
  }
  // Neither shape's keys: say what a document looks like rather than list what this one lacks.
  if (!('format' in document || 'metadata' in document || 'tables' in document)) {
    const keys = Object.keys(document).slice(0, 5)
    const has = keys.length === 0 ? 'it is empty' : `it has ${keys.map((k) => JSON.stringify(k)).join(', ')}`
    const message = `Not a schema document (${has}): expected ${SHAPES}`
    return { success: false, issues: [{ code: 'unknown_shape', path: '', message }] }
  }
  // Hostile sizes first: nothing else reads a document that nests too deep or holds huge types or expressions.
  const limits = documentLimitIssues(document)
  if (limits.length > 0) return { success: false, issues: limits }
  // Most documents are valid and need no paths: read without them first, and read again with paths
  // only when an issue turns up, so the issues are exactly those a single careful pass reports.
  try {
    return readDocument(document, new ReadContext(false))
  } catch (e) {
    if (!(e instanceof PathsNeeded)) throw e
  }
  return readDocument(document, new ReadContext(true))
}

/**
 * Reads a document once with the given context: the careful pass when it tracks paths (what
 * {@link safeParseSchema} falls back to, and what tests compare the first pass with).
 * @internal
 */
export function readDocument(document: Record<string, unknown>, ctx: ReadContext): SafeParseSchemaResult {
  const read = 'format' in document ? readCanonicalDocument(document, ctx) : readSqlalchemyDocument(document, ctx)
  if (read) {
    const resolved = resolveEnumReferences(read, ctx)
    checkReferences(resolved, ctx)
    if (ctx.issues.length === 0) return { success: true, data: normalizeSchema(resolved) }
  }
  return { success: false, issues: ctx.issues }
}

/**
 * Validates a schema document and returns its normal form; throws {@link SchemaValidationError}
 * listing every problem (with paths such as `metadata.tables[3].columns[1].type`) when it is invalid.
 *
 * @example
 * ```ts
 * const schema = parseSchema({ metadata: { tables: [{ name: 'users', columns: [{ name: 'id', type: 'Integer', primary_key: true }] }] } })
 * schema.tables[0].constraints // [{ type: 'primary_key', columns: ['id'] }]
 * ```
 */
export function parseSchema(document: unknown): Schema {
  const result = safeParseSchema(document)
  if (!result.success) throw new SchemaValidationError(result.issues)
  return result.data
}
