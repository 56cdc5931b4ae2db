import { named, object, optional, type Shape } from './shape.js'
import { array, oneOf, text } from './shape-values.js'
import type { Grant } from './types.js'

// Privileges granted on an object: one shape for tables (model-description.ts) and for the
// sequences, routines and namespaces (object-description.ts), in its own file so both can use it.

/**
 * Privileges a grant can hold, over every object kind (`select` ... `maintain` on tables, `usage` on
 * sequences and schemas, `execute` on functions, `create` on schemas). @internal
 */
export const privilege = oneOf(
  'select',
  'insert',
  'update',
  'delete',
  'truncate',
  'references',
  'trigger',
  'maintain',
  'usage',
  'create',
  'execute',
)

/** Fields of {@link Grant}. @internal */
export const grantFields = {
  /** Role the privileges are granted to; `public` means every role (`PUBLIC`). */
  grantee: text({ trim: true, min: 1, message: 'Name must not be empty' }),
  /** Privileges, sorted, lower case (`select`, `insert`). */
  privileges: array(privilege, { min: 1, message: 'A grant needs at least one privilege' }),
  /**
   * PostgreSQL column privileges on a table (`GRANT SELECT (id, name) ON TABLE t`): the columns the
   * privileges hold on, sorted; absent means the whole object. Only `select`, `insert`, `update` and
   * `references` exist per column; other object kinds refuse it.
   */
  columns: optional(
    array(text({ trim: true, min: 1, message: 'Name must not be empty' }), {
      min: 1,
      message: 'A column grant needs at least one column',
    }),
  ),
  /** `WITH GRANT OPTION`: the grantee may grant them on. */
  withGrantOption: optional(oneOf(true)),
}

/** A grant of privileges on an object: the same shape on every object kind that has privileges. @internal */
export const grantShape = object(grantFields)

/** The grant shape under its JSON Schema definition name (`grant`). @internal */
export const namedGrant: Shape<Grant> = named('grant', grantShape)
