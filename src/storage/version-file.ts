import { isSchemaLedgerError } from '../errors.js'
import { parseSchema } from '../model/parse-schema.js'
import type { JsonValue, Schema } from '../model/types.js'
import { sha256Hex } from './content-hash.js'
import { type CorruptionReason, StoreCorruptionError } from './errors.js'
import type { VersionInfo } from './store-types.js'

// One version file is canonical JSON (fixed key order, two-space indent, final newline) so it reads
// well and diffs well: the metadata first, then the schema exactly as serializeSchema writes it,
// nested one level deeper, then a checksum. Two digests, two jobs:
//  - `hash` identifies the schema: SHA-256 of its canonical text, which is recovered from the file
//    byte for byte (JSON.stringify(JSON.parse(t), null, 2) === t for any t JSON.stringify wrote);
//  - `checksum` seals the whole file: SHA-256 of the canonical JSON of every other field, so an edited
//    message, date or tag pointer is caught too, not just an edited schema.

/** The `format` of version files. @internal */
export const VERSION_FILE_FORMAT = 'schemaledger-version/1'
/** The `format` of tag files. @internal */
export const TAG_FILE_FORMAT = 'schemaledger-tag/1'

/** A version's stored metadata (tags live in their own files). @internal */
export type VersionRecord = Omit<VersionInfo, 'tags'>

/** Where a file lives, for error messages. @internal */
export interface FileContext {
  readonly name: string
  readonly key: string
  readonly location: string
  readonly version?: number
  readonly tag?: string
}

/** The text of a version file. `canonicalText` is `serializeSchema(schema)`, whose hash is `record.hash`. @internal */
export function encodeVersionFile(record: VersionRecord, canonicalText: string): Promise<string> {
  return sealed(versionBody(record, JSON.parse(canonicalText) as JsonValue))
}

function versionBody(record: VersionRecord, schema: JsonValue): Record<string, JsonValue> {
  return {
    format: VERSION_FILE_FORMAT,
    name: record.name,
    version: record.version,
    hash: record.hash,
    createdAt: record.createdAt,
    message: record.message,
    ...(record.author !== undefined && { author: record.author }),
    schema,
  }
}

/**
 * Reads a version file's metadata, checking its shape, that it sits under its own name and number,
 * and its content hash; throws {@link StoreCorruptionError} naming the file otherwise. The schema is
 * returned as the stored JSON, not parsed (saving and listing only need the hash).
 * @internal
 */
export async function decodeVersionRecord(
  text: string,
  context: FileContext & { readonly version: number },
): Promise<{ record: VersionRecord; document: object }> {
  const file = parseJsonObject(text, context)
  const { name, version, hash, createdAt, message, author, schema } = file
  if (
    file.format !== VERSION_FILE_FORMAT ||
    typeof name !== 'string' ||
    typeof version !== 'number' ||
    typeof hash !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof message !== 'string' ||
    (author !== undefined && typeof author !== 'string') ||
    typeof schema !== 'object' ||
    schema === null
  ) {
    throw corruption(context, 'invalid_document', `not a ${VERSION_FILE_FORMAT} document (a field is missing or wrong)`)
  }
  if (name !== context.name || version !== context.version) {
    throw corruption(context, 'wrong_location', `the file says it is version ${version} of ${JSON.stringify(name)}`)
  }
  const actual = await sha256Hex(`${JSON.stringify(schema, null, 2)}\n`)
  if (actual !== hash) {
    throw corruption(
      context,
      'hash_mismatch',
      `content hashes to ${actual.slice(0, 12)}, file says ${hash.slice(0, 12)}`,
    )
  }
  const record: VersionRecord = { name, version, hash, createdAt, message, ...(author !== undefined && { author }) }
  await checkSeal(file, versionBody(record, schema as JsonValue), context)
  return { record, document: schema }
}

/** Parses the schema of a decoded version file; throws {@link StoreCorruptionError} when it is invalid. @internal */
export function parseStoredSchema(document: object, context: FileContext): Schema {
  try {
    return parseSchema(document)
  } catch (error) {
    if (!isSchemaLedgerError(error)) throw error
    throw corruption(context, 'invalid_schema', `the stored schema is invalid: ${error.message}`)
  }
}

/** The text of a tag file. @internal */
export function encodeTagFile(name: string, tag: string, version: number): Promise<string> {
  return sealed({ format: TAG_FILE_FORMAT, name, tag, version })
}

/** The version a tag file points at; throws {@link StoreCorruptionError} for a damaged file. @internal */
export async function decodeTagFile(text: string, context: FileContext & { readonly tag: string }): Promise<number> {
  const file = parseJsonObject(text, context)
  const version = file.version
  if (file.format !== TAG_FILE_FORMAT || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw corruption(context, 'invalid_document', `not a ${TAG_FILE_FORMAT} document`)
  }
  if (file.name !== context.name || file.tag !== context.tag) {
    throw corruption(context, 'wrong_location', `the file says it is tag ${JSON.stringify(file.tag)}`)
  }
  await checkSeal(file, { format: TAG_FILE_FORMAT, name: context.name, tag: context.tag, version }, context)
  return version
}

function canonicalJson(value: JsonValue): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** The canonical JSON of `body` with its checksum appended as the last field. */
async function sealed(body: Record<string, JsonValue>): Promise<string> {
  return canonicalJson({ ...body, checksum: await sha256Hex(canonicalJson(body)) })
}

/** Throws unless the file's checksum matches the body rebuilt from its decoded fields. */
async function checkSeal(file: Record<string, unknown>, body: Record<string, JsonValue>, context: FileContext) {
  const expected = await sha256Hex(canonicalJson(body))
  if (file.checksum !== expected) {
    throw corruption(context, 'checksum_mismatch', 'the file was changed after it was written (checksum mismatch)')
  }
}

/** The error for a damaged file. @internal */
export function corruption(context: FileContext, reason: CorruptionReason, problem: string): StoreCorruptionError {
  return new StoreCorruptionError({
    schemaName: context.name,
    ...(context.version !== undefined && { version: context.version }),
    ...(context.tag !== undefined && { tag: context.tag }),
    key: context.key,
    location: context.location,
    reason,
    problem,
  })
}

function parseJsonObject(text: string, context: FileContext): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw corruption(context, 'unreadable_json', 'not valid JSON (truncated or edited by hand?)')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corruption(context, 'invalid_document', 'not a JSON object')
  }
  return value as Record<string, unknown>
}
