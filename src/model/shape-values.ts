import {
  fail,
  INVALID,
  type JsonSchema,
  type Output,
  prefix,
  type Shape,
  type ShapeIssue,
  sizeIssue,
  typeIssue,
} from './shape.js'

// The value shapes of the description language (shape.ts has objects and fields): strings, numbers,
// literals, lists, records and unions, each with its check and its JSON Schema.

const MAX = Number.MAX_SAFE_INTEGER

/** Options of {@link text}. @internal */
export interface TextOptions {
  /** Trim first (the output is trimmed); `min` and `max` count the trimmed text. */
  readonly trim?: boolean
  readonly min?: number
  readonly max?: number
  /** Message when `min` is not met. */
  readonly message?: string
}

/** A string. @internal */
export function text(options: TextOptions = {}): Shape<string> {
  const { trim = false, min = 0, max = Number.POSITIVE_INFINITY, message } = options
  const json: JsonSchema = { type: 'string' }
  if (min > 0) json.minLength = min
  if (max < Number.POSITIVE_INFINITY) json.maxLength = max
  // JSON Schema cannot trim: "not blank" is a non-space character (`\s` is the set trim() removes).
  if (trim && min > 0) json.pattern = '\\S'
  return {
    parse: (value, issues) => {
      if (typeof value !== 'string') return fail(issues, typeIssue('string', value))
      const out = trim ? value.trim() : value
      if (out.length < min) return fail(issues, sizeIssue('too_small', 'string', min, message))
      if (out.length > max) return fail(issues, sizeIssue('too_big', 'string', max))
      return out
    },
    toJson: () => ({ ...json }),
  }
}

/** `true` or `false`. @internal */
export const bool: Shape<boolean> = {
  parse: (value, issues) => (typeof value === 'boolean' ? value : fail(issues, typeIssue('boolean', value))),
  toJson: () => ({ type: 'boolean' }),
}

/** A safe integer, at least `min` when given. @internal */
export function int(options: { readonly min?: number } = {}): Shape<number> {
  const min = options.min ?? -MAX
  return {
    parse: (value, issues) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(issues, typeIssue('number', value))
      if (!Number.isInteger(value)) return fail(issues, { ...typeIssue('int', value), soft: true })
      // Beyond the safe integers, zod names the type `int`.
      if (value < -MAX)
        return fail(issues, sizeIssue('too_small', 'number', -MAX, `Too small: expected int to be >=${-MAX}`))
      if (value > MAX) return fail(issues, sizeIssue('too_big', 'number', MAX, `Too big: expected int to be <=${MAX}`))
      if (value < min) return fail(issues, sizeIssue('too_small', 'number', min))
      return value
    },
    toJson: () => ({ type: 'integer', minimum: min, maximum: MAX }),
  }
}

/** A finite number. @internal */
export const finite: Shape<number> = {
  parse: (value, issues) =>
    typeof value === 'number' && Number.isFinite(value) ? value : fail(issues, typeIssue('number', value)),
  toJson: () => ({ type: 'number' }),
}

/** `null`. @internal */
export const nullValue: Shape<null> = {
  parse: (value, issues) => (value === null ? null : fail(issues, typeIssue('null', value))),
  toJson: () => ({ type: 'null' }),
}

/** Any value, kept as it is. @internal */
export const anything: Shape<unknown> = { parse: (value) => value, toJson: () => ({}) }

type Literal = string | boolean

/** One of the given strings or booleans. @internal */
export function oneOf<const V extends readonly [Literal, ...Literal[]]>(...values: V): Shape<V[number]> {
  const allowed = new Set<unknown>(values)
  const quoted = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)))
  const message =
    values.length === 1 ? `Invalid input: expected ${quoted[0]}` : `Invalid option: expected one of ${quoted.join('|')}`
  const type = typeof values[0] === 'boolean' ? 'boolean' : 'string'
  return {
    parse: (value, issues) =>
      allowed.has(value)
        ? (value as V[number])
        : fail(issues, { code: 'invalid_value', path: [], message, soft: false }),
    toJson: () => (values.length === 1 ? { type, const: values[0] } : { type, enum: [...values] }),
  }
}

/** A value checked by `test`, for model values described elsewhere (the column type). @internal */
export function custom<T>(expected: string, test: (value: unknown) => boolean, json: JsonSchema): Shape<T> {
  return {
    parse: (value, issues) => (test(value) ? (value as T) : fail(issues, typeIssue(expected, value))),
    toJson: () => ({ ...json }),
  }
}

/** A list of values of one shape; the output is a new list of the items' outputs. @internal */
export function array<S extends Shape<unknown>>(
  item: S,
  options: { readonly min?: number; readonly message?: string } = {},
): Shape<readonly Output<S>[]> {
  const min = options.min ?? 0
  return {
    parse: (value, issues) => {
      if (!Array.isArray(value)) return fail(issues, typeIssue('array', value))
      const out = new Array<unknown>(value.length)
      let failed = false
      for (let i = 0; i < value.length; i++) {
        const start = issues.length
        const r = item.parse(value[i], issues)
        if (r === INVALID) {
          prefix(issues, start, i)
          failed = true
        } else out[i] = r
      }
      if (failed) return INVALID
      if (value.length < min) return fail(issues, sizeIssue('too_small', 'array', min, options.message))
      return out as Output<S>[]
    },
    toJson: (defs) => ({ type: 'array', items: item.toJson(defs), ...(min > 0 ? { minItems: min } : {}) }),
  }
}

/**
 * A list whose items the reader checks one by one (so that one bad item does not hide the others,
 * and each is read where it is): only "is a list" is checked here, and the list is its own output.
 * The JSON Schema describes the items.
 * @internal
 */
export function list(item: Shape<unknown>): Shape<readonly unknown[]> {
  return {
    parse: (value, issues) => (Array.isArray(value) ? value : fail(issues, typeIssue('array', value))),
    toJson: (defs) => ({ type: 'array', items: item.toJson(defs) }),
  }
}

/** An object with any string keys, each value of one shape. @internal */
export function record<S extends Shape<unknown>>(value: S): Shape<Readonly<Record<string, Output<S>>>> {
  return {
    parse: (input, issues) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return fail(issues, typeIssue('record', input))
      const proto = Object.getPrototypeOf(input)
      if (proto !== Object.prototype && proto !== null) return fail(issues, typeIssue('record', input))
      const out: Record<string, unknown> = {}
      let failed = false
      for (const key of Object.keys(input)) {
        const start = issues.length
        const r = value.parse((input as Record<string, unknown>)[key], issues)
        if (r === INVALID) {
          prefix(issues, start, key)
          failed = true
        } else Object.defineProperty(out, key, { value: r, enumerable: true, writable: true, configurable: true })
      }
      return failed ? INVALID : (out as Record<string, Output<S>>)
    },
    toJson: (defs) => ({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: value.toJson(defs) }),
  }
}

/**
 * The first option that accepts the value. When none does, and exactly one failed only a refinement
 * (the value had its type), that option's issues are reported, as zod does; else `invalid_union`.
 * @internal
 */
export function union<const S extends readonly Shape<unknown>[]>(...options: S): Shape<Output<S[number]>> {
  return {
    parse: (value, issues) => {
      const start = issues.length
      let ends: number[] | undefined
      for (const option of options) {
        const r = option.parse(value, issues)
        if (r !== INVALID) {
          issues.length = start
          return r as Output<S[number]>
        }
        ends ??= []
        ends.push(issues.length)
      }
      const bounds = ends ?? []
      const tried = bounds.map((end, i) => issues.slice(i === 0 ? start : bounds[i - 1], end))
      issues.length = start
      const soft = tried.filter((own) => own.every((i) => i.soft))
      if (soft.length === 1) {
        issues.push(...(soft[0] as ShapeIssue[]))
        return INVALID
      }
      return fail(issues, { code: 'invalid_union', path: [], message: 'Invalid input', soft: false })
    },
    toJson: (defs) => ({ anyOf: options.map((o) => o.toJson(defs)) }),
  }
}

/** One of several object shapes, chosen by the value's `type`. @internal */
export function byType<V extends Readonly<Record<string, Shape<unknown>>>>(variants: V): Shape<Output<V[keyof V]>> {
  const types = Object.keys(variants) as [string, ...string[]]
  const typeShape = oneOf(...types)
  return {
    parse: (value, issues) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(issues, typeIssue('object', value))
      const type = (value as { type?: unknown }).type
      const variant = typeof type === 'string' && Object.hasOwn(variants, type) ? variants[type] : undefined
      if (variant) return variant.parse(value, issues) as Output<V[keyof V]>
      const start = issues.length
      typeShape.parse(type, issues)
      prefix(issues, start, 'type')
      return INVALID
    },
    toJson: (defs) => ({ anyOf: types.map((t) => (variants[t] as Shape<unknown>).toJson(defs)) }),
  }
}
