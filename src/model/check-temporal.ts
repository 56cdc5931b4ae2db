import type { ColumnType } from './column-type.js'
import type { ReadContext } from './read-context.js'
import type { Column, Constraint } from './types.js'

// PostgreSQL 18 temporal keys: `WITHOUT OVERLAPS` on a key's last column, `PERIOD` on a foreign key's
// last columns. What PostgreSQL refuses for them whatever the server, checked where the document says
// it: a key of one column ("needs at least two columns"), a last column whose type is not a range
// ("is not a range or multirange type"), and a PERIOD foreign key with actions other than NO ACTION
// ("unsupported ON DELETE action"). A type the grammar does not model (`daterange`, a domain, a range
// type of an extension) may be a range and is left to the server.

/** Whether a column of this type can never hold a range: every modelled kind but a verbatim one. */
const notARange = (type: ColumnType) => type.kind !== 'custom'

/**
 * Reports what PostgreSQL refuses in a `withoutOverlaps` key or a `period` foreign key of a table
 * whose columns (with inherited ones) are `columns`.
 * @internal
 */
export function checkTemporal(c: Constraint, columns: ReadonlyMap<string, Column>, ctx: ReadContext): void {
  if ((c.type === 'primary_key' || c.type === 'unique') && c.withoutOverlaps) {
    const at = ctx.fieldPath(c, 'withoutOverlaps')
    if (c.columns.length < 2)
      ctx.report('invalid_without_overlaps', at, 'WITHOUT OVERLAPS needs a key of at least two columns')
    const last = columns.get(c.columns[c.columns.length - 1] ?? '')
    if (last && notARange(last.type))
      ctx.report(
        'invalid_without_overlaps',
        at,
        `WITHOUT OVERLAPS applies to the key's last column, "${last.name}", which is not a range or multirange`,
      )
  }
  if (c.type === 'foreign_key' && c.period) {
    const at = ctx.fieldPath(c, 'period')
    if (c.columns.length < 2)
      ctx.report('invalid_period', at, 'A PERIOD foreign key needs at least two columns on each side')
    for (const action of ['onDelete', 'onUpdate'] as const) {
      const value = c[action]
      if (value !== undefined && value !== 'no_action')
        ctx.report(
          'invalid_period',
          ctx.fieldPath(c, action),
          `A PERIOD foreign key has no ${action === 'onDelete' ? 'ON DELETE' : 'ON UPDATE'} ${value.replace('_', ' ').toUpperCase()} (only NO ACTION)`,
        )
    }
  }
}
