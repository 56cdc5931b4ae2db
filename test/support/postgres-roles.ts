import { type SqlToken, tokenizeSql } from '../../src/sql-text/sql-tokenizer.js'
import type { Engine } from '../engines/engines.js'
import { splitStatements } from './postgres-scripts.js'

// Roles are cluster-level objects: a schema script grants to them and hands objects to them but
// never creates them, so a harness must (as sqldef's own does). These read the roles a script names
// and create the missing ones, idempotently: on a server other runs share the roles, so none is
// ever dropped.

/** Names that are not roles where a role list is read. */
const NOT_ROLES = new Set(['public', 'current_user', 'current_role', 'session_user', 'group'])

const word = (t: SqlToken | undefined, w: string) => t?.kind === 'word' && t.value.toLowerCase() === w

/** The role list from `tokens[start]` on: names separated by commas, up to the first other token. */
function roleList(tokens: readonly SqlToken[], start: number): string[] {
  const roles: string[] = []
  for (let i = start; ; i += 2) {
    if (word(tokens[i], 'group')) i++
    const name = tokens[i]
    if (name === undefined || (name.kind !== 'word' && name.kind !== 'identifier')) break
    const role = name.kind === 'word' ? name.value.toLowerCase() : name.value
    if (!(name.kind === 'word' && NOT_ROLES.has(role))) roles.push(role)
    if (tokens[i + 1]?.text !== ',') break
  }
  return roles
}

/**
 * The roles one statement names: grantees of GRANT (`TO`), REVOKE (`FROM`), the new owner of
 * `OWNER TO`, and the roles of CREATE / ALTER POLICY (`TO`). PUBLIC and CURRENT_USER are left out.
 */
function statementRoles(statement: string): string[] {
  const tokens = tokenizeSql(statement)
  const first = tokens[0]
  const roles: string[] = []
  const after = (keyword: string, from = 0) => {
    for (let i = from; i < tokens.length; i++) if (word(tokens[i], keyword)) roles.push(...roleList(tokens, i + 1))
  }
  if (word(first, 'grant')) after('to')
  else if (word(first, 'revoke')) after('from')
  else if ((word(first, 'create') || word(first, 'alter')) && word(tokens[1], 'policy')) after('to')
  for (let i = 0; i + 2 < tokens.length; i++)
    if (word(tokens[i], 'owner') && word(tokens[i + 1], 'to')) roles.push(...roleList(tokens, i + 2))
  return roles
}

/**
 * Every role the scripts name, in order of first mention, without repeats.
 *
 * @example
 * ```ts
 * rolesNamed(['GRANT SELECT ON t TO app, "user@x"; ALTER TABLE t OWNER TO app']) // ['app', 'user@x']
 * ```
 */
export function rolesNamed(scripts: readonly string[]): string[] {
  const roles = new Set<string>()
  for (const script of scripts) for (const s of splitStatements(script)) for (const r of statementRoles(s)) roles.add(r)
  return [...roles]
}

/**
 * Creates each role the engine's cluster lacks (`NOLOGIN`); one another run created meanwhile is
 * taken as it is.
 */
export async function ensureRoles(engine: Engine, roles: readonly string[]): Promise<void> {
  for (const role of roles) {
    const quoted = `"${role.replaceAll('"', '""')}"`
    await engine.exec(
      `DO $roles$ BEGIN CREATE ROLE ${quoted} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $roles$`,
    )
  }
}
