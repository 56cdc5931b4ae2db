import type { Constraint } from '../model/types.js'

// No ORM or schema language the generators write has PostgreSQL 18's temporal keys: the key is
// written without the marker, and a warning says so, rather than left out unnoticed.

/**
 * The warning for a key `WITHOUT OVERLAPS` or a foreign key with `PERIOD`, or undefined for any other constraint.
 *
 * @example
 * ```ts
 * temporalWarning({ type: 'primary_key', columns: ['id', 'during'], withoutOverlaps: true }, 'rooms.constraints[0]')
 * // 'rooms.constraints[0]: WITHOUT OVERLAPS (PostgreSQL 18) is not written'
 * ```
 * @internal
 */
export function temporalWarning(c: Constraint, where: string): string | undefined {
  if ((c.type === 'primary_key' || c.type === 'unique') && c.withoutOverlaps)
    return `${where}: WITHOUT OVERLAPS (PostgreSQL 18) is not written`
  if (c.type === 'foreign_key' && c.period) return `${where}: PERIOD (PostgreSQL 18) is not written`
  return undefined
}
