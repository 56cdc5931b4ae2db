import { type Schema, safeParseSchema, type ValidationIssue } from 'schemaledger'

/**
 * A document read into the app: the parsed schema, or every problem with its path.
 *
 * @example
 * ```ts
 * const loaded = loadDocument('{"metadata": {"tables": []}}')
 * if (loaded.ok) console.log(loaded.schema.tables.length)
 * ```
 */
export type LoadedDocument =
  | { readonly ok: true; readonly schema: Schema }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

/**
 * What the page knows of a document the engine keeps: its id and size, or every problem with its path.
 *
 * @example
 * ```ts
 * const info: DocumentInfo = { ok: true, id: 1, name: 'blog', tables: 3, columns: 14, enums: 1 }
 * ```
 */
export type DocumentInfo =
  | {
      readonly ok: true
      /** The engine's handle on the parsed schema. */
      readonly id: number
      readonly name?: string
      readonly tables: number
      readonly columns: number
      readonly enums: number
      /** How a `.sql` file or migration became this schema: the dialect, the engine, the statements not run. */
      readonly sql?: {
        readonly dialect: 'postgres' | 'sqlite'
        readonly engine: string
        readonly notes: readonly string[]
      }
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

/**
 * Parses JSON text and validates it as a schema document; bad JSON and invalid documents come back as
 * issues (never thrown), the way the library reports them.
 *
 * @example
 * ```ts
 * loadDocument('{') // { ok: false, issues: [{ code: 'invalid_json', path: '', message: '...' }] }
 * ```
 */
export function loadDocument(text: string): LoadedDocument {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, issues: [{ code: 'invalid_json', path: '', message: `Not JSON: ${(error as Error).message}` }] }
  }
  const result = safeParseSchema(value)
  return result.success ? { ok: true, schema: result.data } : { ok: false, issues: result.issues }
}
