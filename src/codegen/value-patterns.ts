// Regular expressions (sources, anchored) for values that travel as strings: whole numbers beyond
// JavaScript's safe range, exact decimals, times of day and UUIDs. Zod validators and JSON Schemas use
// the same sources, so the two outputs accept the same strings. Every pattern is valid with and
// without the `u` flag (JSON Schema validators compile patterns with it).

const digitClass = (lo: number, hi: number): string =>
  lo === hi ? `${lo}` : hi === lo + 1 ? `[${lo}${hi}]` : `[${lo}-${hi}]`
const digits = (n: number): string => (n === 0 ? '' : n === 1 ? '\\d' : `\\d{${n}}`)

/** Alternatives matching the canonical spelling of every whole number from 1 to `max`. */
function upTo(max: bigint): string {
  const text = max.toString()
  const alternatives: string[] = []
  // Every number with fewer digits than max.
  const shorter = text.length - 2
  if (shorter >= 0) alternatives.push(`[1-9]${shorter === 0 ? '' : shorter === 1 ? '\\d?' : `\\d{0,${shorter}}`}`)
  for (let i = 0; i < text.length; i++) {
    const lo = i === 0 ? 1 : 0
    const last = i === text.length - 1
    // Same prefix, a smaller digit here, anything after; the last position includes the digit itself.
    const hi = Number(text[i]) - (last ? 0 : 1)
    if (hi >= lo) alternatives.push(text.slice(0, i) + digitClass(lo, hi) + digits(text.length - i - 1))
  }
  return alternatives.join('|')
}

/**
 * A pattern for the canonical decimal spelling (`0`, `-12`, no leading zeros or `+`) of exactly the
 * whole numbers in `[min, max]`, where `min <= 0 <= max`.
 *
 * @example
 * ```ts
 * integerPattern(-128n, 127n) // '^(?:0|[1-9]\\d?|1[01]\\d|12[0-7]|-(?:[1-9]\\d?|1[01]\\d|12[0-8]))$'
 * ```
 * @internal
 */
export function integerPattern(min: bigint, max: bigint): string {
  const positive = max > 0n ? `|${upTo(max)}` : ''
  const negative = min < 0n ? `|-(?:${upTo(-min)})` : ''
  return `^(?:0${positive}${negative})$`
}

/**
 * A pattern for exact decimals as PostgreSQL and MySQL drivers return them (`'12.50'`): an optional
 * `-` (none when unsigned), at most `precision - scale` digits before the point and at most `scale`
 * after it. Without a precision the digit counts are open. A negative scale or a scale above the
 * precision (PostgreSQL 15) is not checked: the pattern then only requires a decimal number.
 *
 * @example
 * ```ts
 * decimalPattern(5, 2, false) // '^-?(?:0|[1-9]\\d{0,2})(?:\\.\\d{1,2})?$'
 * ```
 * @internal
 */
export function decimalPattern(precision: number | undefined, scale: number | undefined, unsigned: boolean): string {
  const sign = unsigned ? '' : '-?'
  const open = `^${sign}(?:0|[1-9]\\d*)(?:\\.\\d+)?$`
  if (precision === undefined) {
    if (scale === undefined || scale < 0) return open
    return `^${sign}(?:0|[1-9]\\d*)${fraction(scale)}$`
  }
  const s = scale ?? 0
  if (s < 0 || s > precision) return open
  const whole = precision - s
  const before = whole === 0 ? '0' : whole === 1 ? '\\d' : `(?:0|[1-9]\\d{0,${whole - 1}})`
  return `^${sign}${before}${fraction(s)}$`
}

const fraction = (scale: number): string => (scale === 0 ? '' : scale === 1 ? '(?:\\.\\d)?' : `(?:\\.\\d{1,${scale}})?`)

const CLOCK = '(?:(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,6})?)?|24:00(?::00(?:\\.0{1,6})?)?)'

/**
 * A pattern for a time of day as PostgreSQL writes it (`10:11:12.5`, seconds optional, `24:00:00`
 * allowed), with a UTC offset (`+02`, `-05:30`) when `timezone` is set.
 *
 * @example
 * ```ts
 * new RegExp(timePattern(false)).test('23:59:59.999999') // true
 * ```
 * @internal
 */
export const timePattern = (timezone: boolean): string =>
  `^${CLOCK}${timezone ? '[+-](?:0\\d|1[0-5])(?::[0-5]\\d){0,2}' : ''}$`

/**
 * A pattern for a UUID in its hyphenated hexadecimal form, any version, either case.
 *
 * @example
 * ```ts
 * new RegExp(UUID_PATTERN).test('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11') // true
 * ```
 * @internal
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

const B64 = '[A-Za-z0-9+/]'
/** `min` to `max` groups of 4 base64 characters (3 bytes each); no upper limit when `max` is undefined. */
function quads(min: number, max?: number): string {
  if (max === 0) return ''
  const count = max === undefined ? '*' : min === max ? `{${min}}` : `{${min},${max}}`
  return `(?:${B64}{4})${count}`
}

/**
 * A pattern for padded base64 text (RFC 4648) that decodes to at most `maxBytes` bytes, or to any
 * number of bytes without a limit.
 *
 * @example
 * ```ts
 * new RegExp(base64Pattern(2)).test('AAE=') // true: 2 bytes
 * new RegExp(base64Pattern(2)).test('AAEC') // false: 3 bytes
 * ```
 * @internal
 */
export function base64Pattern(maxBytes?: number): string {
  const tail = (remainder: number) => (remainder === 0 ? '' : `(?:${B64}{2}==${remainder === 2 ? `|${B64}{3}=` : ''})?`)
  if (maxBytes === undefined) return `^${quads(0)}${tail(2)}$`
  // Fewer than the full 3-byte groups leave room for any tail; exactly that many, only for the rest.
  const full = Math.floor(maxBytes / 3)
  const remainder = maxBytes % 3
  const exact = `${quads(full, full)}${tail(remainder)}`
  return full === 0 ? `^${exact}$` : `^(?:${quads(0, full - 1)}${tail(2)}|${exact})$`
}
