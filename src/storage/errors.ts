import { SchemaLedgerError } from '../errors.js'

/**
 * Why a stored file could not be trusted (see {@link StoreCorruptionError}).
 *
 * @example
 * ```ts
 * const restorable: CorruptionReason[] = ['unreadable_json', 'hash_mismatch', 'checksum_mismatch']
 * ```
 */
export type CorruptionReason =
  | 'unreadable_json'
  | 'invalid_document'
  | 'wrong_location'
  | 'hash_mismatch'
  | 'checksum_mismatch'
  | 'invalid_schema'
  | 'missing_version'
  | 'not_a_file'

/**
 * A stored version or tag file is damaged: truncated, hand-edited, not matching its content hash, or
 * missing between versions that exist. Every other version stays readable; `store.verify()` lists all
 * damage, and restoring the file from version control or a backup repairs it (see docs/storage.md).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StoreCorruptionError) console.error(e.location, e.version, e.reason) }
 * ```
 */
export class StoreCorruptionError extends SchemaLedgerError {
  /** The schema name the damaged file belongs to. */
  readonly schemaName: string
  /** The damaged version, when the file is a version file. */
  readonly version: number | undefined
  /** The tag, when the damaged file is a tag file. */
  readonly tag: string | undefined
  /** The adapter key of the file. */
  readonly key: string
  /** Where the file lives (a path for the file adapter, else the key). */
  readonly location: string
  /** What is wrong with it. */
  readonly reason: CorruptionReason

  constructor(details: {
    schemaName: string
    version?: number
    tag?: string
    key: string
    location: string
    reason: CorruptionReason
    problem: string
  }) {
    const what =
      details.version !== undefined ? `Version ${details.version}` : `Tag ${JSON.stringify(details.tag ?? '')}`
    super(
      'store_corruption',
      `${what} of ${JSON.stringify(details.schemaName)} is damaged (${details.location}): ${details.problem}. ` +
        'Restore the file from version control or a backup; store.verify() lists every damaged file.',
    )
    this.name = 'StoreCorruptionError'
    this.schemaName = details.schemaName
    this.version = details.version
    this.tag = details.tag
    this.key = details.key
    this.location = details.location
    this.reason = details.reason
  }
}

/**
 * The store's files could not be read or written: the disk is full (`ENOSPC`), permission is denied
 * (`EACCES`), the file system is read-only, a directory stands where a file belongs, or a symbolic
 * link inside the store leads outside it (`outside_store`). Names the file; one line for people.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StoreAccessError) console.error(e.path, e.reason) } // '/repo/.schemaledger/billing/v0002.json', 'ENOSPC'
 * ```
 */
export class StoreAccessError extends SchemaLedgerError {
  /** What was being done. */
  readonly operation: 'read' | 'write' | 'list' | 'remove'
  /** The file or directory, as the adapter locates it. */
  readonly path: string
  /** The file system's error code (`ENOSPC`, `EACCES`, ...), `not_a_file` or `outside_store`. */
  readonly reason: string

  constructor(
    details: { operation: 'read' | 'write' | 'list' | 'remove'; path: string; reason: string; problem: string },
    options?: { cause?: unknown },
  ) {
    super('store_access', `Cannot ${details.operation} ${details.path}: ${details.problem}`, options)
    this.name = 'StoreAccessError'
    this.operation = details.operation
    this.path = details.path
    this.reason = details.reason
  }
}

/**
 * A name or tag is not allowed: empty, too long, containing `/`, `\`, `..`, control characters or a lone
 * surrogate (not well-formed Unicode), or starting with a dot (tags also may not look like a version
 * number or a hash prefix).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidNameError) console.error(e.kind, e.value) }
 * ```
 */
export class InvalidNameError extends SchemaLedgerError {
  /** Whether a schema name or a tag was rejected. */
  readonly kind: 'name' | 'tag'
  /** The rejected value. */
  readonly value: string

  constructor(kind: 'name' | 'tag', value: string, problem: string) {
    super('invalid_name', `Invalid ${kind} ${JSON.stringify(value)}: ${problem}`)
    this.name = 'InvalidNameError'
    this.kind = kind
    this.value = value
  }
}

/**
 * An adapter key cannot be stored safely: it could escape the store (`..`, an absolute path), or it
 * contains NUL, a reserved device name (`CON`, `NUL`, `COM1`) or another character a file system rejects.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidStorageKeyError) console.error(e.key) }
 * ```
 */
export class InvalidStorageKeyError extends SchemaLedgerError {
  /** The rejected key. */
  readonly key: string

  constructor(key: string, problem: string) {
    super('invalid_storage_key', `Invalid storage key ${JSON.stringify(key)}: ${problem}`)
    this.name = 'InvalidStorageKeyError'
    this.key = key
  }
}

/**
 * A version reference is malformed: not a positive integer, `latest`, a tag, or a hash prefix of at
 * least 6 hex characters.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidRefError) console.error(e.ref) }
 * ```
 */
export class InvalidRefError extends SchemaLedgerError {
  /** The rejected reference. */
  readonly ref: string | number

  constructor(ref: string | number, problem: string) {
    super('invalid_ref', `Invalid version reference ${JSON.stringify(ref)}: ${problem}`)
    this.name = 'InvalidRefError'
    this.ref = ref
  }
}

/**
 * No version matches the reference (unknown name, version number, tag or hash prefix).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof VersionNotFoundError) console.error(e.schemaName, e.ref) }
 * ```
 */
export class VersionNotFoundError extends SchemaLedgerError {
  /** The schema name that was looked up. */
  readonly schemaName: string
  /** The reference that matched nothing. */
  readonly ref: string | number

  constructor(schemaName: string, ref: string | number, problem: string) {
    super('version_not_found', `No version ${JSON.stringify(ref)} of ${JSON.stringify(schemaName)}: ${problem}`)
    this.name = 'VersionNotFoundError'
    this.schemaName = schemaName
    this.ref = ref
  }
}

/**
 * A hash prefix matches more than one version; `candidates` lists them so a longer prefix can be given.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof AmbiguousRefError) console.error(e.candidates) }
 * ```
 */
export class AmbiguousRefError extends SchemaLedgerError {
  /** The ambiguous prefix. */
  readonly ref: string
  /** The versions (and their hashes) the prefix matches. */
  readonly candidates: readonly { readonly version: number; readonly hash: string }[]

  constructor(schemaName: string, ref: string, candidates: readonly { version: number; hash: string }[]) {
    const listed = candidates.map((c) => `v${c.version} (${c.hash.slice(0, 12)})`).join(', ')
    super(
      'ambiguous_ref',
      `Hash prefix ${JSON.stringify(ref)} of ${JSON.stringify(schemaName)} matches ${candidates.length} versions: ${listed}; give more characters`,
    )
    this.name = 'AmbiguousRefError'
    this.ref = ref
    this.candidates = candidates
  }
}

/**
 * A save could not claim a version number after many attempts (other writers kept winning, or the
 * adapter's `setItemIfAbsent` reports conflicts for keys that do not exist).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StoreConflictError) setTimeout(retry, 100) }
 * ```
 */
export class StoreConflictError extends SchemaLedgerError {
  /** The schema name being saved. */
  readonly schemaName: string

  constructor(schemaName: string, attempts: number) {
    super(
      'store_conflict',
      `Could not claim a version number for ${JSON.stringify(schemaName)} after ${attempts} attempts`,
    )
    this.name = 'StoreConflictError'
    this.schemaName = schemaName
  }
}
