import type { z } from 'zod'
import type { ValidationIssue } from '../errors.js'
import type { Extra, JsonValue } from './types.js'

/**
 * State shared by the document readers: the issues found so far and the document path of every
 * model object built, so semantic checks that run later can still name where a problem is.
 * @internal
 */
export class ReadContext {
  readonly issues: ValidationIssue[] = []
  private readonly paths = new WeakMap<object, string>()
  private readonly shorthand = new WeakSet<object>()
  /** Document key names of the shape being read, for paths into constraint fields. */
  referencedColumnsKey = 'referencedColumns'
  referencedTableKey = 'referencedTable'

  report(code: string, path: string, message: string): void {
    this.issues.push({ code, path, message })
  }

  /** Validates `value` against `schema`; on failure records every zod issue under `path`. */
  check<T extends z.ZodType>(schema: T, value: unknown, path: string): z.output<T> | undefined {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    for (const issue of result.error.issues) {
      const at = joinPath(path, issue.path)
      this.report(zodCode(issue), at, issue.message)
    }
    return undefined
  }

  /** Remembers the document path an object was read from. */
  at<T extends object>(value: T, path: string): T {
    this.paths.set(value, path)
    return value
  }

  /** Like {@link at}, for objects read from a column flag: their fields have no paths of their own. */
  atShorthand<T extends object>(value: T, path: string): T {
    this.shorthand.add(value)
    return this.at(value, path)
  }

  pathOf(value: object, fallback = ''): string {
    return this.paths.get(value) ?? fallback
  }

  /** Path of a field (and list position) of an object, or the object's own path when it came from a flag. */
  fieldPath(value: object, field: string, index?: number): string {
    const base = this.pathOf(value)
    if (this.shorthand.has(value)) return base
    return index === undefined ? `${base}.${field}` : `${base}.${field}[${index}]`
  }
}

/** Joins a base path with zod path segments into `a.b[2].c`. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? String(seg) : `.${String(seg)}`
  }
  return out
}

function zodCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'empty_name'
  if (issue.code === 'too_small' && issue.origin === 'array') return 'empty_list'
  return issue.code
}

/**
 * Keys of `value` not in `known`, as an `extra` bag; undefined when there are none. A nested `extra`
 * object (how the canonical form stores them, so they never collide with known keys) is unwrapped.
 */
export function extraKeys(value: Record<string, unknown>, known: ReadonlySet<string>): Extra | undefined {
  const entries: [string, unknown][] = []
  for (const [key, v] of Object.entries(value)) {
    if (known.has(key) || v === undefined) continue
    if (key === 'extra' && isRecord(v)) entries.push(...Object.entries(v))
    else entries.push([key, v])
  }
  if (entries.length === 0) return undefined
  return Object.fromEntries(entries) as Record<string, JsonValue>
}

/** `T` with every property that may be undefined made optional instead. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Copies `source` with every undefined property removed (the model never stores `undefined`). */
export function compact<T extends object>(source: T): Compact<T> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(source)) if (v !== undefined) out[key] = v
  return out as Compact<T>
}

/** Whether a value is a non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
