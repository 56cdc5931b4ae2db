import { describe, expect, it } from 'vitest'
import { objectLine } from '../../src/cli/document-lines.js'

const text = JSON.stringify(
  {
    tables: [
      { name: 'email', columns: [{ name: 'id' }] },
      { name: 'users', columns: [{ name: 'id' }, { name: 'email' }], indexes: [{ name: 'ix_users_email' }] },
    ],
  },
  null,
  2,
)
const lineOf = (name: string, after = 0) =>
  text.split('\n').findIndex((l, i) => i >= after && l.includes(`"name": "${name}"`)) + 1

describe('objectLine', () => {
  it('finds each part after the one before it', () => {
    const users = lineOf('users')
    expect(objectLine(text, 'users')).toBe(users)
    expect(objectLine(text, 'users.email')).toBe(lineOf('email', users))
    expect(objectLine(text, 'users.ix_users_email')).toBe(lineOf('ix_users_email'))
    expect(objectLine(text, 'email')).toBe(lineOf('email'))
  })

  it('skips a namespace part without a name line, and gives up on a missing object', () => {
    expect(objectLine(text, 'billing.users')).toBe(lineOf('users'))
    expect(objectLine(text, 'users.nope')).toBeUndefined()
    expect(objectLine(text, 'enum:mood')).toBeUndefined()
  })
})
