import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { reportJsonSchema } from '../../src/format/index.js'
import type { ColumnField, ConstraintField, EnumField, IndexField, TableField } from '../../src/index.js'
import { documentJsonSchema, parseSchema, serializeSchema } from '../../src/index.js'
import * as documents from '../../src/model/document-schema.js'
import {
  alterableFields,
  columnShape,
  constraintShapes,
  enumShape,
  indexShape,
  tableShape,
} from '../../src/model/model-description.js'
import { type AnyObjectShape, INVALID, type JsonSchema, type ShapeIssue } from '../../src/model/shape.js'
import { arbitrarySchema } from '../arbitraries.js'
import { objectFor } from './document-arbitraries.js'

// The model and the documents are described once (src/model/model-description.ts and
// document-schema.ts); validation and the JSON Schemas both come from those descriptions. These
// properties check that the two agree: a JSON Schema accepts exactly the values its shape accepts,
// the canonical documents of generated schemas are valid against schema.json, and the models the
// readers build are valid against the report's definitions.

const ajv = () => new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })

/**
 * The document shapes whose fields hold values (lists of tables, columns, ... are read item by item),
 * with the `type` a canonical constraint has.
 */
const LEAF_SHAPES: Record<string, readonly [AnyObjectShape, string?]> = {
  'SQLAlchemy column': [documents.sqlalchemyColumn],
  'SQLAlchemy key constraint': [documents.sqlalchemyKeyConstraint],
  'SQLAlchemy foreign key': [documents.sqlalchemyForeignKey],
  'SQLAlchemy check': [documents.sqlalchemyCheck],
  'SQLAlchemy exclude': [documents.sqlalchemyExclude],
  'SQLAlchemy index': [documents.sqlalchemyIndex],
  'constraint head': [documents.constraintHead],
  enum: [documents.enumDocument],
  'canonical column': [documents.canonicalColumn],
  'canonical index': [documents.canonicalIndex],
  ...Object.fromEntries(
    Object.entries(documents.canonicalConstraints).map(([type, shape]) => [`canonical ${type}`, [shape, type]]),
  ),
}

const json = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)))

describe('each document shape and its JSON Schema', () => {
  for (const [name, [shape, type]] of Object.entries(LEAF_SHAPES)) {
    it(`accept the same JSON values (${name})`, () => {
      const validate = ajv().compile(shape.toJson())
      const lists = fc.constantFrom(['a'], ['a', ' b '], ['b'], [], [' '])
      // Exclusion elements: canonical objects, SQLAlchemy [element, operator] pairs, and invalid ones.
      const elements = fc.constantFrom([{ column: 'a', operator: '=' }], [['a', '&&']], [], [{ operator: '' }])
      const overrides = type
        ? {
            type: fc.constant(type),
            columns: lists,
            referencedColumns: lists,
            referencedTable: fc.constant('t'),
            elements,
          }
        : { elements }
      const values = fc.oneof(objectFor(shape, { overrides }), objectFor(shape, { noise: true, overrides }))
      fc.assert(
        fc.property(values.map(json), (value) => {
          expect(validate(value)).toBe(shape.parse(value, []) !== INVALID)
        }),
        { numRuns: 400 },
      )
      // Not vacuous: many generated values are valid (counted on a fixed-seed sample).
      const sample = fc.sample(values.map(json), { numRuns: 400, seed: 1 })
      expect(sample.filter((v) => shape.parse(v, []) !== INVALID).length).toBeGreaterThan(10)
    })
  }

  it('a valid value is its own output, but for trimmed text and copied lists', () => {
    const column = { name: ' id ', type: 'Integer', values: ['a'], info: { x: 1 } }
    const out = documents.sqlalchemyColumn.parse(column, []) as Record<string, unknown>
    expect(out).toEqual({ name: 'id', type: 'Integer', values: ['a'], info: { x: 1 } })
    expect(out.values).not.toBe(column.values)
    expect(out.info).toBe(column.info)
    const plain = { name: 'id', type: 'Integer', nullable: false }
    expect(documents.sqlalchemyColumn.parse(plain, [])).toBe(plain)
  })

  it('report issues with zod codes, paths and messages', () => {
    const issuesOf = (shape: AnyObjectShape, value: unknown) => {
      const issues: ShapeIssue[] = []
      expect(shape.parse(value, issues)).toBe(INVALID)
      return issues.map(({ code, path, message }) => ({ code, path, message }))
    }
    expect(issuesOf(documents.sqlalchemyColumn, { name: ' ', type: 5, length: -1, autoincrement: 'x' })).toEqual([
      { code: 'too_small', path: ['name'], message: 'Name must not be empty' },
      { code: 'invalid_type', path: ['type'], message: 'Invalid input: expected string, received number' },
      { code: 'too_small', path: ['length'], message: 'Too small: expected number to be >=0' },
      { code: 'invalid_union', path: ['autoincrement'], message: 'Invalid input' },
    ])
    expect(issuesOf(documents.canonicalIndex, { columns: [], where: null })).toEqual([
      { code: 'too_small', path: ['columns'], message: 'An index needs at least one column or expression' },
      { code: 'invalid_type', path: ['where'], message: 'Invalid input: expected string, received null' },
    ])
    // A union reports the one option the value had the type of.
    expect(issuesOf(documents.canonicalIndex, { columns: [''] })).toEqual([
      { code: 'too_small', path: ['columns', 0], message: 'Name must not be empty' },
    ])
    expect(issuesOf(documents.canonicalDocument, { format: 'schemaledger/2', tables: {} })).toEqual([
      { code: 'invalid_value', path: ['format'], message: 'Invalid input: expected "schemaledger/1"' },
      { code: 'invalid_type', path: ['tables'], message: 'Invalid input: expected array, received object' },
    ])
    expect(issuesOf(documents.canonicalColumn, { name: 'a', type: 'int', nullable: true, identity: {} })).toEqual([
      {
        code: 'invalid_value',
        path: ['identity', 'generation'],
        message: 'Invalid option: expected one of "always"|"by_default"',
      },
    ])
  })
})

describe('schema.json', () => {
  const validate = ajv().compile(documentJsonSchema())

  it('accepts the canonical document of every generated schema, and the examples', () => {
    fc.assert(
      fc.property(arbitrarySchema, (schema) => {
        const document = JSON.parse(serializeSchema(schema))
        expect(validate(document)).toBe(true)
      }),
      { numRuns: 100 },
    )
    for (const name of ['blog-v1', 'blog-v2']) {
      const document = JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'))
      expect(validate(document), name).toBe(true)
      expect(validate(JSON.parse(serializeSchema(parseSchema(document)))), name).toBe(true)
    }
  })

  it('rejects what the readers reject for its shape', () => {
    const document = JSON.parse(serializeSchema(parseSchema(readExample('blog-v1'))))
    const column = document.tables[0].columns[0]
    // An empty type is SQLite's column without a declared type, valid in the schema and the readers.
    document.tables[0].columns[0] = { ...column, type: ' ' }
    expect(validate(document)).toBe(true)
    expect(parseSchema(document).tables[0]?.columns[0]?.type).toEqual({ kind: 'untyped' })
    for (const broken of [
      { ...column, type: 5 },
      { ...column, nullable: 'yes' },
      { ...column, name: '' },
    ]) {
      document.tables[0].columns[0] = broken
      expect(validate(document)).toBe(false)
      expect(() => parseSchema(document)).toThrow()
    }
  })

  it('is the file npm run build writes, when built', () => {
    let shipped: unknown
    try {
      shipped = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8'))
    } catch {
      console.warn('schema.json not built yet (npm run build writes it): comparison skipped')
      return
    }
    expect(shipped).toEqual(documentJsonSchema())
  })
})

function readExample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'))
}

describe("the report's model definitions", () => {
  const report = reportJsonSchema() as { $defs: Record<string, JsonSchema> }
  const validatorOf = (name: string) => ajv().compile({ $defs: report.$defs, $ref: `#/$defs/${name}` })

  it('accept every table and enum a generated schema holds', () => {
    const table = validatorOf('table')
    const enumDefinition = validatorOf('enumDefinition')
    fc.assert(
      fc.property(arbitrarySchema, (schema) => {
        for (const t of schema.tables) expect(table(json(t)), t.name).toBe(true)
        for (const e of schema.enums) expect(enumDefinition(json(e)), e.name).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('list every field of the model, as the canonical document does', () => {
    const properties = (name: string) =>
      Object.keys((report.$defs[name] as { properties: Record<string, unknown> }).properties)
    expect(properties('column')).toEqual(columnShape.keys)
    expect(properties('index')).toEqual(indexShape.keys)
    expect(properties('table')).toEqual(tableShape.keys)
    expect(properties('enumDefinition')).toEqual(enumShape.keys)
    const constraintProperties = (report.$defs.constraint as { anyOf: { properties: object }[] }).anyOf.map((c) =>
      Object.keys(c.properties),
    )
    expect(constraintProperties).toEqual(Object.values(constraintShapes).map((s) => s.keys))
    // The canonical document has the model's fields, but for `extra` (unknown keys) and the index's
    // `parts`, written as `columns`.
    const sorted = (keys: readonly string[]) => [...keys].sort()
    const but = (keys: readonly string[], ...not: string[]) => sorted(keys.filter((k) => !not.includes(k)))
    expect(sorted(documents.canonicalColumn.keys)).toEqual(but(columnShape.keys, 'extra'))
    expect(sorted(documents.canonicalTable.keys)).toEqual(but(tableShape.keys, 'extra'))
    expect(sorted(documents.canonicalIndex.keys)).toEqual(
      sorted([...but(indexShape.keys, 'extra', 'parts'), 'columns']),
    )
    for (const [type, shape] of Object.entries(constraintShapes))
      expect(sorted(documents.canonicalConstraints[type as keyof typeof constraintShapes].keys)).toEqual(
        but(shape.keys, 'extra'),
      )
  })
})

describe('the fields a diff can list', () => {
  it("are the model's fields but names, namespaces, lists of children and extra", () => {
    // Checked by the compiler: a field added to the model's description fails `tsc` here until the
    // diff's field union lists it (and src/diff/diff-table.ts compares it).
    expectTypeOf<(typeof alterableFields.table)[number]>().toEqualTypeOf<TableField>()
    expectTypeOf<(typeof alterableFields.column)[number] | 'position'>().toEqualTypeOf<ColumnField>()
    expectTypeOf<(typeof alterableFields.constraint)[number]>().toEqualTypeOf<ConstraintField>()
    expectTypeOf<(typeof alterableFields.index)[number]>().toEqualTypeOf<IndexField>()
    expectTypeOf<(typeof alterableFields.enum)[number]>().toEqualTypeOf<EnumField>()
    expect(alterableFields.table).toEqual([
      'comment',
      'unlogged',
      'partitionBy',
      'partitionOf',
      'inherits',
      'with',
      'engine',
      'charset',
      'collation',
      'rowFormat',
      'keyBlockSize',
      'partitions',
      'subpartitionBy',
      'systemVersioning',
      'strict',
      'withoutRowid',
      'noRowidAlias',
      'nullableKey',
      'descendingKey',
      'rowSecurity',
      'policies',
      'grants',
      'owner',
    ])
    expect(alterableFields.enum).toEqual(['values', 'comment'])
  })
})
