import type { Dialect } from '../dialect.js'

// Placeholder while the sqlite dialect is being written; replaced by its implementation.
export const sqlite: Dialect = undefined as unknown as Dialect
