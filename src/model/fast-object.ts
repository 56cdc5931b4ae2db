// Hand-written equivalents of the zod building blocks the document schemas use, for the fast
// validation path (see fast-validate.ts). Each returns what zod's safeParse would return on success
// (where that would be a key-for-key copy of an object or list the readers only read, the original
// stands for it), or UNSURE. They never report issues: on UNSURE the caller runs zod, whose issues are
// the ones users see. So a check here may be stricter than zod, never looser.

/** Marks a value the fast path does not vouch for; the caller then asks zod. @internal */
export const UNSURE: unique symbol = Symbol('unsure')

/** Reads one present, non-undefined value into zod's output for it, or {@link UNSURE}. @internal */
export type FastCheck = (value: unknown) => unknown

/** One key of an object shape: its check, and whether the key may be absent (`.optional()`, `.nullish()`). @internal */
export interface FastField {
  readonly check: FastCheck
  readonly optional: boolean
  /** `.nullish()`: null is kept as it is. */
  readonly nullable: boolean
}

/** A required key. @internal */
export const required = (check: FastCheck): FastField => ({ check, optional: false, nullable: false })

/** `.optional()`: absent or undefined stays so; null is not accepted. @internal */
export const optional = (check: FastCheck): FastField => ({ check, optional: true, nullable: false })

/** `.nullish()`: absent or undefined stays so, null is kept. @internal */
export const nullish = (check: FastCheck): FastField => ({ check, optional: true, nullable: true })

/** `z.string()`. @internal */
export const text: FastCheck = (v) => (typeof v === 'string' ? v : UNSURE)

/** `z.string().min(1)`. @internal */
export const nonEmptyText: FastCheck = (v) => (typeof v === 'string' && v.length > 0 ? v : UNSURE)

/** `z.string().trim().min(1)`: the trimmed string. @internal */
export const trimmedText: FastCheck = (v) => {
  if (typeof v !== 'string') return UNSURE
  const t = v.trim()
  return t.length > 0 ? t : UNSURE
}

/** `z.boolean()`. @internal */
export const bool: FastCheck = (v) => (typeof v === 'boolean' ? v : UNSURE)

/** `z.number().int()`: a safe integer. @internal */
export const int: FastCheck = (v) => (Number.isSafeInteger(v) ? v : UNSURE)

/** `z.number().int().nonnegative()`. @internal */
export const count: FastCheck = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? v : UNSURE)

/** `z.union([z.string(), z.number(), z.boolean()])`: zod numbers are finite. @internal */
export const scalar: FastCheck = (v) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : UNSURE

/** `z.unknown()`. @internal */
export const anything: FastCheck = (v) => v

/** `z.enum([...])` and `z.literal(...)`: one of the given values. @internal */
export const oneOf = (...values: readonly unknown[]): FastCheck => {
  const set = new Set(values)
  return (v) => (set.has(v) ? v : UNSURE)
}

/** `z.union([a, b])` of checks that accept disjoint values: the first that accepts. @internal */
export const either =
  (a: FastCheck, b: FastCheck): FastCheck =>
  (v) => {
    const first = a(v)
    return first === UNSURE ? b(v) : first
  }

/**
 * `z.array(element)` (with `.min(min)`): a new array of the elements' outputs. An undefined element
 * (or a hole) is left to zod, whose treatment of absent elements is subtle.
 * @internal
 */
export const arrayOf =
  (element: FastCheck, min = 0): FastCheck =>
  (v) => {
    if (!Array.isArray(v) || v.length < min) return UNSURE
    const out = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) {
      const item = v[i]
      if (item === undefined) return UNSURE
      const r = element(item)
      if (r === UNSURE) return UNSURE
      out[i] = r
    }
    return out
  }

/**
 * `z.array(z.unknown())` for the lists the readers only walk (tables, columns, constraints, indexes):
 * zod copies the list, and the list itself stands for the copy (same items in the same order), since
 * the readers never keep or change it.
 * @internal
 */
export const walkedList: FastCheck = (v) => {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return UNSURE
  for (let i = 0; i < v.length; i++) if (v[i] === undefined) return UNSURE
  return v
}

/**
 * `z.looseObject(shape)`. zod reads the shape's keys (`value[key]`, `key in value`) in shape order,
 * then copies every other enumerable key in `for...in` order except `__proto__`. When the value's own
 * keys already come in that order and every check returns its input unchanged, zod's output is a
 * key-for-key copy of the value, and the value itself is returned: the readers take fields from it
 * and never keep the object. Otherwise the output is built as zod builds it.
 * @internal
 */
export function looseObject(shape: Readonly<Record<string, FastField>>): FastCheck {
  const keys = Object.keys(shape)
  const fields = keys.map((k) => shape[k] as FastField)
  const position = new Map(keys.map((k, i) => [k, i]))
  const requiredCount = fields.filter((f) => !f.optional).length
  const build = buildLike(keys, fields, position)
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return UNSURE
    const input = v as Record<string, unknown>
    // zod's output is a plain object: only a plain object can stand for it.
    if (Object.getPrototypeOf(input) !== Object.prototype) return build(input)
    let unchanged = true
    let last = -1
    let unknownSeen = false
    let listed = 0
    let requiredSeen = 0
    for (const key in input) {
      listed++
      const i = position.get(key)
      if (i === undefined) {
        unknownSeen = true
        if (key === '__proto__') unchanged = false
        continue
      }
      if (unknownSeen || i < last) unchanged = false
      last = i
      const field = fields[i] as FastField
      const value = input[key]
      if (!field.optional) requiredSeen++
      if (value === undefined) {
        if (!field.optional) return UNSURE
        continue
      }
      if (value === null && field.nullable) continue
      // Booleans are most of a column's keys: checked here rather than through a call.
      const r = field.check === bool ? (typeof value === 'boolean' ? value : UNSURE) : field.check(value)
      if (r === UNSURE) return UNSURE
      // A changed value (a trimmed string, a copied list) means building zod's output anyway.
      if (r !== value) return build(input)
    }
    // With no enumerable key on Object.prototype, for...in listed own keys only, and equal counts mean
    // no non-enumerable own key either (zod would read one of the shape's).
    if (
      unchanged &&
      requiredSeen === requiredCount &&
      listed === Object.getOwnPropertyNames(input).length &&
      !hasEnumerableKey(Object.prototype)
    )
      return input
    return build(input)
  }
}

function hasEnumerableKey(value: object): boolean {
  for (const _ in value) return true
  return false
}

/** Builds zod's output for a looseObject shape key by key, exactly as zod reads the value. */
function buildLike(
  keys: readonly string[],
  fields: readonly FastField[],
  position: ReadonlyMap<string, number>,
): (input: Record<string, unknown>) => unknown {
  return (input) => {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string
      const field = fields[i] as FastField
      const value = input[key]
      if (value === undefined) {
        if (!field.optional) return UNSURE
        if (key in input) out[key] = undefined
        continue
      }
      const r = value === null && field.nullable ? null : field.check(value)
      if (r === UNSURE) return UNSURE
      out[key] = r
    }
    for (const key in input) {
      if (position.has(key) || key === '__proto__') continue
      out[key] = input[key]
    }
    return out
  }
}
