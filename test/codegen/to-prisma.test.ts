import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { get_dmmf, validate } from '@prisma/prisma-schema-wasm'
import { describe, expect, it } from 'vitest'
import { toPrisma } from '../../src/codegen/to-prisma.js'
import type { Schema } from '../../src/index.js'
import { defineSchema, parseSchema } from '../../src/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { REPO_ROOT } from '../docs/block-sandbox.js'
import { type Datamodel, prismaImage, schemaFromDmmf } from './prisma-dmmf-schema.js'

// Judged by Prisma's own schema engine (the WASM build `prisma validate` runs): the schema must be
// valid, and the models, fields and attributes it reports must be the document's.

const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
const CASES: { name: string; doc: Schema; provider: 'postgresql' | 'mysql' | 'sqlite' }[] = [
  { name: 'seed', doc: parseSchema(readJson('test/fixtures/seed-v2.json')), provider: 'postgresql' },
  { name: 'seed', doc: parseSchema(readJson('test/fixtures/seed-v2.json')), provider: 'mysql' },
  {
    name: 'every kind',
    doc: parseSchema(readJson('test/codegen/fixtures/sqlalchemy-postgres.json')),
    provider: 'postgresql',
  },
  { name: 'rich', doc: parseSchema(readJson('test/codegen/fixtures/rich.json')), provider: 'postgresql' },
  { name: 'sqlite', doc: parseSchema(readJson('test/codegen/fixtures/sqlalchemy-sqlite.json')), provider: 'sqlite' },
]

interface DmmfField {
  name: string
  dbName?: string | null
  kind: string
  isList: boolean
  isRequired: boolean
  isId: boolean
  isUnique: boolean
  hasDefaultValue: boolean
  type: string
  relationName?: string
  relationFromFields?: string[]
  relationToFields?: string[]
  relationOnDelete?: string
}
interface DmmfModel {
  name: string
  dbName: string | null
  fields: DmmfField[]
  primaryKey: { name: string | null; fields: string[] } | null
  uniqueFields: string[][]
}

const dmmf = (source: string) =>
  JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: source }))).datamodel as Datamodel & { models: DmmfModel[] }

describe.each(CASES)('toPrisma $name ($provider), judged by prisma-schema-wasm', ({ doc, provider }) => {
  const { source } = toPrisma(doc, { provider })

  it('passes Prisma validation', () => {
    expect(() => validate(JSON.stringify({ prismaSchema: source }))).not.toThrow()
  })

  it('reports exactly the document, as Prisma can state it (types, defaults, keys, indexes, relations, enums)', () => {
    const { source: text, warnings } = toPrisma(doc, { provider })
    // Columns written Unsupported(...) are not in the DMMF; the warnings name them by document path.
    const unsupported = new Set(
      warnings.flatMap((w) => {
        const m = /^tables\[(\d+)\]\.columns\[(\d+)\]: Prisma has no type for /.exec(w)
        if (!m) return []
        const t = doc.tables[Number(m[1])]!
        return [`${t.name}.${t.columns[Number(m[2])]!.name}`]
      }),
    )
    const droppedKeys = new Set(
      warnings.flatMap((w) => /: foreign key (.+) joins columns of different types/.exec(w)?.[1] ?? []),
    )
    assertSchemaEqual(schemaFromDmmf(dmmf(text), provider), prismaImage(doc, provider, unsupported, droppedKeys))
  })

  it('reports one model per table, with the columns, keys and relations of the document', () => {
    const { models } = dmmf(source)
    expect(models.map((m) => m.dbName ?? m.name).sort()).toEqual(doc.tables.map((t) => t.name).sort())
    for (const table of doc.tables) {
      const model = models.find((m) => (m.dbName ?? m.name) === table.name) as DmmfModel
      const scalars = model.fields.filter((f) => f.kind !== 'object')
      // Unsupported(...) fields are not in the DMMF; every other column is, under its database name.
      const columns = table.columns.filter(
        (c) => source.includes(`@map(${JSON.stringify(c.name)})`) || scalars.some((f) => f.name === c.name),
      )
      expect(scalars.map((f) => f.dbName ?? f.name)).toEqual(
        columns.filter((c) => !/Unsupported/.test(fieldLine(source, model.name, c.name))).map((c) => c.name),
      )
      for (const field of scalars) {
        const column = table.columns.find((c) => c.name === (field.dbName ?? field.name))
        expect(column, `${table.name}.${field.name}`).toBeDefined()
        if (!column) continue
        expect(field.isRequired || field.isList, `${table.name}.${column.name} required`).toBe(
          !column.nullable || field.isList,
        )
        expect(field.isList, `${table.name}.${column.name} list`).toBe(column.type.kind === 'array')
        const hasDefault =
          column.default !== undefined || column.autoincrement === true || column.identity !== undefined
        expect(field.hasDefaultValue, `${table.name}.${column.name} default`).toBe(hasDefault)
      }
      const pk = table.constraints.find((c) => c.type === 'primary_key')
      const dbNames = (names: readonly string[]) => names.map((n) => scalars.find((f) => f.name === n)?.dbName ?? n)
      const keyed = model.primaryKey
        ? dbNames(model.primaryKey.fields)
        : scalars.filter((f) => f.isId).map((f) => f.dbName ?? f.name)
      expect(keyed).toEqual(pk?.columns ?? [])
      const uniques = table.constraints.filter((c) => c.type === 'unique').map((c) => [...c.columns])
      const reported = [
        ...scalars.filter((f) => f.isUnique).map((f) => [f.dbName ?? f.name]),
        ...model.uniqueFields.map(dbNames),
      ]
      for (const u of uniques) expect(reported).toContainEqual(u)
      // Every foreign key whose columns Prisma can relate is a relation field with its actions.
      const relations = model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)
      for (const r of relations) {
        const fk = table.constraints.find(
          (c) => c.type === 'foreign_key' && (c.name ?? `${table.name}_${c.columns.join('_')}_fkey`) === r.relationName,
        )
        expect(fk, r.relationName).toBeDefined()
        if (fk?.type !== 'foreign_key') continue
        expect(dbNames(r.relationFromFields ?? [])).toEqual(fk.columns)
        const action = { cascade: 'Cascade', set_null: 'SetNull', restrict: 'Restrict', set_default: 'SetDefault' }
        if (fk.onDelete && fk.onDelete !== 'no_action') expect(r.relationOnDelete).toBe(action[fk.onDelete])
      }
    }
  })
})

/** The source line of one field of one model. */
function fieldLine(source: string, model: string, column: string): string {
  const block = source.slice(source.indexOf(`model ${model} {`))
  const end = block.indexOf('\n}')
  return (
    block
      .slice(0, end)
      .split('\n')
      .find((l) => l.trim().startsWith(`${column} `) || l.includes(`@map(${JSON.stringify(column)})`)) ?? ''
  )
}

describe('toPrisma source', () => {
  it('lists what Prisma cannot express, in the header and the warnings', () => {
    const doc = parseSchema(readJson('test/codegen/fixtures/sqlalchemy-sqlite.json'))
    const { source, warnings } = toPrisma(doc, { provider: 'sqlite' })
    expect(warnings).toEqual([
      'tables[0].columns[13]: Prisma has no type for time; written as Unsupported',
      'tables[0].columns[14]: Prisma cannot declare a generated column (length(name)); written as a plain field',
      'tables[0].columns[15]: Prisma cannot declare a generated column (upper(name)); written as a plain field',
      'tables[0].constraints[3]: Prisma cannot declare CHECK (visits >= 0)',
      'tables[0].constraints[4]: Prisma cannot declare CHECK ck_rating (rating between 0 and 10)',
      'tables[0].indexes[0]: index ix_authors_active_name has a WHERE clause (active = 1), which Prisma cannot declare; not written',
      'tables[0].indexes[1]: index ix_authors_lower has expression key parts, which Prisma cannot declare; not written',
      'tables[1]: foreign key fk_books_editor: Prisma cannot name foreign keys on SQLite; written unnamed',
    ])
    for (const w of warnings) expect(source).toContain(`//   - ${w}`)
  })

  it('maps names Prisma cannot use and keeps the database names with @map / @@map', () => {
    const { source } = toPrisma(
      defineSchema({
        enums: [{ name: 'mood', values: ['it is', 'ok'] }],
        tables: [
          {
            name: 'audit-log',
            columns: [
              { name: '2fa', type: 'mood', nullable: false, default: "'it is'" },
              { name: 'id', type: 'integer', nullable: false },
            ],
            constraints: [{ type: 'primary_key', columns: ['id'] }],
          },
        ],
      }),
    )
    expect(source).toContain('  it_is @map("it is")')
    expect(source).toContain('model AuditLog {')
    expect(source).toContain('  f2fa mood @default(it_is) @map("2fa")')
    expect(source).toContain('  @@map("audit-log")')
  })

  it('rejects two tables that become one model, naming both', () => {
    const doc = defineSchema({
      tables: [
        { name: 'audit-log', columns: [{ name: 'id', type: 'integer' }] },
        { name: 'audit log', columns: [{ name: 'id', type: 'integer' }] },
      ],
    })
    expect(() => toPrisma(doc)).toThrowError(
      'table "audit-log" and table "audit log" both become the identifier AuditLog; rename one of them',
    )
  })

  it('writes a foreign key between different types as a warning, not a relation', () => {
    const { source, warnings } = toPrisma(parseSchema(readJson('test/fixtures/seed-v2.json')))
    expect(warnings).toContain(
      'tables[0]: foreign key posts_user_id_fkey joins columns of different types, which Prisma cannot declare as a relation; not written',
    )
    expect(source).not.toContain('"posts_user_id_fkey"')
  })
})
