import type { Dialect } from '../dialect.js'

// Placeholder while the postgres dialect is being written; replaced by its implementation.
export const postgres: Dialect = undefined as unknown as Dialect
