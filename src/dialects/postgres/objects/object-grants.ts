import { withoutDefaultGrants } from '../../../diff/object-equality.js'
import { SchemaLedgerError } from '../../../errors.js'
import type { Column, Grant } from '../../../model/types.js'
import type { GeneratorContext, ObjectStatementDraft } from '../../dialect.js'
import { Stage, type StageValue, type StatementDraft } from '../../types.js'
import { tableName } from '../context.js'
import { columnSequenceName } from '../names.js'
import { grantsSQL } from '../security.js'

// GRANT and REVOKE on sequences, routines and namespaces, as on tables (security.ts): after the
// object exists, in its own stage. `EXECUTE` to `PUBLIC` on a routine is PostgreSQL's default, so it
// is never granted nor revoked.

type GrantedKind = 'namespace' | 'sequence' | 'function'

/** The privileges PostgreSQL has on each kind (GRANT refuses the others). */
const PRIVILEGES: Readonly<Record<GrantedKind, readonly string[]>> = {
  namespace: ['create', 'usage'],
  sequence: ['select', 'update', 'usage'],
  function: ['execute'],
}

const KIND_WORD: Readonly<Record<GrantedKind, string>> = {
  namespace: 'namespace',
  sequence: 'sequence',
  function: 'routine',
}

/** The grants, refused with their path when one names a privilege the kind does not have. */
function checked(kind: GrantedKind, where: string, grants: readonly Grant[] | undefined): Grant[] {
  for (const [i, g] of (grants ?? []).entries()) {
    if (g.columns !== undefined)
      throw new SchemaLedgerError(
        'unsupported_feature',
        `${where}: grants[${i}].columns: a ${KIND_WORD[kind]} has no column privileges (only a table has)`,
      )
    for (const p of g.privileges)
      if (!PRIVILEGES[kind].includes(p))
        throw new SchemaLedgerError(
          'unsupported_feature',
          `${where}: grants[${i}].privileges: ${p.toUpperCase()} is not a privilege of a ${KIND_WORD[kind]} (${PRIVILEGES[kind].join(', ')})`,
        )
  }
  return withoutDefaultGrants(kind, grants)
}

/**
 * GRANT and REVOKE that take the privileges on an object from `before` to `after`; `target` is the
 * object as GRANT names it (`SEQUENCE "s"`, `FUNCTION "f"(integer)`, `SCHEMA "n"`). The statements
 * take the stage of the object's other statements.
 * @internal
 */
export function objectGrantsSQL(
  ctx: GeneratorContext,
  kind: GrantedKind,
  where: string,
  target: string,
  before: readonly Grant[] | undefined,
  after: readonly Grant[] | undefined,
): ObjectStatementDraft[] {
  const [was, will] = [checked(kind, where, before), checked(kind, where, after)]
  return grantsSQL(ctx, target, was, will).map(({ stage: _, ...draft }) => draft)
}

/**
 * GRANT and REVOKE on the sequence behind a serial or identity column (`sequenceGrants`), from
 * `before` to `after` (the column's versions; `before` absent for a new column). A column without a
 * sequence cannot have them.
 * @internal
 */
export function columnSequenceGrantsSQL(
  ctx: GeneratorContext,
  table: string,
  schema: string | undefined,
  before: Column | undefined,
  after: Column,
  stage: StageValue = Stage.comment,
): StatementDraft[] {
  const where = `${schema === undefined ? '' : `${schema}.`}${table}.${after.name}.sequenceGrants`
  const was = before?.autoincrement || before?.identity ? before.sequenceGrants : undefined
  if (!after.autoincrement && !after.identity) {
    if ((after.sequenceGrants ?? []).length > 0)
      throw new SchemaLedgerError(
        'unsupported_feature',
        `${where}: the column has no sequence (it is neither serial nor identity)`,
      )
    // Its sequence goes (or is no longer its own): nothing to revoke on it.
    return []
  }
  const target = `SEQUENCE ${tableName(ctx, columnSequenceName(table, after), schema)}`
  return grantsSQL(
    ctx,
    target,
    checked('sequence', where, was),
    checked('sequence', where, after.sequenceGrants),
    stage,
  )
}
