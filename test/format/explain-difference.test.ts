import { describe, expect, it } from 'vitest'
import { AssertionError, assertSchemaEqual } from '../../src/testing/index.js'
import { from, to } from './small-diff.js'

// assertSchemaEqual explains a difference with the text report's tree renderer.
describe('assertSchemaEqual message', () => {
  it('lists every difference as the change tree, expected -> actual', () => {
    let error: unknown
    try {
      assertSchemaEqual(to, from)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AssertionError)
    expect((error as AssertionError).message).toBe(
      [
        'Schemas differ: 3 changes (tables ~1 -1, columns +1 ~1)',
        '',
        '  - table old_logs',
        '    - column line text',
        '',
        '  ~ table users',
        '    ~ column email',
        '        type: varchar(120) -> varchar(255)',
        '    + column is_active boolean NOT NULL DEFAULT true',
        '',
        '  (+ present in actual only, - present in expected only, ~ differs: expected -> actual, > renamed, ? possible rename)',
      ].join('\n'),
    )
  })

  it('passes when the schemas describe the same database', () => {
    expect(() => assertSchemaEqual(to, to)).not.toThrow()
  })
})
