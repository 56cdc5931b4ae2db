import type { Introspector } from '../types.js'

// Placeholder while the sqlite introspector is being written; replaced by its implementation.
export const introspectSqlite: Introspector = async () => {
  throw new Error('not implemented yet')
}
