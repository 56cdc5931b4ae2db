import fc from 'fast-check'
import type { Schema, SchemaDefinition } from '../../src/index.js'
import { defineSchema } from '../../src/index.js'

// The building blocks every dialect harness generates schemas from (test/sql/<dialect>/arbitrary.ts):
// small pools of names drawn by index, so that two independent schemas share tables and columns and
// their diffs are interesting; optional keys over a few of a table's columns; a schema in normal form
// built from the drawn choices. Each dialect keeps only what differs: its types, defaults and the
// subset of the model it can express.

/** The `n`th element of `list`, wrapping around. */
export const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T

/** Distinct entries of a pool of `size` names, drawn by index, each with its own spec. */
export function fromPool<T>(
  size: number,
  spec: fc.Arbitrary<T>,
  length: { readonly minLength?: number; readonly maxLength: number },
): fc.Arbitrary<[number, T][]> {
  return fc.uniqueArray(fc.tuple(fc.nat(size - 1), spec), { ...length, selector: ([n]) => n })
}

/** An optional unique key over one or two of a table's columns (indexes up to `maxColumn`), named or not. */
export const uniqueSpec = (maxColumn: number) =>
  fc.option(
    fc.record({ columns: fc.uniqueArray(fc.nat(maxColumn), { minLength: 1, maxLength: 2 }), named: fc.boolean() }),
    { nil: undefined },
  )

/** The schemas, in normal form, of the definitions `build` makes from the drawn specs. */
export const schemasOf = <S>(spec: fc.Arbitrary<S>, build: (s: S) => SchemaDefinition): fc.Arbitrary<Schema> =>
  spec.map((s) => defineSchema(build(s)))
