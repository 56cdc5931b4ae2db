import type { Introspector } from '../types.js'

// Placeholder while the mysql introspector is being written; replaced by its implementation.
export const introspectMysql: Introspector = async () => {
  throw new Error('not implemented yet')
}
