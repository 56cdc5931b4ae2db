import type { ReadContext } from './read-context.js'
import type { ReferentialAction } from './types.js'

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'NO ACTION': 'no_action',
  NO_ACTION: 'no_action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set_null',
  SET_NULL: 'set_null',
  'SET DEFAULT': 'set_default',
  SET_DEFAULT: 'set_default',
}

/**
 * Reads `CASCADE`, `set null`, `SET_NULL`, ... into a {@link ReferentialAction}. `NO ACTION` is the
 * default and is returned as undefined so both spellings of "nothing" compare equal.
 */
export function parseReferentialAction(
  value: string | null | undefined,
  path: string,
  ctx: ReadContext,
): ReferentialAction | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined
  const action = ACTIONS[value.trim().toUpperCase().replace(/\s+/g, ' ')]
  if (!action) {
    ctx.report(
      'invalid_referential_action',
      path,
      `"${value}" is not a referential action (CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION)`,
    )
    return undefined
  }
  return action === 'no_action' ? undefined : action
}
