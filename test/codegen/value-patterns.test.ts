import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  base64Pattern,
  decimalPattern,
  integerPattern,
  timePattern,
  UUID_PATTERN,
} from '../../src/codegen/value-patterns.js'

// The patterns are the whole contract of string-carried numbers in JSON Schema (and of decimals in
// zod), so they are checked against arithmetic, with and without the `u` flag JSON Schema uses.
const both = (pattern: string) => {
  const plain = new RegExp(pattern)
  const unicode = new RegExp(pattern, 'u')
  return (text: string) => {
    const result = plain.test(text)
    expect(unicode.test(text)).toBe(result)
    return result
  }
}

const RANGES: readonly (readonly [bigint, bigint])[] = [
  [-128n, 127n],
  [0n, 255n],
  [-32768n, 32767n],
  [-9223372036854775808n, 9223372036854775807n],
  [0n, 18446744073709551615n],
  [0n, 0n],
  [-1n, 9n],
  [-50n, 25n],
  [-10n, 10n],
  [-1000n, 1000n],
]

describe('integerPattern', () => {
  it('writes the tinyint range compactly', () => {
    expect(integerPattern(-128n, 127n)).toBe('^(?:0|[1-9]\\d?|1[01]\\d|12[0-7]|-(?:[1-9]\\d?|1[01]\\d|12[0-8]))$')
  })

  it.each(RANGES)('matches exactly the canonical spellings of [%s, %s]', (min, max) => {
    const test = both(integerPattern(min, max))
    for (const edge of [min, max, min - 1n, max + 1n, 0n, min / 2n, max / 2n, max * 10n, min * 10n - 1n]) {
      expect([edge, test(edge.toString())]).toEqual([edge, edge >= min && edge <= max])
    }
    const span = (max - min) * 4n + 20n
    fc.assert(
      fc.property(
        fc.bigInt({ min: min - span, max: max + span }),
        (n) => test(n.toString()) === (n >= min && n <= max),
      ),
      { numRuns: 500 },
    )
    // Every digit string near the bound's length, canonical or not.
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{1,21}$/), (text) => {
        const canonical = /^(0|-?[1-9][0-9]*)$/.test(text)
        const n = BigInt(text)
        return test(text) === (canonical && n >= min && n <= max)
      }),
      { numRuns: 500 },
    )
  })
})

describe('decimalPattern', () => {
  it('bounds the digits before and after the point', () => {
    expect(decimalPattern(5, 2, false)).toBe('^-?(?:0|[1-9]\\d{0,2})(?:\\.\\d{1,2})?$')
    expect(decimalPattern(2, 2, true)).toBe('^0(?:\\.\\d{1,2})?$')
    expect(decimalPattern(3, undefined, false)).toBe('^-?(?:0|[1-9]\\d{0,2})$')
    expect(decimalPattern(1, 0, false)).toBe('^-?\\d$')
    expect(decimalPattern(undefined, undefined, false)).toBe('^-?(?:0|[1-9]\\d*)(?:\\.\\d+)?$')
    expect(decimalPattern(undefined, 2, false)).toBe('^-?(?:0|[1-9]\\d*)(?:\\.\\d{1,2})?$')
    expect(decimalPattern(2, 3, false)).toBe(decimalPattern(undefined, undefined, false))
  })

  it('accepts a number iff it fits numeric(p, s) without rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.nat(14),
        fc.nat(14),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 28n }),
        (precision, rawScale, whole, frac, negative, seed) => {
          const scale = Math.min(rawScale, precision)
          const intPart = whole === 0 ? '0' : (seed % 10n ** BigInt(whole)).toString()
          const fracPart = frac === 0 ? '' : (seed % 10n ** BigInt(frac)).toString().padStart(frac, '0')
          const text = `${negative ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`
          const intDigits = intPart === '0' ? 0 : intPart.length
          const fits = intDigits <= precision - scale && fracPart.length <= scale
          return both(decimalPattern(precision, scale, false))(text) === fits
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('rejects signs when unsigned, and spellings drivers never return', () => {
    const test = both(decimalPattern(6, 2, true))
    expect(['0', '12.5', '9999.99'].map(test)).toEqual([true, true, true])
    expect(['-1', '+1', '01', '1.', '.5', '1e3', 'NaN', ' 1', '10000'].map(test)).toEqual(Array(9).fill(false))
  })
})

describe('timePattern and UUID_PATTERN', () => {
  it('read times as PostgreSQL writes them', () => {
    const time = both(timePattern(false))
    const timetz = both(timePattern(true))
    expect(['00:00', '10:11:12', '23:59:59.999999', '24:00:00'].map(time)).toEqual([true, true, true, true])
    expect(['24:00:01', '12:60', '1:00', '10:11:12+02', '10:11:12.1234567'].map(time)).toEqual(Array(5).fill(false))
    expect(['10:11:12+02', '10:11:12-05:30', '00:00:00+00'].map(timetz)).toEqual([true, true, true])
    expect(['10:11:12', '10:11:12+16'].map(timetz)).toEqual([false, false])
  })

  it('reads any hyphenated UUID', () => {
    const uuid = both(UUID_PATTERN)
    expect(['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'A0EEBC99-9C0B-0EF8-0B6D-6BB9BD380A11'].map(uuid)).toEqual([
      true,
      true,
    ])
    expect(['a0eebc999c0b4ef8bb6d6bb9bd380a11', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'].map(uuid)).toEqual([
      false,
      false,
    ])
  })
})

describe('base64Pattern', () => {
  it('is short for small limits', () => {
    expect(base64Pattern()).toBe('^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$')
    expect(base64Pattern(1)).toBe('^(?:[A-Za-z0-9+/]{2}==)?$')
    expect(base64Pattern(3)).toBe('^(?:(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|(?:[A-Za-z0-9+/]{4}){1})$')
  })

  it('accepts the base64 of n bytes iff n is within the limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.option(fc.nat(36), { nil: undefined }), (bytes, max) => {
        const text = Buffer.from(bytes).toString('base64')
        return both(base64Pattern(max))(text) === (max === undefined || bytes.length <= max)
      }),
      { numRuns: 1000 },
    )
  })

  it('rejects text that is not padded base64', () => {
    const test = both(base64Pattern(30))
    expect(['AAE', 'AA=', 'A===', 'AAE=A', 'AA-_', 'AAE= '].map(test)).toEqual(Array(6).fill(false))
  })
})
