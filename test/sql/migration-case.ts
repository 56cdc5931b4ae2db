import type { PlanOptions } from '../../src/dialects/dialect.js'
import type { DiffOptions, SchemaDefinition } from '../../src/index.js'

// The one case vocabulary of the dialect harnesses (test/sql/<dialect>/): a migration from one
// document to another, what the diff says, and the exact SQL a reviewer reads. Each harness runs the
// cases on its engines; a case says only what it is about (a SQLite case has no `down`, a PostgreSQL
// case may need a server version).

/** One migration: `from` -> `to`, the diff's change keys, and the expected `up` and `down` lines. */
export interface MigrationCase {
  readonly title: string
  readonly from: SchemaDefinition
  readonly to: SchemaDefinition
  /** Options of the diff (rename hints, `comparePositions`). */
  readonly diff?: DiffOptions
  /** Options of the plan beyond the dialect and the two schemas. */
  readonly plan?: Omit<PlanOptions, 'dialect' | 'from' | 'to'>
  /** The change keys (`kind path`) the diff gives: what the case is about. */
  readonly changes?: readonly string[]
  /** The statements up (the harness says whether with the script's header). */
  readonly up: readonly string[]
  /** The statements down, where the harness checks them. */
  readonly down?: readonly string[]
  /** Lowest server major version the SQL needs (engines below it skip the case, saying why). */
  readonly minVersion?: number
}
