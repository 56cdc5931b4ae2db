import { canonicalDocument, sqlalchemyDocument } from './document-schema.js'
import { union } from './shape-values.js'

/**
 * The JSON Schema (draft 2020-12) of every document {@link parseSchema} accepts, generated from the
 * same descriptions that validate them. Shipped as `schemaledger/schema.json` for editors.
 *
 * @example
 * ```ts
 * writeFileSync('schema.json', JSON.stringify(documentJsonSchema(), null, 2))
 * ```
 */
export function documentJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...union(canonicalDocument, sqlalchemyDocument).toJson(),
    $id: 'https://schemaledger.dev/schema.json',
    title: 'schemaledger schema document',
  }
}
