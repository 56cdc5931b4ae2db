import { isSchemaLedgerError, SchemaLedgerError } from '../errors.js'
import { parseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'

// Turns the documents of a TinyDB table (`{"_default": {"1": {...}, "2": {...}}}`) into schema
// versions grouped by name and put in order. Pure: reading the file and saving live in importTinyDB.

/** One TinyDB document that holds a readable schema. @internal */
export interface TinyDBVersion {
  /** The TinyDB document id. */
  readonly id: string
  readonly name: string
  readonly schema: Schema
  readonly version?: number
  /** ISO 8601. */
  readonly timestamp?: string
  readonly message?: string
  readonly author?: string
}

/**
 * A TinyDB document that was not imported, and why.
 *
 * @example
 * ```ts
 * for (const s of report.skipped) console.warn(`document ${s.id}: ${s.reason}`)
 * ```
 */
export interface SkippedTinyDBDocument {
  /** The TinyDB document id. */
  readonly id: string
  /** The schema name, when known. */
  readonly name?: string
  readonly reason: string
}

/**
 * How the versions of one name were ordered: by their `version` field, their timestamp, or document id.
 *
 * @example
 * ```ts
 * if (report.order.billing === 'id') console.warn('billing had no versions or timestamps: kept document order')
 * ```
 */
export type TinyDBOrder = 'version' | 'timestamp' | 'id'

/** The readable documents, grouped by name (names sorted) and ordered, plus the unreadable ones. @internal */
export interface TinyDBContents {
  readonly groups: readonly { readonly name: string; readonly order: TinyDBOrder; readonly versions: TinyDBVersion[] }[]
  readonly skipped: SkippedTinyDBDocument[]
}

const SCHEMA_KEYS = ['schema', 'data', 'document'] as const

/** Reads one table of a parsed TinyDB file; throws `invalid_tinydb` when the file has no such table. @internal */
export function readTinyDB(file: unknown, options: { table: string; name?: string }): TinyDBContents {
  const table = isObject(file) ? file[options.table] : undefined
  if (!isObject(table)) {
    const tables = isObject(file) ? Object.keys(file).join(', ') || 'none' : 'not a JSON object'
    throw new SchemaLedgerError('invalid_tinydb', `No TinyDB table ${JSON.stringify(options.table)} (found: ${tables})`)
  }
  const byName = new Map<string, TinyDBVersion[]>()
  const skipped: SkippedTinyDBDocument[] = []
  const ids = Object.keys(table).sort((a, b) => compareIds(a, b))
  for (const id of ids) {
    const read = readDocument(id, table[id], options.name)
    if ('reason' in read) {
      skipped.push(read)
      continue
    }
    byName.set(read.name, [...(byName.get(read.name) ?? []), read])
  }
  const groups = [...byName.keys()].sort().map((name) => orderVersions(name, byName.get(name) ?? []))
  return { groups, skipped }
}

function readDocument(id: string, document: unknown, defaultName?: string): TinyDBVersion | SkippedTinyDBDocument {
  if (!isObject(document)) return { id, reason: 'the document is not a JSON object' }
  const found = findSchemaDocument(document)
  const metadata = isObject(found) && isObject(found.metadata) ? found.metadata : undefined
  const name = text(document.name) ?? defaultName ?? text(metadata?.schema_name)
  const named = name === undefined ? {} : { name }
  if (found === undefined) {
    return { id, ...named, reason: 'no schema document (expected a metadata, schema, data or document key)' }
  }
  if (name === undefined) return { id, reason: 'no name field and no schema_name; pass { name }' }
  let schema: Schema
  try {
    schema = parseSchema(found)
  } catch (error) {
    if (!isSchemaLedgerError(error)) throw error
    return { id, name, reason: `invalid schema: ${error.message.split('\n').slice(0, 2).join(' ')}` }
  }
  const version = versionNumber(document.version)
  const timestamp = toTimestamp(document.timestamp ?? document.created_at ?? document.createdAt)
  const message = text(document.message) ?? text(document.description)
  const author = text(document.author)
  return {
    id,
    name,
    schema,
    ...(version !== undefined && { version }),
    ...(timestamp !== undefined && { timestamp }),
    ...(message !== undefined && { message }),
    ...(author !== undefined && { author }),
  }
}

/** `{metadata}` itself, or the value (object, or JSON text) under `schema`, `data` or `document`. */
function findSchemaDocument(document: Record<string, unknown>): unknown {
  if (isObject(document.metadata)) return { metadata: document.metadata }
  for (const key of SCHEMA_KEYS) {
    const value = document[key]
    if (isObject(value)) return value
    if (typeof value === 'string') {
      try {
        const parsed: unknown = JSON.parse(value)
        if (isObject(parsed)) return parsed
      } catch {
        // not JSON text: keep looking
      }
    }
  }
  return undefined
}

/** By `version` when every document has one, else by timestamp when every one has it, else by id. */
function orderVersions(name: string, versions: TinyDBVersion[]) {
  const order: TinyDBOrder = versions.every((v) => v.version !== undefined)
    ? 'version'
    : versions.every((v) => v.timestamp !== undefined)
      ? 'timestamp'
      : 'id'
  const sorted = [...versions].sort((a, b) => {
    if (order === 'version') return (a.version ?? 0) - (b.version ?? 0) || compareIds(a.id, b.id)
    if (order === 'timestamp')
      return Date.parse(a.timestamp ?? '') - Date.parse(b.timestamp ?? '') || compareIds(a.id, b.id)
    return compareIds(a.id, b.id)
  })
  return { name, order, versions: sorted }
}

/** TinyDB ids are integers written as strings: compare them as numbers. */
function compareIds(a: string, b: string): number {
  return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0)
}

function versionNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/** ISO strings and epoch numbers (seconds, as Python's time.time() writes, or milliseconds). */
function toTimestamp(value: unknown): string | undefined {
  let date: Date | undefined
  if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value < 1e11 ? value * 1000 : value)
  else if (typeof value === 'string' && value.trim() !== '') date = new Date(asUtcIso(value.trim()))
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined
}

/** Python's naive `isoformat()` (`2023-05-01 12:00:00.123456`) read as UTC, so results do not depend on the machine. */
function asUtcIso(value: string): string {
  const naive = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?$/.exec(value)
  if (!naive) return value
  const fraction = naive[3] === undefined ? '' : `.${naive[3].slice(0, 3)}`
  return `${naive[1]}T${naive[2]}${fraction}Z`
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
