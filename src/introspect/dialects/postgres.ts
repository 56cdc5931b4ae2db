import type { Introspector } from '../types.js'

// Placeholder while the postgres introspector is being written; replaced by its implementation.
export const introspectPostgres: Introspector = async () => {
  throw new Error('not implemented yet')
}
