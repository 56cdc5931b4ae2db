import type { ColumnType } from '../../model/column-type.js'
import type { ColumnStorage } from '../dialect-facts.js'
import { renderPostgresType } from './types.js'

// Size and alignment of PostgreSQL's fixed-width types, from pg_type (typlen, typalign):
// https://www.postgresql.org/docs/current/catalog-pg-type.html. Variable-length types (text, numeric,
// jsonb, bytea, arrays, ...) have no fixed size and are left out.
const FIXED: Readonly<Record<string, ColumnStorage>> = {
  boolean: { bytes: 1, align: 1 },
  smallint: { bytes: 2, align: 2 },
  integer: { bytes: 4, align: 4 },
  bigint: { bytes: 8, align: 8 },
  real: { bytes: 4, align: 4 },
  'double precision': { bytes: 8, align: 8 },
  date: { bytes: 4, align: 4 },
  time: { bytes: 8, align: 8 },
  'time with time zone': { bytes: 12, align: 8 },
  timestamp: { bytes: 8, align: 8 },
  'timestamp with time zone': { bytes: 8, align: 8 },
  interval: { bytes: 16, align: 8 },
  uuid: { bytes: 16, align: 1 },
  money: { bytes: 8, align: 8 },
  oid: { bytes: 4, align: 4 },
}

/**
 * How PostgreSQL stores a value of a type in a row: its fixed size and alignment in bytes, or
 * undefined for variable-length and unknown types. Enum values are 4-byte OIDs.
 *
 * @example
 * ```ts
 * postgresColumnStorage({ kind: 'timestamp', timezone: true }) // { bytes: 8, align: 8 }
 * ```
 * @internal
 */
export function postgresColumnStorage(type: ColumnType): ColumnStorage | undefined {
  if (type.kind === 'enum') return type.name !== undefined ? { bytes: 4, align: 4 } : undefined
  if (type.kind === 'custom') return FIXED[type.raw.toLowerCase()]
  // Precision does not change the size of times and intervals.
  const name = renderPostgresType(type).replace(/\(\d+\)/, '')
  return Object.hasOwn(FIXED, name) ? FIXED[name] : undefined
}
