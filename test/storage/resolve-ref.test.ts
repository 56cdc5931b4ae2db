import { describe, expect, it } from 'vitest'
import { AmbiguousRefError, InvalidRefError, VersionNotFoundError } from '../../src/index.js'
import { matchHashPrefix, parseRef } from '../../src/storage/resolve-ref.js'
import { nameOfVersionKey, parseVersionKey, versionKey } from '../../src/storage/store-layout.js'

// Two real hashes never share a 6-character prefix in a small test store, so ambiguity is checked
// here on made-up hashes.
const versions = [
  { version: 1, hash: `abcdef01${'0'.repeat(56)}` },
  { version: 2, hash: `abcdef02${'0'.repeat(56)}` },
  { version: 3, hash: `123456ff${'0'.repeat(56)}` },
]

describe('version references', () => {
  it('reads numbers, short digit strings and latest; longer digit strings are hash prefixes', () => {
    expect([parseRef(7), parseRef('7'), parseRef('99999'), parseRef('latest')]).toEqual([
      { kind: 'number', version: 7 },
      { kind: 'number', version: 7 },
      { kind: 'number', version: 99999 },
      { kind: 'latest' },
    ])
    expect(parseRef('123456')).toEqual({ kind: 'tag-or-hash', text: '123456' })
    expect(matchHashPrefix('billing', '123456', versions)).toBe(3)
    expect(() => parseRef(0)).toThrow(InvalidRefError)
    expect(() => parseRef('')).toThrow(InvalidRefError)
  })

  it('names every candidate of an ambiguous prefix and accepts a longer one', () => {
    const error = (() => {
      try {
        matchHashPrefix('billing', 'ABCDEF', versions)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AmbiguousRefError)
    expect((error as AmbiguousRefError).candidates.map((c) => c.version)).toEqual([1, 2])
    expect((error as Error).message).toMatch(/matches 2 versions: v1 \(abcdef010000\), v2 \(abcdef020000\)/)
    expect(matchHashPrefix('billing', 'abcdef02', versions)).toBe(2)
    expect(() => matchHashPrefix('billing', 'abcde', versions)).toThrow(/at least 6 hex characters/)
    expect(() => matchHashPrefix('billing', 'fedcba', versions)).toThrow(VersionNotFoundError)
  })
})

describe('store layout', () => {
  it('spells version keys one way only', () => {
    expect([versionKey('billing', 4), versionKey('billing', 12345)]).toEqual([
      'billing/v0004.json',
      'billing/v12345.json',
    ])
    expect(parseVersionKey('billing', 'billing/v0004.json')).toBe(4)
    expect(parseVersionKey('billing', 'billing/v12345.json')).toBe(12345)
    for (const key of ['billing/v00004.json', 'billing/v0000.json', 'billing/v4.json', 'billing/tags/v0001.json']) {
      expect([key, parseVersionKey('billing', key)]).toEqual([key, undefined])
    }
    expect([nameOfVersionKey('billing/v0001.json'), nameOfVersionKey('.x/v0001.json')]).toEqual(['billing', undefined])
  })
})
