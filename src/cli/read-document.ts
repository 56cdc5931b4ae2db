import { resolve } from 'node:path'
import type { UnmodelledObject } from '../dialects/introspect-types.js'
import { isSchemaLedgerError } from '../errors.js'
import { safeParseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'
import { describeFsError } from '../node/describe-fs-error.js'
import { createSchemaStore } from '../storage/create-schema-store.js'
import type { SchemaStore } from '../storage/store-types.js'
import { CliInputError, InvalidDocumentError, UsageError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'
import type { SqlInput } from './common-options.js'
import { jsonSyntaxError } from './json-syntax-error.js'
import { folderReference, loadTimeline, schemaAt } from './migration-timeline.js'
import { openStoreAdapter } from './open-store-adapter.js'
import { type GitObject, parseGitArgument, readGitObject } from './read-git.js'
import { maxInputBytes, readBoundedFile, readBoundedText } from './read-input.js'
import { isDirectory } from './read-migration-folder.js'
import { isSqlPath, readSqlDocument } from './read-sql-document.js'

/**
 * A schema read from a document argument, with the name errors and reports use for it.
 *
 * @example
 * ```ts
 * const { schema, source } = await reader.read('schema/v2.json')
 * ```
 */
export interface LoadedDocument {
  readonly schema: Schema
  /** The path as given, `<stdin>`, or `store:name@ref`. */
  readonly source: string
  /**
   * What the database the document was read from holds that the schema does not: set for a `.sql`
   * file (run on an engine and introspected), absent for a JSON document or a store version.
   */
  readonly unmodelled?: readonly UnmodelledObject[]
}

/**
 * Reads document arguments for one command run: a path (a `.sql` file is run on an embedded engine
 * and read back; a migration folder `<dir>` or `<dir>@<migration>` is replayed up to that migration),
 * `-` for standard input (once), `store:name@ref` from the store (a directory or a database URL), or
 * `git:<rev>:<path>` (any of the path forms as it was at a revision).
 *
 * @example
 * ```ts
 * const reader = createDocumentReader(io, { storeDir: '.schemaledger' })
 * try { const v1 = await reader.read('store:billing@prod') } finally { await reader.dispose() }
 * ```
 */
export interface DocumentReader {
  /** Reads and validates a schema document; throws {@link InvalidDocumentError} with every problem. */
  read(argument: string): Promise<LoadedDocument>
  /** Reads a JSON file (or `-`) that is not a schema: a renames or profile file. */
  readJson(argument: string): Promise<unknown>
  /** The store, opened on first use. */
  store(): SchemaStore
  dispose(): Promise<void>
}

/**
 * Splits `name@ref` (the ref defaults to `latest`; the last `@` separates them).
 *
 * @example
 * ```ts
 * splitStoreRef('billing@prod') // { name: 'billing', ref: 'prod' }
 * ```
 */
export function splitStoreRef(text: string): { name: string; ref: string } {
  const at = text.lastIndexOf('@')
  return at < 0 ? { name: text, ref: 'latest' } : { name: text.slice(0, at), ref: text.slice(at + 1) || 'latest' }
}

/**
 * Options of {@link createDocumentReader}.
 *
 * @example
 * ```ts
 * const options: DocumentReaderOptions = { storeDir: '.schemaledger', maxInputSize: '16MiB' }
 * ```
 */
export interface DocumentReaderOptions {
  /** `--store`: a directory, or a postgres://, mysql://, redis:// or sqlite: URL. */
  readonly storeDir: string
  /** `--max-input-size` as given (`64MiB`); else `SCHEMALEDGER_MAX_INPUT_SIZE`, else 64 MiB. */
  readonly maxInputSize?: string | undefined
  /** How `.sql` documents are read (`--input-dialect`, `--dev-url`, `--strict`); detection alone when absent. */
  readonly sql?: SqlInput | undefined
}

/**
 * A {@link DocumentReader} over the process's files, standard input and a store. Every file and
 * standard input is read within the input size limit (see {@link maxInputBytes}).
 *
 * @example
 * ```ts
 * const reader = createDocumentReader(io, { storeDir: values.store, maxInputSize: values['max-input-size'] })
 * ```
 */
export function createDocumentReader(io: CliIO, options: DocumentReaderOptions): DocumentReader {
  const maxBytes = maxInputBytes(options.maxInputSize, io.env)
  let stdinTaken = false
  const timelines = new Map<string, ReturnType<typeof loadTimeline>>()
  let opened: SchemaStore | undefined
  const store = () => {
    opened ??= createSchemaStore({
      adapter: openStoreAdapter(options.storeDir, io.cwd),
      onWarning: (message) => io.error(`schemaledger: warning: ${message}\n`),
    })
    return opened
  }

  const readText = async (argument: string): Promise<{ text: string; source: string }> => {
    if (argument === '-') {
      if (stdinTaken) throw new UsageError('standard input (-) can be read only once')
      stdinTaken = true
      return { text: await readBoundedText(io.stdin(), '<stdin>', maxBytes), source: '<stdin>' }
    }
    try {
      return { text: await readBoundedFile(resolve(io.cwd, argument), argument, maxBytes), source: argument }
    } catch (error) {
      if (error instanceof CliInputError) throw error
      const code = (error as NodeJS.ErrnoException).code ?? ''
      const kind = code === 'ENOENT' ? 'file_not_found' : 'cannot_read'
      throw new CliInputError(kind, `cannot read ${argument}: ${describeFsError(code)}`, { cause: error })
    }
  }

  /** `git:<rev>:<path>`: a JSON document, a `.sql` file, or a migration folder (`@<migration>`) at a revision. */
  const readFromGit = async (argument: string, input: SqlInput): Promise<LoadedDocument> => {
    const { rev, path } = parseGitArgument(argument)
    let object: GitObject
    let ref = 'latest'
    try {
      object = await readGitObject(io.cwd, rev, path, argument, maxBytes)
    } catch (error) {
      const at = path.lastIndexOf('@')
      if (at <= 0) throw error
      object = await readGitObject(io.cwd, rev, path.slice(0, at), argument, maxBytes)
      ref = path.slice(at + 1) || 'latest'
    }
    if (object.kind === 'folder') {
      const label = ref === 'latest' ? argument : argument.slice(0, argument.lastIndexOf('@'))
      const loaded = await loadTimeline(io, label, input, maxBytes, { files: object.files })
      return { schema: schemaAt(label, loaded, ref), source: argument }
    }
    if (isSqlPath(path)) {
      const { schema, unmodelled } = await readSqlDocument(io, argument, object.text, input)
      return { schema, source: argument, unmodelled }
    }
    const result = safeParseSchema(parseJson(object.text, argument))
    if (!result.success) throw new InvalidDocumentError(argument, result.issues)
    return { schema: result.data, source: argument }
  }

  const parseJson = (text: string, source: string): unknown => {
    try {
      return JSON.parse(text)
    } catch (error) {
      const at = jsonSyntaxError(text, (error as Error).message)
      throw new CliInputError(
        'invalid_json',
        `${source}:${at.line}:${at.column}: not valid JSON: ${printable(at.reason)}`,
        { cause: error },
      )
    }
  }

  return {
    async read(argument) {
      if (argument.startsWith('store:')) {
        const { name, ref } = splitStoreRef(argument.slice('store:'.length))
        if (!name) throw new UsageError(`${argument}: a store document is store:name@ref`)
        try {
          return { schema: (await store().load(name, ref)).schema, source: argument }
        } catch (error) {
          if (!isSchemaLedgerError(error)) throw error
          throw new CliInputError(error.code, `${argument}: ${error.message}`, { cause: error })
        }
      }
      const input = options.sql ?? NO_SQL_INPUT
      if (argument.startsWith('git:')) return readFromGit(argument, input)
      const folder = argument === '-' ? undefined : await folderReference(io.cwd, argument, isDirectory)
      if (folder) {
        // Each folder is replayed once per run, however many of its migrations are asked for.
        const key = resolve(io.cwd, folder.dir)
        let loading = timelines.get(key)
        if (!loading) {
          loading = loadTimeline(io, folder.dir, input, maxBytes)
          timelines.set(key, loading)
        }
        return { schema: schemaAt(folder.dir, await loading, folder.ref), source: argument }
      }
      const { text, source } = await readText(argument)
      if (isSqlPath(argument)) {
        const { schema, unmodelled } = await readSqlDocument(io, source, text, input)
        return { schema, source, unmodelled }
      }
      const result = safeParseSchema(parseJson(text, source))
      if (!result.success) throw new InvalidDocumentError(source, result.issues)
      return { schema: result.data, source }
    },
    async readJson(argument) {
      const { text, source } = await readText(argument)
      return parseJson(text, source)
    },
    store,
    async dispose() {
      await opened?.dispose()
    },
  }
}

/** How `.sql` documents are read when the command gave no flags for it: the dialect is detected. */
const NO_SQL_INPUT: SqlInput = { dialect: undefined, fallbackDialect: undefined, devUrl: undefined, strict: false }

/**
 * A message safe to print on one line: JSON.parse quotes the text it failed on, which may hold line
 * breaks, terminal escapes or binary data. Control and separator characters become `\uXXXX`.
 */
function printable(message: string): string {
  const escaped = message.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return escaped.length > 300 ? `${escaped.slice(0, 300)}...` : escaped
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
