import fc from 'fast-check'
import * as documents from '../../src/model/document-schema.js'
import { type AnyObjectShape, INVALID } from '../../src/model/shape.js'

// Generators of document fragments, valid and invalid, for the validation property tests: every key
// of an object shape is absent, holds a value the shape accepts for it, or (with noise) any value from
// a pool of awkward ones; unknown keys are mixed in, key order is shuffled, and some objects come from
// JSON.parse with an own `__proto__` key.

/** Values that sit on the edges of the document schemas' checks. */
export const POOL: readonly unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  7,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  -(2 ** 53) + 1,
  '',
  ' ',
  'a',
  ' a ',
  'Integer',
  'orgs.id',
  'a.b.c',
  'auto',
  'ignore_fk',
  'first',
  'last',
  'always',
  'by_default',
  'no_action',
  'cascade',
  'CASCADE',
  'full',
  'DEFERRED',
  'schemaledger/1',
  [],
  ['a'],
  [' a ', 'b'],
  [null],
  ['a', 5],
  [''],
  ['first'],
  [{ column: 'a' }],
  ['a', null],
  [{ expression: ' lower(a) ' }],
  [{ column: 'a', descending: true, nulls: 'first', zz: 1 }],
  [{ column: ' ', expression: 'x' }],
  ['orgs.id', { target: 'orgs.id', ondelete: 'CASCADE' }],
  [{}],
  {},
  { a: ['desc'] },
  { postgresql_where: 'a > 1' },
  { target: 'orgs.id' },
  { column: 'orgs.id', name: 'fk', deferrable: true, initially: 'DEFERRED' },
  { target: '' },
  { always: true, start: 1, increment: 2 },
  { always: 'yes' },
  { start: 1.5 },
  { sqltext: 'a + 1', persisted: false },
  { sqltext: '' },
  { generation: 'always', start: 1 },
  { generation: 'by_default', zz: [1] },
  { expression: ' a + b ', stored: true },
  { expression: 'x' },
  { column: 'a' },
  { expression: ' e ', nulls: 'last' },
]

const TYPES = [
  'Integer',
  ' VARCHAR(50) ',
  'String',
  'Numeric',
  'numeric(10,2) COLLATE "C"',
  'varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
  'serial',
  'BIGSERIAL',
  'DateTime',
  'Enum',
  "enum('a','b')",
  'mood',
  'int[]',
  'geometry(Point,4326)',
  '',
  '   ',
]

const EXTRA_KEYS = ['info', 'extra', 'doc', '0', 'zz']

/** Options of {@link objectFor}: arbitraries for some keys, and how often a key holds any pool value. */
export interface ObjectOptions {
  readonly overrides?: Readonly<Record<string, fc.Arbitrary<unknown>>>
  readonly noise?: boolean
}

const ABSENT = Symbol('absent')

/** Objects for an object shape (see the module comment). */
export function objectFor(shape: AnyObjectShape, options: ObjectOptions = {}): fc.Arbitrary<unknown> {
  const entries = shape.keys.map((key) => {
    const field = shape.fields[key]
    const valid = POOL.filter((v) => v !== undefined && field !== undefined && field.parse(v, []) !== INVALID)
    const choices: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: fc.constant(ABSENT), weight: 4 }]
    const own = options.overrides?.[key]
    if (own) choices.push({ arbitrary: own, weight: 8 })
    else if (valid.length > 0) choices.push({ arbitrary: fc.constantFrom(...valid), weight: 8 })
    if (options.noise) choices.push({ arbitrary: fc.constantFrom(...POOL), weight: 1 })
    return fc.tuple(fc.constant(key), fc.oneof(...choices))
  })
  const extras = fc.uniqueArray(fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.constantFrom(...POOL)), {
    maxLength: options.noise ? 2 : 1,
    selector: ([k]) => k,
  })
  return fc
    .tuple(fc.tuple(...entries), extras, fc.boolean(), fc.boolean())
    .chain(([known, extra, viaJson, withProto]) => {
      const present = [...known.filter(([, v]) => v !== ABSENT), ...extra]
      return fc.shuffledSubarray(present, { minLength: present.length, maxLength: present.length }).map((order) => {
        const out: Record<string, unknown> = {}
        for (const [k, v] of order) out[k] = v
        if (!viaJson || !isJsonSafe(out)) return out
        const text = JSON.stringify(out)
        return JSON.parse(withProto ? `{"__proto__":{"x":1},${text.slice(1)}`.replace(',}', '}') : text)
      })
    })
}

/** Whether JSON.stringify + JSON.parse gives the same object back (no undefined, NaN, -0 or Infinity). */
function isJsonSafe(value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) return value.every(isJsonSafe)
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isJsonSafe)
  return true
}

const columnNames = fc.constantFrom('id', 'a', 'b', ' a ')
const columnLists = fc.constantFrom(['id'], ['a'], ['a', 'b'], [' b '], ['zz'], [])
const tableNames = fc.constantFrom('t', 'u', ' t ')

/** SQLAlchemy-shaped columns. */
export const sqlalchemyColumn = (noise: boolean) =>
  objectFor(documents.sqlalchemyColumn, {
    noise,
    overrides: { name: columnNames, type: fc.constantFrom(...TYPES) },
  })

/** SQLAlchemy-shaped constraints of every type, with an occasional unknown type. */
export const sqlalchemyConstraint = (noise: boolean) =>
  fc.oneof(
    withType(documents.sqlalchemyKeyConstraint, fc.constantFrom('PrimaryKeyConstraint', 'UniqueConstraint'), noise),
    withType(documents.sqlalchemyForeignKey, fc.constant('ForeignKeyConstraint'), noise, {
      referred_table: tableNames,
      referred_columns: columnLists,
    }),
    withType(documents.sqlalchemyCheck, fc.constant('CheckConstraint'), noise),
    objectFor(documents.constraintHead, { noise, overrides: { type: fc.constantFrom('Exclude', '') } }),
  )

function withType(
  schema: AnyObjectShape,
  type: fc.Arbitrary<string>,
  noise: boolean,
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      type,
      fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
      objectFor(schema, { noise, overrides: { columns: columnLists, ...overrides } }),
    )
    .map(([t, name, body]) =>
      typeof body === 'object' && body !== null ? { type: t, ...(name ? { name } : {}), ...body } : body,
    )
}

/** SQLAlchemy-shaped indexes. */
export const sqlalchemyIndex = (noise: boolean) =>
  objectFor(documents.sqlalchemyIndex, {
    noise,
    overrides: {
      name: fc.constantFrom('ix1', 'ix2', null),
      columns: fc.constantFrom(['a'], ['id', 'b'], [' a '], ['a', null], [{ column: 'b', descending: true }], ['zz']),
    },
  })

/** SQLAlchemy-shaped documents with a few small tables. */
export const sqlalchemyDocument = (noise: boolean) =>
  fc
    .array(
      fc.record({
        name: tableNames,
        columns: fc.array(sqlalchemyColumn(noise), { maxLength: 4 }),
        constraints: fc.array(sqlalchemyConstraint(noise), { maxLength: 3 }),
        indexes: fc.array(sqlalchemyIndex(noise), { maxLength: 2 }),
      }),
      { maxLength: 3 },
    )
    .map((tables) => ({ metadata: { schema_name: 'app', tables } }))
