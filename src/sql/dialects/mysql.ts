import type { Dialect } from '../dialect.js'

// Placeholder while the mysql dialect is being written; replaced by its implementation.
export const mysql: Dialect = undefined as unknown as Dialect
