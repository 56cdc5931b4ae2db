// A small description language for JSON values: each shape checks a value (issues with zod's codes,
// paths and messages), gives its JSON Schema (draft 2020-12), and carries its TypeScript type. The
// model (model-description.ts) and the documents (document-schema.ts) are described with it once,
// and the types, validation and JSON Schemas all come from those descriptions.
//
// Checking is one path, built for 100,000-column documents: nothing is allocated for a valid value
// except the outputs that differ from the input (a trimmed string, a copied list). Objects are loose:
// keys not described are kept, and an object whose described values all come out unchanged is its
// own output. An object is read by the keys `for...in` lists (a document object has a few of its
// shape's many keys; JSON has no other kind), and its issues are then put in the shape's order.

/** A JSON Schema (draft 2020-12) object. @internal */
export type JsonSchema = { [key: string]: unknown }

/** A problem found by a shape; `path` is relative to the value checked. @internal */
export interface ShapeIssue {
  /** zod's issue codes: `invalid_type`, `invalid_value`, `too_small`, `too_big`, `invalid_union`. */
  readonly code: string
  /** For `too_small` and `too_big`: what was measured. */
  readonly origin?: 'string' | 'array' | 'number'
  readonly path: PropertyKey[]
  readonly message: string
  /** A refinement that failed on a value of the right type (zod's non-aborting issue): unions report it. */
  readonly soft: boolean
}

/** What `parse` returns for a value that does not fit (after adding its issues). @internal */
export const INVALID: unique symbol = Symbol('invalid')

/** Collects the named shapes of a JSON Schema under `$defs`; without one, named shapes are inlined. @internal */
export type JsonDefs = Map<string, JsonSchema>

/** A shape of JSON value whose valid values read as `T`. @internal */
export interface Shape<T> {
  /** The output for a valid value, or {@link INVALID} after pushing the value's issues. */
  readonly parse: (value: unknown, issues: ShapeIssue[]) => T | typeof INVALID
  readonly toJson: (defs?: JsonDefs) => JsonSchema
  /** Object fields only: the key may be absent. */
  readonly optional?: boolean
  /** Object fields only: null stands for absent. */
  readonly nullable?: boolean
}

/** The type a shape reads values as. @internal */
export type Output<S> = S extends Shape<infer T> ? T : never

/** The fields of an object shape, in order. @internal */
export type Fields = { readonly [key: string]: Shape<unknown> }

type OptionalField = { readonly optional: true }

/**
 * The type of an object with the given fields: optional fields may be absent. Homomorphic, so each
 * property keeps the doc comment written on its field.
 * @internal
 */
export type Model<F extends Fields> = {
  readonly [K in keyof F as F[K] extends OptionalField ? never : K]: Output<F[K]>
} & { readonly [K in keyof F as F[K] extends OptionalField ? K : never]?: Output<F[K]> }

/** An object shape, with its fields at hand for deriving other shapes and building objects. @internal */
export interface ObjectShape<F extends Fields> extends Shape<Model<F>> {
  readonly fields: F
  readonly keys: readonly (keyof F & string)[]
  /** The fields that are objects themselves, by position. */
  readonly nested: readonly (AnyObjectShape | undefined)[]
  /** Each field's position. */
  readonly position: ReadonlyMap<string, number>
}

/** Any object shape, for code that walks shapes whatever their fields. @internal */
export interface AnyObjectShape extends Shape<Readonly<Record<string, unknown>>> {
  readonly fields: Fields
  readonly keys: readonly string[]
  readonly nested: readonly (AnyObjectShape | undefined)[]
  readonly position: ReadonlyMap<string, number>
}

function received(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null && typeof proto.constructor === 'function')
      return proto.constructor.name
  }
  return typeof value
}

/** zod's `invalid_type` issue. @internal */
export const typeIssue = (expected: string, value: unknown): ShapeIssue => ({
  code: 'invalid_type',
  path: [],
  message: `Invalid input: expected ${expected}, received ${received(value)}`,
  soft: false,
})

/** zod's `too_small` / `too_big` issue (a refinement: soft). @internal */
export const sizeIssue = (
  code: 'too_small' | 'too_big',
  origin: 'string' | 'array' | 'number',
  limit: number,
  message?: string,
): ShapeIssue => {
  const unit = origin === 'string' ? ' characters' : origin === 'array' ? ' items' : ''
  const verb = origin === 'number' ? 'to be' : 'to have'
  const bound = `${code === 'too_small' ? '>=' : '<='}${limit}${unit}`
  const size = code === 'too_small' ? 'Too small' : 'Too big'
  return { code, origin, path: [], message: message ?? `${size}: expected ${origin} ${verb} ${bound}`, soft: true }
}

/** `INVALID` after pushing one issue. @internal */
export function fail(issues: ShapeIssue[], issue: ShapeIssue): typeof INVALID {
  issues.push(issue)
  return INVALID
}

/** Puts `key` in front of the paths of the issues from `start` on. @internal */
export function prefix(issues: ShapeIssue[], start: number, key: PropertyKey): void {
  for (let i = start; i < issues.length; i++) issues[i]?.path.unshift(key)
}

/** A field that may be absent (`undefined` counts as absent). @internal */
export function optional<S extends Shape<unknown>>(shape: S): S & OptionalField {
  return { ...shape, optional: true }
}

/** A field that may be absent or null (kept as null in the output). @internal */
export function nullish<S extends Shape<unknown>>(shape: S): Shape<Output<S> | null> & OptionalField {
  return { ...(shape as Shape<Output<S> | null>), optional: true, nullable: true }
}

/** A shape whose JSON Schema goes under `$defs` with this name when the schema collects defs. @internal */
export function named<S extends Shape<unknown>>(name: string, shape: S): S {
  return {
    ...shape,
    toJson: (defs) => {
      if (!defs) return shape.toJson()
      if (!defs.has(name)) {
        defs.set(name, {})
        defs.set(name, shape.toJson(defs))
      }
      return { $ref: `#/$defs/${name}` }
    },
  }
}

/** A shape with a `description` in its JSON Schema. @internal */
export function described<S extends Shape<unknown>>(description: string, shape: S): S {
  return { ...shape, toJson: (defs) => ({ ...shape.toJson(defs), description }) }
}

/** A field's JSON Schema: null joins the accepted types when the field is nullish. */
function fieldJson(shape: Shape<unknown>, defs: JsonDefs | undefined): JsonSchema {
  const json = shape.toJson(defs)
  if (!shape.nullable) return json
  const { type, ...rest } = json
  if (typeof type === 'string' && !('const' in rest) && !('enum' in rest) && !('items' in rest))
    return { type: [type, 'null'], ...rest }
  return { anyOf: [json, { type: 'null' }] }
}

/**
 * An object with the given fields, in order; other keys are allowed and kept. The output is the value
 * itself when every field's output is its input, else a shallow copy with the outputs.
 * @internal
 */
export function object<const F extends Fields>(fields: F): ObjectShape<F> {
  const keys = Object.keys(fields) as (keyof F & string)[]
  const shapes = keys.map((k) => fields[k] as Shape<unknown>)
  const required = keys.filter((_, i) => !shapes[i]?.optional)
  const nested = shapes.map((s) => ('nested' in s ? (s as AnyObjectShape) : undefined))
  const position = new Map(keys.map((k, i) => [k as string, i]))
  /** Checks the required keys that `for...in` did not list (absent, or not enumerable). */
  const missing = (input: Record<string, unknown>, issues: ShapeIssue[]) => {
    const listed = new Set<string>()
    for (const key in input) listed.add(key)
    for (const key of required) {
      if (listed.has(key)) continue
      const from = issues.length
      if ((fields[key] as Shape<unknown>).parse(input[key], issues) === INVALID) prefix(issues, from, key)
    }
  }
  return {
    fields,
    keys,
    nested,
    position,
    parse: (value, issues) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(issues, typeIssue('object', value))
      const input = value as Record<string, unknown>
      const start = issues.length
      let out = input
      let requiredSeen = 0
      // The value's keys, not the shape's: a document object has a few of its shape's many keys.
      for (const key in input) {
        const i = position.get(key)
        if (i === undefined) continue
        const shape = shapes[i] as Shape<unknown>
        if (!shape.optional) requiredSeen++
        const v = input[key]
        if ((v === undefined && shape.optional) || (v === null && shape.nullable)) continue
        const from = issues.length
        const r = shape.parse(v, issues)
        if (r === INVALID) prefix(issues, from, key)
        else if (r !== v) {
          if (out === input) out = { ...input }
          out[key] = r
        }
      }
      if (requiredSeen < required.length) missing(input, issues)
      if (issues.length === start) return out as Model<F>
      // Issues in the shape's order, as zod reports them.
      const found = issues.splice(start).map((issue, n) => ({ issue, n, at: position.get(String(issue.path[0])) ?? 0 }))
      found.sort((a, b) => a.at - b.at || a.n - b.n)
      for (const { issue } of found) issues.push(issue)
      return INVALID
    },
    toJson: (defs) => ({
      type: 'object',
      properties: Object.fromEntries(keys.map((k, i) => [k, fieldJson(shapes[i] as Shape<unknown>, defs)])),
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: {},
    }),
  }
}

const NO_CHANGES: Readonly<Record<string, unknown>> = Object.freeze({})
/**
 * Builds the object of a shape: its fields in the shape's order, each from `changes` when it has the
 * key, else from `source`; absent when undefined or null. Nested objects are built the same way, so
 * keys the shape does not list are left behind.
 * @internal
 */
export function build<F extends Fields>(
  shape: Pick<ObjectShape<F>, 'fields' | 'keys' | 'nested' | 'position'>,
  source: object,
  changes: { readonly [K in keyof F]?: unknown } = NO_CHANGES,
): Model<F> {
  const { keys, nested, position } = shape
  // Values by position, gathered from the keys the objects have (a few of the shape's many).
  const values = new Array<unknown>(keys.length)
  const from = source as Record<string, unknown>
  for (const key in from) {
    const i = position.get(key)
    if (i !== undefined) values[i] = from[key]
  }
  const changed = changes as Record<string, unknown>
  for (const key in changed) {
    const i = position.get(key)
    if (i !== undefined) values[i] = changed[key]
  }
  const out: Record<string, unknown> = {}
  for (let i = 0; i < keys.length; i++) {
    const v = values[i]
    if (v === undefined || v === null) continue
    const inner = nested[i]
    out[keys[i] as string] = inner !== undefined && typeof v === 'object' ? build(inner, v) : v
  }
  return out as Model<F>
}
