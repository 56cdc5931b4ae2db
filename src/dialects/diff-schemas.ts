import { diffSchemasWith } from '../diff/diff-schemas.js'
import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import type { Schema } from '../model/types.js'
import { builtInNamingConventions } from './naming-conventions.js'

// The diff knows no dialect (docs/architecture.md): it is handed the naming conventions to recognize.
// This is where the built-in ones become the default, at the layer that may know the dialects.

/**
 * Compares two schema versions and returns every difference as data: tables, columns, constraints,
 * indexes and enums added, removed, renamed or altered. Pure and deterministic; never prompts.
 *
 * Spelling differences are not changes (`int4` vs `integer`, `now()` vs `CURRENT_TIMESTAMP`, an
 * unnamed constraint vs the same one with a database-given name). Renames happen only through
 * `options.renames` or, with `inferRenames: 'apply'`, confident candidates; otherwise likely renames
 * are reported in `renameCandidates` next to the drop + add. Which database-given names equal no
 * name is `options.namingConventions` (the built-in dialects' by default: {@link builtInNamingConventions}).
 *
 * @example
 * ```ts
 * const diff = diffSchemas(parseSchema(v1), parseSchema(v2), { renames: { columns: { 'posts.content': 'body' } } })
 * diff.changes.map(changeKey) // ['rename_column posts.body']
 * ```
 */
export function diffSchemas(from: Schema, to: Schema, options: DiffOptions = {}): SchemaDiff {
  return diffSchemasWith(from, to, {
    ...options,
    namingConventions: options.namingConventions ?? builtInNamingConventions,
  })
}
